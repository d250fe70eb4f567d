// Whole pages of appointments: the concierge's appointment page of a request (where forms come
// back with their messages), and the provider's page opened from its signed link, which says
// plainly when the link can act no more.
import type { Config } from '../../config.ts';
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { formatPhone } from '../../platform/typography.ts';
import { Form, SubmitButton, TextArea, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';
import { fullName } from '../../members/index.ts';
import { REQUESTS_PATH, requestPath } from '../requests.paths.ts';
import type { RequestFile } from '../requests.service.ts';
import { requestNumberLabel } from '../requests.rules.ts';
import { providerAnswerPath } from './appointments.paths.ts';
import type { ProviderLinkView } from './appointments.provider.service.ts';
import { durationInWords, whenInWords } from './appointments.rules.ts';
import { DeskPanel, type DeskPanelProps } from './appointments.views.tsx';

export function DeskPage(props: Omit<DeskPanelProps, 'requestId' | 'requestStatus'> & { file: RequestFile }) {
  const { ctx, file } = props;
  const number = requestNumberLabel(file.request.number);
  const title = t('appointments.desk.title', { number });
  const trail: Array<[string, string?]> = [[t('backoffice.trail'), BACKOFFICE_PATH], [t('requests.list.title'), REQUESTS_PATH], [number, requestPath(file.request.id)], [t('appointments.panel.title')]];
  return (
    <Page ctx={ctx} title={title} trail={trail} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('appointments.desk.for', { member: fullName(file.member), title: file.request.title })}</p>
      <DeskPanel {...props} requestId={file.request.id} requestStatus={file.request.status} />
      <p>
        <a href={requestPath(file.request.id)}>{t('appointments.desk.back')}</a>
      </p>
    </Page>
  );
}

function SlotFacts({ view, config, nowAt }: { view: ProviderLinkView; config: Config; nowAt: string }) {
  const { appointment, request, member } = view;
  return (
    <dl class="facts">
      <dt>{t('appointments.panel.when')}</dt>
      <dd>{whenInWords(appointment.startsAt, config.timeZone, nowAt)}</dd>
      <dt>{t('appointments.panel.duration')}</dt>
      <dd>{durationInWords(appointment.durationMinutes)}</dd>
      <dt>{t('appointments.provider.for')}</dt>
      <dd>
        {fullName(member)}
        {member.phone ? <span class="nowrap">, {formatPhone(member.phone)}</span> : null}
      </dd>
      <dt>{t('appointments.provider.about')}</dt>
      <dd>
        {requestNumberLabel(request.number)} : « {request.title} »
      </dd>
    </dl>
  );
}

function Answers({ ctx, view, token, state }: { ctx: PageContext; view: ProviderLinkView; token: string; state: FormState }) {
  const id = view.appointment.id;
  return (
    <>
      <form method="post" action={providerAnswerPath(id, token, 'confirmer')} class="actions">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <button type="submit" class="button button--large">
          {t('appointments.provider.confirm')}
        </button>
      </form>
      <section aria-labelledby="rdv-refus">
        <h2 id="rdv-refus">{t('appointments.provider.decline_title')}</h2>
        <Form ctx={ctx} action={providerAnswerPath(id, token, 'refuser')} state={state} labels={{ reason: t('appointments.field.decline_reason') }}>
          <TextArea name="reason" label={t('appointments.field.decline_reason')} state={state} rows={3} required />
          <SubmitButton secondary>{t('appointments.provider.decline')}</SubmitButton>
        </Form>
      </section>
    </>
  );
}

export interface ProviderPageProps {
  ctx: PageContext;
  config: Config;
  nowAt: string;
  view: ProviderLinkView;
  token: string;
  /** set right after this visitor's own answer */
  thanks?: 'confirmed' | 'declined';
  state?: FormState;
}

/** The provider's page: the slot, then either its two answers or why the link acts no more. */
export function ProviderPage({ ctx, config, nowAt, view, token, thanks, state }: ProviderPageProps) {
  const title = t('appointments.provider.title');
  const message = thanks ? t(thanks === 'confirmed' ? 'appointments.provider.thanks_confirmed' : 'appointments.provider.thanks_declined') : view.state === 'open' ? null : t(`appointments.provider.state.${view.state}`);
  return (
    <Page ctx={ctx} title={title} noindex>
      <h1>{title}</h1>
      {message ? (
        <p class="flash" role="status">
          {message}
        </p>
      ) : (
        <p class="lead">{t('appointments.provider.intro', { name: config.conciergerie.name })}</p>
      )}
      <p>
        <strong>{view.shop.tradeName}</strong>
      </p>
      <SlotFacts view={view} config={config} nowAt={nowAt} />
      <p>{t('appointments.provider.call', { phone: formatPhone(config.conciergerie.phone) })}</p>
      {!message && view.state === 'open' ? <Answers ctx={ctx} view={view} token={token} state={state ?? { values: {}, errors: {} }} /> : null}
    </Page>
  );
}
