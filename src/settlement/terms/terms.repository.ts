// SQL of settlement terms: the settlement columns of shops (this area's, added by its
// migration; the shop's identity is read through the shops area) with whether the bank
// details are confirmed, the dated commission and VAT rates, and the end of the last closed
// period a change must not reach back into.
import type { ExpressionBuilder } from 'kysely';
import type { Database, Executor } from '../../db/index.ts';
import { newId } from '../../platform/ids.ts';
import type { BasisPoints } from '../../platform/money.ts';
import type { BankChangeStatus } from './bank.rules.ts';
import type { PeriodKind } from '../settlement.statements.rules.ts';

/** Above this many shops, rates are read for all shops at once (the table is small) rather than listed. */
const MAX_LISTED_IDS = 1000;

/** What a town-wide rate applies to: the sales of shops (goods) or of providers (services). */
export type RateScope = 'goods' | 'services';

export interface CommissionRateRow {
  id: string;
  /** null: the town's rate. */
  shopId: string | null;
  /** Meaningful for the town's rates; a shop's own rate applies to all it sells. */
  appliesTo: RateScope;
  rateBp: BasisPoints;
  startsOn: string;
  createdAt: string;
  createdByLabel: string;
}

export interface VatRateRow {
  id: string;
  /** null: « TVA non applicable ». */
  rateBp: BasisPoints | null;
  startsOn: string;
  createdAt: string;
  createdByLabel: string;
}

export interface ShopTermsRow {
  shopId: string;
  settlementPeriod: PeriodKind;
  iban: string | null;
  bic: string | null;
  vatNumber: string | null;
  selfBillingSince: string | null;
}

/** Every commission rate of these shops and of the town started on or before `date`: one query. */
export async function commissionRatesUpTo(db: Executor, shopIds: readonly string[], date: string): Promise<CommissionRateRow[]> {
  let query = db
    .selectFrom('commission_rates')
    .select(['id', 'shop_id', 'applies_to', 'rate_bp', 'starts_on', 'created_at', 'created_by_label'])
    .where('starts_on', '<=', date);
  if (shopIds.length <= MAX_LISTED_IDS) {
    query = query.where((eb) => (shopIds.length === 0 ? eb('shop_id', 'is', null) : eb.or([eb('shop_id', 'is', null), eb('shop_id', 'in', shopIds)])));
  }
  const rows = await query.execute();
  return rows.map(toCommissionRate);
}

