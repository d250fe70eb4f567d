// Use cases of the money exports: the accounting export (FEC) for the concierge, tables of
// statements and payouts, and the town's money by month. Files are produced as streams read
// from the database in batches, so a year of ledger never sits whole in memory.
import { Readable } from 'node:stream';
import type { Db, Executor } from '../../db/index.ts';
import { findMembersByIds, fullName as memberFullName } from '../../members/index.ts';
import { countOrdersPlacedPerPeriod } from '../../orders/index.ts';
import { findShopsByIds } from '../../shops/index.ts';
import { addDays, isLocalDate, localDateOf, localToUtc } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { SPREADSHEET_TYPES, oneBatch, spreadsheetStream, type SpreadsheetFormat } from '../../platform/spreadsheets.ts';
import { encodeLatin9, fecFileName, fecHeader, fecLines, type FecEntry, type FecTransaction } from './fec.ts';
import {
  listEntriesOf,
  listNumbered,
  listPayoutsBetween,
  listStatementsBetween,
  closedThrough,
  shopPayableBefore,
  totalsPerPeriod,
  type Cursor,
  type EntryOfTransaction,
  type PayoutLine,
  type NumberCursor,
  type NumberedTransaction,
  type PeriodTotals,
  type StatementLine,
} from './exports.repository.ts';
import { MONTH_COLUMNS, PAYOUT_COLUMNS, STATEMENT_COLUMNS, type MonthFigures, type NamedPayout, type NamedStatement } from './exports.columns.ts';

export type { MonthFigures };
import { assertConcierge, requireRole } from '../../platform/actor.ts';

/** Transactions read per query for the FEC (a few thousand lines). */
const FEC_BATCH = 1000;
/** Statements or payouts read per query. */
const TABLE_BATCH = 500;
/** Months on the town's page, the current one included. */
export const MONTHS_SHOWN = 12;

/** Only the town and the concierge see the town's money; anyone else gets « not found ». */
export function assertTownOrConcierge(actor: CurrentAccount | null): void {
  requireRole(actor, 'town', 'concierge');
}

/** The accounting export is the concierge's. */
export function assertCanExport(actor: CurrentAccount | null): void {
  assertConcierge(actor);
}

// ---- the range of dates typed in a form ----

export interface DateRange {
  /** Local dates, both included. */
  from: string;
  to: string;
}

/** « 24/12/2026 », « 24-12-2026 », « 24.12.2026 » or « 2026-12-24 » → « 2026-12-24 ». */
export function parseDate(input: string): string | undefined {
  const trimmed = input.trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const iso = french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : trimmed;
  return isLocalDate(iso) ? iso : undefined;
}

/** The range of a form, or the message of each field to correct. */
export function readRange(values: { from?: string; to?: string }): { range: DateRange } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const from = parseDate(values.from ?? '');
  const to = parseDate(values.to ?? '');
  if (!from) errors.from = t('money.error.date');
  if (!to) errors.to = t('money.error.date');
  if (from && to && to < from) errors.to = t('money.error.order');
  return from && to && !errors.to ? { range: { from, to } } : { errors };
}

