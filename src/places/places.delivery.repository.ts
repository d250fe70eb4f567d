// All SQL of home delivery: the town's setting (one row) and the streets of its zone.
import type { Executor } from '../db/index.ts';
import type { HomeDeliveryAudience, ZoneStreet } from './places.delivery.rules.ts';

const SETTINGS_ID = 'town';

/** Nobody until the town says otherwise. */
export async function findAudience(db: Executor): Promise<HomeDeliveryAudience> {
  const row = await db.selectFrom('home_delivery_settings').select('audience').where('id', '=', SETTINGS_ID).executeTakeFirst();
  return (row?.audience as HomeDeliveryAudience | undefined) ?? 'nobody';
}

export async function saveAudience(db: Executor, audience: HomeDeliveryAudience, at: string): Promise<void> {
  await db
    .insertInto('home_delivery_settings')
    .values({ id: SETTINGS_ID, audience, updated_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ audience, updated_at: at }))
    .execute();
}

export async function listZoneStreets(db: Executor): Promise<ZoneStreet[]> {
  const rows = await db.selectFrom('home_delivery_streets').select(['street', 'postal_code']).orderBy('postal_code').orderBy('street_key').execute();
  return rows.map((row) => ({ street: row.street, postalCode: row.postal_code }));
}

/** The whole list replaced at once: the town edits it as one text. */
export async function replaceZoneStreets(db: Executor, streets: ReadonlyArray<ZoneStreet & { id: string; key: string }>): Promise<void> {
  await db.deleteFrom('home_delivery_streets').execute();
  if (streets.length === 0) return;
  await db
    .insertInto('home_delivery_streets')
    .values(streets.map((street) => ({ id: street.id, street: street.street, street_key: street.key, postal_code: street.postalCode })))
    .execute();
}
