// The provider's pages: one request addressed to it (opened from its mail's link, or from its
// portal) with the form to send its quote or decline, or where things stand; and its portal's
// list of requests.
import { formatLocalDate, localDateOf } from '../../platform/calendar.ts';
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { portalShopPath } from '../../platform/paths.ts';
import { Form, SelectField, SubmitButton, TextArea, TextField, FileField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { requestNumberLabel } from '../requests.rules.ts';
import { QUOTE_VAT_RATES } from './quotes.rules.ts';
import type { PortalQuote, ProviderView } from './quotes.service.ts';
import { PhoneLink, QuoteFacts } from './quotes.views.tsx';

export interface ProviderActions {
  send: string;
  decline: string;
  done: string;
  pdf?: string;
}

export interface ProviderForms {
  send: FormState;
  decline: FormState;
}

export const QUOTE_FIELD_LABELS = (): Record<string, string> => ({
  amount: t('quotes.amount'),
  valid_until: t('quotes.valid_until'),
  vat_rate: t('quotes.provider.vat'),
  file: t('quotes.provider.file'),
  note: t('quotes.provider.note'),
});

/** The quote's fields: the provider's form and the concierge's « received by phone » form share them. */
export function QuoteFields({ state }: { state: FormState }) {
  const vatOptions = QUOTE_VAT_RATES.map((rate): [string, string] => [String(rate), t(`quotes.provider.vat.${rate}`)]);
  return (
    <>
      <TextField name="amount" label={t('quotes.amount')} hint={t('quotes.provider.amount_hint')} state={state} inputMode="decimal" size="short" required />
      <TextField name="valid_until" label={t('quotes.valid_until')} hint={t('quotes.provider.valid_until_hint')} state={state} size="medium" required />
      <SelectField name="vat_rate" label={t('quotes.provider.vat')} state={state} options={vatOptions} defaultValue="2000" />
      <FileField name="file" label={t('quotes.provider.file')} hint={t('quotes.provider.file_hint')} state={state} accept="application/pdf,.pdf" />
      <TextArea name="note" label={t('quotes.provider.note')} hint={t('quotes.provider.note_hint')} state={state} rows={4} />
    </>
  );
}

function Contact({ view }: { view: ProviderView }) {
  const member = view.member;
  if (!member) return <p>{t('quotes.provider.no_contact')}</p>;
  return (
    <>
      <h2>{t('quotes.provider.contact')}</h2>
      <p>
        {member.firstName} {member.lastName}
        <br />
        {member.addressLine}, {member.postalCode} {member.city}
        {member.phone ? (
          <>
            <br />
            <PhoneLink phone={member.phone} />
          </>
        ) : null}
      </p>
    </>
  );
}

function AnswerForms({ ctx, actions, forms }: { ctx: PageContext; actions: ProviderActions; forms: ProviderForms }) {
  return (
    <>
      <h2>{t('quotes.provider.send_title')}</h2>
      <Form ctx={ctx} action={actions.send} state={forms.send} multipart labels={QUOTE_FIELD_LABELS()}>
        <QuoteFields state={forms.send} />
        <SubmitButton>{t('quotes.provider.send')}</SubmitButton>
      </Form>
      <h2>{t('quotes.provider.decline_title')}</h2>
      <Form ctx={ctx} action={actions.decline} state={forms.decline} labels={{ reason: t('quotes.provider.decline_reason') }}>
        <TextArea name="reason" label={t('quotes.provider.decline_reason')} state={forms.decline} rows={3} />
        <SubmitButton secondary>{t('quotes.provider.decline')}</SubmitButton>
      </Form>
    </>
  );
}

function WhereItStands({ ctx, view, actions }: { ctx: PageContext; view: ProviderView; actions: ProviderActions }) {
  const { step } = view;
  if (step === 'answer') return null;
  const line = { ...view.quote, provider: { id: view.shop.id, name: view.shop.tradeName, email: view.shop.email, phone: view.shop.phone, trades: '', labels: [] } };
  return (
    <>
      <p class={step === 'cancelled' || step === 'closed' ? 'panel panel--warning' : 'panel'} role="status">
        {t(`quotes.provider.step.${step}`)}
      </p>
      {view.quote.amountCents !== null ? (
        <>
          <h2>{t('quotes.provider.your_quote')}</h2>
          <QuoteFacts line={line} today={view.today} pdfHref={actions.pdf} />
        </>
      ) : null}
      {step === 'accepted' ? (
        <form method="post" action={actions.done} class="actions">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button type="submit" class="button">
            {t('quotes.provider.done')}
          </button>
        </form>
      ) : null}
    </>
  );
}

/** One request addressed to the provider, with what it may do now. */
export function ProviderQuotePage({ ctx, view, actions, forms, trail }: { ctx: PageContext; view: ProviderView; actions: ProviderActions; forms: ProviderForms; trail?: Array<[string, string?]> }) {
  const number = requestNumberLabel(view.request.number);
  const title = t('quotes.provider.title', { number });
  return (
    <Page ctx={ctx} title={title} trail={trail} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('quotes.provider.intro', { conciergerie: ctx.conciergerie.name })}</p>
      <h2>{t('quotes.provider.need')}</h2>
      <p>
        <strong>{view.request.title}</strong>
      </p>
      {view.request.details.trim() ? <p class="pre-line">{view.request.details}</p> : null}
      <Contact view={view} />
      {view.step === 'answer' ? <AnswerForms ctx={ctx} actions={actions} forms={forms} /> : <WhereItStands ctx={ctx} view={view} actions={actions} />}
    </Page>
  );
}

/** The provider's portal: the requests addressed to its shop. */
export function PortalQuotesPage({ ctx, shopName, shopId, quotes, hrefOf }: { ctx: PageContext; shopName: string; shopId: string; quotes: PortalQuote[]; hrefOf: (quoteId: string) => string }) {
  const title = t('quotes.portal.title', { name: shopName });
  return (
    <Page ctx={ctx} title={title} trail={[[shopName, portalShopPath(shopId)], [t('quotes.portal.link')]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('quotes.portal.intro')}</p>
      {quotes.length === 0 ? (
        <p>{t('quotes.portal.none')}</p>
      ) : (
        <ul class="cards">
          {quotes.map(({ quote, request, step }) => (
            <li class="card">
              <h2>
                <a href={hrefOf(quote.id)}>{t('quotes.request', { number: requestNumberLabel(request.number), title: request.title })}</a>
              </h2>
              <p>{t('quotes.portal.asked_on', { date: formatLocalDate(localDateOf(quote.askedAt, ctx.timeZone)) })}</p>
              <p>
                <span class="badge">{step === 'answer' ? t('quotes.status.asked') : t(`quotes.status.${quote.status}`)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