/** The previous calendar month, the range offered first. */
export function lastMonthRange(today: string): DateRange {
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  const to = addDays(firstOfMonth, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/** Local midnight of a date as a UTC instant (midnight exists every day in the town's zones). */
function midnightUtc(date: string, timeZone: string): string {
  return localToUtc(date, '00:00', timeZone) ?? `${date}T00:00:00.000Z`;
}

/** A file to download. */
export interface Download {
  filename: string;
  contentType: string;
  body: Readable;
}

// ---- FEC ----

/**
 * The ledger's operations dated in the range as a FEC, streamed, journal by journal in number
 * order (numbers are given at posting, so they are the same in every export). Concierge only.
 */
export async function fecDownload(db: Db, actor: CurrentAccount | null, settings: { siren: string; timeZone: string }, range: DateRange): Promise<Download> {
  assertCanExport(actor);
  return {
    filename: fecFileName(settings.siren, range.to),
    contentType: 'text/plain; charset=iso-8859-15',
    body: Readable.from(fecChunks(db, range, settings.timeZone)),
  };
}

async function* fecChunks(db: Executor, range: DateRange, timeZone: string): AsyncGenerator<Buffer> {
  yield encodeLatin9(fecHeader());
  let cursor: NumberCursor | null = null;
  for (;;) {
    const transactions = await listNumbered(db, range, cursor, FEC_BATCH);
    if (transactions.length === 0) return;
    const entries = await listEntriesOf(db, transactions.map((transaction) => transaction.id));
    const named = await nameEntries(db, entries);
    let text = '';
    for (const transaction of transactions) text += fecLines(fecTransactionOf(transaction, named.get(transaction.id) ?? [], timeZone));
    yield encodeLatin9(text);
    if (transactions.length < FEC_BATCH) return;
    const last = transactions[transactions.length - 1];
    cursor = { journal: last.journal, year: last.year, number: last.number };
  }
}

function fecTransactionOf(transaction: NumberedTransaction, entries: FecEntry[], timeZone: string): FecTransaction {
  return {
    kind: transaction.kind,
    number: transaction.number,
    pieceRef: transaction.pieceRef,
    pieceOn: transaction.pieceOn,
    description: transaction.description,
    occurredOn: transaction.occurredOn,
    postedOn: localDateOf(transaction.postedAt, timeZone),
    entries,
  };
}

/** The entries of each transaction, with the name of their shop or member (one query for each kind of owner). */
async function nameEntries(db: Executor, entries: readonly EntryOfTransaction[]): Promise<Map<string, FecEntry[]>> {
  const shopIds = [...new Set(entries.flatMap((entry) => (entry.shopId ? [entry.shopId] : [])))];
  const memberIds = [...new Set(entries.flatMap((entry) => (entry.memberId ? [entry.memberId] : [])))];
  const [shops, members] = await Promise.all([findShopsByIds(db, shopIds), findMembersByIds(db, memberIds)]);
  // A shop or member left without a code (rows inserted in bulk by a script) keeps its id.
  const names = new Map<string, { code: string; name: string }>([
    ...shops.map((shop): [string, { code: string; name: string }] => [shop.id, { code: shop.accountCode ?? shop.id, name: shop.legalName || shop.tradeName }]),
    ...members.map((member): [string, { code: string; name: string }] => [member.id, { code: member.accountCode ?? member.id, name: memberFullName(member) }]),
  ]);
  const byTransaction = new Map<string, FecEntry[]>();
  for (const entry of entries) {
    const ownerId = entry.shopId ?? entry.memberId;
    const list = byTransaction.get(entry.transactionId) ?? [];
    list.push({
      account: entry.account,
      auxiliary: ownerId ? (names.get(ownerId) ?? { code: ownerId, name: '' }) : null,
      debitCents: entry.debitCents,
      creditCents: entry.creditCents,
    });
    byTransaction.set(entry.transactionId, list);
  }
  return byTransaction;
}

// ---- statements and payouts ----

/** Rows read in batches, each batch given the names of its shops. */
async function* readInBatches<L extends { id: string; shopId: string }, N>(
  read: (cursor: Cursor | null) => Promise<L[]>,
  sortKey: (line: L) => string,
  name: (line: L, shopName: string) => N,
  db: Executor,
): AsyncGenerator<N[]> {
  let cursor: Cursor | null = null;
  for (;;) {
    const lines = await read(cursor);
    if (lines.length === 0) return;
    const shops = await findShopsByIds(db, [...new Set(lines.map((line) => line.shopId))]);
    const names = new Map(shops.map((shop) => [shop.id, shop.tradeName]));
    yield lines.map((line) => name(line, names.get(line.shopId) ?? ''));
    if (lines.length < TABLE_BATCH) return;
    const last = lines[lines.length - 1];
    cursor = { key: sortKey(last), id: last.id };
  }
}

export type TableKind = 'statements' | 'payouts';

const FILE_PREFIX: Readonly<Record<TableKind, string>> = { statements: 'releves', payouts: 'virements' };

/** Statements (or payouts) of the range as a CSV or XLSX table, streamed. The town and the concierge. */
export function tableDownload(db: Executor, actor: CurrentAccount | null, table: TableKind, format: SpreadsheetFormat, range: DateRange): Download {
  assertTownOrConcierge(actor);
  const filename = `${FILE_PREFIX[table]}-${range.from}-${range.to}.${format}`;
  const body =
    table === 'statements'
      ? spreadsheetStream(
          format,
          t('money.sheet.statements'),
          STATEMENT_COLUMNS,
          readInBatches<StatementLine, NamedStatement>((cursor) => listStatementsBetween(db, range, cursor, TABLE_BATCH), (line) => line.periodStart, (line, shopName) => ({ ...line, shopName }), db),
        )
      : spreadsheetStream(
          format,
          t('money.sheet.payouts'),
          PAYOUT_COLUMNS,
          readInBatches<PayoutLine, NamedPayout>((cursor) => listPayoutsBetween(db, range, cursor, TABLE_BATCH), (line) => line.executionDate, (line, shopName) => ({ ...line, shopName }), db),
        );
  return { filename, contentType: SPREADSHEET_TYPES[format], body };
}

// ---- the town's money by month ----

/** A month of the town's page: the figures of the file, and what the page adds. */
export interface TownMonth extends MonthFigures {
  /** What the shops sold through the conciergerie (hand-overs), before commission: goods and services. */
  salesCents: number;
  /** Of which the shops' goods… */
  goodsCents: number;
  /** …and the providers' services (repairs, home help…), counted apart. */
  servicesCents: number;
  /** What the conciergerie still owed the shops at the end of the month (now, for the current one). */
  owedCents: number;
  /** Every shop's sales of the month are in closed statements: its figures will not move. */
  closed: boolean;
}

/** This calendar year so far, read from the months shown (they always reach back to January). */
export interface TownYear {
  year: string;
  salesCents: number;
  goodsCents: number;
  servicesCents: number;
  commissionCents: number;
  paidOutCents: number;
  /** Owed to the shops now. */
  owedCents: number;
}

export interface TownMoney {
  months: TownMonth[];
  totals: Omit<MonthFigures, 'month'>;
  year: TownYear;
}

const MONEY_IN_KINDS = new Set(['counter_payment', 'online_payment', 'refund']);
const MONEY_IN_ACCOUNTS = new Set(['cash', 'card_clearing', 'cheque_clearing', 'online_clearing']);

function addSales(month: TownMonth, line: PeriodTotals): void {
  const cents = line.creditCents - line.debitCents;
  month.salesCents += cents;
  if (line.sells === 'services') month.servicesCents += cents;
  else month.goodsCents += cents;
}

/** What one summed line adds to a month; `owedCents` gathers the month's movements on the shops' account here. */
function addTotals(month: TownMonth, line: PeriodTotals): void {
  if (line.account === 'shop_payable') month.owedCents += line.creditCents - line.debitCents;
  if (line.kind === 'handover' && line.account === 'shop_payable') addSales(month, line);
  else if (MONEY_IN_KINDS.has(line.kind) && MONEY_IN_ACCOUNTS.has(line.account)) month.collectedCents += line.debitCents - line.creditCents;
  else if (line.kind === 'payout' && line.account === 'bank') month.paidOutCents += line.creditCents - line.debitCents;
  else if (line.kind === 'commission' && line.account === 'commission_income') month.commissionCents += line.creditCents - line.debitCents;
  else if (line.kind === 'commission' && line.account === 'vat_on_commission') month.vatCents += line.creditCents - line.debitCents;
}

/** The first day of each of the last `count` months up to today's, then the first of the next month. */
export function monthStarts(today: string, count: number): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: count + 1 }, (_, index) => {
    const date = new Date(Date.UTC(year, month - count + 1 + index, 1));
    return date.toISOString().slice(0, 10);
  });
}

