// The sub-area's own pages: the concierge's quotes of a request and one quote (record it,
// record the member's « yes » given on the phone, the work done), the member's comparison.
// They show the same sections as the request's pages, and come back with a refused form's
// messages beside its fields.
import { formatLocalDate } from '../../platform/calendar.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { Form, HiddenField, MessageSummary, SubmitButton, TextArea, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { OWN_REQUESTS_PATH, ownRequestPath, REQUESTS_PATH, requestPath } from '../requests.paths.ts';
import { requestNumberLabel } from '../requests.rules.ts';
import { ConciergeQuotesSection, MemberQuotesSection, type AskForm, type QuotesData } from './quotes.panels.tsx';
import { conciergeQuotePath, conciergeQuotesPath } from './quotes.paths.ts';
import { isStillValid } from './quotes.rules.ts';
import type { ProviderChoice, QuoteLine } from './quotes.service.ts';
import { QUOTE_FIELD_LABELS, QuoteFields } from './quotes.provider.views.tsx';
import { QuoteFacts } from './quotes.views.tsx';

function RequestSummary({ data }: { data: QuotesData }) {
  return (
    <>
      <p>
        <strong>{data.request.title}</strong>
      </p>
      {data.request.details.trim() ? <p class="pre-line">{data.request.details}</p> : null}
    </>
  );
}

export function ConciergeQuotesPage({ ctx, data, choices, form }: { ctx: PageContext; data: QuotesData; choices: ProviderChoice[]; form: AskForm }) {
  const number = requestNumberLabel(data.request.number);
  const title = t('quotes.concierge.title', { number });
  return (
    <Page ctx={ctx} title={title} trail={[[t('requests.list.title'), REQUESTS_PATH], [number, requestPath(data.request.id)], [t('quotes.section')]]} noindex>
      <h1>{title}</h1>
      <RequestSummary data={data} />
      <ConciergeQuotesSection ctx={ctx} data={data} choices={choices} form={form} />
    </Page>
  );
}

export interface QuoteForms {
  record: FormState;
  decline: FormState;
  accept: FormState;
  acceptKey: string;
  /** refusals of the one-button forms (the work done) */
  errors?: FieldErrors;
}

/** « 03/12/2026 » for a local date, as the day fields are typed. */
export function dayInput(localDate: string): string {
  const [year, month, day] = localDate.split('-');
  return `${day}/${month}/${year}`;
}

function RecordForms({ ctx, data, line, forms }: { ctx: PageContext; data: QuotesData; line: QuoteLine; forms: QuoteForms }) {
  return (
    <>
      <h2>{t('quotes.concierge.record')}</h2>
      <Form ctx={ctx} action={conciergeQuotePath(data.request.id, line.id, 'saisir')} state={forms.record} multipart labels={QUOTE_FIELD_LABELS()}>
        <QuoteFields state={forms.record} />
        <SubmitButton>{t('quotes.provider.send')}</SubmitButton>
      </Form>
      <h2>{t('quotes.concierge.decline')}</h2>
      <Form ctx={ctx} action={conciergeQuotePath(data.request.id, line.id, 'refus')} state={forms.decline} labels={{ reason: t('quotes.provider.decline_reason') }}>
        <TextArea name="reason" label={t('quotes.provider.decline_reason')} state={forms.decline} rows={3} />
        <SubmitButton secondary>{t('quotes.concierge.decline')}</SubmitButton>
      </Form>
    </>
  );
}

function AcceptByPhoneForm({ ctx, data, line, forms }: { ctx: PageContext; data: QuotesData; line: QuoteLine; forms: QuoteForms }) {
  const expired = line.validUntilDate !== null && !isStillValid(line.validUntilDate, data.today);
  return (
    <>
      <h2>{t('quotes.concierge.accept')}</h2>
      {expired ? <p class="panel panel--warning">{t('quotes.concierge.expired_warning', { date: formatLocalDate(line.validUntilDate!, data.today) })}</p> : null}
      <Form ctx={ctx} action={conciergeQuotePath(data.request.id, line.id, 'accepter')} state={forms.accept} labels={{ who: t('quotes.concierge.accept_who'), accepted_on: t('quotes.concierge.accept_on') }}>
        <HiddenField name="idempotency_key" value={forms.acceptKey} />
        <TextField name="who" label={t('quotes.concierge.accept_who')} hint={t('quotes.concierge.accept_who_hint')} state={forms.accept} required />
        <TextField name="accepted_on" label={t('quotes.concierge.accept_on')} hint={t('quotes.concierge.accept_on_hint')} state={forms.accept} size="medium" defaultValue={dayInput(data.today)} required />
        <SubmitButton>{t('quotes.concierge.accept_submit')}</SubmitButton>
      </Form>
    </>
  );
}

/** One quote for the concierge, with what can be done with it now. */
export function ConciergeQuotePage({ ctx, data, line, forms }: { ctx: PageContext; data: QuotesData; line: QuoteLine; forms: QuoteForms }) {
  const number = requestNumberLabel(data.request.number);
  const title = t('quotes.concierge.quote_title', { name: line.provider.name, number });
  const open = data.request.status !== 'cancelled';
  const recording = open && line.status === 'asked';
  const accepting = open && line.status === 'received' && data.request.status === 'quotes_received';
  // A refusal of a form the page no longer shows (the quote moved meanwhile) is said at the top.
  const unshown = { ...forms.errors, ...(recording ? {} : { ...forms.record.errors, ...forms.decline.errors }), ...(accepting ? {} : forms.accept.errors) };
  return (
    <Page ctx={ctx} title={title} trail={[[t('requests.list.title'), REQUESTS_PATH], [number, requestPath(data.request.id)], [t('quotes.section'), conciergeQuotesPath(data.request.id)], [line.provider.name]]} noindex>
      <h1>{title}</h1>
      <MessageSummary errors={unshown} />
      <p>
        <span class="badge">{t(`quotes.status.${line.status}`)}</span>
      </p>
      <RequestSummary data={data} />
      {line.shareContact ? <p>{t('quotes.concierge.contact_shared')}</p> : null}
      <QuoteFacts line={line} today={data.today} pdfHref={conciergeQuotePath(data.request.id, line.id, 'pdf')} />
      {line.enteredBy === 'concierge' && line.amountCents !== null ? <p class="muted">{t('quotes.entered_by_concierge')}</p> : null}
      {recording ? <RecordForms ctx={ctx} data={data} line={line} forms={forms} /> : null}
      {accepting ? <AcceptByPhoneForm ctx={ctx} data={data} line={line} forms={forms} /> : null}
      {open && line.status === 'accepted' ? (
        <form method="post" action={conciergeQuotePath(data.request.id, line.id, 'fait')} class="actions">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button type="submit" class="button">
            {t('quotes.concierge.done')}
          </button>
        </form>
      ) : null}
      <p>
        <a href={conciergeQuotesPath(data.request.id)}>{t('quotes.concierge.back')}</a>
      </p>
    </Page>
  );
}

export function MemberQuotesPage({ ctx, data, errors }: { ctx: PageContext; data: QuotesData; errors?: FieldErrors }) {
  const number = requestNumberLabel(data.request.number);
  const title = t('quotes.member.title', { number });
  return (
    <Page ctx={ctx} title={title} trail={[[t('requests.own.title'), OWN_REQUESTS_PATH], [number, ownRequestPath(data.request.id)], [t('quotes.section')]]} noindex>
      <h1>{title}</h1>
      <MessageSummary errors={errors} />
      <RequestSummary data={data} />
      <MemberQuotesSection ctx={ctx} data={data} />
    </Page>
  );
}
