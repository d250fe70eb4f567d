// Use cases of settlement terms: the rates in force for a closing, who a shop is paid as, and
// the concierge's settings (a shop's terms and rate, the town's rates). Only the concierge
// changes them; a merchant reads its own shop's terms; anyone else gets 404. A merchant never
// changes its bank details here: a swapped IBAN is the classic payout fraud, so the change
// goes through a phone call to the conciergerie, and a second person confirms it
// (bank.service.ts) before the shop is paid again.
import type { Config } from '../../config.ts';
import type { Db, Executor, Trx } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import { assertCanManageShop, findShopsByIds, getShop, isValidSiret, type Shop } from '../../shops/index.ts';
import { isLocalDate } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { notFound, type ErrorCode } from '../../platform/errors.ts';
import type { BasisPoints } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { bankHistoryOf, recordBankChange, type BankHistory } from './bank.service.ts';
import { bankDetailsChanged } from './bank.rules.ts';
import type { PeriodKind } from '../settlement.statements.rules.ts';
import {
  commissionHistory,
  commissionRatesUpTo,
  insertCommissionRate,
  insertVatRate,
  lastClosedDay,
  lockShopTerms,
  shopTermsRows,
  updateShopTerms,
  vatRates,
  type CommissionRateRow,
  type RateScope,
  type ShopTermsRow,
  type VatRateRow,
} from './terms.repository.ts';
import {
  DEFAULT_COMMISSION_BP,
  DEFAULT_VAT_BP,
  isRateInRange,
  normaliseBic,
  normaliseFrenchVatNumber,
  normaliseIban,
  parsePercent,
  rateOnDate,
  sirenOfVatNumber,
  type DatedRate,
} from './terms.rules.ts';
import { assertConcierge } from '../../platform/actor.ts';

export interface RatesInForce {
  commissionBp: BasisPoints;
  /** null: « TVA non applicable ». */
  vatBp: BasisPoints | null;
  /** What the shop sells: a provider's sales are services. */
  sells: RateScope;
}

/** The town's rates on a date: for goods, else 5 %; for services, else the goods rate. */
function townRatesOn(rows: readonly CommissionRateRow[], date: string): Record<RateScope, BasisPoints> {
  const town = (scope: RateScope) => rows.filter((row) => row.shopId === null && row.appliesTo === scope).map(datedCommission);
  const goods = rateOnDate(town('goods'), date)?.rate ?? DEFAULT_COMMISSION_BP;
  return { goods, services: rateOnDate(town('services'), date)?.rate ?? goods };
}

/**
 * The commission and VAT rates in force on `date` for each shop: the shop's latest rate
 * started on or before that day, else the town's for what it sells (a provider sells
 * services), else 5 %; VAT likewise, else 20 %. One query per table whatever the number of shops.
 */
export async function ratesInForce(db: Executor, shopIds: readonly string[], date: string): Promise<Map<string, RatesInForce>> {
  const [commissionRows, vatRows, shops] = await Promise.all([commissionRatesUpTo(db, shopIds, date), vatRates(db, date), findShopsByIds(db, shopIds)]);
  const ownRates = new Map<string, Array<DatedRate<BasisPoints>>>();
  for (const row of commissionRows) {
    if (row.shopId === null) continue;
    ownRates.set(row.shopId, [...(ownRates.get(row.shopId) ?? []), datedCommission(row)]);
  }
  const town = townRatesOn(commissionRows, date);
  const providers = new Set(shops.filter((shop) => shop.kind === 'provider').map((shop) => shop.id));
  const vatStep = rateOnDate(vatRows.map(datedVat), date);
  const vatBp = vatStep ? vatStep.rate : DEFAULT_VAT_BP;
  const rates = new Map<string, RatesInForce>();
  for (const shopId of shopIds) {
    const sells: RateScope = providers.has(shopId) ? 'services' : 'goods';
    rates.set(shopId, { commissionBp: rateOnDate(ownRates.get(shopId) ?? [], date)?.rate ?? town[sells], vatBp, sells });
  }
  return rates;
}

