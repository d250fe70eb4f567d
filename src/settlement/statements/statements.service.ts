// Closing a settlement period: one statement per shop paid on that kind of period, counting
// every purchase order it had handed over and every refund it bore up to the period's end
// and not counted yet; its commission and VAT, posted to the ledger; and the conciergerie's
// commission invoice for it, numbered without gaps. All in one transaction: a closing is
// whole or absent, and the same period is never closed twice.
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import type { CommissionInvoicesTable, StatementsTable } from '../../db/schema.ts';
import { assertCanManageShop } from '../../shops/index.ts';
import { addDays, localDateOf, localToUtc } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { commissionPostings } from '../settlement.rules.ts';
import { postCounterActivity, recordAllInLedger } from '../settlement.service.ts';
import {
  assignRefunds,
  commissionInvoicesOf,
  findStatement,
  insertClosing,
  insertCommissionInvoices,
  insertStatements,
  latestClosedStart,
  listStatements,
  lastCoveredTo,
  oldestHandOverAt,
  salesInRange,
  takeCarries,
  reserveInvoiceNumbers,
  setClosingCount,
  shopIdsOnPeriod,
  statementLines,
  moveStatements,
  type CommissionInvoiceRef,
  type Statement,
  type StatementLine,
} from './statements.repository.ts';
import {
  CARRIED_FROM,
  PERIOD_KINDS,
  allocateLargestRemainder,
  commissionInvoiceNumber,
  hasEnded,
  initialStatus,
  lastEndedPeriod,
  periodOf,
  statementFigures,
  type Period,
  type PeriodKind,
  type StatementStatus,
} from '../settlement.statements.rules.ts';
import { ratesInForce, shopPayee, type ShopPayee } from '../terms/terms.service.ts';
import { issueCommissionReturns, planCommissionReturns, type PlannedReturn } from './returns.service.ts';
import { assertConcierge } from '../../platform/actor.ts';

export type { Statement, StatementLine, CommissionInvoiceRef };

/** The first instant after a period, in UTC: what was handed over before it belongs to the period. */
export function periodEndAt(period: Period, timeZone: string): string {
  return localToUtc(addDays(period.end, 1), '00:00', timeZone)!;
}

/** The period a form names, checked: a real period start, ended by today. */
function closablePeriod(kind: PeriodKind, start: string, nowAt: string, timeZone: string): Period {
  const period = periodOf(kind, start);
  if (period.start !== start) throw new DomainError('period_invalid', 'period');
  if (!isSettled(period, nowAt, timeZone)) throw new DomainError('period_not_ended', 'period');
  return period;
}

/** Whether a period has ended and every hand-over of its last seconds has surely committed. */
function isSettled(period: Period, nowAt: string, timeZone: string): boolean {
  const settledAt = Date.parse(periodEndAt(period, timeZone)) + COMMIT_MARGIN_MS;
  return hasEnded(period, localDateOf(nowAt, timeZone)) && Date.parse(nowAt) >= settledAt;
}

/**
 * A statement counts hand-overs by their instant, stamped inside the counter's transaction
 * before it commits: a period is closed only once every hand-over of its last seconds has
 * surely committed.
 */
const COMMIT_MARGIN_MS = 10 * 60 * 1000;

export interface ClosingResult {
  closingId: string;
  period: Period;
  statementCount: number;
}

/**
 * Closes a period: refused when it has not ended, when it was closed already, or when a
 * later period of the same kind is closed (its statements took this period's lines).
 */
export async function closePeriod(db: Db, config: Config, actor: CurrentAccount | null, input: { kind: PeriodKind; start: string }, nowAt = nowIso()): Promise<ClosingResult> {
  assertConcierge(actor);
  const concierge = actor!;
  const period = closablePeriod(input.kind, input.start, nowAt, config.timeZone);
  const latest = await latestClosedStart(db, input.kind);
  if (latest !== undefined && latest >= period.start) throw new DomainError('period_already_closed', 'period');
  // The ledger's hand-overs are posted before the commission taken on them.
  await postCounterActivity(db, config.timeZone);
  const closingId = newId();
  const statementCount = await inTransaction(db, async (trx) => {
    const recorded = await insertClosing(trx, { id: closingId, periodKind: period.kind, periodStart: period.start, periodEnd: period.end, closedAt: nowAt, closedByLabel: concierge.displayName });
    if (!recorded) throw new DomainError('period_already_closed', 'period');
    const { rows: statements, returns } = await writeStatements(trx, config, closingId, period, nowAt);
    await setClosingCount(trx, closingId, statements.length);
    const issuedOn = localDateOf(nowAt, config.timeZone);
    const invoices = await issueCommissionInvoices(trx, config, statements, issuedOn, concierge.displayName);
    await recordCommissions(trx, config, statements, period, invoices);
    await issueCommissionReturns(trx, config, returns, { on: issuedOn, at: nowIso(), byLabel: concierge.displayName, occurredAt: lastSecondOf(period, config.timeZone) });
    return statements.length;
  });
  return { closingId, period, statementCount };
}

