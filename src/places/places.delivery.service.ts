// What the rest of the conciergerie asks about deliveries: the next run of a company place
// for an order placed now, and the town's home-delivery zone — who may be delivered at home,
// whether an address is inside, and the concierge's form that edits both.
import type { Db, Executor } from '../db/index.ts';
import { requireRole } from '../platform/actor.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { findAudience, listZoneStreets, replaceZoneStreets, saveAudience } from './places.delivery.repository.ts';
import { DEFAULT_RUN_CUTOFF, isInZone, mayHaveHomeDelivery, nextRun, parseZoneLines, streetKey, type HomeDeliveryAudience, type RunTime, type ZoneStreet } from './places.delivery.rules.ts';
import { findPlace } from './places.repository.ts';
import { addDays, localDateOf } from './places.slots.rules.ts';
import { loadCalendar } from './places.slots.service.ts';
import { RUN_SEARCH_DAYS } from './places.delivery.rules.ts';
import { listPlaces } from './places.repository.ts';

/** Active places of kind « company », where the van stops: the companies' form offers them. */
export async function listCompanyStops(db: Executor): Promise<Array<{ id: string; name: string }>> {
  return (await listPlaces(db, { activeOnly: true })).filter((place) => place.kind === 'company').map(({ id, name }) => ({ id, name }));
}

/**
 * The run of an active company place an order placed at `nowAt` rides, its goods at the
 * counter from `notBeforeAt`; undefined when the place is no company's or has no run ahead.
 */
export async function nextRunOf(db: Executor, placeId: string, options: { nowAt: string; notBeforeAt: string; timeZone: string }): Promise<RunTime | undefined> {
  const place = await findPlace(db, placeId);
  if (!place || !place.active || place.kind !== 'company') return undefined;
  const fromDate = localDateOf(options.nowAt, options.timeZone);
  const calendar = await loadCalendar(db, place, fromDate, addDays(fromDate, RUN_SEARCH_DAYS));
  return nextRun(calendar, place.runCutoff ?? DEFAULT_RUN_CUTOFF, options);
}

/** The town's zone and who may use it. */
export interface HomeDeliveryZone {
  audience: HomeDeliveryAudience;
  streets: ZoneStreet[];
}

export async function getHomeDeliveryZone(db: Executor): Promise<HomeDeliveryZone> {
  const [audience, streets] = await Promise.all([findAudience(db), listZoneStreets(db)]);
  return { audience, streets };
}

/** Whether this member may ask for home delivery at all (the town's setting and the member's mark). */
export async function offersHomeDelivery(db: Executor, member: { needsDelivery: boolean }): Promise<boolean> {
  return mayHaveHomeDelivery(await findAudience(db), member);
}

/** Refuses an address outside the zone, next to the address field. */
export async function checkHomeAddress(db: Executor, address: { addressLine: string; postalCode: string }): Promise<void> {
  if (!isInZone(await listZoneStreets(db), address)) throw new DomainError('address_outside_zone', 'address');
}

/** The zone as the concierge and the town read it. */
export async function readHomeDeliveryZone(db: Executor, actor: CurrentAccount | null): Promise<HomeDeliveryZone> {
  requireRole(actor, 'concierge', 'town');
  return getHomeDeliveryZone(db);
}

/**
 * The form of the concierge or the town (the town defines its zone): the setting and the
 * street list as one text; a line that cannot be read refuses the whole, nothing half saved.
 */
export async function saveHomeDeliveryZone(db: Db, actor: CurrentAccount | null, input: { audience: HomeDeliveryAudience; streetsText: string }): Promise<number> {
  requireRole(actor, 'concierge', 'town');
  const { streets, unreadable } = parseZoneLines(input.streetsText);
  if (unreadable.length > 0) throw new DomainError('zone_line_unreadable', 'streets', { line: unreadable[0] });
  await db.transaction().execute(async (trx) => {
    await saveAudience(trx, input.audience, nowIso());
    await replaceZoneStreets(trx, streets.map((street) => ({ ...street, id: newId(), key: streetKey(street.street) })));
  });
  return streets.length;
}