export interface ShopPayee {
  shopId: string;
  tradeName: string;
  legalName: string;
  iban: string | null;
  bic: string | null;
  /** A second person confirmed the bank details in force: without it the shop is not paid. */
  bankConfirmed: boolean;
  vatNumber: string | null;
  siret: string | null;
  /** « 12 rue de la République, 13800 Istres ». */
  address: string;
  addressLine: string;
  postalCode: string;
  city: string;
  /** The day the shop signed the self-billing mandate; null: it sends its own invoices. */
  selfBillingSince: string | null;
  settlementPeriod: PeriodKind;
}

/** Who each shop is paid as, for invoices and payouts: two queries whatever the number of shops. */
export async function shopPayee(db: Executor, shopIds: readonly string[]): Promise<Map<string, ShopPayee>> {
  const [shops, terms] = await Promise.all([findShopsByIds(db, shopIds), shopTermsRows(db, shopIds)]);
  const termsByShop = new Map(terms.map((row) => [row.shopId, row]));
  const payees = new Map<string, ShopPayee>();
  for (const shop of shops) {
    const row = termsByShop.get(shop.id);
    payees.set(shop.id, {
      shopId: shop.id,
      tradeName: shop.tradeName,
      legalName: shop.legalName,
      iban: row?.iban ?? null,
      bic: row?.bic ?? null,
      bankConfirmed: row?.bankConfirmed ?? false,
      vatNumber: row?.vatNumber ?? null,
      siret: shop.siret,
      address: `${shop.addressLine}, ${shop.postalCode} ${shop.city}`,
      addressLine: shop.addressLine,
      postalCode: shop.postalCode,
      city: shop.city,
      selfBillingSince: row?.selfBillingSince ?? null,
      settlementPeriod: row?.settlementPeriod ?? 'monthly',
    });
  }
  return payees;
}

function datedVat(row: VatRateRow): DatedRate<BasisPoints | null> {
  return { startsOn: row.startsOn, rate: row.rateBp, recordedAt: row.createdAt };
}

// ---------------------------------------------------------------------------------------
// Pages: a shop's terms, the town's rates, and their changes.

export interface RateStep {
  startsOn: string;
  /** null: « TVA non applicable » (VAT only). */
  rateBp: BasisPoints | null;
  createdAt: string;
  createdByLabel: string;
}

export interface ShopTerms {
  shop: Shop;
  payee: ShopPayee;
  /** Rates in force today. */
  inForce: RatesInForce;
  /** The shop's own commission rates, newest first; empty: the town's rate applies. */
  history: RateStep[];
  /** The last day of the shop's latest closed statement: a new rate starts after it. */
  lastClosedDay: string | undefined;
  /** The changes of its bank details, and the one awaiting confirmation. */
  bank: BankHistory;
}

export async function getShopTerms(db: Executor, actor: CurrentAccount | null, shopId: string, today: string): Promise<ShopTerms> {
  assertCanManageShop(actor, shopId);
  const shop = await getShop(db, shopId);
  const [payees, rates, history, closedDay, bank] = await Promise.all([
    shopPayee(db, [shopId]),
    ratesInForce(db, [shopId], today),
    commissionHistory(db, shopId),
    lastClosedDay(db, shopId),
    bankHistoryOf(db, shopId),
  ]);
  return { shop, payee: payees.get(shopId)!, inForce: rates.get(shopId)!, history: history.map(toStep), lastClosedDay: closedDay, bank };
}

export interface TownRates {
  commissionBp: BasisPoints;
  /** The rate of services today: the goods rate while none was set. */
  servicesBp: BasisPoints;
  vatBp: BasisPoints | null;
  commissionHistory: RateStep[];
  servicesHistory: RateStep[];
  vatHistory: RateStep[];
  lastClosedDay: string | undefined;
}

