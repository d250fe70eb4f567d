// Pages of the second login step: the code asked after the password, and the back-office
// page where a concierge or town account sets it up or turns it off.
import { formatDate } from '../clock.ts';
import { t } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';
import { Page } from '../../ui/layout.tsx';
import { FieldError, Form, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import type { TotpSetup } from './totp.service.ts';
import { BACKOFFICE_PATH } from '../paths.ts';
import { LOGIN_CODE_PATH, LOGIN_PATH, totpActionPath } from './auth.paths.ts';

/** The 6-digit code field: numeric keypad on phones, filled in by password managers that hold the secret. */
function CodeField({ label, state }: { label: string; state: FormState }) {
  return <TextField name="code" label={label} state={state} autocomplete="one-time-code" inputMode="numeric" size="short" required />;
}

export function LoginCodePage({ ctx, state }: { ctx: PageContext; state: FormState }) {
  const labels = { code: t('login_code.code') };
  return (
    <Page ctx={ctx} title={t('login_code.title')} noindex>
      <h1>{t('login_code.title')}</h1>
      <p>{t('login_code.intro', { site: ctx.conciergerie.name })}</p>
      <Form ctx={ctx} action={LOGIN_CODE_PATH} state={state} labels={labels}>
        <CodeField label={labels.code} state={state} />
        <SubmitButton>{t('login_code.submit')}</SubmitButton>
      </Form>
      <p>
        <a href={LOGIN_PATH}>{t('login_code.restart')}</a>
      </p>
    </Page>
  );
}

const trail = (title: string): Array<[string, string?]> => [
  [t('nav.home'), '/'],
  [t('backoffice.title'), BACKOFFICE_PATH],
  [title],
];

export function TotpPage({ ctx, setup, state, required }: { ctx: PageContext; setup: TotpSetup; state: FormState; required: boolean }) {
  const title = t('totp.title');
  return (
    <Page ctx={ctx} title={title} trail={trail(title)} noindex>
      <h1>{title}</h1>
      {required && setup.status !== 'on' ? (
        <p class="panel" role="status">
          {t('totp.required')}
        </p>
      ) : null}
      {/* A form sent from a page that is no longer this one (the step turned off, or made
          compulsory, in another tab): no form here holds the code, so its refusal is said above. */}
      {setup.status === 'off' || (setup.status === 'on' && required) ? <FieldError message={Object.values(state.errors)[0]} alert /> : null}
      {setup.status === 'off' ? <TotpOff ctx={ctx} /> : null}
      {setup.status === 'pending' ? <TotpPending ctx={ctx} setup={setup} state={state} /> : null}
      {setup.status === 'on' ? <TotpOn ctx={ctx} setup={setup} state={state} required={required} /> : null}
    </Page>
  );
}

function TotpOff({ ctx }: { ctx: PageContext }) {
  return (
    <>
      <p>{t('totp.why')}</p>
      <p>{t('totp.off')}</p>
      <Form ctx={ctx} action={totpActionPath('nouveau-code')} state={{ values: {}, errors: {} }}>
        <SubmitButton>{t('totp.start')}</SubmitButton>
      </Form>
    </>
  );
}

function TotpPending({ ctx, setup, state }: { ctx: PageContext; setup: Extract<TotpSetup, { status: 'pending' }>; state: FormState }) {
  const labels = { code: t('totp.code') };
  return (
    <>
      <p>{t('totp.why')}</p>
      <ol class="steps">
        <li>{t('totp.step_app')}</li>
        <li>
          <p>{t('totp.step_scan')}</p>
          <img class="qr-code" src={setup.qrImage} alt={t('totp.qr_alt')} width={240} height={240} />
          <p>{t('totp.step_key')}</p>
          <p>
            <span class="visually-hidden">{t('totp.key_label')}&nbsp;: </span>
            <code class="totp-secret">{setup.secretGroups}</code>
          </p>
        </li>
        <li>
          <p>{t('totp.step_code')}</p>
          <Form ctx={ctx} action={totpActionPath('activer')} state={state} labels={{ ...labels, password: t('totp.password') }}>
            <TextField name="password" label={t('totp.password')} hint={t('totp.password_hint')} type="password" autocomplete="current-password" state={state} required />
            <CodeField label={labels.code} state={state} />
            <SubmitButton>{t('totp.confirm')}</SubmitButton>
          </Form>
        </li>
      </ol>
      <Form ctx={ctx} action={totpActionPath('nouveau-code')} state={{ values: {}, errors: {} }}>
        <SubmitButton secondary>{t('totp.restart')}</SubmitButton>
      </Form>
    </>
  );
}

function TotpOn({ ctx, setup, state, required }: { ctx: PageContext; setup: Extract<TotpSetup, { status: 'on' }>; state: FormState; required: boolean }) {
  const labels = { code: t('totp.code') };
  return (
    <>
      <p class="lead">{t('totp.enabled')}</p>
      <p>{t('totp.on_since', { date: formatDate(setup.enabledAt, ctx.timeZone) })}</p>
      {required ? (
        <p>{t('totp.mandatory')}</p>
      ) : (
        <>
          <h2>{t('totp.turn_off_title')}</h2>
          <p>{t('totp.turn_off_intro')}</p>
          <Form ctx={ctx} action={totpActionPath('desactiver')} state={state} labels={labels}>
            <CodeField label={labels.code} state={state} />
            <SubmitButton>{t('totp.turn_off')}</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}