/** Each month's movements on the shops' account become what was owed at its end, from what was owed before the first. */
function runOwed(months: TownMonth[], openingCents: number): void {
  let owed = openingCents;
  for (const month of months) {
    owed += month.owedCents;
    month.owedCents = owed;
  }
}

function sumOf(months: readonly TownMonth[], figure: (month: TownMonth) => number): number {
  return months.reduce((sum, month) => sum + figure(month), 0);
}

function yearOf(months: readonly TownMonth[], today: string): TownYear {
  const year = today.slice(0, 4);
  const ofYear = months.filter((month) => month.month.startsWith(year));
  return {
    year,
    salesCents: sumOf(ofYear, (month) => month.salesCents),
    goodsCents: sumOf(ofYear, (month) => month.goodsCents),
    servicesCents: sumOf(ofYear, (month) => month.servicesCents),
    commissionCents: sumOf(ofYear, (month) => month.commissionCents),
    paidOutCents: sumOf(ofYear, (month) => month.paidOutCents),
    owedCents: months[months.length - 1].owedCents,
  };
}

/** A period's money as the ledger holds it, for figures kept elsewhere (the town's monthly roll-ups). */
export type PeriodMoney = Pick<TownMonth, 'salesCents' | 'goodsCents' | 'servicesCents' | 'commissionCents' | 'collectedCents' | 'paidOutCents'>;

