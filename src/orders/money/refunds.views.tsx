// The concierge's money pages of one order: where its money stands, taking a part payment
// (/gestion/commandes/:id/encaisser) and refunding (/gestion/commandes/:id/rembourser). Also
// the refunds a resident reads on their own order.
import { formatDateTime } from '../../platform/clock.ts';
import type { FieldErrors, FormValues } from '../../platform/forms.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { Form, HiddenField, RadioGroup, SubmitButton, TextArea, TextField } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import type { Refund } from './refunds.repository.ts';
import { linesToRefund, openSources, refusedToRefund, remainingOf, suggestedScope, type RefundMethod } from './refunds.rules.ts';
import type { OrderMoneyView } from './refunds.service.ts';
import { COUNTER_PAYMENT_METHODS } from '../orders.rules.ts';
import { ORDERS, orderActionPath, orderPath } from '../orders.paths.ts';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';


export interface MoneyFormState {
  values: FormValues;
  errors: FieldErrors;
  idempotencyKey: string;
}

function methodLabel(method: RefundMethod): string {
  return tDynamic(`refunds.method.${method}`);
}

function trail(money: OrderMoneyView, last: string): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], [t('backoffice.orders.title'), ORDERS], [money.order.collectionCode, orderPath(money.order.id)], [last]];
}

