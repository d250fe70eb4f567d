// Use cases of payouts. The concierge gathers settled statements into a batch (one SEPA
// credit-transfer file, one transfer per statement); a batch is approved — by a second person
// when its total exceeds a setting —, its file given to the bank, then confirmed paid, which
// records each payout in the ledger. A statement is paid by one payout ever: taking it into a
// batch is a conditional update, and payouts.statement_id is unique in the database too.
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import type { PayoutBatchesTable, PayoutsTable } from '../../db/schema.ts';
import { assertCanManageShop, getShop, type Shop } from '../../shops/index.ts';
import { addDays, localDateOf, weekdayOf } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import { newId } from '../../platform/ids.ts';
import type { Cents } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import {
  findBatch,
  insertBatch,
  listBatches,
  moveBatch,
  payoutsOfBatch,
  payoutsOfShop,
  settledStatements,
  statementsByIds,
  documentsOfStatements,
  takenEndToEndIds,
  type BatchStamp,
  type StatementDocuments,
  type PayableStatement,
  type Payout,
  type PayoutBatch,
  type ShopPayout,
} from './payouts.repository.ts';
import { BATCH_MOVES, hasFile, periodInFigures, remittanceOf, statementEndToEndId, type BatchMove } from './payouts.rules.ts';
import { payoutPostings } from '../settlement.rules.ts';
import { recordAllInLedger } from '../settlement.service.ts';
import { buildPain001 } from './sepa.ts';
import { moveStatements } from '../statements/statements.repository.ts';
import { commissionInvoiceNumber, type PeriodKind } from '../settlement.statements.rules.ts';
import { normaliseBic, normaliseIban } from '../terms/terms.rules.ts';
import { shopPayee, type ShopPayee } from '../terms/terms.service.ts';
import { actorOf, assertConcierge } from '../../platform/actor.ts';

export type { BatchStatus, PayableStatement, Payout, PayoutBatch, ShopPayout } from './payouts.repository.ts';
export { hasFile, type BatchMove } from './payouts.rules.ts';

/** Statements proposed at once: far above a town's shops times a few open periods. */
export const PROPOSAL_LIMIT = 500;
export const BATCHES_PER_PAGE = 20;
export const SHOP_PAYOUTS_PER_PAGE = 24;

const MONTH_YEAR = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const MONTH = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long' });

