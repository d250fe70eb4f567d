// SQL of members' personal-data rights: the member row's own part of an erasure, the
// erasure log, the consent to news and the retention job's search.
import type { Executor } from '../db/index.ts';
import { newId } from '../platform/ids.ts';
import { foldForSearch } from '../platform/text.ts';
import type { ActivitySince, ErasedPerson } from '../platform/personal-data.ts';
import { scrubText } from '../platform/personal-data.repository.ts';

/**
 * The member row keeps its id, account code, kind, postcode and town (the figures count them);
 * every field that names, reaches or describes the person is emptied.
 */
export async function eraseMemberRow(trx: Executor, person: ErasedPerson, at: string): Promise<number> {
  await trx
    .updateTable('members')
    .set({
      first_name: person.replacement,
      last_name: '',
      email: null,
      phone: null,
      address_line: '',
      notes: '',
      search_text: foldForSearch(person.replacement),
      consent_news_at: null,
      consent_news_source: null,
      senior_at: null,
      company_id: null,
      erased_at: at,
      updated_at: at,
    })
    .where('id', '=', person.memberId)
    .execute();
  // A company's contact may have been this member; other members' notes may quote them.
  const companies = await scrubText(trx, 'companies', ['contact_name', 'contact_phone', 'contact_email'], person);
  const notes = await scrubText(trx, 'members', ['notes'], person);
  return 1 + companies + notes;
}

export async function insertErasureLog(trx: Executor, row: { memberId: string; reason: 'member' | 'concierge' | 'retention'; byAccountId: string | null; counts: Record<string, number>; at: string }): Promise<void> {
  await trx
    .insertInto('member_erasures')
    .values({ id: newId(), member_id: row.memberId, reason: row.reason, by_account_id: row.byAccountId, counts: JSON.stringify(row.counts), erased_at: row.at })
    .execute();
}

export interface ErasureLogLine {
  reason: string;
  counts: Record<string, number>;
  erasedAt: string;
}

export async function listErasures(db: Executor, limit: number): Promise<ErasureLogLine[]> {
  const rows = await db.selectFrom('member_erasures').select(['reason', 'counts', 'erased_at']).orderBy('erased_at', 'desc').limit(limit).execute();
  return rows.map((row) => ({ reason: row.reason, counts: JSON.parse(row.counts) as Record<string, number>, erasedAt: row.erased_at }));
}

/** Dated consent: `at` when given, null when withdrawn. */
export async function setConsent(db: Executor, memberId: string, consent: { at: string; source: 'self' | 'phone' } | null): Promise<boolean> {
  const result = await db
    .updateTable('members')
    .set({ consent_news_at: consent?.at ?? null, consent_news_source: consent?.source ?? null })
    .where('id', '=', memberId)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setSeniorMark(db: Executor, memberId: string, at: string | null): Promise<void> {
  await db.updateTable('members').set({ senior_at: at }).where('id', '=', memberId).where('erased_at', 'is', null).execute();
}

/**
 * Members untouched since `cutoffAt`: registered and changed before it, no activity after it
 * (orders, requests: `activity`), no login after it, and no site access but a resident's —
 * a staff or shop account linked to a member row is never erased by the job.
 */
export async function findRetentionCandidates(db: Executor, cutoffAt: string, activity: readonly ActivitySince[], limit: number): Promise<Array<{ id: string; postalCode: string; createdAt: string }>> {
  let query = db
    .selectFrom('members')
    .select(['id', 'postal_code', 'created_at'])
    .where('erased_at', 'is', null)
    .where('created_at', '<', cutoffAt)
    .where('updated_at', '<', cutoffAt)
    .where('id', 'not in', db.selectFrom('accounts').select('member_id').where('member_id', 'is not', null).where((eb) => eb.or([eb('role', '!=', 'resident'), eb('last_login_at', '>=', cutoffAt)])).$narrowType<{ member_id: string }>());
  for (const active of activity) query = query.where('id', 'not in', active(db, cutoffAt).where('member_id', 'is not', null));
  const rows = await query.orderBy('created_at').orderBy('id').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, postalCode: row.postal_code, createdAt: row.created_at }));
}

export async function insertNewsMailing(trx: Executor, row: { key: string; segment: string; subject: string; body: string; recipientCount: number; sentAt: string; sentByAccountId: string }): Promise<string> {
  const id = newId();
  await trx
    .insertInto('news_mailings')
    .values({ id, idempotency_key: row.key, segment: row.segment, subject: row.subject, body: row.body, recipient_count: row.recipientCount, sent_at: row.sentAt, sent_by_account_id: row.sentByAccountId })
    .execute();
  return id;
}

export async function recipientCountOf(db: Executor, mailingId: string): Promise<number> {
  const row = await db.selectFrom('news_mailings').select('recipient_count').where('id', '=', mailingId).executeTakeFirst();
  return Number(row?.recipient_count ?? 0);
}
