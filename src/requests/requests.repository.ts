// All SQL of the requests root: the requests, their history and their messages.
import type { Executor } from '../db/index.ts';
import type { ServiceRequestsTable } from '../db/schema.ts';
import { nextInSequence } from '../db/sequences.ts';
import { newId } from '../platform/ids.ts';
import type { RequestKind, RequestStatus } from './requests.rules.ts';

export type RequestChannel = 'site' | 'phone' | 'counter' | 'email';
export type MessageAuthor = 'member' | 'concierge' | 'provider';

export interface ServiceRequest {
  id: string;
  number: number;
  memberId: string;
  kind: RequestKind;
  status: RequestStatus;
  title: string;
  details: string;
  channel: RequestChannel;
  providerShopId: string | null;
  dueDate: string | null;
  answer: string | null;
  rating: number | null;
  ratingNote: string | null;
  createdAt: string;
  statusChangedAt: string;
  remindedAt: string | null;
}

export interface RequestEvent {
  id: string;
  kind: string;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus | null;
  note: string;
  notified: boolean;
  actorLabel: string;
  at: string;
}

export interface RequestMessage {
  id: string;
  author: MessageAuthor;
  authorLabel: string;
  body: string;
  at: string;
}

function toRequest(row: ServiceRequestsTable): ServiceRequest {
  return {
    id: row.id,
    number: Number(row.number),
    memberId: row.member_id,
    kind: row.kind as RequestKind,
    status: row.status as RequestStatus,
    title: row.title,
    details: row.details,
    channel: row.channel as RequestChannel,
    providerShopId: row.provider_shop_id,
    dueDate: row.due_date,
    answer: row.answer,
    rating: row.rating === null ? null : Number(row.rating),
    ratingNote: row.rating_note,
    createdAt: row.created_at,
    statusChangedAt: row.status_changed_at,
    remindedAt: row.reminded_at,
  };
}

export interface NewRequestRow {
  memberId: string;
  kind: RequestKind;
  title: string;
  details: string;
  channel: RequestChannel;
  providerShopId: string | null;
  dueDate: string | null;
  createdByAccountId: string | null;
  at: string;
}

export async function insertRequest(db: Executor, row: NewRequestRow): Promise<ServiceRequest> {
  const id = newId();
  const number = await nextInSequence(db, 'service_request');
  await db
    .insertInto('service_requests')
    .values({
      id,
      number,
      member_id: row.memberId,
      kind: row.kind,
      status: 'new',
      title: row.title,
      details: row.details,
      channel: row.channel,
      provider_shop_id: row.providerShopId,
      due_date: row.dueDate,
      answer: null,
      rating: null,
      rating_note: null,
      created_by_account_id: row.createdByAccountId,
      created_at: row.at,
      status_changed_at: row.at,
      reminded_at: null,
      updated_at: row.at,
    })
    .execute();
  const request = await findRequest(db, id);
  if (!request) throw new Error('the request just written is missing');
  return request;
}

