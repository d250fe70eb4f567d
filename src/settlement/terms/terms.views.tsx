// Pages of settlement terms: a shop's terms for the concierge (editable), the same terms for
// the shop's merchant (read-only, IBAN masked), and the town's commission and VAT rates. Both
// pages of a shop show the history of its bank details and, while a change awaits a second
// person, the button that confirms it.
import { formatLocalDate } from '../../platform/calendar.ts';
import { formatDateTime } from '../../platform/clock.ts';
import { formatSiret, editShopPath, shopPath } from '../../shops/index.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { formatRate, type BasisPoints } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { Checkbox, Form, HiddenField, RadioGroup, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { PERIOD_KINDS } from '../settlement.statements.rules.ts';
import { groupIban, maskIban } from './terms.rules.ts';
import { beforeAfter } from './bank.rules.ts';
import type { BankChange } from './bank.service.ts';
import type { RateStep, ShopTerms, TownRates } from './terms.service.ts';
import { TOWN_COMMISSION_PATH, TOWN_VAT_PATH, confirmPath, merchantTermsPath, shopRatePath, shopTermsPath, TRIAL_BALANCE_PATH } from '../settlement.paths.ts';
import { BACKOFFICE_PATH, portalShopPath } from '../../platform/paths.ts';
import { TOWN_SERVICES_PATH } from './terms.paths.ts';



/** « 2026-01-01 » → « 01/01/2026 », as the date fields are typed. */
export function localDateToInput(date: string | null): string {
  return date ? date.split('-').reverse().join('/') : '';
}

function vatText(rate: BasisPoints | null): string {
  return rate === null ? t('terms.vat_not_applicable') : formatRate(rate);
}

function periodOptions(): Array<[string, string]> {
  return PERIOD_KINDS.map((kind) => [kind, tDynamic(`terms.period.${kind}`)]);
}

/** The terms as facts; `masked` hides all of the IBAN but its last 4 characters. */
function TermsFacts({ terms, masked }: { terms: ShopTerms; masked: boolean }) {
  const { payee, inForce } = terms;
  const none = t('terms.shop.none');
  return (
    <dl class="facts">
      <dt>{t('terms.shop.period')}</dt>
      <dd>{tDynamic(`terms.period.${payee.settlementPeriod}`)}</dd>
      <dt>{masked ? t('terms.merchant.iban') : t('terms.shop.iban')}</dt>
      <dd>{payee.iban ? (masked ? maskIban(payee.iban) : groupIban(payee.iban)) : none}</dd>
      {masked ? null : (
        <>
          <dt>{t('terms.shop.bic')}</dt>
          <dd>{payee.bic ?? none}</dd>
        </>
      )}
      <dt>{t('terms.shop.rate')}</dt>
      <dd>
        {formatRate(inForce.commissionBp)}
        {inForce.sells === 'services' ? <span class="block muted">{t('terms.services.shop_sells')}</span> : null}
      </dd>
      <dt>{t('terms.shop.vat_rate')}</dt>
      <dd>{vatText(inForce.vatBp)}</dd>
      <dt>{t('terms.shop.vat_number')}</dt>
      <dd>{payee.vatNumber ?? none}</dd>
      <dt>{t('terms.shop.mandate')}</dt>
      <dd>{payee.selfBillingSince ? t('terms.shop.mandate_since', { date: formatLocalDate(payee.selfBillingSince) }) : t('terms.shop.no_mandate')}</dd>
    </dl>
  );
}