/** The history of one shop's rate, or of the town's (shopId null) for goods or services, newest first. */
export async function commissionHistory(db: Executor, shopId: string | null, appliesTo: RateScope = 'goods'): Promise<CommissionRateRow[]> {
  let query = db
    .selectFrom('commission_rates')
    .select(['id', 'shop_id', 'applies_to', 'rate_bp', 'starts_on', 'created_at', 'created_by_label'])
    .where('shop_id', shopId === null ? 'is' : '=', shopId);
  if (shopId === null) query = query.where('applies_to', '=', appliesTo);
  const rows = await query
    .orderBy('starts_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toCommissionRate);
}

export async function insertCommissionRate(trx: Executor, rate: Omit<CommissionRateRow, 'id'>): Promise<void> {
  await trx
    .insertInto('commission_rates')
    .values({ id: newId(), shop_id: rate.shopId, applies_to: rate.appliesTo, rate_bp: rate.rateBp, starts_on: rate.startsOn, created_at: rate.createdAt, created_by_label: rate.createdByLabel })
    .execute();
}

/** VAT rates started on or before `date` (all of them when `date` is undefined), newest first. */
export async function vatRates(db: Executor, date?: string): Promise<VatRateRow[]> {
  let query = db.selectFrom('commission_vat_rates').select(['id', 'rate_bp', 'starts_on', 'created_at', 'created_by_label']);
  if (date !== undefined) query = query.where('starts_on', '<=', date);
  const rows = await query.orderBy('starts_on', 'desc').execute();
  return rows.map((row) => ({ id: row.id, rateBp: row.rate_bp, startsOn: row.starts_on, createdAt: row.created_at, createdByLabel: row.created_by_label }));
}

/** Inserts a VAT step; false when a step starts that day already (the start date is unique). */
export async function insertVatRate(trx: Executor, rate: Omit<VatRateRow, 'id'>): Promise<boolean> {
  const result = await trx
    .insertInto('commission_vat_rates')
    .values({ id: newId(), rate_bp: rate.rateBp, starts_on: rate.startsOn, created_at: rate.createdAt, created_by_label: rate.createdByLabel })
    .onConflict((oc) => oc.column('starts_on').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** A shop's terms as read, with whether its bank details are confirmed. */
export interface ShopTermsRead extends ShopTermsRow {
  /** Some change of its bank details was confirmed and none awaits confirmation. */
  bankConfirmed: boolean;
}

/**
 * The terms of these shops. The bank details and whether they are confirmed come from one
 * statement, hence one snapshot: a payout never copies an IBAN with another IBAN's confirmation.
 */
export async function shopTermsRows(db: Executor, shopIds: readonly string[]): Promise<ShopTermsRead[]> {
  if (shopIds.length === 0) return [];
  const rows = await db
    .selectFrom('shops')
    .select(['id', 'settlement_period', 'iban', 'bic', 'vat_number', 'self_billing_since'])
    .select((eb) => [
      eb.exists(changesOfShop(eb, 'pending')).as('bank_pending'),
      eb.exists(changesOfShop(eb, 'confirmed')).as('bank_confirmed'),
    ])
    .where('id', 'in', shopIds)
    .execute();
  return rows.map((row) => ({
    shopId: row.id,
    settlementPeriod: row.settlement_period as PeriodKind,
    iban: row.iban,
    bic: row.bic,
    vatNumber: row.vat_number,
    selfBillingSince: row.self_billing_since,
    // SQLite answers 0/1, PostgreSQL false/true.
    bankConfirmed: Boolean(row.bank_confirmed) && !row.bank_pending,
  }));
}

function changesOfShop(eb: ExpressionBuilder<Database, 'shops'>, status: BankChangeStatus) {
  return eb.selectFrom('bank_detail_changes as c').select('c.id').whereRef('c.shop_id', '=', 'shops.id').where('c.status', '=', status);
}

/**
 * Writes the shop's row first, so a concurrent change of the same shop's terms waits for
 * this transaction and then reads what it left; false when the shop does not exist.
 */
export async function lockShopTerms(trx: Executor, shopId: string, at: string): Promise<boolean> {
  const result = await trx.updateTable('shops').set({ updated_at: at }).where('id', '=', shopId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateShopTerms(trx: Executor, terms: ShopTermsRow, updatedAt: string): Promise<void> {
  await trx
    .updateTable('shops')
    .set({
      settlement_period: terms.settlementPeriod,
      iban: terms.iban,
      bic: terms.bic,
      vat_number: terms.vatNumber,
      self_billing_since: terms.selfBillingSince,
      updated_at: updatedAt,
    })
    .where('id', '=', terms.shopId)
    .execute();
}

/** The last day of the latest closed statement of a shop, or of any shop when shopId is undefined. */
export async function lastClosedDay(db: Executor, shopId?: string): Promise<string | undefined> {
  let query = db.selectFrom('statements').select((eb) => eb.fn.max('period_end').as('last'));
  if (shopId !== undefined) query = query.where('shop_id', '=', shopId);
  const row = await query.executeTakeFirst();
  return row?.last ?? undefined;
}

function toCommissionRate(row: { id: string; shop_id: string | null; applies_to: string; rate_bp: number; starts_on: string; created_at: string; created_by_label: string }): CommissionRateRow {
  return { id: row.id, shopId: row.shop_id, appliesTo: row.applies_to === 'services' ? 'services' : 'goods', rateBp: row.rate_bp, startsOn: row.starts_on, createdAt: row.created_at, createdByLabel: row.created_by_label };
}