export async function getTownRates(db: Executor, actor: CurrentAccount | null, today: string): Promise<TownRates> {
  assertConcierge(actor);
  const [commission, services, vat, closedDay] = await Promise.all([commissionHistory(db, null, 'goods'), commissionHistory(db, null, 'services'), vatRates(db), lastClosedDay(db)]);
  const town = townRatesOn([...commission, ...services], today);
  const vatStep = rateOnDate(vat.map(datedVat), today);
  return {
    commissionBp: town.goods,
    servicesBp: town.services,
    vatBp: vatStep ? vatStep.rate : DEFAULT_VAT_BP,
    commissionHistory: commission.map(toStep),
    servicesHistory: services.map(toStep),
    vatHistory: vat.map(toStep),
    lastClosedDay: closedDay,
  };
}

/** What the concierge types on a shop's terms form, as text. */
export interface ShopTermsInput {
  settlementPeriod: PeriodKind;
  iban: string;
  bic: string;
  vatNumber: string;
  /** Empty: no mandate. */
  selfBillingSince: string;
}

/** The refusals of a form, field by field, so every field shows its own message at once. */
export type FieldCodes = Partial<Record<string, ErrorCode>>;

/**
 * Saves a shop's terms; answers the refused fields (and saves nothing) when some are wrong.
 * A change of IBAN or BIC is recorded and mailed in the same transaction, and awaits a
 * second person before the shop is paid again.
 */
export async function updateTerms(db: Db, config: Config, actor: CurrentAccount | null, shopId: string, input: ShopTermsInput): Promise<FieldCodes | undefined> {
  assertConcierge(actor);
  const shop = await getShop(db, shopId);
  const checked = checkTerms(shop, input);
  if ('errors' in checked) return checked.errors;
  await inTransaction(db, (trx) => saveTerms(trx, config, actor!, shop, checked.terms));
  return undefined;
}

async function saveTerms(trx: Trx, config: Config, actor: CurrentAccount, shop: Shop, terms: ShopTermsRow): Promise<void> {
  const at = nowIso();
  // Locked before reading: of two changes at once, the second reads what the first saved.
  if (!(await lockShopTerms(trx, shop.id, at))) throw notFound();
  const [before] = await shopTermsRows(trx, [shop.id]);
  await updateShopTerms(trx, terms, at);
  if (bankDetailsChanged(before, terms)) await recordBankChange(trx, config, actor, shop, before, terms, at);
}

function checkTerms(shop: Shop, input: ShopTermsInput): { terms: ShopTermsRow } | { errors: FieldCodes } {
  const errors: FieldCodes = {};
  const ibanText = input.iban.trim();
  const iban = ibanText === '' ? null : normaliseIban(ibanText);
  if (iban === undefined) errors.iban = 'terms_iban';
  const bicText = input.bic.trim();
  const bic = bicText === '' ? null : normaliseBic(bicText);
  if (bic === undefined) errors.bic = 'terms_bic';
  else if (iban && !bic) errors.bic = 'terms_bic_required';
  const vatText = input.vatNumber.trim();
  const vatNumber = vatText === '' ? null : normaliseFrenchVatNumber(vatText);
  if (vatNumber === undefined) errors.vatNumber = 'terms_vat_number';
  else if (vatNumber && !matchesSiret(vatNumber, shop.siret)) errors.vatNumber = 'terms_vat_number_siren';
  const since = input.selfBillingSince.trim();
  const selfBillingSince = since === '' ? null : parseLocalDate(since);
  if (selfBillingSince === undefined) errors.selfBillingSince = 'terms_date_format';
  if (Object.keys(errors).length > 0) return { errors };
  return { terms: { shopId: shop.id, settlementPeriod: input.settlementPeriod, iban: iban!, bic: bic!, vatNumber: vatNumber!, selfBillingSince: selfBillingSince! } };
}

