// Pages of online payment: « Payer 76,50 € en ligne » before the provider's page, the demo provider's payment page, the page the resident comes back
// to after paying, and the line of the order page saying what was paid online.
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { Page } from '../../ui/layout.tsx';
import type { Order } from '../orders.repository.ts';
import type { OnlinePayment, OnlinePaymentDue, OnlinePaymentSummary, PaymentOutcome } from './payments.service.ts';
import { OWN_ORDERS_PATH, ownOrderPath, payPath, paymentReturnPath } from '../orders.paths.ts';
import { ACCOUNT_PATH } from '../../platform/paths.ts';
import { demoCheckoutPath } from '../../platform/payments/index.ts';

function orderHref(orderId: string): string {
  return ownOrderPath(orderId);
}

function trail(title: string): Array<[string, string?]> {
  return [[t('nav.home'), '/'], [t('account.title'), ACCOUNT_PATH], [t('myorders.title'), OWN_ORDERS_PATH], [title]];
}

export function ReturnPage({ ctx, outcome }: { ctx: PageContext; outcome: PaymentOutcome }) {
  const { order } = outcome;
  const state = outcome.paidCents > 0 ? 'paid' : outcome.pending ? 'pending' : 'none';
  const title = t(`payments.return.${state}_title`);
  return (
    <Page ctx={ctx} title={title} trail={trail(title)} noindex>
      <h1>{title}</h1>
      <div class="panel">
        {state === 'paid' ? <p class="lead">{t('payments.return.paid_lead', { amount: formatEuros(outcome.paidCents) })}</p> : null}
        {state === 'pending' ? <p class="lead">{t('payments.return.pending_lead')}</p> : null}
        {state === 'none' ? <p class="lead">{t('payments.return.none_lead')}</p> : null}
      </div>
      <div class="panel">
        <p>{t('checkout.done_code')}&nbsp;:</p>
        <p class="collection-code">{order.collectionCode}</p>
        <p>{t('checkout.done_code_hint')}</p>
      </div>
      <p>
        <a class="button" href={orderHref(order.id)}>
          {t('payments.return.to_order')}
        </a>
      </p>
    </Page>
  );
}

/** « Payer 76,50 € en ligne »: the amount, then the button that opens the provider's page. */
export function PayPage({ ctx, due, idempotencyKey, message }: { ctx: PageContext; due: OnlinePaymentDue; idempotencyKey: string; message?: string }) {
  const title = t('payments.pay.title');
  const amount = formatEuros(due.dueCents);
  return (
    <Page ctx={ctx} title={title} trail={trail(title)} noindex>
      <h1>{title}</h1>
      {message ? (
        <p class="flash" role="alert">
          {message}
        </p>
      ) : null}
      <p class="lead">{t('payments.pay.lead')}</p>
      <dl class="facts">
        <dt>{t('payments.demo.order')}</dt>
        <dd class="code">{due.order.collectionCode}</dd>
        <dt>{t('payments.pay.amount')}</dt>
        <dd>
          <strong>{amount}</strong>
        </dd>
      </dl>
      <div class="actions">
        <form method="post" action={payPath(due.order.id)} class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <input type="hidden" name="idempotency_key" value={idempotencyKey} />
          <input type="hidden" name="montant_cents" value={String(due.dueCents)} />
          <button type="submit" class="button">
            {t('payments.pay.button', { amount })}
          </button>
        </form>
        <a href={orderHref(due.order.id)} class="button button--secondary">
          {t('payments.pay.later')}
        </a>
      </div>
    </Page>
  );
}

export function DemoPaymentPage({ ctx, payment, order }: { ctx: PageContext; payment: OnlinePayment; order: Order }) {
  const title = t('payments.demo.title');
  const amount = formatEuros(payment.amountCents);
  return (
    <Page ctx={ctx} title={title} trail={trail(title)} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('payments.demo.lead')}</p>
      <dl class="facts">
        <dt>{t('payments.demo.order')}</dt>
        <dd class="code">{order.collectionCode}</dd>
        <dt>{t('payments.demo.amount')}</dt>
        <dd>{amount}</dd>
      </dl>
      {payment.status === 'pending' ? (
        <div class="actions">
          <form method="post" action={demoCheckoutPath(payment.sessionId)} class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <button type="submit" class="button">
              {t('payments.demo.pay', { amount })}
            </button>
          </form>
          <a href={paymentReturnPath(order.id, 'annule')} class="button button--secondary">
            {t('payments.demo.cancel')}
          </a>
        </div>
      ) : (
        <p class="panel">
          {t(payment.status === 'paid' ? 'payments.demo.already_paid' : 'payments.demo.closed')} <a href={orderHref(order.id)}>{t('payments.return.to_order')}</a>
        </p>
      )}
    </Page>
  );
}

/** On the resident's order page: « Payée en ligne : 76,50 € », or the way to pay still open. */
export function OnlinePaymentFacts({ orderId, summary }: { orderId: string; summary: OnlinePaymentSummary }) {
  if (summary.paidCents === 0 && !summary.canPay) return null;
  return (
    <div>
      {summary.paidCents > 0 ? <p>
          <strong>{t('payments.paid_online', { amount: formatEuros(summary.paidCents) })}</strong>
        </p> : null}
      {summary.canPay ? (
        <p>
          <a class="button" href={payPath(orderId)}>
            {t('payments.pay_now')}
          </a>
        </p>
      ) : null}
    </div>
  );
}
