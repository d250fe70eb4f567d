// Pieces shared by the orders pages: status badges, the pager, a list of order lines, the
// slot as people read it.
import { formatClock, formatDate } from '../platform/clock.ts';
import { t, tDynamic, type MessageKey } from '../platform/i18n/index.ts';
import { formatEuros } from '../platform/money.ts';
import type { PageContext } from '../platform/page-context.ts';
import { slotText } from './orders.mails.ts';
import { utcToLocal } from '../places/index.ts';
import type { Order, OrderLine } from './orders.repository.ts';
import type { OrderStatus, PurchaseOrderStatus } from './orders.rules.ts';

export { slotText };

/**
 * One colour per meaning, the same on every page: done or ready to collect is green, on its
 * way or being prepared is amber, a problem is red, over without a problem is grey. The word
 * always says it; the colour only helps.
 */
export type BadgeTone = 'done' | 'moving' | 'problem' | 'closed';

const ORDER_TONE: Record<OrderStatus, BadgeTone> = {
  placed: 'moving',
  preparing: 'moving',
  ready: 'done',
  partially_handed_over: 'moving',
  handed_over: 'done',
  cancelled: 'closed',
  not_collected: 'problem',
};

export const PURCHASE_ORDER_TONE: Record<PurchaseOrderStatus, BadgeTone> = {
  sent: 'moving',
  accepted: 'moving',
  // prepared but still at the shop: on its way, not yet something to collect
  ready: 'moving',
  collected: 'done',
  handed_over: 'done',
  refused: 'problem',
  cancelled: 'closed',
  returned: 'closed',
};

/** The resident's words where the staff's would mislead (« Remise » reads as a discount). */
const RESIDENT_ORDER_LABEL: Record<OrderStatus, MessageKey> = {
  placed: 'orders.status.placed',
  preparing: 'orders.status.preparing',
  ready: 'orders.status.ready',
  partially_handed_over: 'orders.resident.status.partially_handed_over',
  handed_over: 'orders.resident.status.handed_over',
  cancelled: 'orders.status.cancelled',
  not_collected: 'orders.status.not_collected',
};

const RESIDENT_PURCHASE_ORDER_LABEL: Record<PurchaseOrderStatus, MessageKey> = {
  sent: 'orders.po_status.sent',
  accepted: 'orders.po_status.accepted',
  ready: 'orders.resident.po_status.ready',
  collected: 'orders.po_status.collected',
  handed_over: 'orders.resident.po_status.handed_over',
  refused: 'orders.po_status.refused',
  cancelled: 'orders.po_status.cancelled',
  returned: 'orders.po_status.returned',
};

export function orderStatusLabel(status: OrderStatus): string {
  return tDynamic(`orders.status.${status}`);
}

export function purchaseOrderStatusLabel(status: PurchaseOrderStatus): string {
  return tDynamic(`orders.po_status.${status}`);
}

/** With `resident`, in the resident's words (« Retirée » rather than « Remise »). */
export function OrderStatusBadge({ status, resident }: { status: OrderStatus; resident?: boolean }) {
  const label = resident ? t(RESIDENT_ORDER_LABEL[status]) : orderStatusLabel(status);
  return <span class={`badge badge--tone-${ORDER_TONE[status]}`}>{label}</span>;
}

export function PurchaseOrderStatusBadge({ status, resident }: { status: PurchaseOrderStatus; resident?: boolean }) {
  const label = resident ? t(RESIDENT_PURCHASE_ORDER_LABEL[status]) : purchaseOrderStatusLabel(status);
  return <span class={`badge badge--tone-${PURCHASE_ORDER_TONE[status]}`}>{label}</span>;
}

/** « jeudi 3 décembre, 12 h – 12 h 30 ». */
export function slotRangeText(startAt: string, endAt: string, timeZone: string): string {
  const start = formatClock(utcToLocal(startAt, timeZone).time);
  const end = formatClock(utcToLocal(endAt, timeZone).time);
  return t('myorders.slot_range', { date: formatDate(startAt, timeZone), start, end });
}

/**
 * An order as the resident names it: by the day to collect it, not the day it was placed
 * (« À retirer jeudi 3 décembre, 12 h – 12 h 30 », « Retirée le mardi 1er décembre »).
 */
export function residentOrderTitle(order: Order, timeZone: string): string {
  const slotDay = formatDate(order.slotStartAt, timeZone);
  switch (order.status) {
    case 'handed_over':
      return t('myorders.title_collected', { date: formatDate(order.closedAt ?? order.slotStartAt, timeZone) });
    case 'cancelled':
      return t('myorders.title_cancelled', { date: slotDay });
    case 'not_collected':
      return t('myorders.title_not_collected', { date: slotDay });
    default:
      return t('myorders.title_to_collect', { slot: slotRangeText(order.slotStartAt, order.slotEndAt, timeZone) });
  }
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
