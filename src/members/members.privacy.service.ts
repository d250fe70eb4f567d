// A member's rights over their personal data: see it all (a readable page and a JSON file),
// have it erased — by themselves through a link mailed to them, by the concierge, or by the
// retention job after years of silence. Every area that keeps something about a member is a
// PersonalDataHolder (app.ts lists them); an erasure asks each one in ONE transaction, and is
// refused, with each holder's reasons, while something is still open.
import type { Config } from '../config.ts';
import { inTransaction, type Db, type Executor } from '../db/index.ts';
import { findAccountOfMember } from '../platform/auth/auth.repository.ts';
import { assertConcierge, requireRole } from '../platform/actor.ts';
import { addSeconds, nowIso } from '../platform/clock.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import { PERSONAL_LINK, queuePersonalMail, signatureOf } from '../platform/mail/mail.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import type { Job } from '../platform/jobs.ts';
import type { DataSubject, ErasedPerson, PersonalDataHolder } from '../platform/personal-data.ts';
import { isSignedToken, signedToken } from '../platform/signed-links.ts';
import { eraseMemberRow, findRetentionCandidates, insertErasureLog } from './members.privacy.repository.ts';
import { findMember, type Member } from './members.repository.ts';
import { fullName } from './members.rules.ts';

/** What the member sees of themselves: their row, then each holder's section. */
export interface PersonalData {
  member: Member;
  sections: Array<{ name: string; rows: Array<Record<string, unknown>> }>;
}

export type ErasureReason = 'member' | 'concierge' | 'retention';

/** How long the mailed erasure link opens the confirmation. */
const ERASURE_LINK_SECONDS = 24 * 60 * 60;
const ERASURE_PURPOSE = 'member-erasure';

async function subjectOf(trx: Executor, member: Member): Promise<DataSubject> {
  const account = await findAccountOfMember(trx, member.id);
  return { memberId: member.id, email: member.email, accountEmail: account?.email ?? null };
}

async function liveMember(trx: Executor, memberId: string): Promise<Member> {
  const member = await findMember(trx, memberId);
  if (!member || member.erasedAt) throw notFound();
  return member;
}

/** The resident's own member, from the session: never an id from the request. */
function ownMemberId(actor: CurrentAccount | null): string {
  const resident = requireRole(actor, 'resident');
  if (!resident.memberId) throw notFound();
  return resident.memberId;
}

export async function collectPersonalData(db: Executor, holders: readonly PersonalDataHolder[], memberId: string): Promise<PersonalData> {
  const member = await liveMember(db, memberId);
  const subject = await subjectOf(db, member);
  const sections = [];
  for (const holder of holders) sections.push({ name: holder.name, rows: await holder.describe(db, subject) });
  return { member, sections };
}

export async function ownPersonalData(db: Db, holders: readonly PersonalDataHolder[], actor: CurrentAccount | null): Promise<PersonalData> {
  return collectPersonalData(db, holders, ownMemberId(actor));
}

/** Every French reason that forbids erasing the member now; empty: the erasure may go. */
export async function erasureObstacles(db: Executor, holders: readonly PersonalDataHolder[], memberId: string): Promise<string[]> {
  const member = await liveMember(db, memberId);
  const subject = await subjectOf(db, member);
  const reasons: string[] = [];
  for (const holder of holders) reasons.push(...(await holder.openReasons(db, subject)));
  return reasons;
}

/**
 * Erases the member everywhere, in the caller's transaction: refused with the reasons while
 * something is open. Logs who asked, when and how many rows each holder changed, no name.
 */
export async function eraseMemberIn(trx: Executor, holders: readonly PersonalDataHolder[], memberId: string, reason: ErasureReason, byAccountId: string | null): Promise<Record<string, number>> {
  const reasons = await erasureObstacles(trx, holders, memberId);
  if (reasons.length > 0) throw new DomainError('erasure_refused', undefined, { reasons: reasons.join(' ; ') });
  const member = await liveMember(trx, memberId);
  const subject = await subjectOf(trx, member);
  const person: ErasedPerson = { ...subject, firstName: member.firstName, lastName: member.lastName, phone: member.phone, addressLine: member.addressLine, replacement: t('erasure.replacement') };
  const at = nowIso();
  const counts: Record<string, number> = {};
  for (const holder of holders) counts[holder.name] = await holder.erase(trx, person);
  counts[t('mydata.section.member')] = await eraseMemberRow(trx, person, at);
  await insertErasureLog(trx, { memberId, reason, byAccountId, counts, at });
  return counts;
}

/** The concierge erases a member from their card, with the same checks. */
export async function eraseMemberByConcierge(db: Db, holders: readonly PersonalDataHolder[], actor: CurrentAccount | null, memberId: string): Promise<void> {
  const concierge = assertConcierge(actor);
  await inTransaction(db, (trx) => eraseMemberIn(trx, holders, memberId, 'concierge', concierge.id));
}

/** `/effacement/<member>/<expiry>/<token>`: the expiry is in the signed text, so it cannot be moved. */
export function erasureLinkPath(memberId: string, expiresAtSeconds: number, token: string): string {
  return `/effacement/${memberId}/${expiresAtSeconds}/${token}`;
}

