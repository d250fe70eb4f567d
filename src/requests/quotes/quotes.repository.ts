// All SQL of quote rounds: the providers asked on a request and what each answered.
import type { Executor } from '../../db/index.ts';
import type { ServiceQuotesTable } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { QuoteStatus } from './quotes.rules.ts';

export type EnteredBy = 'provider' | 'concierge';

export interface Quote {
  id: string;
  requestId: string;
  shopId: string;
  status: QuoteStatus;
  shareContact: boolean;
  amountCents: number | null;
  vatRateBp: number | null;
  validUntilDate: string | null;
  note: string;
  hasPdf: boolean;
  enteredBy: EnteredBy | null;
  answeredByLabel: string | null;
  acceptedByLabel: string | null;
  orderId: string | null;
  askedAt: string;
  answeredAt: string | null;
  acceptedAt: string | null;
  doneAt: string | null;
}

// Every column but the PDF's bytes, which only the PDF's own address reads.
const COLUMNS = [
  'id',
  'request_id',
  'shop_id',
  'status',
  'share_contact',
  'amount_cents',
  'vat_rate_bp',
  'valid_until_date',
  'note',
  'entered_by',
  'answered_by_label',
  'accepted_by_label',
  'order_id',
  'asked_at',
  'answered_at',
  'accepted_at',
  'done_at',
] as const;

type QuoteRow = Pick<ServiceQuotesTable, (typeof COLUMNS)[number]> & { has_pdf: number | string | boolean };

const numberOrNull = (value: number | null): number | null => (value === null ? null : Number(value));

function toQuote(row: QuoteRow): Quote {
  return {
    id: row.id,
    requestId: row.request_id,
    shopId: row.shop_id,
    status: row.status as QuoteStatus,
    shareContact: Number(row.share_contact) === 1,
    amountCents: numberOrNull(row.amount_cents),
    vatRateBp: numberOrNull(row.vat_rate_bp),
    validUntilDate: row.valid_until_date,
    note: row.note,
    hasPdf: Number(row.has_pdf) === 1 || row.has_pdf === true,
    enteredBy: row.entered_by as EnteredBy | null,
    answeredByLabel: row.answered_by_label,
    acceptedByLabel: row.accepted_by_label,
    orderId: row.order_id,
    askedAt: row.asked_at,
    answeredAt: row.answered_at,
    acceptedAt: row.accepted_at,
    doneAt: row.done_at,
  };
}

function selectQuotes(db: Executor) {
  return db
    .selectFrom('service_quotes')
    .select(COLUMNS)
    .select((eb) => eb.case().when('pdf_bytes', 'is not', null).then(1).else(0).end().as('has_pdf'));
}

export async function insertAskedQuote(db: Executor, row: { requestId: string; shopId: string; shareContact: boolean; at: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto('service_quotes')
    .values({ id, request_id: row.requestId, shop_id: row.shopId, status: 'asked', share_contact: row.shareContact ? 1 : 0, note: '', asked_at: row.at, updated_at: row.at })
    .execute();
  return id;
}

export async function findQuote(db: Executor, id: string): Promise<Quote | undefined> {
  const row = await selectQuotes(db).where('id', '=', id).executeTakeFirst();
  return row ? toQuote(row) : undefined;
}

export async function listQuotesOfRequest(db: Executor, requestId: string): Promise<Quote[]> {
  const rows = await selectQuotes(db).where('request_id', '=', requestId).orderBy('asked_at').orderBy('id').execute();
  return rows.map(toQuote);
}

/** The quotes addressed to a shop in some statuses, the oldest ask first. */
export async function listQuotesOfShop(db: Executor, shopId: string, statuses: readonly QuoteStatus[], limit: number): Promise<Quote[]> {
  const rows = await selectQuotes(db).where('shop_id', '=', shopId).where('status', 'in', statuses).orderBy('asked_at').orderBy('id').limit(limit).execute();
  return rows.map(toQuote);
}

export async function findQuotePdf(db: Executor, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('service_quotes').select('pdf_bytes').where('id', '=', id).executeTakeFirst();
  return row?.pdf_bytes ? Buffer.from(row.pdf_bytes) : undefined;
}

export interface QuoteAnswer {
  amountCents: number;
  vatRateBp: number;
  validUntilDate: string;
  note: string;
  pdf: Buffer | null;
  enteredBy: EnteredBy;
  byLabel: string;
  at: string;
}

/** Records the quote only while it is still awaited: a link used twice records it once. */
export async function recordAnswer(db: Executor, id: string, answer: QuoteAnswer): Promise<boolean> {
  const result = await db
    .updateTable('service_quotes')
    .set({
      status: 'received',
      amount_cents: answer.amountCents,
      vat_rate_bp: answer.vatRateBp,
      valid_until_date: answer.validUntilDate,
      note: answer.note,
      pdf_bytes: answer.pdf,
      entered_by: answer.enteredBy,
      answered_by_label: answer.byLabel,
      answered_at: answer.at,
      updated_at: answer.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'asked')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The one conditional move of a quote's status: only from `from`, so two people move it once. */
export async function updateQuoteStatus(
  db: Executor,
  id: string,
  from: QuoteStatus,
  to: QuoteStatus,
  at: string,
  changes: Partial<Pick<ServiceQuotesTable, 'note' | 'entered_by' | 'answered_by_label' | 'answered_at' | 'accepted_by_label' | 'accepted_at' | 'done_at'>> = {},
): Promise<boolean> {
  const result = await db
    .updateTable('service_quotes')
    .set({ ...changes, status: to, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setQuoteOrder(db: Executor, id: string, orderId: string): Promise<void> {
  await db.updateTable('service_quotes').set({ order_id: orderId }).where('id', '=', id).execute();
}
