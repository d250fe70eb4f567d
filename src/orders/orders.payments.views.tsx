// Pages of online payment: the demo provider's payment page, the page the resident comes back
// to after paying, and the line of the order page saying what was paid online.
import { t } from '../platform/i18n/index.ts';
import { formatEuros } from '../platform/money.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import type { Order } from './orders.repository.ts';
import type { OnlinePayment, OnlinePaymentSummary, PaymentOutcome } from './orders.payments.service.ts';

function orderHref(orderId: string): string {
  return `/compte/commandes/${orderId}`;
}

function trail(title: string): Array<[string, string?]> {
  return [[t('nav.home'), '/'], [t('account.title'), '/compte'], [t('myorders.title'), '/compte/commandes'], [title]];
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
        <p>{t('checkout.done_code')} :</p>
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
          <form method="post" action={`/paiement/demo/${payment.sessionId}`} class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <button type="submit" class="button">
              {t('payments.demo.pay', { amount })}
            </button>
          </form>
          <a href={`/commandes/${order.id}/paiement/annule`} class="button button--secondary">
            {t('payments.demo.cancel')}
          </a>
        </div>
      ) : (
        <p class="panel">
          {t('payments.demo.already_paid')} <a href={orderHref(order.id)}>{t('payments.return.to_order')}</a>
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
          <a class="button" href={`/commandes/${orderId}/payer`}>
            {t('payments.pay_now')}
          </a>
        </p>
      ) : null}
    </div>
  );
}
