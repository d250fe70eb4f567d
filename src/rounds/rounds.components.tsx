// Pieces shared by the pages of the concierge's day (the « Aujourd’hui » board, the collection
// round, the round sheet to print): their addresses, the trail, a day and a phone number as
// they read, and the one sentence that sums up a round.
import { formatDate } from '../platform/clock.ts';
import { t, tPlural } from '../platform/i18n/index.ts';
import { formatPhone } from '../platform/typography.ts';
import type { PageContext } from '../platform/page-context.ts';
import type { CollectionRound } from './rounds.service.ts';
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