/**
 * One statement per shop of the period's kind that sold, bore a refund or has something to
 * carry: its hand-overs from the end of its previous statement to the end of the period,
 * the refunds it bore not counted yet, and what earlier statements carry into it.
 */
async function writeStatements(trx: Executor, config: Config, closingId: string, period: Period, nowAt: string): Promise<{ rows: StatementsTable[]; returns: PlannedReturn[] }> {
  const shopIds = await shopIdsOnPeriod(trx, period.kind);
  const endAt = periodEndAt(period, config.timeZone);
  const statementIdByShop = new Map(shopIds.map((shopId) => [shopId, newId()]));
  const coveredTo = await lastCoveredTo(trx, shopIds);
  const refunds = await assignRefunds(trx, statementIdByShop, endAt);
  const carries = await takeCarries(trx, statementIdByShop, CARRIED_FROM, nowAt);
  const returns = await planCommissionReturns(trx, statementIdByShop, coveredTo);
  const sales = await salesSince(trx, shopIds, coveredTo, endAt);
  const counted = shopIds.filter((shopId) => sales.has(shopId) || refunds.has(shopId) || carries.has(shopId));
  const rates = await ratesInForce(trx, counted, period.start);
  const rows = counted.map((shopId): StatementsTable => {
    const { salesCents, purchaseOrderCount } = sales.get(shopId) ?? { salesCents: 0, purchaseOrderCount: 0 };
    const { commissionBp, vatBp } = rates.get(shopId)!;
    const back = returns.get(shopId);
    const figures = statementFigures({ salesCents, refundsCents: refunds.get(shopId) ?? 0, lateRefundsCents: back?.lateRefundsCents, commissionBp, vatBp, carriedCents: carries.get(shopId) ?? 0, returnedCents: back?.returnedCents });
    return {
      id: statementIdByShop.get(shopId)!,
      closing_id: closingId,
      shop_id: shopId,
      period_kind: period.kind,
      period_start: period.start,
      period_end: period.end,
      status: initialStatus(figures.netCents),
      sales_cents: figures.salesCents,
      refunds_cents: figures.refundsCents,
      commission_bp: figures.commissionBp,
      commission_cents: figures.commissionCents,
      vat_bp: figures.vatBp,
      vat_cents: figures.vatCents,
      payable_cents: figures.payableCents,
      carried_cents: figures.carriedCents,
      carried_into_id: null,
      covers_from_at: coveredTo.get(shopId) ?? '',
      covers_to_at: endAt,
      purchase_order_count: purchaseOrderCount,
      closed_at: nowAt,
      updated_at: nowAt,
    };
  });
  await insertStatements(trx, rows);
  return { rows, returns: [...returns.values()].flatMap((plan) => plan.returns) };
}

/** Sales since each shop's previous statement: one read per distinct starting point (shops closed together share one). */
async function salesSince(trx: Executor, shopIds: readonly string[], coveredTo: ReadonlyMap<string, string>, endAt: string): Promise<Map<string, { salesCents: number; purchaseOrderCount: number }>> {
  const shopsByStart = new Map<string, string[]>();
  for (const shopId of shopIds) {
    const from = coveredTo.get(shopId) ?? '';
    const shops = shopsByStart.get(from);
    if (shops) shops.push(shopId);
    else shopsByStart.set(from, [shopId]);
  }
  const sales = new Map<string, { salesCents: number; purchaseOrderCount: number }>();
  for (const [from, shops] of shopsByStart) for (const [shopId, total] of await salesInRange(trx, shops, from, endAt)) sales.set(shopId, total);
  return sales;
}

