// Pages of the money exports: the concierge's export page and the town's money by month.
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { frenchDate } from '../../platform/spreadsheets.ts';
import { Form, RadioGroup, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { monthLabel } from './exports.columns.ts';
import type { DateRange, TownMoney, TownMonth, TownYear } from './exports.service.ts';
import { ChartKey, TownMonthsChart } from './exports.chart.tsx';
import { EXPORT_FILE_PATH, TOWN_FILE_PATH, TOWN_MONTHS_FILE_PATH, TRIAL_BALANCE_PATH } from '../settlement.paths.ts';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';


export const TABLE_FORMATS = ['statements_csv', 'statements_xlsx', 'payouts_csv', 'payouts_xlsx'] as const;
export const EXPORT_FORMATS = ['fec', ...TABLE_FORMATS] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const LABELS = (): Record<string, string> => ({ from: t('money.field.from'), to: t('money.field.to'), format: t('money.field.format') });

/** The values a range form shows first. */
export function rangeValues(range: DateRange, format: ExportFormat): Record<string, string> {
  return { from: frenchDate(range.from), to: frenchDate(range.to), format };
}

function RangeForm({ ctx, action, state, formats }: { ctx: PageContext; action: string; state: FormState; formats: readonly ExportFormat[] }) {
  return (
    <Form ctx={ctx} action={action} state={state} method="get" labels={LABELS()}>
      <TextField name="from" label={t('money.field.from')} hint={t('money.field.date_hint')} state={state} size="short" required />
      <TextField name="to" label={t('money.field.to')} hint={t('money.field.date_hint')} state={state} size="short" required />
      <RadioGroup
        name="format"
        label={t('money.field.format')}
        hint={t('money.format.statements_hint')}
        state={state}
        options={formats.map((format) => [format, t(`money.format.${format}`)])}
        required
      />
      <SubmitButton>{t('money.export.submit')}</SubmitButton>
    </Form>
  );
}

export function ExportPage({ ctx, state }: { ctx: PageContext; state: FormState }) {
  const title = t('money.export.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [t('settlement.title'), TRIAL_BALANCE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('money.export.lead')}</p>
      <p class="muted">{t('money.export.fec_note')}</p>
      <RangeForm ctx={ctx} action={EXPORT_FILE_PATH} state={state} formats={EXPORT_FORMATS} />
    </Page>
  );
}

/** « clos » when every shop's sales of the month are in closed statements, « en cours » otherwise. */
function MonthState({ month }: { month: TownMonth }) {
  return month.closed ? <span class="badge badge--stock">{t('money.town.closed')}</span> : <span class="badge badge--order">{t('money.town.open')}</span>;
}

/** Under a sum of sales: the goods and the services apart, when there were services. */
function SalesSplit({ goodsCents, servicesCents }: { goodsCents: number; servicesCents: number }) {
  if (servicesCents === 0) return null;
  return (
    <>
      <span class="block muted">{t('money.town.sales_goods', { amount: formatEuros(goodsCents) })}</span>
      <span class="block muted">{t('money.town.sales_services', { amount: formatEuros(servicesCents) })}</span>
    </>
  );
}

function MonthRow({ month }: { month: TownMonth }) {
  return (
    <tr>
      <th scope="row">{monthLabel(month.month)}</th>
      <td data-label={t('money.town.col.state')}>
        <MonthState month={month} />
      </td>
      <td class="number" data-label={t('money.town.col.sales')}>
        {formatEuros(month.salesCents)}
        <SalesSplit goodsCents={month.goodsCents} servicesCents={month.servicesCents} />
      </td>
      <td class="number" data-label={t('money.col.collected')}>{formatEuros(month.collectedCents)}</td>
      <td class="number" data-label={t('money.col.commission')}>{formatEuros(month.commissionCents)}</td>
      <td class="number" data-label={t('money.town.col.vat')}>{formatEuros(month.vatCents)}</td>
      <td class="number" data-label={t('money.town.col.paid_out')}>{formatEuros(month.paidOutCents)}</td>
      <td class="number" data-label={t('money.town.col.owed')}>{formatEuros(month.owedCents)}</td>
      <td class="number" data-label={t('money.col.orders')}>{month.orders}</td>
    </tr>
  );
}

/** The twelve months' totals; sales and what is owed at the end have no total here (the headline gives the year's). */
function TotalsRow({ money }: { money: TownMoney }) {
  const { totals } = money;
  return (
    <tr>
      <th scope="row">{t('money.town.total')}</th>
      <td />
      <td class="number" data-label={t('money.town.col.sales')}>
        {formatEuros(money.months.reduce((sum, month) => sum + month.salesCents, 0))}
        <SalesSplit goodsCents={money.months.reduce((sum, month) => sum + month.goodsCents, 0)} servicesCents={money.months.reduce((sum, month) => sum + month.servicesCents, 0)} />
      </td>
      <td class="number" data-label={t('money.col.collected')}>{formatEuros(totals.collectedCents)}</td>
      <td class="number" data-label={t('money.col.commission')}>{formatEuros(totals.commissionCents)}</td>
      <td class="number" data-label={t('money.town.col.vat')}>{formatEuros(totals.vatCents)}</td>
      <td class="number" data-label={t('money.town.col.paid_out')}>{formatEuros(totals.paidOutCents)}</td>
      <td />
      <td class="number" data-label={t('money.col.orders')}>{totals.orders}</td>
    </tr>
  );
}

function MonthsTable({ money }: { money: TownMoney }) {
  return (
    // Focusable, so the table can be scrolled sideways with the keyboard when it is wider than the page.
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="mois-titre">
      <table class="ledger-table ledger-table--stack town-months">
        <caption id="mois-titre">{t('money.town.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('money.col.month')}</th>
            <th scope="col">{t('money.town.col.state')}</th>
            <th scope="col" class="number">{t('money.town.col.sales')}</th>
            <th scope="col" class="number">{t('money.col.collected')}</th>
            <th scope="col" class="number">{t('money.col.commission')}</th>
            <th scope="col" class="number">{t('money.town.col.vat')}</th>
            <th scope="col" class="number">{t('money.town.col.paid_out')}</th>
            <th scope="col" class="number">{t('money.town.col.owed')}</th>
            <th scope="col" class="number">{t('money.col.orders')}</th>
          </tr>
        </thead>
        <tbody>
          {money.months.map((month) => (
            <MonthRow month={month} />
          ))}
        </tbody>
        <tfoot>
          <TotalsRow money={money} />
        </tfoot>
      </table>
    </div>
  );
}

/** « 60 000 € »: a budget is counted in whole euros. */
function wholeEuros(cents: number): string {
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(Math.round(cents / 100));
}

/** « 1,8 % »: the commission's share of the town's budget, to one decimal. */
function shareOf(partCents: number, wholeCents: number): string {
  const percent = wholeCents > 0 ? (partCents * 100) / wholeCents : 0;
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(percent)} %`;
}

/** The year so far in four figures, on top of the page. */
function YearFigures({ year, budgetCents }: { year: TownYear; budgetCents: number }) {
  return (
    <section class="town-year" aria-labelledby="annee-titre">
      <h2 id="annee-titre">{t('money.town.year_title', { year: year.year })}</h2>
      <dl class="headline-figures">
        <div>
          <dt>{t('money.town.year.sales')}</dt>
          <dd>
            {formatEuros(year.salesCents)}
            <span class="headline-figures__note">{t('money.town.year.split', { goods: formatEuros(year.goodsCents), services: formatEuros(year.servicesCents) })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('money.town.year.commission')}</dt>
          <dd>
            {formatEuros(year.commissionCents)}
            <span class="headline-figures__note">{t('money.town.year.budget', { share: shareOf(year.commissionCents, budgetCents), budget: wholeEuros(budgetCents) })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('money.town.year.paid_out')}</dt>
          <dd>{formatEuros(year.paidOutCents)}</dd>
        </div>
        <div>
          <dt>{t('money.town.year.owed')}</dt>
          <dd>{formatEuros(year.owedCents)}</dd>
        </div>
      </dl>
    </section>
  );
}

function MonthsChart({ money }: { money: TownMoney }) {
  return (
    <figure class="town-chart" aria-labelledby="graphique-legende">
      <figcaption id="graphique-legende">
        <strong>{t('money.chart.heading')}</strong> <span class="muted">{t('money.chart.see_table')}</span>
      </figcaption>
      <TownMonthsChart months={money.months} />
      <ChartKey />
    </figure>
  );
}

export function TownMoneyPage({ ctx, money, state, budgetCents }: { ctx: PageContext; money: TownMoney; state: FormState; budgetCents: number }) {
  const title = t('money.town.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <YearFigures year={money.year} budgetCents={budgetCents} />
      <p class="town-why">{t('money.town.why_later')}</p>
      <h2>{t('money.town.months_title')}</h2>
      <p class="lead">{t('money.town.lead_year')}</p>
      <MonthsChart money={money} />
      <MonthsTable money={money} />
      <ul class="money-notes">
        <li>{t('money.town.explain_sales')}</li>
        <li>{t('money.town.explain_owed')}</li>
        <li>{t('money.town.explain_collected')}</li>
        <li>{t('money.town.explain_paid_out')}</li>
        <li>{t('money.town.explain_commission')}</li>
      </ul>
      <h2>{t('money.town.download')}</h2>
      <p class="actions">
        <a class="button button--secondary" href={`${TOWN_MONTHS_FILE_PATH}?format=csv`}>
          {t('money.town.download_csv')}
        </a>
        <a class="button button--secondary" href={`${TOWN_MONTHS_FILE_PATH}?format=xlsx`}>
          {t('money.town.download_xlsx')}
        </a>
      </p>
      <h2 id="fichiers">{t('money.town.files')}</h2>
      <p>{t('money.town.files_lead')}</p>
      <RangeForm ctx={ctx} action={TOWN_FILE_PATH} state={state} formats={TABLE_FORMATS} />
    </Page>
  );
}
