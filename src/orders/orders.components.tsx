// Pieces shared by the orders pages: status badges, the pager, a list of order lines, the
// slot as people read it.
import { formatDate } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import { formatEuros } from '../platform/money.ts';
import type { PageContext } from '../platform/page-context.ts';
import { slotText } from './orders.mails.ts';
import type { OrderLine } from './orders.repository.ts';
import type { OrderStatus, PurchaseOrderStatus } from './orders.rules.ts';

export { slotText };

const ORDER_BADGE: Record<OrderStatus, string> = {
  placed: 'badge--order',
  preparing: 'badge--order',
  ready: 'badge--stock',
  partially_handed_over: 'badge--order',
  handed_over: 'badge--stock',
  cancelled: 'badge--paused',
  not_collected: 'badge--paused',
};

const PURCHASE_ORDER_BADGE: Record<PurchaseOrderStatus, string> = {
  sent: 'badge--order',
  accepted: 'badge--order',
  ready: 'badge--stock',
  collected: 'badge--stock',
  handed_over: 'badge--stock',
  refused: 'badge--paused',
  cancelled: 'badge--paused',
  returned: 'badge--paused',
};

export function orderStatusLabel(status: OrderStatus): string {
  return tDynamic(`orders.status.${status}`);
}

export function purchaseOrderStatusLabel(status: PurchaseOrderStatus): string {
  return tDynamic(`orders.po_status.${status}`);
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <span class={`badge ${ORDER_BADGE[status]}`}>{orderStatusLabel(status)}</span>;
}

export function PurchaseOrderStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  return <span class={`badge ${PURCHASE_ORDER_BADGE[status]}`}>{purchaseOrderStatusLabel(status)}</span>;
}

/** « vendredi 4 décembre ». */
export function dateOf(ctx: PageContext, iso: string): string {
  return formatDate(iso, ctx.timeZone);
}


function refusalText(line: OrderLine): string {
  const reason = line.refusalReason ? tDynamic(`orders.refusal.${line.refusalReason}`) : '';
  return line.refusalNote ? `${reason}\u00a0: ${line.refusalNote}` : reason;
}

/** The lines of an order or a purchase order: quantity, title, price; refused ones say why. */
export function LinesList({ lines }: { lines: readonly OrderLine[] }) {
  return (
    <ul class="order-lines">
      {lines.map((line) => (
        <li class={line.status === 'refused' ? 'order-line order-line--refused' : 'order-line'}>
          <span>
            {line.quantity} × {line.title} {line.unit ? <span class="muted">({line.unit})</span> : null}
          </span>{' '}
          <span class="nowrap">
            {line.status === 'refused' ? <del>{formatEuros(line.totalCents)}</del> : formatEuros(line.totalCents)}
            {line.priceIsEstimate ? <span class="muted"> ({t('orders.estimate')})</span> : null}
          </span>
          {line.status === 'refused' ? <span class="block field__error">{t('myorders.refused_reason', { reason: refusalText(line) })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** A shop's part of a basket, as the basket and the checkout summary both show it. */
export function ShopSubtotal({ shopName, cents }: { shopName: string; cents: number }) {
  return (
    <p class="basket-subtotal">
      {t('basket.subtotal', { shop: shopName })}&nbsp;: <strong>{formatEuros(cents)}</strong>
    </p>
  );
}

/** What the whole basket comes to. */
export function BasketTotal({ cents }: { cents: number }) {
  return (
    <p class="basket-total">
      {t('basket.total')}&nbsp;: <strong>{formatEuros(cents)}</strong>
    </p>
  );
}
