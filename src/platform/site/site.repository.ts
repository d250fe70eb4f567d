// The one figure of the back-office home that no area exports yet: offers online.
import type { Executor } from '../../db/index.ts';

/** Offers the public can order: listed availabilities of member shops. */
export async function countOnlineOffers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('offers')
    .innerJoin('shops', 'shops.id', 'offers.shop_id')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('shops.stage', '=', 'member')
    .where('offers.availability', 'in', ['in_stock', 'made_to_order'])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
