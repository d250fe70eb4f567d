// Pieces shared by the pages of the concierge's day (the « Aujourd’hui » board, the collection
// round, the round sheet to print): their addresses, the trail, a day and a phone number as
// they read, and the one sentence that sums up a round.
import { formatDate } from '../platform/clock.ts';
import { t } from '../platform/i18n/index.ts';
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
  return phone ? <a href={telHref(phone)} class="nowrap">{phone}</a> : <span class="muted">{t('rounds.no_phone')}</span>;
}

/** « 3 commerces, 5 bons de commande (2 prêt(s)). », with the length of the tour when it is known. */
export function roundLead(round: CollectionRound): string {
  const base = t(round.stops.length === 1 ? 'rounds.round.lead_one' : 'rounds.round.lead', { shops: round.stops.length, count: round.purchaseOrderCount, ready: round.readyCount });
  if (round.lengthMetres === null) return base;
  const km = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(round.lengthMetres / 1000);
  return `${base} ${t('rounds.round.length', { km })}`;
}
