// Use cases of a shop's CRM record: its stage history, contacts, the log of interactions (a
// visit, a call, a mail, an event), closing a follow-up with what was done, and the product
// photos of a visit. The concierge writes; the town reads; anyone else gets 404.
import type { Db, Executor } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import { assertConcierge } from '../../platform/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import { newId } from '../../platform/ids.ts';
import { storeImage, type ProcessedImage } from '../../platform/images/images.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { findShop, moveStage } from '../shops.repository.ts';
import { assertCanReadDirectory } from '../shops.service.ts';
import type { Shop } from '../shops.repository.ts';
import { EXIT_REASONS, reasonNeedsNote, stageAfterContact, suggestNextTask, type ExitReason, type InteractionKind, type Outcome, type SuggestedTask } from './crm.rules.ts';
import {
  deleteContact,
  findContact,
  insertContact,
  insertInteraction,
  insertVisitPhoto,
  listContacts,
  listInteractions,
  listStageEvents,
  listVisitPhotos,
  updateContact,
  type Contact,
  type ContactInput,
  type Interaction,
  type StageEvent,
} from './crm.repository.ts';
import { findCampaign } from './campaigns.repository.ts';
import { closeTaskRow, findTask, insertTaskOnce, listTasksOfShop, type ShopTask } from './tasks.repository.ts';

export interface CrmRecord {
  events: StageEvent[];
  contacts: Contact[];
  interactions: Interaction[];
  tasks: ShopTask[];
  photos: Array<{ id: string; imageId: string; createdAt: string }>;
}

/** Everything the shop's page shows of the CRM, read by the concierge and the town. */
export async function crmRecord(db: Executor, actor: CurrentAccount | null, shopId: string): Promise<CrmRecord> {
  assertCanReadDirectory(actor);
  const [events, contacts, interactions, tasks, photos] = await Promise.all([
    listStageEvents(db, shopId),
    listContacts(db, shopId),
    listInteractions(db, shopId),
    listTasksOfShop(db, shopId),
    listVisitPhotos(db, shopId),
  ]);
  return { events, contacts, interactions, tasks, photos };
}

async function shopOf(db: Executor, shopId: string): Promise<Shop> {
  const shop = await findShop(db, shopId);
  if (!shop) throw notFound();
  return shop;
}

/** A contact is worth keeping when the concierge can reach them: a phone or an e-mail. */
function checkContact(input: ContactInput): void {
  if (!input.phone && !input.email) throw new DomainError('crm_contact_needs_way', 'phone');
}

export async function addContact(db: Executor, actor: CurrentAccount | null, shopId: string, input: ContactInput): Promise<string> {
  assertConcierge(actor);
  await shopOf(db, shopId);
  checkContact(input);
  const id = newId();
  await insertContact(db, id, shopId, input, nowIso());
  return id;
}

/** « Ajouter ce contact », once per key: a form sent twice adds one contact. */
export async function addContactOnce(db: Db, actor: CurrentAccount | null, shopId: string, input: ContactInput, idempotencyKey: string): Promise<string> {
  const concierge = assertConcierge(actor);
  return createOnce(db, 'crm.contact', idempotencyKey, (trx) => addContact(trx, concierge, shopId, input), boundTo(shopId, concierge.id));
}

export async function getContact(db: Executor, actor: CurrentAccount | null, shopId: string, contactId: string): Promise<Contact> {
  assertConcierge(actor);
  const contact = await findContact(db, shopId, contactId);
  if (!contact) throw notFound();
  return contact;
}

export async function editContact(db: Executor, actor: CurrentAccount | null, shopId: string, contactId: string, input: ContactInput): Promise<void> {
  assertConcierge(actor);
  checkContact(input);
  if (!(await updateContact(db, shopId, contactId, input, nowIso()))) throw notFound();
}

export async function removeContact(db: Executor, actor: CurrentAccount | null, shopId: string, contactId: string): Promise<void> {
  assertConcierge(actor);
  if (!(await deleteContact(db, shopId, contactId))) throw notFound();
}

export interface InteractionInput {
  kind: InteractionKind;
  localDate: string;
  met: string;
  notes: string;
  outcome: Outcome;
  /** Why a shop declined; asked only then. */
  reasonCode: ExitReason | null;
  campaignId: string | null;
  /** The next step, when one is planned: a task on that day. */
  next: { title: string; dueDate: string } | null;
  /** The follow-up this contact settles, closed with its notes. */
  settlesTaskId: string | null;
}

