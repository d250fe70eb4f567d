// All SQL of members.
import type { Executor } from '../db/index.ts';
import { nextInSequence } from '../db/sequences.ts';
import type { MemberDestinationColumns, MemberPrivacyColumns, MembersTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import { escapeLike } from '../platform/text.ts';
import type { ActivitySince } from '../platform/personal-data.ts';
import type { MemberKind } from './members.rules.ts';

export interface Member {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  addressLine: string;
  postalCode: string;
  city: string;
  kind: MemberKind;
  notes: string;
  createdAt: string;
  updatedAt: string;
  /** Its short code in the accounts (« A00123 »): its auxiliary account in the accounting export. */
  accountCode: string | null;
  /** The company of the business park the member works for, when an employee may be delivered at work. */
  companyId: string | null;
  /** Marked by the concierge: cannot move, may be delivered at home. */
  needsDelivery: boolean;
  /** When the member agreed to receive news mail; null: no (consent is opt-in). */
  consentNewsAt: string | null;
  /** How the consent was given: on the site ('self') or by telephone to the concierge ('phone'). */
  consentNewsSource: string | null;
  /** The concierge's dated mark « personne âgée, préfère le téléphone ». */
  seniorAt: string | null;
  /** When the member's personal data was erased; null for a member in use. */
  erasedAt: string | null;
}

function toMember(row: MembersTable & Selectable<MemberDestinationColumns> & MemberPrivacyColumns): Member {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    addressLine: row.address_line,
    postalCode: row.postal_code,
    city: row.city,
    kind: row.kind as MemberKind,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    accountCode: row.account_code,
    companyId: row.company_id,
    needsDelivery: Number(row.needs_delivery) === 1,
    consentNewsAt: row.consent_news_at,
    consentNewsSource: row.consent_news_source,
    seniorAt: row.senior_at,
    erasedAt: row.erased_at,
  };
}

/** Inserts a new row with the next short accounting code (« A00001 »…), kept for good. */
export async function insertMember(db: Executor, row: Omit<MembersTable, 'account_code'> & { needs_delivery?: number }): Promise<void> {
  await db.insertInto('members').values({ ...row, account_code: await nextAccountCode(db) }).execute();
}

/** « A00001 », « A00012 »…: the account code the accountant reads in the ledger. */
async function nextAccountCode(db: Executor): Promise<string> {
  return `A${String(await nextInSequence(db, 'members')).padStart(5, '0')}`;
}

export type MemberUpdate = Partial<Omit<MembersTable, 'id' | 'created_at'> & MemberPrivacyColumns & { needs_delivery: number; company_id: string | null }>;

export async function updateMemberRow(db: Executor, id: string, fields: MemberUpdate): Promise<void> {
  await db.updateTable('members').set(fields).where('id', '=', id).execute();
}

export async function findMember(db: Executor, id: string): Promise<Member | undefined> {
  const row = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMember(row) : undefined;
}

export async function findMembersByIds(db: Executor, ids: readonly string[]): Promise<Member[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('members').selectAll().where('id', 'in', ids).execute();
  return rows.map(toMember);
}

/** E-mails are stored lower-case, so this is an exact match on the unique index. */
export async function findMemberByEmail(db: Executor, email: string): Promise<Member | undefined> {
  const row = await db.selectFrom('members').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? toMember(row) : undefined;
}

/** The members with one of these e-mails (one query, for a list of senders). */
export async function findMembersByEmails(db: Executor, emails: readonly string[]): Promise<Member[]> {
  const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return [];
  const rows = await db.selectFrom('members').selectAll().where('email', 'in', wanted).execute();
  return rows.map(toMember);
}

export async function memberEmailTaken(db: Executor, email: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('members').select('id').where('email', '=', email.trim().toLowerCase());
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** A segment as the list's query applies it (members.segments.ts says what each one means). */
export type SegmentFilter =
  | { segment: 'all' | 'seniors' | 'employees' | 'consent' }
  | { segment: 'hamlet'; hamletCity: string }
  | { segment: 'inactive'; sinceAt: string; activity: readonly ActivitySince[] };

export interface MemberFilter {
  /** Folded search words, all of which must appear. */
  terms?: string[];
  segment?: SegmentFilter;
  limit: number;
  offset?: number;
}

function filtered(db: Executor, filter: Omit<MemberFilter, 'limit' | 'offset'>) {
  // Erased members stay as rows for the figures, but are nobody to list, call or write to.
  let query = db.selectFrom('members').where('erased_at', 'is', null);
  for (const term of filter.terms ?? []) {
    query = query.where('search_text', 'like', `%${escapeLike(term)}%`);
  }
  const segment = filter.segment;
  if (!segment) return query;
  switch (segment.segment) {
    case 'seniors':
      return query.where((eb) => eb.or([eb('senior_at', 'is not', null), eb('needs_delivery', '=', 1)]));
    case 'employees':
      return query.where('kind', '=', 'employee');
    case 'consent':
      return query.where('consent_news_at', 'is not', null);
    case 'hamlet':
      return query.where('city', '=', segment.hamletCity);
    case 'inactive':
      for (const active of segment.activity) query = query.where('id', 'not in', active(db, segment.sinceAt).where('member_id', 'is not', null));
      return query;
    default:
      return query;
  }
}

/** Alphabetical (accents ignored) through the index on (search_text, id). */
export async function listMembers(db: Executor, filter: MemberFilter): Promise<Member[]> {
  const rows = await filtered(db, filter).selectAll().orderBy('search_text').orderBy('id').limit(filter.limit).offset(filter.offset ?? 0).execute();
  return rows.map(toMember);
}

export async function countMembers(db: Executor, filter: Omit<MemberFilter, 'limit' | 'offset'> = {}): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The employees of a company, by name. */
export async function findMembersByCompany(db: Executor, companyId: string): Promise<Member[]> {
  const rows = await db.selectFrom('members').selectAll().where('company_id', '=', companyId).orderBy('search_text').orderBy('id').execute();
  return rows.map(toMember);
}

/** Who a news mail to a segment reaches: members of it who agreed, dated, and have an e-mail. */
export async function listNewsRecipients(db: Executor, segment: SegmentFilter): Promise<Array<{ id: string; email: string; firstName: string; lastName: string }>> {
  const rows = await filtered(db, { segment })
    .select(['id', 'email', 'first_name', 'last_name'])
    .where('consent_news_at', 'is not', null)
    .where('email', 'is not', null)
    .orderBy('search_text')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, email: row.email!, firstName: row.first_name, lastName: row.last_name }));
}
