// All SQL of repair items: the item, its moves, the provider's photos and invoice.
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { RepairItemsTable } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { ItemStatus } from './repairs.rules.ts';

export interface RepairItem {
  id: string;
  requestId: string;
  description: string;
  providerShopId: string;
  status: ItemStatus;
  shelf: string;
  agreedPriceCents: number | null;
  finalPriceCents: number | null;
  bonusEligible: boolean;
  bonusCode: string | null;
  bonusCents: number | null;
  orderId: string | null;
  orderCode: string | null;
  createdAt: string;
  statusChangedAt: string;
  handedBackAt: string | null;
}

export interface ItemMoveRow {
  id: string;
  toStatus: ItemStatus;
  shelf: string | null;
  providerShopId: string | null;
  actorLabel: string;
  at: string;
}

export type AttachmentKind = 'photo_before' | 'photo_after' | 'invoice';

export interface Attachment {
  id: string;
  kind: AttachmentKind;
  imageId: string | null;
  createdAt: string;
}

const nullableNumber = (value: number | null): number | null => (value === null ? null : Number(value));

function toItem(row: Selectable<RepairItemsTable>): RepairItem {
  return {
    id: row.id,
    requestId: row.request_id,
    description: row.description,
    providerShopId: row.provider_shop_id,
    status: row.status as ItemStatus,
    shelf: row.shelf,
    agreedPriceCents: nullableNumber(row.agreed_price_cents),
    finalPriceCents: nullableNumber(row.final_price_cents),
    bonusEligible: Number(row.bonus_eligible) === 1,
    bonusCode: row.bonus_code,
    bonusCents: nullableNumber(row.bonus_cents),
    orderId: row.order_id,
    orderCode: row.order_code,
    createdAt: row.created_at,
    statusChangedAt: row.status_changed_at,
    handedBackAt: row.handed_back_at,
  };
}

export interface NewItem {
  requestId: string;
  description: string;
  providerShopId: string;
  shelf: string;
  agreedPriceCents: number | null;
  bonusEligible: boolean;
  bonusCode: string | null;
  at: string;
}

export async function insertItem(db: Executor, item: NewItem): Promise<string> {
  const id = newId();
  await db
    .insertInto('repair_items')
    .values({
      id,
      request_id: item.requestId,
      description: item.description,
      provider_shop_id: item.providerShopId,
      status: 'at_counter',
      shelf: item.shelf,
      agreed_price_cents: item.agreedPriceCents,
      final_price_cents: null,
      bonus_eligible: item.bonusEligible ? 1 : 0,
      bonus_code: item.bonusCode,
      bonus_cents: null,
      order_id: null,
      order_code: null,
      created_at: item.at,
      status_changed_at: item.at,
      handed_back_at: null,
      updated_at: item.at,
    })
    .execute();
  return id;
}

export async function findItemOfRequest(db: Executor, requestId: string): Promise<RepairItem | undefined> {
  const row = await db.selectFrom('repair_items').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

export interface ItemChanges {
  shelf?: string;
  finalPriceCents?: number;
  bonusCents?: number;
  order?: { id: string; code: string };
}

/** Moves the item only from `from` (two clerks pressing at once move it once); false when it had moved already. */
export async function updateItemStatus(db: Executor, id: string, from: ItemStatus, to: ItemStatus, changes: ItemChanges, at: string): Promise<boolean> {
  const result = await db
    .updateTable('repair_items')
    .set({
      status: to,
      status_changed_at: at,
      updated_at: at,
      ...(to === 'handed_back' ? { handed_back_at: at } : {}),
      ...(changes.shelf !== undefined ? { shelf: changes.shelf } : {}),
      ...(changes.finalPriceCents !== undefined ? { final_price_cents: changes.finalPriceCents } : {}),
      ...(changes.bonusCents !== undefined ? { bonus_cents: changes.bonusCents } : {}),
      ...(changes.order !== undefined ? { order_id: changes.order.id, order_code: changes.order.code } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface NewMove {
  itemId: string;
  toStatus: ItemStatus;
  shelf: string | null;
  providerShopId: string | null;
  accountId: string | null;
  actorLabel: string;
  at: string;
}

export async function insertMove(db: Executor, move: NewMove): Promise<void> {
  await db
    .insertInto('repair_item_moves')
    .values({
      id: newId(),
      item_id: move.itemId,
      to_status: move.toStatus,
      shelf: move.shelf,
      provider_shop_id: move.providerShopId,
      account_id: move.accountId,
      actor_label: move.actorLabel,
      at: move.at,
    })
    .execute();
}

export async function listMoves(db: Executor, itemId: string): Promise<ItemMoveRow[]> {
  const rows = await db.selectFrom('repair_item_moves').selectAll().where('item_id', '=', itemId).orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    toStatus: row.to_status as ItemStatus,
    shelf: row.shelf,
    providerShopId: row.provider_shop_id,
    actorLabel: row.actor_label,
    at: row.at,
  }));
}

export async function insertAttachment(
  db: Executor,
  row: { itemId: string; kind: AttachmentKind; imageId: string | null; bytes: Buffer | null; accountId: string | null; at: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('repair_attachments')
    .values({ id, item_id: row.itemId, kind: row.kind, image_id: row.imageId, bytes: row.bytes, account_id: row.accountId, created_at: row.at })
    .execute();
  return id;
}

export async function listAttachments(db: Executor, itemId: string): Promise<Attachment[]> {
  const rows = await db.selectFrom('repair_attachments').select(['id', 'kind', 'image_id', 'created_at']).where('item_id', '=', itemId).orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind as AttachmentKind, imageId: row.image_id, createdAt: row.created_at }));
}

/** The invoice's bytes, only through the item it belongs to. */
export async function findInvoiceBytes(db: Executor, itemId: string, attachmentId: string): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('repair_attachments')
    .select('bytes')
    .where('id', '=', attachmentId)
    .where('item_id', '=', itemId)
    .where('kind', '=', 'invoice')
    .executeTakeFirst();
  return row?.bytes ? Buffer.from(row.bytes) : undefined;
}

export interface CounterItemRow {
  item: RepairItem;
  requestNumber: number;
  requestStatus: string;
  memberId: string;
}

/** Every item at the counter now, by shelf, the longest there first. */
export async function listItemsAtCounter(db: Executor, limit: number): Promise<CounterItemRow[]> {
  const rows = await db
    .selectFrom('repair_items')
    .innerJoin('service_requests', 'service_requests.id', 'repair_items.request_id')
    .selectAll('repair_items')
    .select(['service_requests.number as request_number', 'service_requests.status as request_status', 'service_requests.member_id as member_id'])
    .where('repair_items.status', '=', 'at_counter')
    .orderBy('repair_items.shelf')
    .orderBy('repair_items.status_changed_at')
    .orderBy('repair_items.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ item: toItem(row), requestNumber: Number(row.request_number), requestStatus: row.request_status, memberId: row.member_id }));
}