function RateHistory({ caption, steps }: { caption: string; steps: readonly RateStep[] }) {
  return (
    <div class="table-wrap">
      <table class="ledger-table ledger-table--stack">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('terms.rates.starts_on')}</th>
            <th scope="col" class="number">{t('terms.rates.rate')}</th>
            <th scope="col">{t('terms.rates.recorded_by')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr>
              <th scope="row">{formatLocalDate(step.startsOn)}</th>
              <td class="number" data-label={t('terms.rates.rate')}>{vatText(step.rateBp)}</td>
              <td data-label={t('terms.rates.recorded_by')}>{step.createdByLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ClosedUntil({ day }: { day: string | undefined }) {
  return day ? <p class="muted">{t('terms.rates.closed_until', { date: formatLocalDate(day) })}</p> : null;
}

function NewRateForm(props: { ctx: PageContext; action: string; state: FormState; rateName: string; startName: string; heading: string; id: string; submit: string; rateLabel: string; rateHint: string; exempt?: boolean }) {
  const { ctx, action, state, rateName, startName } = props;
  const labels = { [rateName]: props.rateLabel, [startName]: t('terms.rates.starts_on_label') };
  return (
    <section aria-labelledby={props.id} class="panel">
      <h3 id={props.id}>{props.heading}</h3>
      <Form ctx={ctx} action={action} state={state} labels={labels}>
        <TextField name={rateName} label={props.rateLabel} hint={props.rateHint} state={state} inputMode="decimal" size="short" required={!props.exempt} />
        {props.exempt ? <Checkbox name="vatExempt" label={t('terms.town.vat_exempt')} hint={t('terms.town.vat_exempt_hint')} state={state} /> : null}
        <TextField name={startName} label={t('terms.rates.starts_on_label')} hint={t('terms.rates.starts_on_hint')} state={state} size="medium" required />
        <SubmitButton>{props.submit}</SubmitButton>
      </Form>
    </section>
  );
}

// ---- bank details: their state, the confirmation, the history ----

function changeStatus(change: BankChange, timeZone: string): string {
  if (change.status === 'confirmed' && !change.confirmedByLabel) return t('terms.bank.status.removed');
  if (change.status === 'confirmed') return t('terms.bank.status.confirmed', { who: change.confirmedByLabel!, when: formatDateTime(change.confirmedAt!, timeZone) });
  return tDynamic(`terms.bank.status.${change.status}`);
}

function BankHistoryTable({ changes, timeZone }: { changes: readonly BankChange[]; timeZone: string }) {
  if (changes.length === 0) return <p>{t('terms.bank.history_empty')}</p>;
  return (
    <div class="table-wrap">
      <table class="ledger-table ledger-table--stack">
        <caption>{t('terms.bank.history_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('terms.bank.col.when')}</th>
            <th scope="col">{t('terms.bank.col.who')}</th>
            <th scope="col">{t('terms.bank.col.iban')}</th>
            <th scope="col">{t('terms.bank.col.bic')}</th>
            <th scope="col">{t('terms.bank.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr>
              <th scope="row">{formatDateTime(change.changedAt, timeZone)}</th>
              <td data-label={t('terms.bank.col.who')}>{change.changedByLabel}</td>
              <td data-label={t('terms.bank.col.iban')}>{beforeAfter(change.oldIbanMasked, change.newIbanMasked)}</td>
              <td data-label={t('terms.bank.col.bic')}>{beforeAfter(change.oldBic, change.newBic)}</td>
              <td data-label={t('terms.bank.col.status')}>{changeStatus(change, timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where the bank details stand, in one sentence; the merchant reads the pending change itself. */
function bankState(terms: ShopTerms, timeZone: string, forMerchant: boolean): string {
  const { pending } = terms.bank;
  if (pending) {
    const when = formatDateTime(pending.changedAt, timeZone);
    if (!forMerchant) return t('terms.bank.pending_state', { when, who: pending.changedByLabel });
    return t('terms.bank.merchant_pending', { when, who: pending.changedByLabel, change: beforeAfter(pending.oldIbanMasked, pending.newIbanMasked) });
  }
  if (!terms.payee.iban) return t('terms.bank.missing');
  return terms.payee.bankConfirmed ? t('terms.bank.confirmed_state') : t('terms.bank.unconfirmed_state');
}

function ConfirmForm({ ctx, action, pending, state, hint }: { ctx: PageContext; action: string; pending: BankChange; state: FormState; hint: string }) {
  return (
    <Form ctx={ctx} action={action} state={state} labels={{}}>
      <HiddenField name="change" value={pending.id} />
      <p class="field__hint">{hint}</p>
      <SubmitButton>{t('terms.bank.confirm')}</SubmitButton>
    </Form>
  );
}

function BankSection(props: { ctx: PageContext; terms: ShopTerms; confirmForm: FormState; action: string; forMerchant: boolean }) {
  const { ctx, terms, confirmForm, action, forMerchant } = props;
  const pending = terms.bank.pending;
  const hint = forMerchant ? t('terms.bank.merchant_confirm_hint', { phone: ctx.conciergerie.phone }) : t('terms.bank.confirm_hint');
  return (
    <section aria-labelledby="coordonnees-bancaires" class="panel">
      <h2 id="coordonnees-bancaires">{t('terms.bank.title')}</h2>
      <p class={pending ? 'notice' : undefined}>{bankState(terms, ctx.timeZone, forMerchant)}</p>
      {pending ? <ConfirmForm ctx={ctx} action={action} pending={pending} state={confirmForm} hint={hint} /> : null}
      <h3>{t('terms.bank.history')}</h3>
      <BankHistoryTable changes={terms.bank.changes} timeZone={ctx.timeZone} />
    </section>
  );
}

export function termsFormValues(terms: ShopTerms): Record<string, string> {
  const { payee } = terms;
  return {
    settlementPeriod: payee.settlementPeriod,
    iban: payee.iban ? groupIban(payee.iban) : '',
    bic: payee.bic ?? '',
    vatNumber: payee.vatNumber ?? '',
    selfBillingSince: localDateToInput(payee.selfBillingSince),
  };
}

function termsLabels(): Record<string, string> {
  return {
    settlementPeriod: t('terms.form.period'),
    iban: t('terms.form.iban'),
    bic: t('terms.form.bic'),
    vatNumber: t('terms.form.vat_number'),
    selfBillingSince: t('terms.form.mandate'),
  };
}

export interface ShopTermsPageProps {
  ctx: PageContext;
  terms: ShopTerms;
  termsForm: FormState;
  rateForm: FormState;
  confirmForm: FormState;
}

export function ShopTermsPage({ ctx, terms, termsForm, rateForm, confirmForm }: ShopTermsPageProps) {
  const { shop } = terms;
  const title = t('terms.title');
  const path = shopTermsPath(shop.id);
  return (
    <Page ctx={ctx} title={`${title} — ${shop.tradeName}`} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [shop.tradeName, shopPath(shop.id)], [title]]} noindex>
      <h1>
        {title} : {shop.tradeName}
      </h1>
      <p class="lead">{t('terms.shop.lead', { name: shop.tradeName })}</p>
      <div class="two-columns">
        <section aria-labelledby="identite">
          <h2 id="identite">{t('terms.shop.identity')}</h2>
          <dl class="facts">
            <dt>{t('terms.shop.legal_name')}</dt>
            <dd>{shop.legalName}</dd>
            <dt>{t('terms.shop.siret')}</dt>
            <dd>{shop.siret ? formatSiret(shop.siret) : t('terms.shop.siret_none')}</dd>
          </dl>
          <p>
            <a href={editShopPath(shop.id)}>{t('terms.shop.identity_edit')}</a>
          </p>
        </section>
        <section aria-labelledby="en-vigueur">
          <h2 id="en-vigueur">{t('terms.shop.current')}</h2>
          <TermsFacts terms={terms} masked={false} />
        </section>
      </div>
      <BankSection ctx={ctx} terms={terms} confirmForm={confirmForm} action={confirmPath(path)} forMerchant={false} />
      <section aria-labelledby="modifier">
        <h2 id="modifier">{t('terms.form.title')}</h2>
        <Form ctx={ctx} action={path} state={termsForm} labels={termsLabels()}>
          <RadioGroup name="settlementPeriod" label={t('terms.form.period')} options={periodOptions()} state={termsForm} required />
          <TextField name="iban" label={t('terms.form.iban')} hint={t('terms.form.iban_hint')} state={termsForm} autocomplete="off" />
          <TextField name="bic" label={t('terms.form.bic')} hint={t('terms.form.bic_hint')} state={termsForm} size="medium" autocomplete="off" />
          <TextField name="vatNumber" label={t('terms.form.vat_number')} hint={t('terms.form.vat_number_hint')} state={termsForm} size="medium" />
          <TextField name="selfBillingSince" label={t('terms.form.mandate')} hint={t('terms.form.mandate_hint')} state={termsForm} size="medium" />
          <SubmitButton>{t('terms.form.submit')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="taux">
        <h2 id="taux">{t('terms.rates.history')}</h2>
        {terms.history.length === 0 ? (
          <p>{t('terms.rates.history_shop_empty', { rate: formatRate(terms.inForce.commissionBp) })}</p>
        ) : (
          <RateHistory caption={t('terms.rates.history')} steps={terms.history} />
        )}
        <ClosedUntil day={terms.lastClosedDay} />
        <NewRateForm
          ctx={ctx}
          action={shopRatePath(shop.id)}
          state={rateForm}
          rateName="rate"
          startName="startsOn"
          id="nouveau-taux"
          heading={t('terms.rates.new_title')}
          submit={t('terms.rates.submit')}
          rateLabel={t('terms.rates.new_rate')}
          rateHint={t('terms.rates.new_rate_hint')}
        />
      </section>
    </Page>
  );
}

export function MerchantTermsPage({ ctx, terms, confirmForm }: { ctx: PageContext; terms: ShopTerms; confirmForm: FormState }) {
  const title = t('terms.merchant.title');
  const { shop } = terms;
  return (
    <Page ctx={ctx} title={title} trail={[[t('portal.breadcrumb'), portalShopPath(shop.id)], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('terms.merchant.lead')}</p>
      <TermsFacts terms={terms} masked />
      <p class="panel">
        <strong>{t('terms.merchant.change', { phone: ctx.conciergerie.phone })}</strong> {t('terms.merchant.why')}
      </p>
      <BankSection ctx={ctx} terms={terms} confirmForm={confirmForm} action={confirmPath(merchantTermsPath(shop.id))} forMerchant />
    </Page>
  );
}

export interface TownRatesPageProps {
  ctx: PageContext;
  rates: TownRates;
  commissionForm: FormState;
  servicesForm: FormState;
  vatForm: FormState;
}

/** The town's rate for providers' sales, set apart from the goods rate. */
function ServicesRate({ ctx, rates, state }: { ctx: PageContext; rates: TownRates; state: FormState }) {
  return (
    <section aria-labelledby="services">
      <h2 id="services">{t('terms.services.title')}</h2>
      <p>{t('terms.services.lead')}</p>
      <p>{rates.servicesHistory.length === 0 ? t('terms.services.empty', { rate: formatRate(rates.commissionBp) }) : t('terms.services.now', { rate: formatRate(rates.servicesBp) })}</p>
      {rates.servicesHistory.length === 0 ? null : <RateHistory caption={t('terms.services.history')} steps={rates.servicesHistory} />}
      <NewRateForm
        ctx={ctx}
        action={TOWN_SERVICES_PATH}
        state={state}
        rateName="servicesRate"
        startName="servicesStartsOn"
        id="nouveau-taux-services"
        heading={t('terms.services.new_title')}
        submit={t('terms.services.submit')}
        rateLabel={t('terms.services.new_rate')}
        rateHint={t('terms.rates.new_rate_hint')}
      />
    </section>
  );
}

export function TownRatesPage({ ctx, rates, commissionForm, servicesForm, vatForm }: TownRatesPageProps) {
  const title = t('terms.town.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [t('settlement.title'), TRIAL_BALANCE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('terms.town.lead')}</p>
      <ClosedUntil day={rates.lastClosedDay} />
      <section aria-labelledby="commission">
        <h2 id="commission">{t('terms.town.commission')}</h2>
        <p>{rates.commissionHistory.length === 0 ? t('terms.town.commission_empty') : t('terms.town.commission_now', { rate: formatRate(rates.commissionBp) })}</p>
        {rates.commissionHistory.length === 0 ? null : <RateHistory caption={t('terms.rates.history')} steps={rates.commissionHistory} />}
        <NewRateForm
          ctx={ctx}
          action={TOWN_COMMISSION_PATH}
          state={commissionForm}
          rateName="rate"
          startName="startsOn"
          id="nouveau-taux"
          heading={t('terms.rates.new_title')}
          submit={t('terms.rates.submit')}
          rateLabel={t('terms.rates.new_rate')}
          rateHint={t('terms.rates.new_rate_hint')}
        />
      </section>
      <ServicesRate ctx={ctx} rates={rates} state={servicesForm} />
      <section aria-labelledby="tva">
        <h2 id="tva">{t('terms.town.vat')}</h2>
        <p>{rates.vatHistory.length === 0 ? t('terms.town.vat_empty') : t('terms.town.vat_now', { rate: vatText(rates.vatBp) })}</p>
        {rates.vatBp === null ? <p>{t('terms.vat_exempt_mention')}</p> : null}
        {rates.vatHistory.length === 0 ? null : <RateHistory caption={t('terms.town.vat_history')} steps={rates.vatHistory} />}
        <NewRateForm
          ctx={ctx}
          action={TOWN_VAT_PATH}
          state={vatForm}
          rateName="vatRate"
          startName="vatStartsOn"
          id="nouvelle-tva"
          heading={t('terms.town.vat_new_title')}
          submit={t('terms.town.vat_submit')}
          rateLabel={t('terms.town.vat_rate')}
          rateHint={t('terms.town.vat_rate_hint')}
          exempt
        />
      </section>
    </Page>
  );
}