function checkDecline(input: InteractionInput): void {
  if (input.outcome !== 'declined') return;
  if (!input.reasonCode || !(EXIT_REASONS as readonly string[]).includes(input.reasonCode)) throw new DomainError('crm_reason_required', 'reason');
  if (reasonNeedsNote(input.reasonCode) && input.notes.trim() === '') throw new DomainError('crm_note_required', 'notes');
}

/**
 * Logs a contact with a shop, in one transaction: the interaction, the stage it moves a
 * prospect to (« contacté », « en discussion »), the follow-up it settles and the next one.
 * Returns the task it settled, if any.
 */
export async function logInteraction(db: Db, actor: CurrentAccount | null, shopId: string, input: InteractionInput): Promise<{ settled: ShopTask | null }> {
  const concierge = assertConcierge(actor);
  checkDecline(input);
  return inTransaction(db, async (trx) => (await logInteractionIn(trx, concierge.id, shopId, input)).result);
}

/** The interaction and what it moves, in the caller's transaction; the interaction's id with the result. */
async function logInteractionIn(trx: Executor, accountId: string, shopId: string, input: InteractionInput): Promise<{ id: string; result: { settled: ShopTask | null } }> {
  const shop = await shopOf(trx, shopId);
  // The campaign comes from a hidden field: one that does not exist would break its foreign key.
  if (input.campaignId && !(await findCampaign(trx, input.campaignId))) throw notFound();
  if (input.next && shop.stage === 'do_not_contact') throw new DomainError('crm_do_not_contact', 'next_date');
  const at = nowIso();
  const id = newId();
  await insertInteraction(trx, { id, shopId, ...input, reasonCode: input.outcome === 'declined' ? input.reasonCode : null, accountId, at });
  const to = stageAfterContact(shop.stage, input.outcome);
  if (to) await moveStage(trx, shopId, shop.stage, to, at, { accountId, reasonCode: null, note: '' });
  const settled = input.settlesTaskId ? await findTask(trx, input.settlesTaskId) : undefined;
  const closes = settled && settled.shopId === shopId && settled.state !== 'done';
  if (closes) await closeTaskRow(trx, settled.id, input.notes.trim() || input.met, accountId, at);
  if (input.next) await insertTaskOnce(trx, { id: newId(), shopId, title: input.next.title, dueDate: input.next.dueDate, source: 'manual', reasonCode: null, accountId, at });
  return { id, result: { settled: closes ? settled : null } };
}

/**
 * The visit screen's « Enregistrer », once per key: a second tap on a phone in the shop (or a
 * resent form) logs no second visit and plans no second follow-up.
 */
export async function logVisitOnce(db: Db, actor: CurrentAccount | null, shopId: string, input: InteractionInput, idempotencyKey: string): Promise<{ settled: ShopTask | null }> {
  const concierge = assertConcierge(actor);
  checkDecline(input);
  let result: { settled: ShopTask | null } = { settled: null };
  await createOnce(
    db,
    'crm.visit',
    idempotencyKey,
    async (trx) => {
      const logged = await logInteractionIn(trx, concierge.id, shopId, input);
      result = logged.result;
      return logged.id;
    },
    boundTo(shopId, concierge.id),
  );
  return result;
}

/**
 * « Fait »: the follow-up is closed with what was done, which is logged as a contact; the
 * answer is the next step to offer (the concierge accepts it or not).
 */
export async function completeTask(
  db: Db,
  actor: CurrentAccount | null,
  shopId: string,
  taskId: string,
  done: { kind: InteractionKind; outcome: Outcome; note: string; today: string },
): Promise<SuggestedTask | null> {
  assertConcierge(actor);
  const task = await findTask(db, taskId);
  if (!task || task.shopId !== shopId) throw notFound();
  if (task.state === 'done') throw new DomainError('crm_task_closed', 'note');
  const input: InteractionInput = { kind: done.kind, localDate: done.today, met: '', notes: done.note, outcome: done.outcome, reasonCode: null, campaignId: null, next: null, settlesTaskId: taskId };
  await logInteraction(db, actor, shopId, input);
  return suggestNextTask(done.kind, done.outcome, done.today);
}

/** Keeps the product photos of a visit, to become offers later (see crm.routes.ts). */
export async function keepVisitPhotos(db: Db, actor: CurrentAccount | null, shopId: string, images: ProcessedImage[]): Promise<number> {
  const concierge = assertConcierge(actor);
  await shopOf(db, shopId);
  return inTransaction(db, async (trx) => {
    for (const image of images) {
      const imageId = await storeImage(trx, image);
      await insertVisitPhoto(trx, { id: newId(), shopId, imageId, accountId: concierge.id, at: nowIso() });
    }
    return images.length;
  });
}
