// All SQL of a shop's CRM record: stage history, contacts, interactions and visit photos.
import type { Executor } from '../../db/index.ts';
import type { ShopStage } from '../shops.rules.ts';
import type { InteractionKind, Outcome } from './crm.rules.ts';

export interface StageEvent {
  id: string;
  fromStage: ShopStage | null;
  toStage: ShopStage;
  reasonCode: string | null;
  note: string;
  who: string | null;
  at: string;
}

/** A shop's stage history, newest first, with the name of who moved it. */
export async function listStageEvents(db: Executor, shopId: string): Promise<StageEvent[]> {
  const rows = await db
    .selectFrom('shop_stage_events')
    .leftJoin('accounts', 'accounts.id', 'shop_stage_events.account_id')
    .select(['shop_stage_events.id', 'from_stage', 'to_stage', 'reason_code', 'note', 'at', 'accounts.display_name'])
    .where('shop_stage_events.shop_id', '=', shopId)
    .orderBy('at', 'desc')
    .orderBy('shop_stage_events.id', 'desc')
    .limit(100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    fromStage: row.from_stage as ShopStage | null,
    toStage: row.to_stage as ShopStage,
    reasonCode: row.reason_code,
    note: row.note,
    who: row.display_name,
    at: row.at,
  }));
}

export interface Contact {
  id: string;
  shopId: string;
  person: string;
  role: string;
  phone: string | null;
  email: string | null;
}

export type ContactInput = Omit<Contact, 'id' | 'shopId'>;

export async function listContacts(db: Executor, shopId: string): Promise<Contact[]> {
  const rows = await db.selectFrom('shop_contacts').selectAll().where('shop_id', '=', shopId).orderBy('person').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, shopId: row.shop_id, person: row.person, role: row.role, phone: row.phone, email: row.email }));
}

export async function findContact(db: Executor, shopId: string, id: string): Promise<Contact | undefined> {
  return (await listContacts(db, shopId)).find((contact) => contact.id === id);
}

export async function insertContact(db: Executor, id: string, shopId: string, input: ContactInput, at: string): Promise<void> {
  await db.insertInto('shop_contacts').values({ id, shop_id: shopId, ...input, created_at: at, updated_at: at }).execute();
}

export async function updateContact(db: Executor, shopId: string, id: string, input: ContactInput, at: string): Promise<boolean> {
  const result = await db.updateTable('shop_contacts').set({ ...input, updated_at: at }).where('id', '=', id).where('shop_id', '=', shopId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteContact(db: Executor, shopId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('shop_contacts').where('id', '=', id).where('shop_id', '=', shopId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export interface Interaction {
  id: string;
  shopId: string;
  kind: InteractionKind;
  localDate: string;
  who: string | null;
  met: string;
  notes: string;
  outcome: Outcome;
  reasonCode: string | null;
  campaignId: string | null;
}

export interface NewInteraction {
  id: string;
  shopId: string;
  kind: InteractionKind;
  localDate: string;
  accountId: string | null;
  met: string;
  notes: string;
  outcome: Outcome;
  reasonCode: string | null;
  campaignId: string | null;
  at: string;
}

export async function insertInteraction(db: Executor, row: NewInteraction): Promise<void> {
  await db
    .insertInto('shop_interactions')
    .values({
      id: row.id,
      shop_id: row.shopId,
      kind: row.kind,
      local_date: row.localDate,
      account_id: row.accountId,
      met: row.met,
      notes: row.notes,
      outcome: row.outcome,
      reason_code: row.reasonCode,
      campaign_id: row.campaignId,
      created_at: row.at,
    })
    .execute();
}

/** A shop's interactions, newest first. */
export async function listInteractions(db: Executor, shopId: string, limit = 100): Promise<Interaction[]> {
  const rows = await db
    .selectFrom('shop_interactions')
    .leftJoin('accounts', 'accounts.id', 'shop_interactions.account_id')
    .selectAll('shop_interactions')
    .select('accounts.display_name')
    .where('shop_interactions.shop_id', '=', shopId)
    .orderBy('local_date', 'desc')
    .orderBy('shop_interactions.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    shopId: row.shop_id,
    kind: row.kind as InteractionKind,
    localDate: row.local_date,
    who: row.display_name,
    met: row.met,
    notes: row.notes,
    outcome: row.outcome as Outcome,
    reasonCode: row.reason_code,
    campaignId: row.campaign_id,
  }));
}

export async function insertVisitPhoto(db: Executor, row: { id: string; shopId: string; imageId: string; accountId: string | null; at: string }): Promise<void> {
  await db.insertInto('shop_visit_photos').values({ id: row.id, shop_id: row.shopId, image_id: row.imageId, account_id: row.accountId, created_at: row.at }).execute();
}

/** The product photos taken in the shop, newest first. */
export async function listVisitPhotos(db: Executor, shopId: string): Promise<Array<{ id: string; imageId: string; createdAt: string }>> {
  const rows = await db.selectFrom('shop_visit_photos').select(['id', 'image_id', 'created_at']).where('shop_id', '=', shopId).orderBy('created_at', 'desc').limit(48).execute();
  return rows.map((row) => ({ id: row.id, imageId: row.image_id, createdAt: row.created_at }));
}
