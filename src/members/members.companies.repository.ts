// All SQL of companies and of the link between a company and its employees (members.company_id).
import type { Selectable } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { CompaniesTable } from '../db/schema.ts';

export interface Company {
  id: string;
  name: string;
  addressLine: string;
  postalCode: string;
  city: string;
  contactName: string;
  contactPhone: string | null;
  contactEmail: string | null;
  /** The company pays the delivery fee of its employees' orders. */
  paysDeliveryFee: boolean;
  /** The place of kind « company » where the van stops. */
  placeId: string;
}

function toCompany(row: Selectable<CompaniesTable>): Company {
  return {
    id: row.id,
    name: row.name,
    addressLine: row.address_line,
    postalCode: row.postal_code,
    city: row.city,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    paysDeliveryFee: Number(row.pays_delivery_fee) === 1,
    placeId: row.place_id,
  };
}

export type CompanyRow = Omit<CompaniesTable, 'id' | 'created_at' | 'pays_delivery_fee'> & { pays_delivery_fee: number };

export async function insertCompany(db: Executor, id: string, row: CompanyRow, at: string): Promise<void> {
  await db.insertInto('companies').values({ id, ...row, created_at: at }).execute();
}

export async function updateCompanyRow(db: Executor, id: string, row: CompanyRow): Promise<void> {
  await db.updateTable('companies').set(row).where('id', '=', id).execute();
}

export async function findCompany(db: Executor, id: string): Promise<Company | undefined> {
  const row = await db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCompany(row) : undefined;
}

/** With the number of employees of each, by name. */
export async function listCompanies(db: Executor): Promise<Array<Company & { employeeCount: number }>> {
  const rows = await db
    .selectFrom('companies')
    .selectAll('companies')
    .select((eb) => eb.selectFrom('members').select((inner) => inner.fn.countAll().as('n')).whereRef('members.company_id', '=', 'companies.id').as('employee_count'))
    .orderBy('name')
    .execute();
  return rows.map((row) => ({ ...toCompany(row), employeeCount: Number(row.employee_count ?? 0) }));
}

export async function setMemberCompany(db: Executor, memberId: string, companyId: string | null, at: string): Promise<number> {
  const result = await db.updateTable('members').set({ company_id: companyId, updated_at: at }).where('id', '=', memberId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The member found by the phone the concierge typed, stored as « 06 12 34 56 78 ». */
export async function findMemberIdByPhone(db: Executor, phone: string): Promise<string | undefined> {
  const row = await db.selectFrom('members').select('id').where('phone', '=', phone).orderBy('id').executeTakeFirst();
  return row?.id;
}
