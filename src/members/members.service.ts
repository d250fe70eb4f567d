// Use cases of members. The concierge manages every member; a resident sees and edits only
// the member row their own account is linked to (its id comes from the session, never from
// the form). A member's site access is a resident account linked by `memberId`.
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import { createAccount, disableAccount, enableAccount, printInvitationLink, type PrintedInvitation } from '../platform/auth/auth.service.ts';
import { emailExists, findAccountOfMember, updateAccountIdentity, type Account } from '../platform/auth/auth.repository.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { createOnce } from '../platform/idempotency/index.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { countMembers, findMember, insertMember, listMembers, memberEmailTaken, updateMemberRow, type Member, type SegmentFilter } from './members.repository.ts';
import { fullName, hasContact, memberSearchTerms, memberSearchText, type MemberKind } from './members.rules.ts';
import { assertConcierge, requireRole } from '../platform/actor.ts';
import { setSeniorMark } from './members.privacy.repository.ts';

export const MEMBERS_PER_PAGE = 25;

export interface MemberInput {
  firstName: string;
  lastName: string;
  /** Lower-case, or null for members without e-mail. */
  email: string | null;
  /** Normalised ("06 12 34 56 78"), or null. */
  phone: string | null;
  addressLine: string;
  postalCode: string;
  city: string;
  kind: MemberKind;
  notes: string;
  /** The concierge's mark « livraison à domicile nécessaire »; false when not given. */
  needsDelivery?: boolean;
}

/** What a resident may change about themselves. */
export type OwnDetailsInput = Pick<MemberInput, 'firstName' | 'lastName' | 'phone' | 'addressLine' | 'postalCode' | 'city'>;

/** A member's site access, as the concierge sees it. */
export interface SiteAccess {
  accountId: string;
  email: string;
  disabled: boolean;
  /** False until the member has chosen a password through the invitation. */
  activated: boolean;
  lastLoginAt: string | null;
}

function toAccess(account: Account): SiteAccess {
  return {
    accountId: account.id,
    email: account.email,
    disabled: account.disabledAt !== null,
    activated: account.hasPassword,
    lastLoginAt: account.lastLoginAt,
  };
}

async function checkMember(db: Executor, input: { email: string | null; phone: string | null }, exceptId?: string): Promise<void> {
  if (!hasContact(input)) throw new DomainError('member_contact_required', 'phone');
  if (input.email && (await memberEmailTaken(db, input.email, exceptId))) throw new DomainError('member_email_taken', 'email');
}

function rowFields(input: MemberInput) {
  return {
    first_name: input.firstName,
    last_name: input.lastName,
    email: input.email,
    phone: input.phone,
    address_line: input.addressLine,
    postal_code: input.postalCode,
    city: input.city,
    kind: input.kind,
    notes: input.notes,
    needs_delivery: input.needsDelivery ? 1 : 0,
    search_text: memberSearchText(input),
  };
}

export async function searchMembers(
  db: Executor,
  actor: CurrentAccount | null,
  query: string,
  page: number,
  segment?: SegmentFilter,
): Promise<{ members: Member[]; total: number; page: number; pageCount: number }> {
  assertConcierge(actor);
  const terms = memberSearchTerms(query);
  const total = await countMembers(db, { terms, segment });
  const pageCount = Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const members = await listMembers(db, { terms, segment, limit: MEMBERS_PER_PAGE, offset: (current - 1) * MEMBERS_PER_PAGE });
  return { members, total, page: current, pageCount };
}

export async function getMember(db: Executor, actor: CurrentAccount | null, id: string): Promise<Member> {
  assertConcierge(actor);
  const member = await findMember(db, id);
  if (!member) throw notFound();
  return member;
}

export async function getMemberCard(db: Executor, actor: CurrentAccount | null, id: string): Promise<{ member: Member; access: SiteAccess | null }> {
  const member = await getMember(db, actor, id);
  const account = await findAccountOfMember(db, id);
  return { member, access: account ? toAccess(account) : null };
}

/** Creates a member inside the caller's transaction (no site access). */
export async function createMember(trx: Executor, actor: CurrentAccount | null, input: MemberInput): Promise<string> {
  assertConcierge(actor);
  await checkMember(trx, input);
  const id = newId();
  const now = nowIso();
  await insertMember(trx, { id, ...rowFields(input), created_at: now, updated_at: now });
  return id;
}

/**
 * The resident account of a member, created in the caller's transaction; mails the
 * invitation. A member who already has one keeps it (a second click opens nothing more).
 */
async function openAccessIn(trx: Executor, config: Config, member: Pick<Member, 'id' | 'email' | 'firstName' | 'lastName'>): Promise<void> {
  if (await findAccountOfMember(trx, member.id)) return;
  if (!member.email) throw new DomainError('email_required_for_access', 'email');
  await createAccount(trx, config, { role: 'resident', memberId: member.id, email: member.email, displayName: fullName(member) });
}

