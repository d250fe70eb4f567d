// All SQL of membership requests. Their baskets are basket lines (basket.repository.ts).
import type { Executor } from '../../db/index.ts';
import type { MembershipRequestsTable } from '../../db/schema.ts';
import type { MembershipRequestStatus } from './membership.rules.ts';

export interface MembershipRequest {
  id: string;
  basketNumber: string;
  status: MembershipRequestStatus;
  name: string;
  phone: string;
  email: string | null;
  memberId: string | null;
  createdAt: string;
  handledByLabel: string | null;
  handledAt: string | null;
}

function toRequest(row: MembershipRequestsTable): MembershipRequest {
  return {
    id: row.id,
    basketNumber: row.basket_number,
    status: row.status as MembershipRequestStatus,
    name: row.name,
    phone: row.phone,
    email: row.email,
    memberId: row.member_id,
    createdAt: row.created_at,
    handledByLabel: row.handled_by_label,
    handledAt: row.handled_at,
  };
}

export async function insertRequest(db: Executor, row: MembershipRequestsTable): Promise<void> {
  await db.insertInto('membership_requests').values(row).execute();
}

export async function findRequest(db: Executor, id: string): Promise<MembershipRequest | undefined> {
  const row = await db.selectFrom('membership_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

/** The request still being handled that holds this number. */
export async function findRequestByNumber(db: Executor, basketNumber: string): Promise<MembershipRequest | undefined> {
  const row = await db.selectFrom('membership_requests').selectAll().where('basket_number', '=', basketNumber).where('status', '<>', 'closed').executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

/** Requests not filed yet, newest first. */
export async function listPendingRequests(db: Executor, limit: number): Promise<MembershipRequest[]> {
  const rows = await db.selectFrom('membership_requests').selectAll().where('status', '<>', 'closed').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRequest);
}

export async function countPendingRequests(db: Executor): Promise<number> {
  const row = await db.selectFrom('membership_requests').select((eb) => eb.fn.countAll().as('count')).where('status', '<>', 'closed').executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Requests waiting for the concierge's call (the staff bar's « Adhésions (n) »), through the status index. */
export async function countOpenRequests(db: Executor): Promise<number> {
  const row = await db.selectFrom('membership_requests').select((eb) => eb.fn.countAll().as('count')).where('status', '=', 'open').executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Moves a request only from one of `from`; false when it was not there (moved first by someone else). */
export async function updateRequestStatus(
  db: Executor,
  id: string,
  from: readonly MembershipRequestStatus[],
  fields: { status: MembershipRequestStatus; at: string; label: string; memberId?: string },
): Promise<boolean> {
  if (from.length === 0) return false;
  const result = await db
    .updateTable('membership_requests')
    .set({ status: fields.status, updated_at: fields.at, handled_at: fields.at, handled_by_label: fields.label, ...(fields.memberId ? { member_id: fields.memberId } : {}) })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