function erasureToken(config: Pick<Config, 'sessionSecret'>, memberId: string, expiresAtSeconds: number): string {
  return signedToken(config.sessionSecret, ERASURE_PURPOSE, `${memberId}.${expiresAtSeconds}`);
}

/**
 * The member asks for their erasure: refused at once with the reasons if something is open;
 * otherwise a mail carries a link valid 24 hours, so that only who reads their mail confirms.
 */
export async function requestOwnErasure(db: Db, config: Config, holders: readonly PersonalDataHolder[], actor: CurrentAccount | null): Promise<void> {
  const memberId = ownMemberId(actor);
  await inTransaction(db, async (trx) => {
    const reasons = await erasureObstacles(trx, holders, memberId);
    if (reasons.length > 0) throw new DomainError('erasure_refused', undefined, { reasons: reasons.join(' ; ') });
    const member = await liveMember(trx, memberId);
    const recipient = actor!.email;
    const expires = Math.floor(Date.parse(addSeconds(nowIso(), ERASURE_LINK_SECONDS)) / 1000);
    const link = `${config.baseUrl}${erasureLinkPath(memberId, expires, erasureToken(config, memberId, expires))}`;
    // The link erases the account: sealed, so « Courriels envoyés » and a dump never show it.
    const content = { subject: t('erasure.mail.subject'), paragraphs: [t('erasure.mail.hello', { name: fullName(member) }), t('erasure.mail.body'), PERSONAL_LINK, t('erasure.mail.ignore')] };
    await queuePersonalMail(trx, config, recipient, content, signatureOf(config), link);
  });
}

/** Whether a mailed link is genuine and still valid; otherwise « not found », as for any wrong address. */
export function checkErasureLink(config: Pick<Config, 'sessionSecret'>, memberId: string, expiresAtSeconds: number, token: string): void {
  if (!isSignedToken(config.sessionSecret, ERASURE_PURPOSE, `${memberId}.${expiresAtSeconds}`, token)) throw notFound();
  if (expiresAtSeconds * 1000 < Date.parse(nowIso())) throw new DomainError('erasure_link_expired');
}

export async function confirmOwnErasure(db: Db, config: Config, holders: readonly PersonalDataHolder[], memberId: string, expiresAtSeconds: number, token: string): Promise<void> {
  checkErasureLink(config, memberId, expiresAtSeconds, token);
  await inTransaction(db, async (trx) => {
    const account = await findAccountOfMember(trx, memberId);
    await eraseMemberIn(trx, holders, memberId, 'member', account?.id ?? null);
  });
}

/** The instant before which a member untouched is erased by the retention job. */
export function retentionCutoff(config: Pick<Config, 'retentionYears'>, at: string): string {
  const date = new Date(at);
  date.setUTCFullYear(date.getUTCFullYear() - config.retentionYears);
  return date.toISOString();
}

export interface RetentionReport {
  cutoffAt: string;
  candidates: Array<{ id: string; postalCode: string; createdAt: string; reasons: string[] }>;
}

const RETENTION_BATCH = 200;

/** The dry run: who the job would anonymise now, and who it must skip (something still open). */
export async function retentionReport(db: Executor, config: Pick<Config, 'retentionYears'>, holders: readonly PersonalDataHolder[]): Promise<RetentionReport> {
  const cutoffAt = retentionCutoff(config, nowIso());
  const activity = holders.flatMap((holder) => (holder.activeSince ? [holder.activeSince] : []));
  const found = await findRetentionCandidates(db, cutoffAt, activity, RETENTION_BATCH);
  const candidates = [];
  for (const candidate of found) candidates.push({ ...candidate, reasons: await erasureObstacles(db, holders, candidate.id) });
  return { cutoffAt, candidates };
}

export async function retentionReportForConcierge(db: Db, config: Config, holders: readonly PersonalDataHolder[], actor: CurrentAccount | null): Promise<RetentionReport> {
  assertConcierge(actor);
  return retentionReport(db, config, holders);
}

/** The job's run: each candidate without obstacle erased in its own transaction; returns how many. */
export async function applyRetention(db: Db, config: Pick<Config, 'retentionYears'>, holders: readonly PersonalDataHolder[]): Promise<number> {
  const report = await retentionReport(db, config, holders);
  let erased = 0;
  for (const candidate of report.candidates.filter((one) => one.reasons.length === 0)) {
    await inTransaction(db, (trx) => eraseMemberIn(trx, holders, candidate.id, 'retention', null));
    erased += 1;
  }
  return erased;
}

export const MEMBER_RETENTION_JOB_NAME = 'member-retention';

/** Once a day: members silent for `retentionYears` are erased like any erasure, each logged with reason « retention ». */
export function memberRetentionJob(holders: readonly PersonalDataHolder[]): Job {
  return {
    name: MEMBER_RETENTION_JOB_NAME,
    label: t('jobs.label.member_retention'),
    everySeconds: 24 * 60 * 60,
    run: async ({ db, config }) => {
      await applyRetention(db, config, holders);
    },
  };
}
