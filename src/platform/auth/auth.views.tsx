// Pages to log in and to choose a password.
import { t } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';
import { Page } from '../../ui/layout.tsx';
import { Form, HiddenField, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { LOGIN_PATH, RESET_REQUEST_PATH, passwordLinkPath } from './auth.paths.ts';
import { MEMBERSHIP_REQUEST_PATH } from '../paths.ts';

export function LoginPage({ ctx, state, back }: { ctx: PageContext; state: FormState; back: string }) {
  const labels = { email: t('login.email'), password: t('login.password') };
  return (
    <Page ctx={ctx} title={t('login.title')}>
      <h1>{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      <Form ctx={ctx} action={LOGIN_PATH} state={state} labels={labels}>
        <HiddenField name="retour" value={back} />
        <TextField name="email" label={labels.email} type="email" autocomplete="username" state={state} required />
        <TextField name="password" label={labels.password} type="password" autocomplete="current-password" state={state} required />
        <SubmitButton>{t('login.submit')}</SubmitButton>
      </Form>
      <p>
        <a href={RESET_REQUEST_PATH}>{t('login.forgot')}</a>
      </p>
      <div class="panel">
        <p>{t('login.no_account')}</p>
        <p>
          <a class="button button--secondary" href={MEMBERSHIP_REQUEST_PATH}>
            {t('join.login_link')}
          </a>
        </p>
      </div>
    </Page>
  );
}

export function ResetRequestPage({ ctx, state, sent }: { ctx: PageContext; state: FormState; sent: boolean }) {
  const labels = { email: t('login.email') };
  return (
    <Page ctx={ctx} title={t('reset.request_title')}>
      <h1>{t('reset.request_title')}</h1>
      {sent ? (
        <p class="flash" role="status">
          {t('reset.request_sent')}
        </p>
      ) : (
        <>
          <p>{t('reset.request_intro')}</p>
          <Form ctx={ctx} action={RESET_REQUEST_PATH} state={state} labels={labels}>
            <TextField name="email" label={labels.email} type="email" autocomplete="email" state={state} required />
            <SubmitButton>{t('reset.request_submit')}</SubmitButton>
          </Form>
        </>
      )}
    </Page>
  );
}

export function ChoosePasswordPage({ ctx, state, token }: { ctx: PageContext; state: FormState; token: string }) {
  const labels = { password: t('reset.password'), password_confirm: t('reset.password_confirm') };
  return (
    <Page ctx={ctx} title={t('reset.choose_title')} noindex>
      <h1>{t('reset.choose_title')}</h1>
      <p>{t('reset.choose_intro')}</p>
      <Form ctx={ctx} action={passwordLinkPath(token)} state={state} labels={labels}>
        <TextField name="password" label={labels.password} type="password" autocomplete="new-password" state={state} required />
        <TextField name="password_confirm" label={labels.password_confirm} type="password" autocomplete="new-password" state={state} required />
        <SubmitButton>{t('reset.submit')}</SubmitButton>
      </Form>
    </Page>
  );
}