/**
 * The concierge's "Nouvel adhérent" form: one member (and their access when asked) per
 * idempotency key, however many times the form is sent.
 */
export async function registerMember(
  db: Db,
  config: Config,
  actor: CurrentAccount | null,
  key: string,
  input: MemberInput,
  withAccess: boolean,
): Promise<string> {
  assertConcierge(actor);
  if (withAccess && !input.email) throw new DomainError('email_required_for_access', 'email');
  return createOnce(db, 'member.create', key, async (trx) => {
    const id = await createMember(trx, actor, input);
    if (withAccess) await openAccessIn(trx, config, { ...input, id });
    return id;
  });
}

export async function updateMember(db: Db, actor: CurrentAccount | null, id: string, input: MemberInput): Promise<void> {
  assertConcierge(actor);
  await db.transaction().execute(async (trx) => {
    const member = await getMember(trx, actor, id);
    await checkMember(trx, input, id);
    const account = await findAccountOfMember(trx, id);
    if (account) {
      // The access logs in with the member's e-mail: both change together. Once the member
      // has chosen a password the address is theirs: a clerk who could change it could send
      // herself a reset link and take the account.
      if (!input.email) throw new DomainError('email_required_for_access', 'email');
      if (account.hasPassword && input.email.trim().toLowerCase() !== account.email) throw new DomainError('login_email_owned', 'email', { email: account.email });
      if (await emailExists(trx, input.email, account.id)) throw new DomainError('email_taken', 'email');
      await updateAccountIdentity(trx, account.id, { email: input.email, displayName: fullName(input) });
    }
    await updateMemberRow(trx, member.id, { ...rowFields(input), updated_at: nowIso() });
  });
}

export async function openSiteAccess(db: Db, config: Config, actor: CurrentAccount | null, memberId: string): Promise<void> {
  assertConcierge(actor);
  await db.transaction().execute(async (trx) => {
    const member = await getMember(trx, actor, memberId);
    await openAccessIn(trx, config, member);
  });
}

async function accessOf(db: Executor, actor: CurrentAccount | null, memberId: string): Promise<Account> {
  await getMember(db, actor, memberId);
  const account = await findAccountOfMember(db, memberId);
  if (!account) throw notFound();
  return account;
}

/** Disabling ends the member's sessions at once. */
export async function disableSiteAccess(db: Db, actor: CurrentAccount | null, memberId: string): Promise<void> {
  const account = await accessOf(db, actor, memberId);
  await disableAccount(db, account.id);
}

export async function enableSiteAccess(db: Db, actor: CurrentAccount | null, memberId: string): Promise<void> {
  const account = await accessOf(db, actor, memberId);
  await enableAccount(db, account.id);
}

/**
 * A fresh invitation for the member's site access, to print and hand over: the link is
 * returned for that page only and stored nowhere but as a hash (see printInvitationLink,
 * which also refuses any account that is not a resident's).
 */
export async function printInvitation(
  db: Db,
  config: Config,
  actor: CurrentAccount | null,
  memberId: string,
): Promise<{ member: Member; invitation: PrintedInvitation }> {
  const member = await getMember(db, actor, memberId);
  const account = await findAccountOfMember(db, memberId);
  if (!account) throw notFound();
  return { member, invitation: await printInvitationLink(db, config, actor, account.id) };
}

/** The resident's own member row, or null when their account is linked to none. */
export async function getOwnMember(db: Executor, actor: CurrentAccount | null): Promise<Member | null> {
  const resident = requireRole(actor, 'resident');
  if (!resident.memberId) return null;
  return (await findMember(db, resident.memberId)) ?? null;
}

/** A resident edits their own name, phone and address; the member id is the session's. */
export async function updateOwnDetails(db: Db, actor: CurrentAccount | null, input: OwnDetailsInput): Promise<void> {
  const resident = requireRole(actor, 'resident');
  await db.transaction().execute(async (trx) => {
    const member = resident.memberId ? await findMember(trx, resident.memberId) : undefined;
    if (!member) throw notFound();
    const next: MemberInput = { ...member, ...input };
    await checkMember(trx, next, member.id);
    await updateMemberRow(trx, member.id, { ...rowFields(next), updated_at: nowIso() });
    await updateAccountIdentity(trx, resident.id, { email: resident.email, displayName: fullName(next) });
  });
}

/** Members registered, for the back office and the town's dashboard. */
export async function countAllMembers(db: Executor): Promise<number> {
  return countMembers(db);
}

/** The concierge's dated mark « personne âgée, préfère le téléphone » (see members.segments.ts), or its removal. */
export async function setSeniorMarkFor(db: Executor, actor: CurrentAccount | null, id: string, senior: boolean): Promise<void> {
  const member = await getMember(db, actor, id);
  if (member.erasedAt) throw notFound();
  await setSeniorMark(db, member.id, senior ? nowIso() : null);
}
