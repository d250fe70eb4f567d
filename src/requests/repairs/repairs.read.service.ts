// What the pages of a repair show: the item, where it went, the bonus réparation and the
// provider's papers; the counter's shelves; and the provider's photos and invoice as they
// are sent. Reading a request's repair assumes the caller may read the request (the root's
// `readableRequest` or `followedRequest` already said so).
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { findMembersByIds, fullName } from '../../members/index.ts';
import { findShopsByIds } from '../../shops/index.ts';
import { assertConcierge } from '../../platform/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import { readPhotoField, storeImage, type ProcessedImage } from '../../platform/images/images.ts';
import type { Cents } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { findRequest, type ServiceRequest } from '../requests.repository.ts';
import { daysWaiting, type RequestStatus } from '../requests.rules.ts';
import {
  findInvoiceBytes,
  findItemOfRequest,
  insertAttachment,
  listAttachments,
  listItemsAtCounter,
  listMoves,
  type Attachment,
  type AttachmentKind,
  type ItemMoveRow,
  type RepairItem,
} from './repairs.repository.ts';
import { bonusCents } from './repairs.rules.ts';

export interface ItemMoveView extends ItemMoveRow {
  providerName: string | null;
}

export interface PriceView {
  priceCents: Cents;
  bonusCents: Cents;
  dueCents: Cents;
}

export interface RepairView {
  request: ServiceRequest;
  item: RepairItem | undefined;
  providerName: string | null;
  moves: ItemMoveView[];
  attachments: Attachment[];
  /** the price the member pays, once known (final, else agreed), less the bonus */
  price: PriceView | null;
}

function priceOf(item: RepairItem): PriceView | null {
  const priceCents = item.finalPriceCents ?? item.agreedPriceCents;
  if (priceCents === null) return null;
  const bonus = item.bonusCents ?? bonusCents(priceCents, item.bonusEligible, item.bonusCode);
  return { priceCents, bonusCents: bonus, dueCents: priceCents - bonus };
}

/** The request's item and what happened to it. */
export async function repairOf(db: Executor, request: ServiceRequest): Promise<RepairView> {
  const item = await findItemOfRequest(db, request.id);
  if (!item) return { request, item, providerName: null, moves: [], attachments: [], price: null };
  const [moves, attachments] = await Promise.all([listMoves(db, item.id), listAttachments(db, item.id)]);
  const shopIds = [...new Set([item.providerShopId, ...moves.flatMap((move) => (move.providerShopId ? [move.providerShopId] : []))])];
  const names = new Map((await findShopsByIds(db, shopIds)).map((shop) => [shop.id, shop.tradeName]));
  return {
    request,
    item,
    providerName: names.get(item.providerShopId) ?? null,
    moves: moves.map((move) => ({ ...move, providerName: move.providerShopId ? (names.get(move.providerShopId) ?? null) : null })),
    attachments,
    price: priceOf(item),
  };
}

/** A repair request, with or without its item yet, for the concierge. */
export async function repairRequestView(db: Executor, actor: CurrentAccount | null, requestId: string): Promise<RepairView> {
  assertConcierge(actor);
  const request = await findRequest(db, requestId);
  if (!request || request.kind !== 'repair') throw notFound();
  return repairOf(db, request);
}

/** A repair request and its item, for the concierge. */
export async function repairForConcierge(db: Executor, actor: CurrentAccount | null, requestId: string): Promise<RepairView & { item: RepairItem }> {
  const view = await repairRequestView(db, actor, requestId);
  if (!view.item) throw notFound();
  return { ...view, item: view.item };
}

export interface CounterShelfItem {
  requestId: string;
  number: number;
  memberName: string;
  description: string;
  requestStatus: RequestStatus;
  daysThere: number;
}

export interface CounterShelf {
  shelf: string;
  items: CounterShelfItem[];
}

/** How many items the counter page lists at most: far more than its shelves hold. */
const COUNTER_LIMIT = 500;

/** « Objets au comptoir »: every item on a shelf now, by shelf. */
export async function itemsAtCounter(db: Executor, actor: CurrentAccount | null): Promise<CounterShelf[]> {
  assertConcierge(actor);
  const rows = await listItemsAtCounter(db, COUNTER_LIMIT);
  const members = new Map((await findMembersByIds(db, [...new Set(rows.map((row) => row.memberId))])).map((member) => [member.id, fullName(member)]));
  const now = nowIso();
  const shelves = new Map<string, CounterShelfItem[]>();
  for (const row of rows) {
    const items = shelves.get(row.item.shelf) ?? [];
    items.push({
      requestId: row.item.requestId,
      number: row.requestNumber,
      memberName: members.get(row.memberId) ?? '',
      description: row.item.description,
      requestStatus: row.requestStatus as RequestStatus,
      daysThere: daysWaiting(row.item.statusChangedAt, now),
    });
    shelves.set(row.item.shelf, items);
  }
  return [...shelves].map(([shelf, items]) => ({ shelf, items }));
}

// ---- the provider's photos and invoice ----

const PDF_MAGIC = Buffer.from('%PDF-');

export interface AttachmentInput {
  kind: AttachmentKind;
  /** the uploaded file, as multipart hands it over */
  file: unknown;
}

/** Checks a PDF the way settlement does: bytes, within the limit, that start as a PDF does (the browser's type is only a claim). */
function invoiceBytes(file: unknown, maxBytes: number): Buffer {
  if (!Buffer.isBuffer(file) || file.length === 0) throw new DomainError('repair_file_required', 'file');
  if (file.length > maxBytes) throw new DomainError('repair_file_too_big', 'file', { max: `${Math.floor(maxBytes / (1024 * 1024))} Mo` });
  if (!file.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw new DomainError('repair_file_not_pdf', 'file');
  return file;
}

/** Keeps a photo (before or after) or the provider's invoice with the item. Once per form. */
export async function attachToRepair(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, input: AttachmentInput, key: string): Promise<string> {
  const concierge = assertConcierge(actor);
  const item = await findItemOfRequest(db, requestId);
  if (!item) throw notFound();
  const bytes = input.kind === 'invoice' ? invoiceBytes(input.file, config.uploadMaxBytes) : null;
  const photo = input.kind === 'invoice' ? undefined : await photoOf(db, config, concierge, input.file);
  return createOnce(
    db,
    'repair.attachment',
    key,
    async (trx) => {
      const imageId = photo ? await storeImage(trx, photo) : null;
      return insertAttachment(trx, { itemId: item.id, kind: input.kind, imageId, bytes, accountId: concierge.id, at: nowIso() });
    },
    boundTo(requestId, concierge.id),
  );
}

async function photoOf(db: Executor, config: Config, concierge: CurrentAccount, file: unknown): Promise<ProcessedImage> {
  const upload = { db, accountId: concierge.id, maxBytes: config.uploadMaxBytes, maxPerHour: config.uploadMaxPerHour };
  const photo = await readPhotoField(file, upload, 'file');
  if (!photo) throw new DomainError('repair_file_required', 'file');
  return photo;
}

/** The provider's invoice, for the concierge. */
export async function repairInvoice(db: Executor, actor: CurrentAccount | null, requestId: string, attachmentId: string): Promise<{ filename: string; bytes: Buffer }> {
  const { item, request } = await repairForConcierge(db, actor, requestId);
  const bytes = await findInvoiceBytes(db, item.id, attachmentId);
  if (!bytes) throw notFound();
  return { filename: `facture-reparation-${request.number}.pdf`, bytes };
}
