// The quotes' sections of a request's pages: the concierge's (who was asked, each quote, the
// form to ask providers), the member's (compare and accept) and the follow page's (read only).
// The root's pages show them through `quotePanels`; the sub-area's own pages (quotes.pages.tsx)
// show them too, with a refused form's messages.
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/index.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { signedToken } from '../../platform/signed-links.ts';
import { Checkbox, FieldError, Form, HiddenField, SubmitButton, emptyForm, type FormState } from '../../ui/forms.tsx';
import { FOLLOW_PURPOSE } from '../requests.mails.ts';
import type { KindPanels } from '../requests.panels.ts';
import type { ServiceRequest } from '../requests.repository.ts';
import { askProvidersPath, conciergeQuotePath, followQuotePdfPath, memberQuotePath } from './quotes.paths.ts';
import { ASKING_STATUSES, isStillValid } from './quotes.rules.ts';
import { providerChoices, quoteLinesOf, todayIn, type ProviderChoice, type QuoteLine } from './quotes.service.ts';
import { QuoteCards } from './quotes.views.tsx';

export interface QuotesData {
  request: ServiceRequest;
  lines: QuoteLine[];
  today: string;
}

export async function quotesData(db: Executor, config: Config, request: ServiceRequest): Promise<QuotesData> {
  return { request, lines: await quoteLinesOf(db, request.id), today: todayIn(config) };
}

// ---- the concierge ----

export interface AskForm {
  state: FormState;
  /** the providers ticked on a form sent back */
  ticked: readonly string[];
  key: string;
}

export const emptyAskForm = (): AskForm => ({ state: emptyForm(), ticked: [], key: newIdempotencyKey() });

function ProviderBoxes({ choices, form }: { choices: ProviderChoice[]; form: AskForm }) {
  const error = form.state.errors.providers;
  return (
    <fieldset class={error ? 'field field--error' : 'field'} id="champ-providers" aria-describedby={`aide-providers${error ? ' erreur-providers' : ''}`}>
      <legend>{t('quotes.ask.providers')}</legend>
      <p class="field__hint" id="aide-providers">
        {t('quotes.ask.providers_hint')}
      </p>
      <FieldError field="providers" message={error} />
      {choices.map((choice) => (
        <div class="radio">
          <input type="checkbox" id={`champ-providers-${choice.id}`} name="providers" value={choice.id} checked={form.ticked.includes(choice.id)} />
          <label for={`champ-providers-${choice.id}`}>
            {choice.name}
            {choice.trades ? ` — ${choice.trades}` : ''}
            {choice.email ? null : <span class="muted"> ({t('quotes.ask.no_email')})</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function AskProvidersForm({ ctx, data, choices, form }: { ctx: PageContext; data: QuotesData; choices: ProviderChoice[]; form: AskForm }) {
  const asked = new Set(data.lines.map((line) => line.shopId));
  const open = choices.filter((choice) => !asked.has(choice.id));
  return (
    <>
      <h3>{t('quotes.ask.title')}</h3>
      {open.length === 0 ? (
        <p>{t('quotes.ask.no_providers')}</p>
      ) : (
        <Form ctx={ctx} action={askProvidersPath(data.request.id)} state={form.state} labels={{ providers: t('quotes.ask.providers') }}>
          <HiddenField name="idempotency_key" value={form.key} />
          <ProviderBoxes choices={open} form={form} />
          <Checkbox name="share_contact" label={t('quotes.ask.share_contact')} hint={t('quotes.ask.share_contact_hint')} state={form.state} />
          <SubmitButton>{t('quotes.ask.submit')}</SubmitButton>
        </Form>
      )}
    </>
  );
}

export function ConciergeQuotesSection({ ctx, data, choices, form }: { ctx: PageContext; data: QuotesData; choices: ProviderChoice[]; form: AskForm }) {
  const actions = (line: QuoteLine) => (
    <p>
      <a href={conciergeQuotePath(data.request.id, line.id)}>
        {t('quotes.concierge.open')}
        <span class="visually-hidden"> {line.provider.name}</span>
      </a>
    </p>
  );
  return (
    <section aria-labelledby="devis-titre">
      <h2 id="devis-titre">{t('quotes.section')}</h2>
      <QuoteCards lines={data.lines} today={data.today} pdfHref={(line) => conciergeQuotePath(data.request.id, line.id, 'pdf')} actions={actions} />
      {ASKING_STATUSES.includes(data.request.status) ? <AskProvidersForm ctx={ctx} data={data} choices={choices} form={form} /> : null}
    </section>
  );
}

// ---- the member ----

function MemberAction({ ctx, data, line }: { ctx: PageContext; data: QuotesData; line: QuoteLine }) {
  if (line.status === 'accepted' || line.status === 'done') {
    return (
      <div class="panel">
        <p>{t('quotes.member.chosen')}</p>
        {line.status === 'accepted' && line.amountCents !== null ? <p>{t('quotes.member.pay', { amount: formatEuros(line.amountCents) })}</p> : null}
      </div>
    );
  }
  if (line.status !== 'received' || data.request.status !== 'quotes_received' || line.validUntilDate === null) return null;
  if (!isStillValid(line.validUntilDate, data.today)) return <p class="panel panel--warning">{t('quotes.member.expired')}</p>;
  return (
    <form method="post" action={memberQuotePath(data.request.id, line.id, 'accepter')} class="actions">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <input type="hidden" name="idempotency_key" value={newIdempotencyKey()} />
      <button type="submit" class="button">
        {t('quotes.member.accept')}
        <span class="visually-hidden"> {t('quotes.member.accept_of', { name: line.provider.name, amount: formatEuros(line.amountCents ?? 0) })}</span>
      </button>
    </form>
  );
}

export function MemberQuotesSection({ ctx, data }: { ctx: PageContext; data: QuotesData }) {
  const waiting = data.lines.some((line) => line.status === 'asked');
  return (
    <section aria-labelledby="devis-titre">
      <h2 id="devis-titre">{t('quotes.section')}</h2>
      {data.request.status === 'quotes_received' ? <p>{t('quotes.member.intro', { phone: ctx.conciergerie.phone })}</p> : null}
      {waiting ? <p>{t('quotes.member.waiting')}</p> : null}
      <QuoteCards
        lines={data.lines}
        today={data.today}
        pdfHref={(line) => memberQuotePath(data.request.id, line.id, 'pdf')}
        actions={(line) => <MemberAction ctx={ctx} data={data} line={line} />}
      />
    </section>
  );
}

// ---- the follow page: read only ----

export function FollowQuotesSection({ data, token }: { data: QuotesData; token: string }) {
  return (
    <section aria-labelledby="devis-titre">
      <h2 id="devis-titre">{t('quotes.section')}</h2>
      <QuoteCards lines={data.lines} today={data.today} pdfHref={(line) => followQuotePdfPath(data.request.id, token, line.id)} />
    </section>
  );
}

export const quotePanels: KindPanels = {
  concierge: async ({ db, config, ctx, file }) => ConciergeQuotesSection({ ctx, data: await quotesData(db, config, file.request), choices: await providerChoices(db), form: emptyAskForm() }),
  member: async ({ db, config, ctx, file }) => MemberQuotesSection({ ctx, data: await quotesData(db, config, file.request) }),
  follow: async ({ db, config, file }) => FollowQuotesSection({ data: await quotesData(db, config, file.request), token: signedToken(config.sessionSecret, FOLLOW_PURPOSE, file.request.id) }),
};
