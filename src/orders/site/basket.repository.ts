// All SQL of baskets. A basket is the set of lines sharing an owner key: "account:<id>" for a
// logged-in resident, "visitor:<id>" for a visitor's session.
import { sql } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { BasketLinesTable } from '../../db/schema.ts';

export interface BasketLine {
  id: string;
  ownerKey: string;
  /** Null for a free-text line (« à acheter pour moi »). */
  offerId: string | null;
  shopId: string;
  title: string;
  unit: string;
  quantity: number;
  /** The price the person saw or acknowledged; an estimate for a free-text line. */
  seenPriceCents: number;
  priceIsEstimate: boolean;
  createdAt: string;
}

function toLine(row: BasketLinesTable): BasketLine {
  return {
    id: row.id,
    ownerKey: row.owner_key,
    offerId: row.offer_id,
    shopId: row.shop_id,
    title: row.title,
    unit: row.unit,
    quantity: Number(row.quantity),
    seenPriceCents: Number(row.seen_price_cents),
    priceIsEstimate: Number(row.price_is_estimate) === 1,
    createdAt: row.created_at,
  };
}

export async function listBasketLines(db: Executor, ownerKey: string): Promise<BasketLine[]> {
  const rows = await db.selectFrom('basket_lines').selectAll().where('owner_key', '=', ownerKey).orderBy('created_at').orderBy('id').execute();
  return rows.map(toLine);
}

export async function countBasketLines(db: Executor, ownerKey: string): Promise<number> {
  const row = await db.selectFrom('basket_lines').select((eb) => eb.fn.countAll().as('count')).where('owner_key', '=', ownerKey).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findBasketLineOfOffer(db: Executor, ownerKey: string, offerId: string): Promise<BasketLine | undefined> {
  const row = await db.selectFrom('basket_lines').selectAll().where('owner_key', '=', ownerKey).where('offer_id', '=', offerId).executeTakeFirst();
  return row ? toLine(row) : undefined;
}

export async function insertBasketLines(db: Executor, rows: BasketLinesTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('basket_lines').values(rows).execute();
}

/** Changes a line of this owner only; false when the owner has no such line. */
export async function updateBasketLine(
  db: Executor,
  ownerKey: string,
  id: string,
  fields: Partial<Pick<BasketLinesTable, 'quantity' | 'seen_price_cents' | 'updated_at'>>,
): Promise<boolean> {
  const result = await db.updateTable('basket_lines').set(fields).where('id', '=', id).where('owner_key', '=', ownerKey).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sets a number column of several lines of one owner, in one statement. */
async function setNumbers(
  db: Executor,
  ownerKey: string,
  column: 'quantity' | 'seen_price_cents',
  values: ReadonlyArray<{ id: string; value: number }>,
  at: string,
): Promise<void> {
  if (values.length === 0) return;
  // PostgreSQL cannot infer the type of a bare parameter in CASE: cast it.
  const cases = sql.join(values.map(({ id, value }) => sql`when ${id} then cast(${value} as integer)`), sql` `);
  await db
    .updateTable('basket_lines')
    .set({ [column]: sql<number>`case id ${cases} else ${sql.ref(column)} end`, updated_at: at })
    .where('owner_key', '=', ownerKey)
    .where('id', 'in', values.map((item) => item.id))
    .execute();
}

/** The person acknowledged these prices. */
export async function setSeenPrices(db: Executor, ownerKey: string, prices: ReadonlyArray<{ id: string; priceCents: number }>, at: string): Promise<void> {
  await setNumbers(db, ownerKey, 'seen_price_cents', prices.map(({ id, priceCents }) => ({ id, value: priceCents })), at);
}

export async function setQuantities(db: Executor, ownerKey: string, quantities: ReadonlyArray<{ id: string; quantity: number }>, at: string): Promise<void> {
  await setNumbers(db, ownerKey, 'quantity', quantities.map(({ id, quantity }) => ({ id, value: quantity })), at);
}

export async function deleteBasketLines(db: Executor, ownerKey: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.deleteFrom('basket_lines').where('owner_key', '=', ownerKey).where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Takes every line of a basket out of it, in the basket's order: one statement, so of two
 * checkouts of one basket at once, the second waits for the first and finds nothing left.
 */
export async function takeBasketLines(db: Executor, ownerKey: string): Promise<BasketLine[]> {
  const rows = await db.deleteFrom('basket_lines').where('owner_key', '=', ownerKey).returningAll().execute();
  return rows.map(toLine).sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
}

/** Visitors' lines untouched since `before`: their session, and so their basket, is gone. */
export async function deleteVisitorLinesBefore(db: Executor, before: string): Promise<number> {
  const result = await db.deleteFrom('basket_lines').where('updated_at', '<', before).where('owner_key', 'like', 'visitor:%').executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Hands every line of one owner to another (a visitor who logs in). */
export async function changeOwner(db: Executor, fromKey: string, toKey: string, at: string): Promise<void> {
  await db.updateTable('basket_lines').set({ owner_key: toKey, updated_at: at }).where('owner_key', '=', fromKey).execute();
}
