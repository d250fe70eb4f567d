// A company's use of the service, month by month: orders delivered at work, employees who
// ordered, amount. The same page for the company's contact and for the concierge; only the
// breadcrumb differs. Never a name nor a basket: the page says so.
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { ACCOUNT_PATH, BACKOFFICE_PATH } from '../../platform/paths.ts';
import { Page } from '../../ui/layout.tsx';
import { COMPANIES_PATH, companyPath } from '../../members/index.ts';
import type { CompanyUsage } from './company-usage.service.ts';
import { MIN_EMPLOYEES_SHOWN, type UsageRow } from './company-usage.rules.ts';

const MONTH_NAME = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « décembre 2026 », with its capital at the start of a table row. */
function monthLabel(month: string): string {
  const text = MONTH_NAME.format(new Date(`${month}-15T12:00:00Z`));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function MonthRow({ row }: { row: UsageRow }) {
  const labels = { orders: t('company_usage.col.orders'), employees: t('company_usage.col.employees'), amount: t('company_usage.col.amount') };
  if (!row.shown) {
    return (
      <tr>
        <th scope="row">{monthLabel(row.month)}</th>
        <td colSpan={3}>{t('company_usage.withheld', { min: MIN_EMPLOYEES_SHOWN })}</td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{monthLabel(row.month)}</th>
      <td class="number" data-label={labels.orders}>
        {row.orderCount}
      </td>
      <td class="number" data-label={labels.employees}>
        {row.employeeCount}
      </td>
      <td class="number" data-label={labels.amount}>
        {formatEuros(row.totalCents)}
      </td>
    </tr>
  );
}

export function CompanyUsagePage({ ctx, usage, forConcierge }: { ctx: PageContext; usage: CompanyUsage; forConcierge: boolean }) {
  const { company, rows } = usage;
  const title = t('company_usage.title', { company: company.name });
  const trail: Array<[string, string?]> = forConcierge
    ? [[t('backoffice.trail'), BACKOFFICE_PATH], [t('delivery.company.list_title'), COMPANIES_PATH], [company.name, companyPath(company.id)], [t('company_usage.short')]]
    : [[t('nav.home'), '/'], [t('account.title'), ACCOUNT_PATH], [t('company_usage.short')]];
  const used = rows.some((row) => !row.shown || row.orderCount > 0);
  return (
    <Page ctx={ctx} title={title} trail={trail} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('company_usage.intro')}</p>
      <p class="panel">{t('company_usage.privacy', { min: MIN_EMPLOYEES_SHOWN })}</p>
      {used ? null : <p>{t('company_usage.none')}</p>}
      <div class="table-wrap">
        <table class="ledger-table ledger-table--stack">
          <caption>{t('company_usage.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('company_usage.col.month')}</th>
              <th scope="col" class="number">
                {t('company_usage.col.orders')}
              </th>
              <th scope="col" class="number">
                {t('company_usage.col.employees')}
              </th>
              <th scope="col" class="number">
                {t('company_usage.col.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <MonthRow row={row} />
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={forConcierge ? companyPath(company.id) : ACCOUNT_PATH}>{forConcierge ? t('company_usage.back_company', { company: company.name }) : t('company_usage.back_account')}</a>
      </p>
    </Page>
  );
}