/** Total, paid, still due, then every payment and refund. */
function MoneySummary({ ctx, money }: { ctx: PageContext; money: OrderMoneyView }) {
  const online = money.situation.sources.filter((source) => source.method === 'online');
  return (
    <section aria-labelledby="paiements" class="panel">
      <h2 id="paiements">{t('refunds.money.title')}</h2>
      <dl class="facts">
        <dt>{t('refunds.money.total')}</dt>
        <dd>{formatEuros(money.order.totalCents)}</dd>
        <dt>{t('refunds.money.paid')}</dt>
        <dd>{formatEuros(money.netPaidCents)}</dd>
        <dt>{t('refunds.money.due')}</dt>
        <dd>
          <strong>{formatEuros(money.stillDueCents)}</strong>
        </dd>
      </dl>
      <h3>{t('refunds.money.payments')}</h3>
      {money.counterPayments.length + online.length === 0 ? (
        <p>{t('refunds.money.none')}</p>
      ) : (
        <ul>
          {money.counterPayments.map((payment) => (
            <li>{t('refunds.money.payment', { amount: formatEuros(payment.amountCents), method: methodLabel(payment.method), when: formatDateTime(payment.at, ctx.timeZone) })}</li>
          ))}
          {online.map((source) => (
            <li>{t('refunds.money.online', { amount: formatEuros(source.receivedCents) })}</li>
          ))}
        </ul>
      )}
      {money.refunds.length > 0 ? (
        <>
          <h3>{t('refunds.money.refunds')}</h3>
          <ul>
            {money.refunds.map((refund) => (
              <li>
                {t('refunds.money.refund', { amount: formatEuros(refund.amountCents), method: methodLabel(refund.method).toLowerCase(), when: formatDateTime(refund.at, ctx.timeZone), reason: refund.reason })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function BackLink({ money }: { money: OrderMoneyView }) {
  return (
    <p>
      <a href={orderPath(money.order.id)}>{t('refunds.back')}</a>
    </p>
  );
}

// ---- a part payment ----

export function PartPaymentPage({ ctx, money, form }: { ctx: PageContext; money: OrderMoneyView; form: MoneyFormState }) {
  const title = t('refunds.pay.title', { code: money.order.collectionCode });
  const state = { values: form.values, errors: form.errors };
  const labels = { method: t('refunds.pay.method'), montant: t('refunds.pay.amount') };
  return (
    <Page ctx={ctx} title={title} trail={trail(money, t('refunds.pay.trail'))} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('refunds.pay.lead')}</p>
      <MoneySummary ctx={ctx} money={money} />
      {money.stillDueCents === 0 && Object.keys(form.errors).length === 0 ? (
        <p>{t('refunds.pay.nothing_due')}</p>
      ) : (
        <Form ctx={ctx} action={orderActionPath(money.order.id, 'encaisser')} state={state} labels={labels}>
          <HiddenField name="idempotency_key" value={form.idempotencyKey} />
          <RadioGroup name="method" label={labels.method} state={state} required options={COUNTER_PAYMENT_METHODS.map((method) => [method, methodLabel(method)])} />
          <TextField name="montant" label={labels.montant} hint={t('refunds.pay.amount_hint', { amount: formatEuros(money.stillDueCents) })} state={state} inputMode="decimal" size="short" required />
          <p class="actions">
            <SubmitButton>{t('refunds.pay.submit')}</SubmitButton>
          </p>
        </Form>
      )}
      <BackLink money={money} />
    </Page>
  );
}

// ---- a refund ----

function scopeOptions(money: OrderMoneyView): Array<[string, string]> {
  const { situation } = money;
  const shopOf = new Map(money.lines.map((line) => [line.id, line]));
  const options: Array<[string, string]> = [['tout', t('refunds.refund.all', { amount: formatEuros(money.netPaidCents) })]];
  const refused = refusedToRefund(situation);
  if (refused.length > 0) options.push(['refuses', t('refunds.refund.refused', { amount: formatEuros(refused.reduce((sum, line) => sum + line.totalCents, 0)) })]);
  for (const candidate of linesToRefund(situation)) {
    const line = shopOf.get(candidate.id)!;
    const params = { quantity: line.quantity, title: line.title, shop: line.shopName, amount: formatEuros(line.totalCents) };
    options.push([`ligne:${line.id}`, candidate.refused ? t('refunds.refund.line_refused', params) : t('refunds.refund.line_handed', params)]);
  }
  options.push(['montant', t('refunds.refund.amount_choice')]);
  return options;
}

export function RefundPage({ ctx, money, form }: { ctx: PageContext; money: OrderMoneyView; form: MoneyFormState }) {
  const title = t('refunds.refund.title', { code: money.order.collectionCode });
  const state = { values: form.values, errors: form.errors };
  const sources = openSources(money.situation);
  const labels = { quoi: t('refunds.refund.what'), montant: t('refunds.refund.amount'), source: t('refunds.refund.source'), motif: t('refunds.refund.reason') };
  return (
    <Page ctx={ctx} title={title} trail={trail(money, t('refunds.refund.trail'))} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('refunds.refund.lead')}</p>
      <MoneySummary ctx={ctx} money={money} />
      {money.netPaidCents === 0 ? (
        <p>{t('refunds.refund.nothing')}</p>
      ) : (
        <Form ctx={ctx} action={orderActionPath(money.order.id, 'rembourser')} state={state} labels={labels}>
          <HiddenField name="idempotency_key" value={form.idempotencyKey} />
          <RadioGroup name="quoi" label={labels.quoi} hint={t('refunds.refund.what_hint')} state={state} required options={scopeOptions(money)} />
          <TextField name="montant" label={labels.montant} hint={t('refunds.refund.amount_hint')} state={state} inputMode="decimal" size="short" />
          {sources.length > 1 ? (
            <RadioGroup
              name="source"
              label={labels.source}
              hint={t('refunds.refund.source_hint')}
              state={state}
              options={sources.map((source) => [source.key, t('refunds.refund.source_option', { method: methodLabel(source.method), amount: formatEuros(remainingOf(source)) })])}
            />
          ) : null}
          <TextArea name="motif" label={labels.motif} hint={t('refunds.refund.reason_hint')} state={state} rows={3} required />
          <p class="actions">
            <SubmitButton>{t('refunds.refund.submit')}</SubmitButton>
          </p>
        </Form>
      )}
      <BackLink money={money} />
    </Page>
  );
}

/** The scope the form starts with: the refused lines when money paid for them can go back. */
export function defaultScope(money: OrderMoneyView): string {
  return suggestedScope(money.situation) === 'refused' ? 'refuses' : 'tout';
}

// ---- the resident ----

/** « Remboursé : 4,50 € (carte) », one line per refund. */
export function ResidentRefunds({ refunds }: { refunds: readonly Refund[] }) {
  if (refunds.length === 0) return null;
  return (
    <section aria-labelledby="remboursements">
      <h2 id="remboursements">{t('refunds.resident.title')}</h2>
      <ul>
        {refunds.map((refund) => (
          <li>{t('refunds.resident.refunded', { amount: formatEuros(refund.amountCents), method: methodLabel(refund.method).toLowerCase() })}</li>
        ))}
      </ul>
    </section>
  );
}
