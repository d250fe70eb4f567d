// Pieces shared by the pages of the concierge's day (the « Aujourd’hui » board, the collection
// round, the round sheet to print): their addresses, the trail, a day and a phone number as
// they read, and the one sentence that sums up a round.
import { formatClock, formatDate } from '../platform/clock.ts';
import { t, tPlural } from '../platform/i18n/index.ts';
import { formatPhone } from '../platform/typography.ts';
import type { PageContext } from '../platform/page-context.ts';
import type { CollectionRound, RoundStop } from './rounds.service.ts';
import { BACKOFFICE_PATH } from '../platform/paths.ts';

export { BOARD_PATH, PRINT_PATH, ROUND_PATH, receptionPath, roundHref } from './rounds.paths.ts';

/** The back-office trail, then the page's own steps. */
export function trail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], ...rest];
}

/** A local date at noon UTC, so formatting it in the town's zone never slips a day. */
export function dateText(ctx: PageContext, date: string): string {
  return formatDate(`${date}T12:00:00.000Z`, ctx.timeZone);
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** A phone number to call from the page, or « pas de téléphone ». */
export function Phone({ phone }: { phone: string | null }) {
  return phone ? <a href={telHref(phone)} class="nowrap">{formatPhone(phone)}</a> : <span class="muted">{t('rounds.no_phone')}</span>;
}

/** « 5 bons de commande », « 1 prêt »: the counts of a round's summary, each in its plural form. */
export function orderCounts(purchaseOrders: number, ready: number): { orders: string; ready: string } {
  return { orders: tPlural('rounds.purchase_orders', purchaseOrders), ready: tPlural('rounds.ready', ready) };
}

/** « 3 commerces, 5 bons de commande (2 prêts). », with the length of the tour when it is known. */
export function roundLead(round: CollectionRound): string {
  const base = t(round.stops.length === 1 ? 'rounds.round.lead_one' : 'rounds.round.lead', { shops: round.stops.length, ...orderCounts(round.purchaseOrderCount, round.readyCount) });
  if (round.lengthMetres === null) return base;
  const km = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(round.lengthMetres / 1000);
  return `${base} ${t('rounds.round.length', { km })}`;
}

/** « vers 10 h 42 », with the trip when the round has several; « en fin de tournée » off the map. */
export function arrivalText(round: CollectionRound, stop: RoundStop): string {
  const time = stop.arrivalClock === null ? t('rounds.round.arrival_unknown') : t('rounds.round.arrival_at', { time: formatClock(stop.arrivalClock) });
  return round.trips.length > 1 ? `${time} (${t('rounds.round.trip_label', { number: stop.trip })})` : time;
}

/** Why a stop may be wasted: the shop is closed that day, or will be by the time the tricycle arrives. */
export function closedText(stop: RoundStop): string | null {
  if (stop.closedAllDay) return t('rounds.round.closed_all_day');
  return stop.closedAtArrival ? t('rounds.round.closed_at_arrival') : null;
}

/** The round's timing in sentences: when it leaves and is back, each trip when there are several, what cannot be done. */
export function planNotes(round: CollectionRound): { schedule: string[]; warnings: string[] } {
  const [first] = round.trips;
  const schedule =
    round.trips.length === 0
      ? []
      : round.trips.length === 1
        ? [t('rounds.round.schedule', { departure: formatClock(first.departureClock), back: formatClock(first.returnClock) })]
        : [
            t('rounds.round.trips', { count: round.trips.length }),
            ...round.trips.map((trip) =>
              t(trip.firstStop === trip.lastStop ? 'rounds.round.trip_one_stop' : 'rounds.round.trip', {
                number: trip.number,
                first: trip.firstStop,
                last: trip.lastStop,
                departure: formatClock(trip.departureClock),
                back: formatClock(trip.returnClock),
              }),
            ),
          ];
  const warnings = [
    ...(round.closedCount > 0 ? [tPlural('rounds.round.closed_count', round.closedCount)] : []),
    ...(round.tooBigCount > 0 ? [tPlural('rounds.round.too_big', round.tooBigCount)] : []),
  ];
  return { schedule, warnings };
}
