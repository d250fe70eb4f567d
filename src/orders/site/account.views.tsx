// « Mes commandes »: the resident's orders with their status in plain words, each shop's
// part, the collection code, slot and place; cancelling while nothing is prepared; ordering
// the same again.
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { ActionButton } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { dateOf, LinesList, OrderStatusBadge, PurchaseOrderStatusBadge, residentOrderTitle, slotRangeText } from '../orders.components.tsx';
import type { NextOrder, OrdersByCollection } from './account.service.ts';
import type { OrderDetail, OrderSummary } from '../orders.service.ts';
import type { Refund } from '../money/refunds.repository.ts';
import { ResidentRefunds } from '../money/refunds.views.tsx';
import type { OnlinePaymentSummary } from '../money/payments.service.ts';
import { OnlinePaymentFacts } from '../money/payments.views.tsx';
import { Pager } from '../../ui/pager.tsx';
import { OWN_ORDERS_PATH, ownOrderActionPath, ownOrderPath } from '../orders.paths.ts';
import { ACCOUNT_PATH } from '../../platform/paths.ts';
import { ownOrderTitle, WhenWhereFacts } from './order-destination.components.tsx';
import type { OrderDestination } from './order-destination.service.ts';

const LIST = OWN_ORDERS_PATH;

function trail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('nav.home'), '/'], [t('account.title'), ACCOUNT_PATH], ...rest];
}

/** One order in the list, titled by the day to collect it. */
function OrderCard({ ctx, summary }: { ctx: PageContext; summary: OrderSummary }) {
  const { order, placeName, purchaseOrders } = summary;
  return (
    <li class="order-card">
      <h3>
        <a href={ownOrderPath(order.id)}>{residentOrderTitle(order, ctx.timeZone)}</a>
      </h3>
      <p>
        <OrderStatusBadge status={order.status} resident />
      </p>
      <dl class="facts">
        <dt>{t('myorders.code')}</dt>
        <dd class="code">{order.collectionCode}</dd>
        <dt>{t('checkout.place_label')}</dt>
        <dd>{placeName}</dd>
        <dt>{t('myorders.total')}</dt>
        <dd>{formatEuros(order.totalCents)}</dd>
        <dt>{t('myorders.shops')}</dt>
        <dd>
          <ul class="plain-list">
            {purchaseOrders.map((po) => (
              <li>
                {po.shopName} : <PurchaseOrderStatusBadge status={po.status} resident />
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('myorders.placed_on')}</dt>
        <dd>{dateOf(ctx, order.placedAt)}</dd>
      </dl>
    </li>
  );
}

function OrderSection({ ctx, id, title, orders }: { ctx: PageContext; id: string; title: string; orders: OrderSummary[] }) {
  if (orders.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul class="order-cards">
        {orders.map((summary) => (
          <OrderCard ctx={ctx} summary={summary} />
        ))}
      </ul>
    </section>
  );
}

export function MyOrdersPage({ ctx, list }: { ctx: PageContext; list: OrdersByCollection }) {
  const title = t('myorders.title');
  const none = list.upcoming.length === 0 && list.past.length === 0;
  return (
    <Page ctx={ctx} title={title} trail={trail([title])} noindex>
      <h1>{title}</h1>
      {none ? <p>{t('myorders.empty')}</p> : null}
      <OrderSection ctx={ctx} id="a-venir" title={t('myorders.upcoming')} orders={list.upcoming} />
      <OrderSection ctx={ctx} id="passees" title={t('myorders.past')} orders={list.past} />
      <Pager page={list.page} pageCount={list.pageCount} hrefOf={(page) => `${LIST}?page=${page}`} />
    </Page>
  );
}

/** « 3 articles chez Fromagerie Lou Cabanoun et Chocolaterie Duval ». */
function whatText(next: NextOrder): string {
  const shops = new Intl.ListFormat('fr', { type: 'conjunction' }).format(next.summary.purchaseOrders.map((po) => po.shopName));
  const count = next.lines.length;
  return count === 1 ? t('account.next.items_one', { shops }) : t('account.next.items_other', { count, shops });
}

/** The top of « Mon compte »: the next order to collect — what, when, where, the code, what is left to pay. */
export function NextOrderPanel({ ctx, next }: { ctx: PageContext; next: NextOrder }) {
  const { order } = next.summary;
  const others = next.othersCount;
  return (
    <section class="next-order" aria-labelledby="prochaine-commande">
      <h2 id="prochaine-commande">{t('account.next.title')}</h2>
      <p class="next-order__when">{residentOrderTitle(order, ctx.timeZone)}</p>
      <p>
        <OrderStatusBadge status={order.status} resident />
      </p>
      <dl class="facts">
        <dt>{t('account.next.where')}</dt>
        <dd>
          {next.place.name} — {next.place.addressLine}, {next.place.postalCode} {next.place.city}
        </dd>
        <dt>{t('account.next.what')}</dt>
        <dd>{whatText(next)}</dd>
        <dt>{t('account.next.code')}</dt>
        <dd class="code next-order__code">{order.collectionCode}</dd>
        <dt>{t('account.next.left')}</dt>
        <dd>{next.leftCents > 0 ? <strong>{formatEuros(next.leftCents)}</strong> : t('account.next.nothing_left')}</dd>
      </dl>
      <p class="actions">
        <a href={ownOrderPath(order.id)} class="button">
          {t('account.next.open')}
        </a>
      </p>
      {others > 0 ? (
        <p>
          {others === 1 ? t('account.next.more_one') : t('account.next.more_other', { count: others })} <a href={LIST}>{t('account.next.all')}</a>
        </p>
      ) : null}
    </section>
  );
}

interface MyOrderProps {
  ctx: PageContext;
  detail: OrderDetail;
  refunds?: readonly Refund[];
  online?: OnlinePaymentSummary;
  /** Where it goes; a collection at its place when not given. */
  destination?: OrderDestination;
}

export function MyOrderPage({ ctx, detail, refunds = [], online, destination = { kind: 'collection' } }: MyOrderProps) {
  const { order, place } = detail;
  const title = ownOrderTitle(order, destination, ctx.timeZone);
  const hasOffers = detail.lines.some((line) => line.offerId !== null);
  return (
    <Page ctx={ctx} title={title} trail={trail([t('myorders.title'), LIST], [title])} noindex>
      <h1>{title}</h1>
      <p>
        <OrderStatusBadge status={order.status} resident />
      </p>
      <dl class="facts">
        <dt>{t('myorders.code')}</dt>
        <dd class="code">{order.collectionCode}</dd>
        <WhenWhereFacts ctx={ctx} order={order} place={place} destination={destination} />
        <dt>{t('myorders.total')}</dt>
        <dd>
          {formatEuros(order.totalCents)} — {t(`orders.payment.${order.paymentMethod}`)}
        </dd>
        <dt>{t('myorders.placed_on')}</dt>
        <dd>{dateOf(ctx, order.placedAt)}</dd>
      </dl>
      {online ? <OnlinePaymentFacts orderId={order.id} summary={online} /> : null}
      <h2>{t('myorders.parts')}</h2>
      {detail.purchaseOrders.map((po) => (
        <section aria-labelledby={`bon-${po.id}`} class="order-part">
          <h3 id={`bon-${po.id}`}>{po.shopName}</h3>
          <p>
            <PurchaseOrderStatusBadge status={po.status} resident />
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
  const title = t('myorders.cancel_title_slot', { slot: slotRangeText(order.slotStartAt, order.slotEndAt, ctx.timeZone) });
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
