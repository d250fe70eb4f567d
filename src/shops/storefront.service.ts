// What a merchant may change of its own shop from the storefront editor: the description
// and the public contact details. The identity (names, SIRET, category, address) stays
// with the concierge.
import type { Executor } from '../db/index.ts';
import { nowIso } from '../platform/clock.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { updateShopRow } from './shops.repository.ts';
import { assertCanManageShop, getShop } from './shops.service.ts';

export interface StorefrontInput {
  description: string;
  phone: string | null;
  email: string | null;
}

export async function updateStorefront(db: Executor, actor: CurrentAccount | null, shopId: string, input: StorefrontInput): Promise<void> {
  assertCanManageShop(actor, shopId);
  await getShop(db, shopId);
  await updateShopRow(db, shopId, { description: input.description, phone: input.phone, email: input.email, updated_at: nowIso() });
}
