// Factories for settlement: orders handed over at the counter and paid, through the real use
// cases (shops accept, the concierge receives and hands over), bank details confirmed by a
// second concierge, and closing a period as if today were the day after it.
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { handOver, receivePurchaseOrder, type CounterPaymentMethod } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { localDateOf, localToUtc, addDays } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { recordShopInvoice } from '../../src/settlement/invoices/invoices.service.ts';
import { closePeriod, type ClosingResult } from '../../src/settlement/statements/statements.service.ts';
import { updateTerms } from '../../src/settlement/terms/terms.service.ts';
import { confirmBankChange, pendingBankChangeOf } from '../../src/settlement/terms/bank.service.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { periodOf, type PeriodKind } from '../../src/settlement/settlement.statements.rules.ts';
import { makeOffer } from './catalogue.ts';
import { CONCIERGE, makeOrder } from './orders.ts';
import { makeShop } from './shops.ts';

/** Another concierge than the factory's: bank details entered by one are confirmed by the other. */
export const SECOND_CONCIERGE: CurrentAccount = { id: 'factory-second', email: 'factory-second@exemple.fr', role: 'concierge', displayName: 'Factory bis', shopId: null, memberId: null };

/** Confirms the bank details awaiting confirmation of these shops, as a second concierge would. */
export async function confirmBankDetails(db: Db, shopIds: readonly string[]): Promise<void> {
  for (const shopId of shopIds) {
    const pending = await pendingBankChangeOf(db, SECOND_CONCIERGE, shopId);
    if (pending) await confirmBankChange(db, SECOND_CONCIERGE, shopId, pending.id);
  }
}

export interface HandedOver {
  orderId: string;
  memberId: string;
  /** One purchase order per shop, in the order of `lines`. */
  purchaseOrders: Array<{ id: string; shopId: string; totalCents: number }>;
}

/**
 * An order placed for the given offers (quantity 1 unless said), every purchase order
 * accepted, received and handed over at once, paid by `method` at the counter.
 */
export async function handedOverOrder(
  db: Db,
  config: Config,
  placeId: string,
  lines: ReadonlyArray<{ offerId: string; quantity?: number }>,
  options: { method?: CounterPaymentMethod; memberId?: string } = {},
): Promise<HandedOver> {
  const made = await makeOrder(db, config, { placeId, memberId: options.memberId, lines: lines.map((line) => ({ offerId: line.offerId, quantity: line.quantity ?? 1 })) });
  const pos = await db.selectFrom('purchase_orders').select(['id', 'shop_id', 'total_cents']).where('order_id', '=', made.orderId).orderBy('created_at').orderBy('id').execute();
  for (const [index, po] of pos.entries()) {
    await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: `S${index + 1}`, chilled: false });
  }
  const ids = pos.map((po) => po.id);
  await handOver(db, CONCIERGE, made.orderId, { purchaseOrderIds: ids, shownIds: ids, method: options.method ?? 'card' }, newIdempotencyKey());
  return { orderId: made.orderId, memberId: made.memberId, purchaseOrders: pos.map((po) => ({ id: po.id, shopId: po.shop_id, totalCents: Number(po.total_cents) })) };
}

/** A shop with one offer at `priceCents`, paid back on `period`. */
export async function shopWithOffer(db: Db, fields: { tradeName?: string; priceCents: number; period?: PeriodKind }): Promise<{ shopId: string; offerId: string }> {
  const shopId = await makeShop(db, fields.tradeName ? { tradeName: fields.tradeName } : {});
  if (fields.period) await db.updateTable('shops').set({ settlement_period: fields.period }).where('id', '=', shopId).execute();
  const offerId = await makeOffer(db, shopId, { priceCents: fields.priceCents });
  return { shopId, offerId };
}

/** The period of a kind holding today, in the town's zone. */
export function currentPeriod(config: Config, kind: PeriodKind = 'monthly') {
  return periodOf(kind, localDateOf(nowIso(), config.timeZone));
}

/** Closes the period holding today, as the concierge would on the day after it ends. */
export function closeCurrentPeriod(db: Db, config: Config, kind: PeriodKind = 'monthly'): Promise<ClosingResult> {
  const period = currentPeriod(config, kind);
  const dayAfter = localToUtc(addDays(period.end, 1), '09:00', config.timeZone)!;
  return closePeriod(db, config, CONCIERGE, { kind, start: period.start }, dayAfter);
}

const IBANS = ['FR1420041010050500013M02606', 'FR7630006000011234567890189', 'FR7630004000031234567890143', 'FR7610107001011234567890129'];
const BICS = ['CEPAFRPP131', 'BNPAFRPP', 'PSSTFRPPMAR', 'AGRIFRPP'];

/**
 * Settled statements of `shops` new shops paid back weekly (one order across them handed
 * over today, this week closed as of tomorrow, each shop's invoice matching), each shop with
 * an IBAN and a BIC confirmed by a second concierge. Answers the statements in the order of the shops.
 */
export async function settledWeeklyStatements(db: Db, config: Config, placeId: string, shops: number): Promise<{ statementIds: string[]; shopIds: string[] }> {
  const made = await makeOrder(db, config, { placeId, shops });
  const pos = await db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).orderBy('created_at').orderBy('id').execute();
  for (const [index, po] of pos.entries()) {
    const bank = { iban: IBANS[index % IBANS.length], bic: BICS[index % BICS.length] };
    const refused = await updateTerms(db, config, CONCIERGE, po.shop_id, { settlementPeriod: 'weekly', ...bank, vatNumber: '', selfBillingSince: '' });
    if (refused) throw new Error(`terms refused: ${JSON.stringify(refused)}`);
    await confirmBankDetails(db, [po.shop_id]);
    await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: `L${index + 1}`, chilled: false });
  }
  const ids = pos.map((po) => po.id);
  await handOver(db, CONCIERGE, made.orderId, { purchaseOrderIds: ids, shownIds: ids, method: 'card' }, newIdempotencyKey());
  await closeCurrentPeriod(db, config, 'weekly');
  const today = localDateOf(nowIso(), config.timeZone);
  const rows = await db.selectFrom('statements').select(['id', 'shop_id', 'sales_cents', 'refunds_cents']).where('shop_id', 'in', pos.map((po) => po.shop_id)).execute();
  for (const row of rows) {
    const amount = ((Number(row.sales_cents) - Number(row.refunds_cents)) / 100).toFixed(2).replace('.', ',');
    const invoice = { number: `F-${row.id.slice(-6)}`, invoiceDate: today.split('-').reverse().join('/'), amount, file: Buffer.from('%PDF-1.4 facture') };
    await recordShopInvoice(db, config, CONCIERGE, row.id, invoice, newIdempotencyKey());
  }
  const byShop = new Map(rows.map((row) => [row.shop_id, row.id]));
  return { statementIds: pos.map((po) => byShop.get(po.shop_id)!), shopIds: pos.map((po) => po.shop_id) };
}
