// Use cases of invoices: the concierge records a shop's invoice against its statement (or
// issues it under the shop's self-billing mandate), resolves a difference, cancels a
// commission invoice by a credit note; the concierge and the shop's merchants read the PDFs.
import type { Config } from '../../config.ts';
import type { Db, Executor, Trx } from '../../db/index.ts';
import { assertCanManageShop } from '../../shops/index.ts';
import { localDateOf } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { createOnce } from '../../platform/idempotency/index.ts';
import { newId } from '../../platform/ids.ts';
import { parseEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { renderCommissionInvoicePdf, renderSelfBilledInvoicePdf } from './invoices.pdf.ts';
import * as repo from './invoices.repository.ts';
import {
  canCancel,
  canSelfBill,
  commissionInvoiceNumber,
  creditNoteFigures,
  nothingLeftToCredit,
  invoicedAmountOf,
  matchInvoice,
  parseParties,
  selfBilledInvoiceNumber,
  selfBillingSeriesOf,
  grossByVatRate,
  vatBreakdownOf,
  type InvoiceParty,
} from './invoices.rules.ts';
import { credit, debit } from '../settlement.rules.ts';
import { recordInLedger } from '../settlement.service.ts';
import { findStatement, moveStatements, reserveInvoiceNumbers, statementLines, type Statement } from '../statements/statements.repository.ts';
import { commissionSeries } from '../statements/statements.service.ts';
import { returnedOn } from '../statements/returns.repository.ts';
import { acceptsInvoice, periodInWords, type StatementStatus } from '../settlement.statements.rules.ts';
import { parseLocalDate, shopPayee, type ShopPayee } from '../terms/terms.service.ts';
import { assertConcierge } from '../../platform/actor.ts';

export type { CommissionInvoice, ShopInvoice } from './invoices.repository.ts';

/** Who did it, as the records name them. */
function labelOf(actor: CurrentAccount | null): string {
  return actor ? `${actor.displayName} (${t(`role.${actor.role}`).toLowerCase()})` : t('orders.history.system');
}

async function statementOrNotFound(db: Executor, id: string): Promise<Statement> {
  const statement = await findStatement(db, id);
  if (!statement) throw notFound();
  return statement;
}

async function payeeOf(db: Executor, shopId: string): Promise<ShopPayee> {
  const payee = (await shopPayee(db, [shopId])).get(shopId);
  if (!payee) throw notFound();
  return payee;
}

/** A statement being paid or paid is frozen: « statement edited after payout » is refused here. */
function assertAcceptsInvoice(status: StatementStatus): void {
  if (status === 'in_batch' || status === 'paid') throw new DomainError('invoice_statement_in_payment');
  if (!acceptsInvoice(status)) throw new DomainError('invoice_statement_settled');
}

/** An instant after `previous`, so that a move always changes `updated_at` (two moves can share a millisecond). */
function stampAfter(previous: string): string {
  const now = nowIso();
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}

/** Moves the statement as it was read: anyone else's change in between (even to the same status) is refused. */
async function moveStatement(trx: Executor, statement: Statement, to: StatementStatus): Promise<void> {
  const target = { ids: [statement.id], unchangedSince: statement.updatedAt };
  if ((await moveStatements(trx, target, [statement.status], to, stampAfter(statement.updatedAt))).length === 0) {
    const now = await findStatement(trx, statement.id);
    if (now) assertAcceptsInvoice(now.status);
    throw new DomainError('invoice_statement_changed');
  }
}

/**
 * Undefined when the statement still takes an invoice. Otherwise a repeat of a form already
 * recorded (which moved the statement on) answers the first result; anything else is refused.
 */
async function acceptsInvoiceOrReplay(db: Db, status: StatementStatus, scope: string, key: string): Promise<string | undefined> {
  try {
    assertAcceptsInvoice(status);
    return undefined;
  } catch (error) {
    return createOnce(db, scope, key, async () => {
      throw error;
    });
  }
}

// ---- the concierge's page of a statement's invoices ----

export interface StatementInvoicing {
  statement: Statement;
  payee: ShopPayee;
  /** What the shop should invoice: sales − refunds. */
  expectedCents: number;
  invoices: repo.ShopInvoice[];
  /** The invoice that counts (not replaced), if any. */
  current: repo.ShopInvoice | undefined;
  commissionInvoices: repo.CommissionInvoice[];
  canSelfBill: boolean;
  /** Printed numbers of the commission invoices, by id. */
  numbers: Map<string, string>;
}

export async function statementInvoicing(db: Db, actor: CurrentAccount | null, statementId: string): Promise<StatementInvoicing> {
  assertConcierge(actor);
  const statement = await statementOrNotFound(db, statementId);
  const [payee, invoices, commissionInvoices] = await Promise.all([payeeOf(db, statement.shopId), repo.shopInvoicesOfStatement(db, statementId), repo.commissionInvoicesOfStatement(db, statementId)]);
  return {
    statement,
    payee,
    expectedCents: invoicedAmountOf(statement),
    invoices,
    current: invoices.find((invoice) => invoice.status !== 'replaced'),
    commissionInvoices,
    canSelfBill: canSelfBill(payee.selfBillingSince, statement.periodEnd) && acceptsInvoice(statement.status),
    numbers: new Map(commissionInvoices.map((invoice) => [invoice.id, commissionInvoiceNumber(invoice.series, invoice.number)])),
  };
}

// ---- recording a shop's invoice ----

export interface ShopInvoiceInput {
  number: string;
  invoiceDate: string;
  amount: string;
  /** The uploaded PDF, as multipart hands it over. */
  file: Buffer | undefined;
}

const PDF_MAGIC = Buffer.from('%PDF-');

/** Checks what was typed and uploaded; every message goes next to its field. */
function readInvoiceInput(input: ShopInvoiceInput, statement: Statement, today: string, maxBytes: number): { amountCents: number; invoiceDate: string; file: Buffer } {
  const amountCents = parseEuros(input.amount);
  if (amountCents === undefined) throw new DomainError('invoice_amount', 'amount');
  const invoiceDate = parseLocalDate(input.invoiceDate.trim());
  if (!invoiceDate) throw new DomainError('invoice_date_format', 'invoice_date');
  if (invoiceDate < statement.periodStart || invoiceDate > today) throw new DomainError('invoice_date_range', 'invoice_date');
  const file = input.file;
  // A text field named « file » (a forged form) is no upload: only bytes are read as a PDF.
  if (!Buffer.isBuffer(file) || file.length === 0) throw new DomainError('invoice_file_required', 'file');
  if (file.length > maxBytes) throw new DomainError('invoice_file_too_big', 'file', { max: `${Math.floor(maxBytes / (1024 * 1024))} Mo` });
  // The browser's content type is only a claim: the file must start as a PDF does.
  if (!file.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw new DomainError('invoice_file_not_pdf', 'file');
  return { amountCents, invoiceDate, file };
}

/**
 * Records the shop's invoice for a statement and matches it: equal to the cent, the statement
 * is settled; else it shows the difference, to accept or correct. A corrected invoice replaces
 * the previous one. Refused once the statement is being paid. Answers the invoice's id.
 */
export async function recordShopInvoice(db: Db, config: Config, actor: CurrentAccount | null, statementId: string, input: ShopInvoiceInput, idempotencyKey: string): Promise<string> {
  assertConcierge(actor);
  const statement = await statementOrNotFound(db, statementId);
  const replayed = await acceptsInvoiceOrReplay(db, statement.status, `shop-invoice:${statementId}`, idempotencyKey);
  if (replayed) return replayed;
  const today = localDateOf(nowIso(), config.timeZone);
  const { amountCents, invoiceDate, file } = readInvoiceInput(input, statement, today, config.uploadMaxBytes);
  const number = input.number.trim();
  return createOnce(db, `shop-invoice:${statementId}`, idempotencyKey, async (trx) => {
    const match = matchInvoice(amountCents, invoicedAmountOf(statement));
    await moveStatement(trx, statement, match.kind === 'matched' ? 'settled' : 'difference');
    await repo.moveShopInvoices(trx, statementId, 'replaced');
    const now = nowIso();
    const fileId = newId();
    await repo.insertFile(trx, { id: fileId, filename: `facture-${number.replace(/[^A-Za-z0-9_-]+/g, '-')}.pdf`, contentType: 'application/pdf', bytes: file, createdAt: now });
    const id = newId();
    await repo.insertShopInvoice(trx, {
      id,
      statement_id: statementId,
      shop_id: statement.shopId,
      number,
      invoice_date: invoiceDate,
      amount_cents: amountCents,
      file_id: fileId,
      self_billed: 0,
      status: match.kind,
      resolution_note: null,
      recorded_at: now,
      recorded_by_label: labelOf(actor),
    });
    return id;
  });
}

/** Accepts the difference of a statement's invoice, with the reason: the statement is settled. */
export async function acceptDifference(db: Db, actor: CurrentAccount | null, statementId: string, reason: string): Promise<void> {
  assertConcierge(actor);
  const statement = await statementOrNotFound(db, statementId);
  if (statement.status !== 'difference') {
    assertAcceptsInvoice(statement.status);
    throw new DomainError('invoice_no_difference');
  }
  await db.transaction().execute(async (trx) => {
    await moveStatement(trx, statement, 'settled');
    if ((await repo.moveShopInvoices(trx, statementId, 'accepted', reason.trim())) !== 1) throw new DomainError('invoice_no_difference');
  });
}

// ---- self-billing ----

function operatorParty(config: Config): InvoiceParty {
  const { operator } = config;
  return { legalName: operator.legalName, address: operator.address, siren: operator.siren, siret: operator.siret, vatNumber: operator.vatNumber || null };
}

function shopParty(payee: ShopPayee): InvoiceParty {
  return { legalName: payee.legalName, address: payee.address, siren: payee.siret ? payee.siret.slice(0, 9) : null, siret: payee.siret, vatNumber: payee.vatNumber };
}

/**
 * Issues the shop's invoice for a statement under its self-billing mandate: numbered in the
 * shop's own series, its PDF kept as the shop's invoice, matched by construction.
 */
export async function issueSelfBilledInvoice(db: Db, config: Config, actor: CurrentAccount | null, statementId: string, idempotencyKey: string): Promise<string> {
  assertConcierge(actor);
  const statement = await statementOrNotFound(db, statementId);
  const replayed = await acceptsInvoiceOrReplay(db, statement.status, `self-billed:${statementId}`, idempotencyKey);
  if (replayed) return replayed;
  const payee = await payeeOf(db, statement.shopId);
  if (!canSelfBill(payee.selfBillingSince, statement.periodEnd)) throw new DomainError('invoice_no_mandate');
  // Refunds above sales: nothing to invoice; the closing carries the amount to the next statement.
  if (invoicedAmountOf(statement) < 0) throw new DomainError('invoice_negative_statement');
  const vatRates = vatBreakdownOf(grossByVatRate(await statementLines(db, statement)));
  const now = nowIso();
  const issuedOn = localDateOf(now, config.timeZone);
  return createOnce(db, `self-billed:${statementId}`, idempotencyKey, async (trx) => {
    await moveStatement(trx, statement, 'settled');
    await repo.moveShopInvoices(trx, statementId, 'replaced');
    const series = selfBillingSeriesOf(statement.shopId, issuedOn);
    const number = selfBilledInvoiceNumber(series.prefix, await reserveInvoiceNumbers(trx, series.key, 1));
    const pdf = await renderSelfBilledInvoicePdf({
      number,
      issuedOn,
      supplier: shopParty(payee),
      customer: operatorParty(config),
      mandateSince: payee.selfBillingSince!,
      periodStart: statement.periodStart,
      periodEnd: statement.periodEnd,
      salesCents: statement.salesCents,
      refundsCents: statement.refundsCents,
      vatRates,
    });
    const fileId = newId();
    await repo.insertFile(trx, { id: fileId, filename: `autofacture-${number}.pdf`, contentType: 'application/pdf', bytes: pdf, createdAt: now });
    const id = newId();
    await repo.insertShopInvoice(trx, {
      id,
      statement_id: statementId,
      shop_id: statement.shopId,
      number,
      invoice_date: issuedOn,
      amount_cents: invoicedAmountOf(statement),
      file_id: fileId,
      self_billed: 1,
      status: 'matched',
      resolution_note: null,
      recorded_at: now,
      recorded_by_label: labelOf(actor),
    });
    return id;
  });
}

// ---- commission invoices and credit notes ----

/** The commission invoice for the concierge, or for a merchant of its shop when `shopId` is given; 404 otherwise. */
async function readableCommissionInvoice(db: Executor, actor: CurrentAccount | null, invoiceId: string, shopId?: string): Promise<repo.CommissionInvoice> {
  if (shopId === undefined) assertConcierge(actor);
  else assertCanManageShop(actor, shopId);
  const invoice = await repo.findCommissionInvoice(db, invoiceId);
  if (!invoice || (shopId !== undefined && invoice.shopId !== shopId)) throw notFound();
  return invoice;
}

/** The PDF of a commission invoice or credit note, drawn from what was stored at issue. */
export async function commissionInvoicePdf(db: Db, config: Config, actor: CurrentAccount | null, invoiceId: string, shopId?: string): Promise<{ filename: string; bytes: Buffer }> {
  const invoice = await readableCommissionInvoice(db, actor, invoiceId, shopId);
  const correctedId = invoice.cancelsId ?? invoice.correctsId;
  const cancelled = correctedId ? await repo.findCommissionInvoice(db, correctedId) : undefined;
  // a credit note giving back the commission on goods refunded later speaks of the period they were sold in
  const statement = await statementOrNotFound(db, invoice.correctsId && cancelled ? cancelled.statementId : invoice.statementId);
  const number = commissionInvoiceNumber(invoice.series, invoice.number);
  const stored = JSON.parse(invoice.parties) as { reason?: string; refundedCents?: number };
  const bytes = await renderCommissionInvoicePdf({
    kind: invoice.kind,
    number,
    issuedOn: invoice.issuedOn,
    parties: parseParties(invoice.parties),
    periodStart: statement.periodStart,
    periodEnd: statement.periodEnd,
    salesCents: statement.salesCents,
    refundsCents: statement.refundsCents,
    commissionBp: statement.commissionBp,
    netCents: invoice.netCents,
    vatBp: invoice.vatBp,
    vatCents: invoice.vatCents,
    totalCents: invoice.totalCents,
    paymentTermsDays: config.operator.paymentTermsDays,
    vatOnDebits: config.operator.vatOnDebits,
    cancels: cancelled
      ? { number: commissionInvoiceNumber(cancelled.series, cancelled.number), issuedOn: cancelled.issuedOn, reason: stored.reason ?? '', refundedCents: invoice.correctsId ? (stored.refundedCents ?? 0) : undefined }
      : undefined,
    createdAt: new Date(invoice.createdAt),
  });
  return { filename: `${invoice.kind === 'credit_note' ? 'avoir' : 'facture'}-${number}.pdf`, bytes };
}

/**
 * Cancels a commission invoice by a credit note: the next number of the series of its issue
 * date (a credit note of January is numbered in the new year's series), the same figures,
 * the reason kept with the parties. The commission goes back to what the shop is owed in the
 * ledger. An invoice is cancelled once (the database's unique key says so), and never once
 * its statement is being paid or paid.
 */
export async function cancelCommissionInvoice(
  db: Db,
  config: Config,
  actor: CurrentAccount | null,
  invoiceId: string,
  reason: string,
  idempotencyKey: string,
  nowAt = nowIso(),
): Promise<{ creditNoteId: string; statementId: string }> {
  const invoice = await readableCommissionInvoice(db, actor, invoiceId);
  const scope = `credit-note:${invoiceId}`;
  if (!canCancel(invoice)) {
    const refusal = new DomainError(invoice.kind === 'credit_note' ? 'invoice_credit_note_final' : 'invoice_already_cancelled');
    // The form that issued the credit note, sent again (a double click), answers that credit note; any other is refused.
    const replayed = await createOnce(db, scope, idempotencyKey, async () => {
      throw refusal;
    });
    return { creditNoteId: replayed, statementId: invoice.statementId };
  }
  const issue = { at: nowAt, on: localDateOf(nowAt, config.timeZone) };
  const creditNoteId = await createOnce(db, scope, idempotencyKey, (trx) => insertCreditNote(trx, config, actor, invoice, reason.trim(), issue));
  return { creditNoteId, statementId: invoice.statementId };
}

/** A commission invoice the concierge may cancel (a credit note is final: 404), with its printed number. */
export async function invoiceToCancel(db: Db, actor: CurrentAccount | null, invoiceId: string): Promise<{ invoice: repo.CommissionInvoice; number: string }> {
  const invoice = await readableCommissionInvoice(db, actor, invoiceId);
  if (invoice.kind !== 'invoice') throw notFound();
  return { invoice, number: commissionInvoiceNumber(invoice.series, invoice.number) };
}

async function insertCreditNote(trx: Trx, config: Config, actor: CurrentAccount | null, invoice: repo.CommissionInvoice, reason: string, issue: { at: string; on: string }): Promise<string> {
  // The statement is locked first: a payout taking it at the same moment waits, or is seen here.
  const status = await repo.lockStatementStatus(trx, invoice.statementId);
  if (status === 'in_batch' || status === 'paid') throw new DomainError('invoice_statement_in_payment');
  const now = issue.at;
  const returned = (await returnedOn(trx, [invoice.id])).get(invoice.id);
  const figures = creditNoteFigures(invoice, returned && { netCents: returned.net, vatCents: returned.vat });
  if (nothingLeftToCredit(figures)) throw new DomainError('invoice_fully_returned');
  const id = newId();
  const series = commissionSeries(config, issue.on);
  const number = await reserveInvoiceNumbers(trx, series, 1);
  const parties = { ...(JSON.parse(invoice.parties) as object), reason };
  const inserted = await repo.insertCreditNote(trx, {
    id,
    series,
    number,
    kind: 'credit_note',
    statement_id: invoice.statementId,
    shop_id: invoice.shopId,
    cancels_id: invoice.id,
    issued_on: issue.on,
    net_cents: figures.netCents,
    vat_bp: figures.vatBp,
    vat_cents: figures.vatCents,
    total_cents: figures.totalCents,
    parties: JSON.stringify(parties),
    created_at: now,
    created_by_label: labelOf(actor),
    // The next closing carries the credit note into that statement's payable, and says which.
    carried_statement_id: null,
  });
  // Cancelled by someone else a moment ago: the number reserved is given back by the rollback.
  if (!inserted) throw new DomainError('invoice_already_cancelled');
  const postings = [credit('shop_payable', figures.totalCents, { shopId: invoice.shopId }), debit('commission_income', figures.netCents)];
  if (figures.vatCents > 0) postings.push(debit('vat_on_commission', figures.vatCents));
  const description = t('invoices.ledger.credit_note', { number: commissionInvoiceNumber(series, number), cancelled: commissionInvoiceNumber(invoice.series, invoice.number) });
  const piece = { ref: commissionInvoiceNumber(series, number), on: issue.on };
  await recordInLedger(trx, { kind: 'commission', sourceKey: `credit_note:${id}`, description, occurredAt: now, piece }, postings, config.timeZone);
  return id;
}

// ---- files and the merchant's page ----

/** The PDF of a shop invoice (uploaded or self-billed): the concierge, or that shop's merchants. */
export async function shopInvoiceFile(db: Db, actor: CurrentAccount | null, invoiceId: string, shopId?: string): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  if (shopId === undefined) assertConcierge(actor);
  else assertCanManageShop(actor, shopId);
  const invoice = await repo.findShopInvoice(db, invoiceId);
  if (!invoice || !invoice.fileId || (shopId !== undefined && invoice.shopId !== shopId)) throw notFound();
  const file = await repo.findFile(db, invoice.fileId);
  if (!file) throw notFound();
  return file;
}

export const INVOICES_PER_PAGE = 25;

export interface ShopInvoicesPage {
  payee: ShopPayee;
  commissionInvoices: (repo.CommissionInvoice & { printedNumber: string; periodText: string })[];
  shopInvoices: (repo.ShopInvoice & { periodText: string })[];
  page: number;
  pageCount: number;
}

/** A shop's commission invoices and credit notes, and its invoices recorded: that shop's merchants and the concierge. */
export async function shopInvoicesPage(db: Db, actor: CurrentAccount | null, shopId: string, page: number): Promise<ShopInvoicesPage> {
  assertCanManageShop(actor, shopId);
  const offset = (page - 1) * INVOICES_PER_PAGE;
  const [payee, commission, own, counts] = await Promise.all([
    payeeOf(db, shopId),
    repo.commissionInvoicesOfShop(db, shopId, INVOICES_PER_PAGE, offset),
    repo.shopInvoicesOfShop(db, shopId, INVOICES_PER_PAGE, offset),
    repo.countInvoicesOfShop(db, shopId),
  ]);
  const periods = await statementPeriods(db, commission.map((invoice) => invoice.statementId));
  return {
    payee,
    commissionInvoices: commission.map((invoice) => ({ ...invoice, printedNumber: commissionInvoiceNumber(invoice.series, invoice.number), periodText: periods.get(invoice.statementId) ?? '' })),
    shopInvoices: own.map((invoice) => ({ ...invoice, periodText: periodInWords(invoice.periodStart, invoice.periodEnd) })),
    page,
    pageCount: Math.max(1, Math.ceil(Math.max(counts.commission, counts.shop) / INVOICES_PER_PAGE)),
  };
}

async function statementPeriods(db: Executor, statementIds: readonly string[]): Promise<Map<string, string>> {
  const periods = await repo.periodsOfStatements(db, [...new Set(statementIds)]);
  return new Map(periods.map((period) => [period.id, periodInWords(period.periodStart, period.periodEnd)]));
}
