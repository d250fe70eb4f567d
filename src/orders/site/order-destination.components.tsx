// When and where an order goes, for the thank-you page and the order's page: the counter's
// name and slot for a collection; « Livraison à domicile, vendredi 11 décembre » and the
// address for a home delivery; the company and the run's date and window at work.
import { formatDate } from '../../platform/clock.ts';
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import type { CollectionPoint } from '../../places/index.ts';
import { residentOrderTitle, slotRangeText, slotText } from '../orders.components.tsx';
import type { Order } from '../orders.repository.ts';
import type { OrderDestination } from './order-destination.service.ts';

/** « vendredi 11 décembre, 14 h – 17 h »: a run's date and window, which the order keeps as its slot. */
function runWindow(order: Order, timeZone: string): string {
  return slotRangeText(order.slotStartAt, order.slotEndAt, timeZone);
}

/** The `dt`/`dd` pairs of when and where, inside the page's `dl.facts`. */
export function WhenWhereFacts({ ctx, order, place, destination }: { ctx: PageContext; order: Order; place: CollectionPoint; destination: OrderDestination }) {
  if (destination.kind === 'home') {
    return (
      <>
        <dt>{t('order_destination.delivery')}</dt>
        <dd>{t('order_destination.home', { date: formatDate(order.slotStartAt, ctx.timeZone) })}</dd>
        <dt>{t('checkout.when')}</dt>
        <dd>{slotText(order.slotStartAt, order.slotEndAt, ctx.timeZone)}</dd>
        <dt>{t('order_destination.address')}</dt>
        <dd>{destination.address}</dd>
      </>
    );
  }
  if (destination.kind === 'workplace') {
    return (
      <>
        <dt>{t('order_destination.delivery')}</dt>
        <dd>{t('order_destination.work', { company: destination.companyName })}</dd>
        <dt>{t('order_destination.when')}</dt>
        <dd>{runWindow(order, ctx.timeZone)}</dd>
      </>
    );
  }
  return (
    <>
      <dt>{t('checkout.when')}</dt>
      <dd>{slotText(order.slotStartAt, order.slotEndAt, ctx.timeZone)}</dd>
      <dt>{t('checkout.place_label')}</dt>
      <dd>
        {place.name} — {place.addressLine}, {place.postalCode} {place.city}
      </dd>
    </>
  );
}

/** The order's title: by the day to collect it, or the day it is delivered. */
export function ownOrderTitle(order: Order, destination: OrderDestination, timeZone: string): string {
  if (destination.kind === 'collection') return residentOrderTitle(order, timeZone);
  if (order.status === 'handed_over') return t('order_destination.title_delivered', { date: formatDate(order.closedAt ?? order.slotStartAt, timeZone) });
  if (order.status === 'cancelled' || order.status === 'not_collected') return residentOrderTitle(order, timeZone);
  if (destination.kind === 'home') return t('order_destination.home', { date: formatDate(order.slotStartAt, timeZone) });
  return t('order_destination.title_work', { run: runWindow(order, timeZone) });
}

/** What happens next, after the thank-you: the counter writes, or the order comes to the member. */
export function nextStepText(order: Order, destination: OrderDestination, timeZone: string): string {
  if (destination.kind === 'collection') return t('checkout.done_next');
  return t('order_destination.done_next', { date: formatDate(order.slotStartAt, timeZone) });
}
