// The pages shown for a refusal or a failure: plain French, a way back, the phone number.
import { t } from './i18n/index.ts';
import type { PageContext } from './page-context.ts';
import { Page } from '../ui/layout.tsx';

export function ErrorPage({ ctx, title, message, reference }: { ctx: PageContext; title: string; message: string; reference?: string }) {
  return (
    <Page ctx={ctx} title={title} noindex>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      {reference ? <p class="muted">{t('page.error_reference', { reference })}</p> : null}
      <p>
        <a href="/">{t('page.back_home')}</a>
      </p>
    </Page>
  );
}