/** Who sells and who buys on a commission invoice, as they are on the day of issue. */
export interface InvoiceParties {
  seller: { legalName: string; address: string; siren: string; siret: string; vatNumber: string };
  buyer: { legalName: string; tradeName: string; address: string; siret: string | null; vatNumber: string | null };
}

function partiesOf(config: Config, payee: ShopPayee): InvoiceParties {
  const { legalName, address, siren, siret, vatNumber } = config.operator;
  return {
    seller: { legalName, address, siren, siret, vatNumber },
    buyer: { legalName: payee.legalName, tradeName: payee.tradeName, address: payee.address, siret: payee.siret, vatNumber: payee.vatNumber },
  };
}

/** The series of the conciergerie's commission invoices for a year: « COM-2026 ». */
export function commissionSeries(config: Config, issuedOn: string): string {
  return `${config.operator.invoiceSeries}-${issuedOn.slice(0, 4)}`;
}

/** One commission invoice per statement that bears a commission, numbered in a row. */
async function issueCommissionInvoices(trx: Executor, config: Config, statements: readonly StatementsTable[], issuedOn: string, byLabel: string): Promise<CommissionInvoicesTable[]> {
  const invoiced = statements.filter((statement) => statement.commission_cents > 0);
  if (invoiced.length === 0) return [];
  const series = commissionSeries(config, issuedOn);
  const first = await reserveInvoiceNumbers(trx, series, invoiced.length);
  const payees = await shopPayee(trx, invoiced.map((statement) => statement.shop_id));
  const createdAt = nowIso();
  const rows = invoiced.map((statement, index): CommissionInvoicesTable => ({
    id: newId(),
    series,
    number: first + index,
    kind: 'invoice',
    statement_id: statement.id,
    shop_id: statement.shop_id,
    cancels_id: null,
    issued_on: issuedOn,
    net_cents: statement.commission_cents,
    vat_bp: statement.vat_bp,
    vat_cents: statement.vat_cents,
    total_cents: statement.commission_cents + statement.vat_cents,
    parties: JSON.stringify(partiesOf(config, payees.get(statement.shop_id)!)),
    created_at: createdAt,
    created_by_label: byLabel,
    carried_statement_id: null,
    corrects_id: null,
  }));
  await insertCommissionInvoices(trx, rows);
  return rows;
}

const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « 1er octobre 2026 » for a local date. */
function longDate(date: string): string {
  return LONG_DATE.format(new Date(`${date}T12:00:00Z`)).replace(/^1 /, '1er ');
}

/** The last second of a period, in UTC: when its commission (and what it gives back) is dated. */
function lastSecondOf(period: Period, timeZone: string): string {
  return new Date(Date.parse(periodEndAt(period, timeZone)) - 1000).toISOString();
}

/**
 * The commission and its VAT leave each shop's payable, dated the last day of the period
 * (so they are in that period's accounting export), with the commission invoice as document.
 */
async function recordCommissions(trx: Executor, config: Config, statements: readonly StatementsTable[], period: Period, invoices: readonly CommissionInvoicesTable[]): Promise<void> {
  const occurredAt = lastSecondOf(period, config.timeZone);
  // The number as printed on the invoice: « COM-2026-000119 ».
  const pieces = new Map(invoices.map((invoice) => [invoice.statement_id, { ref: commissionInvoiceNumber(invoice.series, invoice.number), on: invoice.issued_on }]));
  const facts = statements.flatMap((statement) => {
    const postings = commissionPostings({ shopId: statement.shop_id, commissionCents: statement.commission_cents, vatCents: statement.vat_cents });
    if (!postings) return [];
    const piece = pieces.get(statement.id) ?? { ref: `commission:${statement.id}`, on: null };
    const fact = { kind: 'commission' as const, sourceKey: `commission:${statement.id}`, description: t('statements.tx.commission', { start: longDate(period.start), end: longDate(period.end) }), occurredAt, occurredOn: period.end, piece };
    return [{ fact, postings }];
  });
  await recordAllInLedger(trx, facts, config.timeZone);
}

/** The periods the concierge may close now, per kind: each ended one after the last closed, oldest first. */
export async function periodsToClose(db: Executor, config: Config, actor: CurrentAccount | null, nowAt = nowIso()): Promise<Period[]> {
  assertConcierge(actor);
  const lists = await Promise.all(PERIOD_KINDS.map((kind) => periodsToCloseOf(db, config, kind, nowAt)));
  return lists.flat();
}