export async function findRequest(db: Executor, id: string): Promise<ServiceRequest | undefined> {
  const row = await db.selectFrom('service_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

export async function findRequestsByIds(db: Executor, ids: readonly string[]): Promise<ServiceRequest[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('service_requests').selectAll().where('id', 'in', ids).execute();
  return rows.map(toRequest);
}

/** Moves the status only from `from`; the wait starts again and may be reminded again. */
export async function updateRequestStatus(db: Executor, id: string, from: RequestStatus, to: RequestStatus, at: string): Promise<boolean> {
  const result = await db
    .updateTable('service_requests')
    .set({ status: to, status_changed_at: at, reminded_at: null, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type RequestChanges = Partial<Pick<ServiceRequestsTable, 'provider_shop_id' | 'due_date' | 'answer' | 'rating' | 'rating_note' | 'title' | 'details'>>;

export async function updateRequest(db: Executor, id: string, changes: RequestChanges, at: string): Promise<void> {
  await db
    .updateTable('service_requests')
    .set({ ...changes, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Rates once: a second rating of the same request changes nothing. */
export async function rateRequestOnce(db: Executor, id: string, rating: number, note: string | null, at: string): Promise<boolean> {
  const result = await db
    .updateTable('service_requests')
    .set({ rating, rating_note: note, updated_at: at })
    .where('id', '=', id)
    .where('rating', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface NewEvent {
  requestId: string;
  kind: string;
  fromStatus?: RequestStatus | null;
  toStatus?: RequestStatus | null;
  note: string;
  notified?: boolean;
  accountId: string | null;
  actorLabel: string;
  at: string;
}

export async function insertEvent(db: Executor, event: NewEvent): Promise<void> {
  await db
    .insertInto('service_request_events')
    .values({
      id: newId(),
      request_id: event.requestId,
      kind: event.kind,
      from_status: event.fromStatus ?? null,
      to_status: event.toStatus ?? null,
      note: event.note,
      notified: event.notified ? 1 : 0,
      account_id: event.accountId,
      actor_label: event.actorLabel,
      at: event.at,
    })
    .execute();
}

/** Whether the member was already told that the request reached `status`. */
export async function wasNotified(db: Executor, requestId: string, status: RequestStatus): Promise<boolean> {
  const row = await db
    .selectFrom('service_request_events')
    .select('id')
    .where('request_id', '=', requestId)
    .where('to_status', '=', status)
    .where('notified', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listEvents(db: Executor, requestId: string): Promise<RequestEvent[]> {
  const rows = await db.selectFrom('service_request_events').selectAll().where('request_id', '=', requestId).orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    fromStatus: row.from_status as RequestStatus | null,
    toStatus: row.to_status as RequestStatus | null,
    note: row.note,
    notified: Number(row.notified) === 1,
    actorLabel: row.actor_label,
    at: row.at,
  }));
}

export async function insertMessage(db: Executor, requestId: string, message: Omit<RequestMessage, 'id'> & { accountId: string | null }): Promise<void> {
  await db
    .insertInto('service_request_messages')
    .values({
      id: newId(),
      request_id: requestId,
      author: message.author,
      author_label: message.authorLabel,
      account_id: message.accountId,
      body: message.body,
      at: message.at,
    })
    .execute();
}

export async function listMessages(db: Executor, requestId: string): Promise<RequestMessage[]> {
  const rows = await db.selectFrom('service_request_messages').selectAll().where('request_id', '=', requestId).orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, author: row.author as MessageAuthor, authorLabel: row.author_label, body: row.body, at: row.at }));
}

export async function listRequestsOfMember(db: Executor, memberId: string): Promise<ServiceRequest[]> {
  const rows = await db.selectFrom('service_requests').selectAll().where('member_id', '=', memberId).orderBy('created_at', 'desc').limit(200).execute();
  return rows.map(toRequest);
}

export interface RequestFilter {
  statuses: readonly RequestStatus[];
  kind?: RequestKind;
  providerShopId?: string;
  limit: number;
}

/** Requests in some statuses, the longest waiting first. */
export async function listRequests(db: Executor, filter: RequestFilter): Promise<ServiceRequest[]> {
  if (filter.statuses.length === 0) return [];
  let query = db.selectFrom('service_requests').selectAll().where('status', 'in', filter.statuses);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.providerShopId) query = query.where('provider_shop_id', '=', filter.providerShopId);
  const rows = await query.orderBy('status_changed_at').orderBy('id').limit(filter.limit).execute();
  return rows.map(toRequest);
}

export async function countRequestsByStatus(db: Executor): Promise<Map<RequestStatus, number>> {
  const rows = await db.selectFrom('service_requests').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return new Map(rows.map((row) => [row.status as RequestStatus, Number(row.n)]));
}

/** Requests waiting in `status` since before `before` and not reminded yet. */
export async function listUnremindedSince(db: Executor, status: RequestStatus, before: string, limit: number): Promise<ServiceRequest[]> {
  const rows = await db
    .selectFrom('service_requests')
    .selectAll()
    .where('status', '=', status)
    .where('status_changed_at', '<=', before)
    .where('reminded_at', 'is', null)
    .orderBy('status_changed_at')
    .limit(limit)
    .execute();
  return rows.map(toRequest);
}

/** Marks the current wait reminded; false when another run did it first. */
export async function markReminded(db: Executor, id: string, status: RequestStatus, at: string): Promise<boolean> {
  const result = await db
    .updateTable('service_requests')
    .set({ reminded_at: at })
    .where('id', '=', id)
    .where('status', '=', status)
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