function dayOf(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** « 1er novembre », « 8 novembre 2026 ». */
function dayText(date: string, withMonth: boolean, withYear: boolean): string {
  const day = Number(date.slice(8, 10));
  const parts = [day === 1 ? '1er' : String(day)];
  if (withMonth) parts.push(MONTH.format(dayOf(date)));
  if (withYear) parts.push(date.slice(0, 4));
  return parts.join(' ');
}

/** « novembre 2026 » for a month; « du 2 au 8 novembre 2026 » (or across months and years) for a week. */
export function periodLabel(kind: PeriodKind, start: string, end: string): string {
  if (kind === 'monthly') return MONTH_YEAR.format(dayOf(start));
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  const sameMonth = start.slice(0, 7) === end.slice(0, 7);
  return t('payouts.period.week', { from: dayText(start, !sameMonth, !sameYear), to: dayText(end, true, true) });
}

/** The transfer's text the shop reads on its bank statement: its invoice, the commission invoice deducted, the period. */
export function remittanceText(statement: { periodKind: PeriodKind; periodStart: string; periodEnd: string }, documents: StatementDocuments): string {
  const { shopInvoice, commission } = documents;
  return remittanceOf(
    {
      shopInvoice,
      commissionNumber: commission ? commissionInvoiceNumber(commission.series, commission.number) : undefined,
      period: periodLabel(statement.periodKind, statement.periodStart, statement.periodEnd),
      periodShort: periodInFigures(statement.periodKind, statement.periodStart, statement.periodEnd),
    },
    statement.periodEnd,
  );
}

/** The first working day (Monday to Friday) after `date`: the bank executes on a working day. */
export function nextWorkingDay(date: string): string {
  let day = addDays(date, 1);
  while (weekdayOf(day) > 5) day = addDays(day, 1);
  return day;
}

/** Whether the creator may not approve alone: the total exceeds the setting. */
export function needsSecondPerson(totalCents: Cents, config: Pick<Config, 'payoutSecondApprovalAboveCents'>): boolean {
  return totalCents > config.payoutSecondApprovalAboveCents;
}

// ---- the proposal and the preparation of a batch ----

export interface ProposalEntry extends PayableStatement {
  /** Why it cannot be paid yet: no IBAN, one whose checksum fails, or one a second person has not confirmed. */
  blocker?: PayeeBlocker;
}

type PayeeBlocker = 'missing_iban' | 'invalid_iban' | 'unconfirmed_iban';

/** Why a shop cannot be paid now, or undefined when it can. */
function blockerOf(payee: ShopPayee | undefined): PayeeBlocker | undefined {
  if (!payee?.iban) return 'missing_iban';
  if (!normaliseIban(payee.iban)) return 'invalid_iban';
  if (!payee.bankConfirmed) return 'unconfirmed_iban';
  return undefined;
}

export interface PayoutProposal {
  ready: ProposalEntry[];
  blocked: ProposalEntry[];
}

/** Settled statements to pay, apart the shops without a valid IBAN confirmed by a second person. */
export async function payoutProposal(db: Executor, actor: CurrentAccount | null): Promise<PayoutProposal> {
  assertConcierge(actor);
  const statements = await settledStatements(db, PROPOSAL_LIMIT);
  const payees = await shopPayee(db, [...new Set(statements.map((statement) => statement.shopId))]);
  const ready: ProposalEntry[] = [];
  const blocked: ProposalEntry[] = [];
  for (const statement of statements) {
    const blocker = blockerOf(payees.get(statement.shopId));
    if (blocker) blocked.push({ ...statement, blocker });
    else ready.push(statement);
  }
  return { ready, blocked };
}

/** « VIR-20261203-3f2a9c1b7d4e »: unique per file, in the SEPA character set, 25 characters. */
function messageIdOf(batchId: string, today: string): string {
  return `VIR-${today.replaceAll('-', '')}-${batchId.replaceAll('-', '').slice(-12)}`;
}

/**
 * Each statement's number as its end-to-end id; where it was used already (a statement paid
 * again after its batch was given up), the statement's full id instead, which is unique.
 */
async function endToEndIds(trx: Executor, statements: readonly PayableStatement[]): Promise<Map<string, string>> {
  const readable = statements.map((statement) => [statement.id, statement.number] as const);
  const taken = await takenEndToEndIds(trx, readable.map(([, id]) => id));
  const counts = new Map<string, number>();
  for (const [, id] of readable) counts.set(id, (counts.get(id) ?? 0) + 1);
  return new Map(readable.map(([statementId, id]) => [statementId, taken.has(id) || counts.get(id)! > 1 ? statementEndToEndId(statementId) : id]));
}

function checkStatements(statements: readonly PayableStatement[], ids: readonly string[]): void {
  if (statements.length !== ids.length) throw notFound();
  for (const statement of statements) {
    if (statement.status === 'in_batch' || statement.status === 'paid') throw new DomainError('payout_statement_taken');
    if (statement.status !== 'settled' || statement.payableCents <= 0) throw new DomainError('payout_statement_not_ready', undefined, { shop: statement.shopName });
  }
}

/**
 * The payouts of the statements, each shop's bank details copied as they are now and checked
 * again. This is where a shop whose bank details await a second person is left unpaid: the
 * IBAN copied here is the only one a batch ever pays (its file is built from these rows), and
 * it is read with its confirmation in one statement, so an unconfirmed IBAN never gets in.
 */
async function payoutRows(trx: Executor, batchId: string, statements: readonly PayableStatement[]): Promise<PayoutsTable[]> {
  const payees = await shopPayee(trx, [...new Set(statements.map((statement) => statement.shopId))]);
  const documents = await documentsOfStatements(trx, statements.map((statement) => statement.id));
  const endToEnd = await endToEndIds(trx, statements);
  return statements.map((statement) => {
    const payee = payees.get(statement.shopId);
    const iban = payee?.iban ? normaliseIban(payee.iban) : undefined;
    // A wrong checksum never reaches a file, whatever was stored.
    if (!payee || !iban) throw new DomainError('payout_iban_invalid', undefined, { shop: statement.shopName });
    if (!payee.bankConfirmed) throw new DomainError('payout_bank_unconfirmed', undefined, { shop: statement.shopName });
    const bic = payee.bic ? (normaliseBic(payee.bic) ?? null) : null;
    return {
      id: newId(),
      batch_id: batchId,
      statement_id: statement.id,
      shop_id: statement.shopId,
      amount_cents: statement.payableCents,
      creditor_name: payee.legalName || payee.tradeName,
      iban,
      bic,
      end_to_end_id: endToEnd.get(statement.id)!,
      remittance: remittanceText(statement, documents.get(statement.id)!),
    };
  });
}

/**
 * Prepares a batch paying these settled statements and takes them (settled → in_batch), all
 * or nothing: a statement taken meanwhile by another batch aborts the whole preparation. A
 * repeated submission (same key, same concierge) answers the batch the first one created.
 */
export async function prepareBatch(db: Db, config: Config, actor: CurrentAccount | null, statementIds: readonly string[], key: string): Promise<string> {
  assertConcierge(actor);
  const ids = [...new Set(statementIds)];
  if (ids.length === 0) throw new DomainError('payout_nothing_chosen', 'releves');
  return createOnce(db, 'payout-batch', key, async (trx) => {
    const statements = await statementsByIds(trx, ids);
    checkStatements(statements, ids);
    const at = nowIso();
    const today = localDateOf(at, config.timeZone);
    const batchId = newId();
    const payouts = await payoutRows(trx, batchId, statements);
    if ((await moveStatements(trx, { ids }, ['settled'], 'in_batch', at)).length !== ids.length) throw new DomainError('payout_statement_taken');
    const who = actorOf(actor);
    const batch: PayoutBatchesTable = {
      id: batchId,
      status: 'awaiting_approval',
      message_id: messageIdOf(batchId, today),
      total_cents: payouts.reduce((sum, payout) => sum + payout.amount_cents, 0),
      transfer_count: payouts.length,
      execution_date: nextWorkingDay(today),
      created_at: at,
      created_by_account_id: who.accountId,
      created_by_label: who.label,
      approved_at: null,
      approved_by_account_id: null,
      approved_by_label: null,
      sent_at: null,
      paid_at: null,
      updated_at: at,
    };
    await insertBatch(trx, batch, payouts);
    return batchId;
  }, boundTo('payout-batch', actor!.id));
}

// ---- reading batches ----

export interface BatchDetail {
  batch: PayoutBatch;
  payouts: Payout[];
  /** The creator may not approve it alone. */
  needsSecondPerson: boolean;
  /** Whether this concierge may approve it now. */
  canApprove: boolean;
}

export async function batchDetail(db: Executor, config: Config, actor: CurrentAccount | null, batchId: string): Promise<BatchDetail> {
  assertConcierge(actor);
  const batch = await findBatch(db, batchId);
  if (!batch) throw notFound();
  const second = needsSecondPerson(batch.totalCents, config);
  const canApprove = batch.status === 'awaiting_approval' && !(second && batch.createdByAccountId === actor!.id);
  return { batch, payouts: await payoutsOfBatch(db, batchId), needsSecondPerson: second, canApprove };
}

export async function batchesPage(db: Executor, actor: CurrentAccount | null, page: number): Promise<{ batches: PayoutBatch[]; total: number; page: number; pageCount: number }> {
  assertConcierge(actor);
  const { batches, total } = await listBatches(db, BATCHES_PER_PAGE, (page - 1) * BATCHES_PER_PAGE);
  return { batches, total, page, pageCount: Math.max(1, Math.ceil(total / BATCHES_PER_PAGE)) };
}

/** The pain.001 file of an approved batch, built from its stored rows: the same bytes at each download. */
export async function batchFile(db: Executor, config: Config, actor: CurrentAccount | null, batchId: string): Promise<{ filename: string; xml: string }> {
  assertConcierge(actor);
  const batch = await findBatch(db, batchId);
  if (!batch || !hasFile(batch.status)) throw notFound();
  const payouts = await payoutsOfBatch(db, batchId);
  const xml = buildPain001({
    messageId: batch.messageId,
    createdAt: batch.approvedAt ?? batch.createdAt,
    executionDate: batch.executionDate,
    timeZone: config.timeZone,
    debtor: { name: config.operator.legalName, iban: config.operator.iban, bic: config.operator.bic || null },
    transfers: payouts.map((payout) => ({
      endToEndId: payout.endToEndId,
      amountCents: payout.amountCents,
      creditorName: payout.creditorName,
      iban: payout.iban,
      bic: payout.bic,
      remittance: payout.remittance,
    })),
  });
  return { filename: `${batch.messageId}.xml`, xml };
}

// ---- moves ----

function stampOf(config: Config, actor: CurrentAccount, move: BatchMove, batch: PayoutBatch, at: string): BatchStamp {
  if (move === 'approve') {
    if (needsSecondPerson(batch.totalCents, config) && batch.createdByAccountId === actor.id) throw new DomainError('payout_second_approval');
    const who = actorOf(actor);
    // The bank is asked to pay on the next working day after approval: a date already past is refused by banks.
    const earliest = nextWorkingDay(localDateOf(at, config.timeZone));
    return { approved_at: at, approved_by_account_id: who.accountId, approved_by_label: who.label, execution_date: earliest > batch.executionDate ? earliest : batch.executionDate };
  }
  if (move === 'send') return { sent_at: at };
  return { paid_at: at };
}

/** The bank confirmed: each statement is paid and each payout recorded in the ledger, with the move. */
async function recordPaid(trx: Executor, batchId: string, at: string, timeZone: string): Promise<void> {
  await moveStatements(trx, { paidByBatch: batchId }, ['in_batch'], 'paid', at);
  // All payouts in a few inserts: a batch of hundreds of shops stays one short transaction.
  const facts = (await payoutsOfBatch(trx, batchId)).map((payout) => ({
    fact: { kind: 'payout' as const, sourceKey: `payout:${payout.id}`, description: t('payouts.ledger', { shop: payout.shopName, period: periodLabel(payout.periodKind, payout.periodStart, payout.periodEnd) }), occurredAt: at, piece: { ref: payout.endToEndId, on: null } },
    postings: payoutPostings({ shopId: payout.shopId, amountCents: payout.amountCents }),
  }));
  await recordAllInLedger(trx, facts, timeZone);
}

/**
 * Moves a batch one step (approve, sent to the bank, paid) when it is still where the form
 * showed it; someone who moved it first wins and this one is refused. A repeated submission
 * (same key, same batch, same concierge) changes nothing and succeeds; the key sent for
 * another batch or by another concierge is refused.
 */
export async function moveBatchStep(db: Db, config: Config, actor: CurrentAccount | null, batchId: string, move: BatchMove, key: string): Promise<PayoutBatch> {
  assertConcierge(actor);
  await createOnce(db, `payout-${move}`, key, async (trx) => {
    const batch = await findBatch(trx, batchId);
    if (!batch) throw notFound();
    const { from, to } = BATCH_MOVES[move];
    if (batch.status !== from) throw new DomainError('payout_batch_status_changed');
    const at = nowIso();
    const stamp = stampOf(config, actor!, move, batch, at);
    if (!(await moveBatch(trx, batchId, from, to, at, stamp))) throw new DomainError('payout_batch_status_changed');
    if (move === 'pay') await recordPaid(trx, batchId, at, config.timeZone);
    return batchId;
  }, boundTo(batchId, actor!.id));
  const batch = await findBatch(db, batchId);
  if (!batch) throw notFound();
  return batch;
}

// ---- a shop's payouts ----

export async function shopPayouts(db: Executor, actor: CurrentAccount | null, shopId: string, page: number): Promise<{ shop: Shop; payouts: ShopPayout[]; page: number; pageCount: number }> {
  assertCanManageShop(actor, shopId);
  const shop = await getShop(db, shopId);
  const { payouts, total } = await payoutsOfShop(db, shopId, SHOP_PAYOUTS_PER_PAGE, (page - 1) * SHOP_PAYOUTS_PER_PAGE);
  return { shop, payouts, page, pageCount: Math.max(1, Math.ceil(total / SHOP_PAYOUTS_PER_PAGE)) };
}