/** At most this many periods are offered at once (a year of months). */
const MAX_PERIODS_SHOWN = 12;

async function periodsToCloseOf(db: Executor, config: Config, kind: PeriodKind, nowAt: string): Promise<Period[]> {
  const last = lastEndedPeriod(kind, localDateOf(nowAt, config.timeZone));
  const [latestStart, oldestAt] = await Promise.all([latestClosedStart(db, kind), oldestHandOverAt(db, kind)]);
  let first: Period;
  if (latestStart !== undefined) first = periodOf(kind, addDays(periodOf(kind, latestStart).end, 1));
  else if (oldestAt !== undefined) first = periodOf(kind, localDateOf(oldestAt, config.timeZone));
  else return [];
  const periods: Period[] = [];
  for (let period = first; period.start <= last.start; period = periodOf(kind, addDays(period.end, 1))) periods.push(period);
  // In the first minutes after midnight the period just ended is not offered yet: closing it would be refused.
  return periods.filter((period) => isSettled(period, nowAt, config.timeZone)).slice(-MAX_PERIODS_SHOWN);
}

/** Statements listed per page. */
export const STATEMENTS_PER_PAGE = 50;

export async function conciergeStatements(db: Executor, actor: CurrentAccount | null, filter: { status?: StatementStatus; page: number }): Promise<{ statements: Statement[]; total: number }> {
  assertConcierge(actor);
  return listStatements(db, { status: filter.status, limit: STATEMENTS_PER_PAGE, offset: (filter.page - 1) * STATEMENTS_PER_PAGE });
}

export async function shopStatements(db: Executor, actor: CurrentAccount | null, shopId: string, page: number): Promise<{ statements: Statement[]; total: number }> {
  assertCanManageShop(actor, shopId);
  return listStatements(db, { shopId, limit: STATEMENTS_PER_PAGE, offset: (page - 1) * STATEMENTS_PER_PAGE });
}

/** A statement's line with its share of the commission. */
export interface AllocatedLine extends StatementLine {
  commissionCents: number;
}

export interface StatementDetail {
  statement: Statement;
  lines: AllocatedLine[];
  lineCount: number;
  invoices: CommissionInvoiceRef[];
}

export const LINES_PER_PAGE = 100;

/** A statement for the concierge or a merchant of its shop (404 for anyone else), with a page of its lines. */
export async function statementDetail(db: Executor, actor: CurrentAccount | null, statementId: string, page = 1): Promise<StatementDetail> {
  const statement = await readableStatement(db, actor, statementId);
  const [lines, invoices] = await Promise.all([statementLines(db, statement), commissionInvoicesOf(db, statementId)]);
  const shares = allocateCommission(statement, lines);
  const allocated = lines.map((line, index) => ({ ...line, commissionCents: shares[index] }));
  const start = (page - 1) * LINES_PER_PAGE;
  return { statement, lines: allocated.slice(start, start + LINES_PER_PAGE), lineCount: lines.length, invoices };
}

function allocateCommission(statement: Statement, lines: readonly StatementLine[]): number[] {
  const weights = lines.map((line) => line.amountCents);
  if (weights.reduce((sum, weight) => sum + weight, 0) === 0) return weights.map(() => 0);
  return allocateLargestRemainder(statement.commissionCents, weights);
}

/** The statement if the actor may read it: the concierge, or a merchant of its shop. */
export async function readableStatement(db: Executor, actor: CurrentAccount | null, statementId: string): Promise<Statement> {
  const statement = await findStatement(db, statementId);
  if (!statement) throw notFound();
  if (actor?.role !== 'concierge') assertCanManageShop(actor, statement.shopId);
  return statement;
}

/**
 * Moves a statement along its life (invoice matched, put in a payout, paid), inside the
 * caller's transaction. A statement no longer in `from` (someone moved it a moment ago) or
 * a move the transitions forbid is refused, and the caller's transaction rolls back.
 */
export async function moveStatement(trx: Executor, statementId: string, from: StatementStatus, to: StatementStatus, at = nowIso()): Promise<void> {
  const moved = await moveStatements(trx, { ids: [statementId] }, [from], to, at);
  if (moved.length === 0) throw new DomainError('statement_locked');
}