/** The money of each period [boundaries[i], boundaries[i + 1]) of UTC instants, summed the way the town's page sums it. */
export async function moneyPerPeriod(db: Executor, boundaries: readonly string[]): Promise<PeriodMoney[]> {
  const periods: TownMonth[] = boundaries.slice(1).map(() => ({ month: '', salesCents: 0, goodsCents: 0, servicesCents: 0, collectedCents: 0, paidOutCents: 0, owedCents: 0, commissionCents: 0, vatCents: 0, orders: 0, closed: false }));
  for (const line of await totalsPerPeriod(db, boundaries)) addTotals(periods[line.period], line);
  return periods.map(({ salesCents, goodsCents, servicesCents, commissionCents, collectedCents, paidOutCents }) => ({ salesCents, goodsCents, servicesCents, commissionCents, collectedCents, paidOutCents }));
}

/** Money sold, collected, paid out, owed and earned, and orders placed, for each of the last 12 months (the oldest first). */
export async function townMoney(db: Db, actor: CurrentAccount | null, timeZone: string): Promise<TownMoney> {
  assertTownOrConcierge(actor);
  const today = localDateOf(nowIso(), timeZone);
  const starts = monthStarts(today, MONTHS_SHOWN);
  const boundaries = starts.map((date) => midnightUtc(date, timeZone));
  const [lines, orders, openingCents, closedUntil] = await Promise.all([
    totalsPerPeriod(db, boundaries),
    countOrdersPlacedPerPeriod(db, boundaries),
    shopPayableBefore(db, boundaries[0]),
    closedThrough(db),
  ]);
  const months: TownMonth[] = starts.slice(0, -1).map((start, index) => {
    const lastDay = addDays(starts[index + 1], -1);
    const closed = lastDay < today && closedUntil !== undefined && lastDay <= closedUntil;
    return { month: start.slice(0, 7), salesCents: 0, goodsCents: 0, servicesCents: 0, collectedCents: 0, paidOutCents: 0, owedCents: 0, commissionCents: 0, vatCents: 0, orders: orders[index] ?? 0, closed };
  });
  for (const line of lines) addTotals(months[line.period], line);
  runOwed(months, openingCents);
  const totals = {
    collectedCents: sumOf(months, (month) => month.collectedCents),
    paidOutCents: sumOf(months, (month) => month.paidOutCents),
    commissionCents: sumOf(months, (month) => month.commissionCents),
    vatCents: sumOf(months, (month) => month.vatCents),
    orders: sumOf(months, (month) => month.orders),
  };
  return { months, totals, year: yearOf(months, today) };
}

/** The town's table by month as a file. */
export async function townMoneyDownload(db: Db, actor: CurrentAccount | null, timeZone: string, format: SpreadsheetFormat): Promise<Download> {
  const money = await townMoney(db, actor, timeZone);
  const last = money.months[money.months.length - 1].month;
  return {
    filename: `argent-par-mois-${last}.${format}`,
    contentType: SPREADSHEET_TYPES[format],
    body: spreadsheetStream(format, t('money.sheet.months'), MONTH_COLUMNS, oneBatch(money.months)),
  };
}
