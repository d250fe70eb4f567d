// Companies of the business park (zone du Tubé) and their employees. They belong to the
// members area because what they decide is who a member is: ARCHITECTURE.md gives members
// « residents and company employees », and an employee is a member linked to a company. The
// places area keeps where the van stops (a place of kind « company », its weekly hours and
// run cut-off); a company names its stop by id, checked against the list of company places
// the application hands the routes (members import no area).
import type { Db, Executor } from '../db/index.ts';
import { assertConcierge } from '../platform/actor.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { normalisePhone } from '../platform/forms.ts';
import { newId } from '../platform/ids.ts';
import { createOnce } from '../platform/idempotency/index.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import {
  findCompany,
  findMemberIdByPhone,
  insertCompany,
  listCompanies,
  setMemberCompany,
  updateCompanyRow,
  type Company,
  type CompanyRow,
} from './members.companies.repository.ts';
import { findMember, findMemberByEmail, findMembersByCompany, type Member } from './members.repository.ts';
import { fullName } from './members.rules.ts';

export type { Company };

/** What the concierge's form gives: a company without its id. */
export type CompanyInput = Omit<Company, 'id'>;

/** A place where the van stops, as the company form offers it. */
export interface CompanyStop {
  id: string;
  name: string;
}

/** A company without address is refused: the van and the run sheet need one. */
function rowOf(input: CompanyInput, stops: readonly CompanyStop[]): CompanyRow {
  if (!input.addressLine.trim()) throw new DomainError('company_address_required', 'address_line');
  if (!stops.some((stop) => stop.id === input.placeId)) throw new DomainError('company_stop_required', 'place_id');
  return {
    name: input.name.trim(),
    address_line: input.addressLine.trim(),
    postal_code: input.postalCode.trim(),
    city: input.city.trim(),
    contact_name: input.contactName.trim(),
    contact_phone: input.contactPhone,
    contact_email: input.contactEmail,
    pays_delivery_fee: input.paysDeliveryFee ? 1 : 0,
    place_id: input.placeId,
    updated_at: nowIso(),
  };
}

export async function listCompaniesForBackOffice(db: Executor, actor: CurrentAccount | null) {
  assertConcierge(actor);
  return listCompanies(db);
}

/** One company per idempotency key, however many times the form is sent. */
export async function createCompany(db: Db, actor: CurrentAccount | null, key: string, input: CompanyInput, stops: readonly CompanyStop[]): Promise<string> {
  assertConcierge(actor);
  const row = rowOf(input, stops);
  return createOnce(db, 'company.create', key, async (trx) => {
    const id = newId();
    await insertCompany(trx, id, row, row.updated_at);
    return id;
  });
}

export async function updateCompany(db: Db, actor: CurrentAccount | null, id: string, input: CompanyInput, stops: readonly CompanyStop[]): Promise<void> {
  assertConcierge(actor);
  const row = rowOf(input, stops);
  if (!(await findCompany(db, id))) throw notFound();
  await updateCompanyRow(db, id, row);
}

export async function getCompany(db: Executor, actor: CurrentAccount | null, id: string): Promise<{ company: Company; employees: Member[] }> {
  assertConcierge(actor);
  const company = await findCompany(db, id);
  if (!company) throw notFound();
  return { company, employees: await findMembersByCompany(db, id) };
}

/** The member the concierge typed: an e-mail, or a phone number in any format. */
async function memberByContact(db: Executor, contact: string): Promise<Member | undefined> {
  const typed = contact.trim();
  if (typed.includes('@')) return findMemberByEmail(db, typed);
  const phone = normalisePhone(typed);
  const id = phone ? await findMemberIdByPhone(db, phone) : undefined;
  return id ? findMember(db, id) : undefined;
}

/**
 * Makes a member an employee of the company. An employee of another company is refused
 * (a member is delivered at one workplace): they are removed from the other one first.
 */
export async function addEmployee(db: Db, actor: CurrentAccount | null, companyId: string, contact: string): Promise<Member> {
  assertConcierge(actor);
  return db.transaction().execute(async (trx) => {
    const company = await findCompany(trx, companyId);
    if (!company) throw notFound();
    const member = await memberByContact(trx, contact);
    if (!member) throw new DomainError('employee_not_found', 'member');
    if (member.companyId && member.companyId !== companyId) {
      const other = await findCompany(trx, member.companyId);
      throw new DomainError('employee_of_other_company', 'member', { name: fullName(member), company: other?.name ?? '' });
    }
    await setMemberCompany(trx, member.id, companyId, nowIso());
    return member;
  });
}

export async function removeEmployee(db: Db, actor: CurrentAccount | null, companyId: string, memberId: string): Promise<void> {
  assertConcierge(actor);
  await db.transaction().execute(async (trx) => {
    const member = await findMember(trx, memberId);
    if (!member || member.companyId !== companyId) throw notFound();
    await setMemberCompany(trx, memberId, null, nowIso());
  });
}

/** The company a member works for, with its van stop; null for everyone else. */
export async function companyOfMember(db: Executor, memberId: string): Promise<Company | null> {
  const member = await findMember(db, memberId);
  if (!member?.companyId) return null;
  return (await findCompany(db, member.companyId)) ?? null;
}

/** The same address written in another case is the same mailbox. */
function sameEmail(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The company whose contact this member is: an employee of it whose e-mail is the company's
 * contact address. Both are needed, so a contact who left the company, or a colleague given
 * the same address by mistake in another company, sees nothing.
 */
export async function companyContactOf(db: Executor, memberId: string): Promise<Company | null> {
  const member = await findMember(db, memberId);
  if (!member?.companyId) return null;
  const company = await findCompany(db, member.companyId);
  return company && sameEmail(member.email, company.contactEmail) ? company : null;
}

/**
 * Who may read how much a company's employees use the service: its contact (see
 * `companyContactOf`) and the concierge. Everyone else gets « not found », as for a company
 * that does not exist.
 */
export async function companyForUsage(db: Executor, actor: CurrentAccount | null, companyId: string): Promise<Company> {
  if (actor?.role === 'concierge') {
    const company = await findCompany(db, companyId);
    if (!company) throw notFound();
    return company;
  }
  const company = actor?.role === 'resident' && actor.memberId ? await companyContactOf(db, actor.memberId) : null;
  if (!company || company.id !== companyId) throw notFound();
  return company;
}
