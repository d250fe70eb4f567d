// A company's use of the service, for its contact (from « Mon compte ») and for the concierge
// (from the company's page). Who may read it is decided by members (`companyForUsage`): the
// company's contact and the concierge; anyone else gets « not found ».
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/index.ts';
import { companyContactOf, companyForUsage, type Company } from '../../members/index.ts';
import { localDateOf } from '../../platform/calendar.ts';
import { requireRole } from '../../platform/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { sumDeliveredAtWork } from './company-usage.repository.ts';
import { usageDateRange, usageMonths, usageRows, type UsageRow } from './company-usage.rules.ts';

export interface CompanyUsage {
  company: Company;
  /** newest month first */
  rows: UsageRow[];
}

async function usageOf(db: Executor, config: Config, company: Company): Promise<CompanyUsage> {
  const months = usageMonths(localDateOf(nowIso(), config.timeZone));
  const totals = await sumDeliveredAtWork(db, company, usageDateRange(months));
  return { company, rows: usageRows(months, totals) };
}

/** Any company's usage, for the concierge or that company's contact. */
export async function companyUsage(db: Executor, config: Config, actor: CurrentAccount | null, companyId: string): Promise<CompanyUsage> {
  return usageOf(db, config, await companyForUsage(db, actor, companyId));
}

/** The usage of the company whose contact the logged-in resident is. */
export async function ownCompanyUsage(db: Executor, config: Config, actor: CurrentAccount | null): Promise<CompanyUsage> {
  const resident = requireRole(actor, 'resident');
  const company = resident.memberId ? await companyContactOf(db, resident.memberId) : null;
  if (!company) throw notFound();
  return usageOf(db, config, company);
}
