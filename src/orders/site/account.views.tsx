// « Mes commandes »: the resident's orders with their status in plain words, each shop's
// part, the collection code, slot and place; cancelling while nothing is prepared; ordering
// the same again.
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { ActionButton } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { dateOf, LinesList, OrderStatusBadge, PurchaseOrderStatusBadge, slotText } from '../orders.components.tsx';
import type { OrderDetail, OrderPage } from '../orders.service.ts';
import type { Refund } from '../money/refunds.repository.ts';
import { ResidentRefunds } from '../money/refunds.views.tsx';
import type { OnlinePaymentSummary } from '../money/payments.service.ts';
import { OnlinePaymentFacts } from '../money/payments.views.tsx';
import { Pager } from '../../ui/pager.tsx';
import { OWN_ORDERS_PATH, ownOrderActionPath, ownOrderPath } from '../orders.paths.ts';
import { ACCOUNT_PATH } from '../../platform/paths.ts';

const LIST = OWN_ORDERS_PATH;

function trail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('nav.home'), '/'], [t('account.title'), ACCOUNT_PATH], ...rest];
}

export function MyOrdersPage({ ctx, list }: { ctx: PageContext; list: OrderPage }) {
  const title = t('myorders.title');
  return (
    <Page ctx={ctx} title={title} trail={trail([title])} noindex>
      <h1>{title}</h1>
      {list.items.length === 0 ? <p>{t('myorders.empty')}</p> : null}
      <ul class="order-cards">
        {list.items.map(({ order, placeName, purchaseOrders }) => (
          <li class="order-card">
            <h2>
              <a href={ownOrderPath(order.id)}>{t('myorders.order_of', { date: dateOf(ctx, order.placedAt) })}</a>
            </h2>
            <p>
              <OrderStatusBadge status={order.status} />
            </p>
            <dl class="facts">
              <dt>{t('myorders.code')}</dt>
              <dd class="code">{order.collectionCode}</dd>
              <dt>{t('myorders.slot')}</dt>
              <dd>
                {slotText(order.slotStartAt, order.slotEndAt, ctx.timeZone)} — {placeName}
              </dd>
              <dt>{t('myorders.total')}</dt>
              <dd>{formatEuros(order.totalCents)}</dd>
              <dt>{t('myorders.shops')}</dt>
              <dd>
                <ul class="plain-list">
                  {purchaseOrders.map((po) => (
                    <li>
                      {po.shopName} : <PurchaseOrderStatusBadge status={po.status} />
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
          </li>
        ))}
      </ul>
      <Pager page={list.page} pageCount={list.pageCount} hrefOf={(page) => `${LIST}?page=${page}`} />
    </Page>
  );
}

export function MyOrderPage({ ctx, detail, refunds = [], online }: { ctx: PageContext; detail: OrderDetail; refunds?: readonly Refund[]; online?: OnlinePaymentSummary }) {
  const { order, place } = detail;
  const title = t('myorders.detail_title', { date: dateOf(ctx, order.placedAt) });
  const hasOffers = detail.lines.some((line) => line.offerId !== null);
  return (
    <Page ctx={ctx} title={title} trail={trail([t('myorders.title'), LIST], [title])} noindex>
      <h1>{title}</h1>
      <p>
        <OrderStatusBadge status={order.status} />
      </p>
      <dl class="facts">
        <dt>{t('myorders.code')}</dt>
        <dd class="code">{order.collectionCode}</dd>
        <dt>{t('checkout.when')}</dt>
        <dd>{slotText(order.slotStartAt, order.slotEndAt, ctx.timeZone)}</dd>
        <dt>{t('checkout.place_label')}</dt>
        <dd>
          {place.name} — {place.addressLine}, {place.postalCode} {place.city}
        </dd>
        <dt>{t('myorders.total')}</dt>
        <dd>
          {formatEuros(order.totalCents)} — {t(`orders.payment.${order.paymentMethod}`)}
        </dd>
      </dl>
      {online ? <OnlinePaymentFacts orderId={order.id} summary={online} /> : null}
      <h2>{t('myorders.parts')}</h2>
      {detail.purchaseOrders.map((po) => (
        <section aria-labelledby={`bon-${po.id}`} class="order-part">
          <h3 id={`bon-${po.id}`}>{po.shopName}</h3>
          <p>
            <PurchaseOrderStatusBadge status={po.status} />
          </p>
          <LinesList lines={po.lines} />
        </section>
      ))}
      <ResidentRefunds refunds={refunds} />
      <div class="actions">
        {detail.canCancel ? (
          <a href={ownOrderActionPath(order.id, 'annuler')} class="button button--secondary">
            {t('myorders.cancel')}
          </a>
        ) : null}
        {hasOffers ? <ActionButton ctx={ctx} action={ownOrderActionPath(order.id, 'recommander')} label={t('myorders.again')} /> : null}
      </div>
      {!detail.canCancel && (order.status === 'placed' || order.status === 'preparing') ? <p class="muted">{t('myorders.cannot_cancel')}</p> : null}
    </Page>
  );
}

export function CancelOrderPage({ ctx, detail }: { ctx: PageContext; detail: OrderDetail }) {
  const { order } = detail;
  const title = t('myorders.cancel_title', { date: dateOf(ctx, order.placedAt) });
  const back = ownOrderPath(order.id);
  return (
    <Page ctx={ctx} title={title} trail={trail([t('myorders.title'), LIST], [title])} noindex>
      <h1>{title}</h1>
      <p>{t('myorders.cancel_lead')}</p>
      <div class="actions">
        <ActionButton ctx={ctx} action={ownOrderActionPath(order.id, 'annuler')} label={t('myorders.cancel_confirm')} danger />
        <a href={back}>{t('myorders.cancel_keep')}</a>
      </div>
    </Page>
  );
}