/** A French VAT number names the SIREN of the shop: the first 9 digits of its SIRET, when known. */
function matchesSiret(vatNumber: string, siret: string | null): boolean {
  if (!siret || !isValidSiret(siret)) return true;
  return siret.replace(/\s/g, '').startsWith(sirenOfVatNumber(vatNumber));
}

/**
 * A new commission rate for a shop (shopId) or for the town (shopId null), from `startsOn`;
 * the town's applies to goods or to services. `fields` names the form's fields, for the refusals.
 */
export async function addCommissionRate(
  db: Db,
  actor: CurrentAccount | null,
  shopId: string | null,
  input: { rate: string; startsOn: string },
  appliesTo: RateScope = 'goods',
  fields: { rate: string; startsOn: string } = { rate: 'rate', startsOn: 'startsOn' },
): Promise<FieldCodes | undefined> {
  assertConcierge(actor);
  if (shopId !== null) await getShop(db, shopId);
  const rate = checkRate(input.rate);
  const start = await checkStart(db, input.startsOn, shopId ?? undefined);
  const errors: FieldCodes = { ...(typeof rate === 'string' ? { [fields.rate]: rate } : {}), ...(start.error ? { [fields.startsOn]: start.error } : {}) };
  if (typeof rate === 'string' || !start.date) return errors;
  const step = { shopId, appliesTo: shopId === null ? appliesTo : 'goods', rateBp: rate.rateBp, startsOn: start.date, createdAt: nowIso(), createdByLabel: actor!.displayName } as const;
  await inTransaction(db, (trx) => insertCommissionRate(trx, step));
  return undefined;
}

/** A new VAT rate on the commission from `startsOn`; `exempt`: « TVA non applicable ». */
export async function addVatRate(db: Db, actor: CurrentAccount | null, input: { rate: string; exempt: boolean; startsOn: string }): Promise<FieldCodes | undefined> {
  assertConcierge(actor);
  const rate = input.exempt ? { rateBp: null } : checkRate(input.rate);
  const start = await checkStart(db, input.startsOn);
  const errors: FieldCodes = { ...(typeof rate === 'string' ? { vatRate: rate } : {}), ...(start.error ? { vatStartsOn: start.error } : {}) };
  if (typeof rate === 'string' || !start.date) return errors;
  const step = { rateBp: rate.rateBp, startsOn: start.date, createdAt: nowIso(), createdByLabel: actor!.displayName };
  const added = await inTransaction(db, (trx) => insertVatRate(trx, step));
  return added ? undefined : { vatStartsOn: 'terms_vat_date_taken' };
}

function checkRate(text: string): { rateBp: BasisPoints } | ErrorCode {
  const rateBp = parsePercent(text);
  if (rateBp === undefined) return 'terms_rate_format';
  if (!isRateInRange(rateBp)) return 'terms_rate_range';
  return { rateBp };
}

/** A change never rewrites the past: it starts after the last closed period (of the shop, or of any shop). */
async function checkStart(db: Executor, text: string, shopId?: string): Promise<{ date?: string; error?: ErrorCode }> {
  const date = parseLocalDate(text.trim());
  if (!date) return { error: 'terms_date_format' };
  const closed = await lastClosedDay(db, shopId);
  if (closed && date <= closed) return { error: 'terms_date_closed' };
  return { date };
}

/** « 2026-01-01 » (a date field) or « 01/01/2026 » (typed) → « 2026-01-01 ». */
export function parseLocalDate(text: string): string | undefined {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const date = french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : text;
  return isLocalDate(date) ? date : undefined;
}

function datedCommission(row: CommissionRateRow): DatedRate<BasisPoints> {
  return { startsOn: row.startsOn, rate: row.rateBp, recordedAt: row.createdAt };
}

function toStep(row: CommissionRateRow | VatRateRow): RateStep {
  return { startsOn: row.startsOn, rateBp: row.rateBp, createdAt: row.createdAt, createdByLabel: row.createdByLabel };
}
