// The town's dashboard: the period form, the headline figures, then one section per subject,
// each with its chart (SVG drawn here, on the server), its table and the table's files.
import { t } from '../platform/i18n/index.ts';
import { formatEuros, formatRate } from '../platform/money.ts';
import type { PageContext } from '../platform/page-context.ts';
import type { Column } from '../platform/spreadsheets.ts';
import { BACKOFFICE_PATH } from '../platform/paths.ts';
import { Form, SubmitButton, TextField, type FormState } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import type { ComponentChildren } from 'preact';
import { HorizontalBarChart, LineChart, MonthBarChart, formatValue, monthName, type MonthValue } from './reports.charts.tsx';
import type { MonthFigures, Part, TownFigures } from './reports.figures.ts';
import { TOWN_DASHBOARD_FILE_PATH, TOWN_DASHBOARD_PATH } from './reports.paths.ts';
import { monthInput } from './reports.rules.ts';
import { TABLES, type AnyTable } from './reports.tables.ts';

const LABELS = (): Record<string, string> => ({ from: t('reports.field.from'), to: t('reports.field.to') });

function PeriodForm({ ctx, state }: { ctx: PageContext; state: FormState }) {
  return (
    <Form ctx={ctx} action={TOWN_DASHBOARD_PATH} state={state} method="get" labels={LABELS()} class="form report-period">
      <fieldset>
        <legend>{t('reports.period.legend')}</legend>
        <TextField name="from" label={t('reports.field.from')} hint={t('reports.field.month_hint')} state={state} size="short" inputMode="numeric" required />
        <TextField name="to" label={t('reports.field.to')} hint={t('reports.field.month_hint')} state={state} size="short" inputMode="numeric" required />
      </fieldset>
      <SubmitButton>{t('reports.period.submit')}</SubmitButton>
    </Form>
  );
}

function cellText<R>(column: Column<R>, row: R): string {
  const value = column.value(row);
  if (value === null) return t('reports.none_value');
  if (column.kind === 'cents') return formatEuros(Number(value));
  if (column.kind === 'integer') return formatValue('count', Number(value));
  return String(value);
}

function fileHref(code: string, format: 'csv' | 'xlsx', figures: TownFigures): string {
  const query = new URLSearchParams({ table: code, format, from: monthInput(figures.period.fromMonth), to: monthInput(figures.period.toMonth) });
  return `${TOWN_DASHBOARD_FILE_PATH}?${query.toString()}`;
}

/** A table of the page, drawn from the same columns as its file, with the links to download it. */
function DataTable({ table, figures }: { table: AnyTable; figures: TownFigures }) {
  const rows = table.rows(figures);
  const captionId = `tableau-${table.code}`;
  const title = t(table.titleKey);
  return (
    <div class="report-table">
      {/* Focusable, so a table wider than the screen can be scrolled with the keyboard. */}
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby={captionId}>
        <table class="ledger-table ledger-table--stack" data-table={table.code}>
          <caption id={captionId}>{title}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th scope="col" class={column.kind === 'text' ? undefined : 'number'}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                {table.columns.map((column, index) =>
                  index === 0 ? (
                    <th scope="row">{cellText(column, row)}</th>
                  ) : (
                    <td class={column.kind === 'text' ? undefined : 'number'} data-label={column.header}>
                      {cellText(column, row)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="actions report-files">
        <a class="button button--secondary" href={fileHref(table.code, 'csv', figures)} download>
          {t('reports.download.csv', { table: title })}
        </a>
        <a class="button button--secondary" href={fileHref(table.code, 'xlsx', figures)} download>
          {t('reports.download.xlsx', { table: title })}
        </a>
      </p>
    </div>
  );
}

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: ComponentChildren }) {
  return (
    <section class="report-section" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>{title}</h2>
      {lead ? <p>{lead}</p> : null}
      {children}
    </section>
  );
}

/** A chart and its table, side by side on a wide screen, one under the other on a phone. */
function Pair({ chart, children }: { chart: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="report-pair">
      <Chart>{chart}</Chart>
      <div>{children}</div>
    </div>
  );
}

/**
 * A chart keeps a readable size on a phone: it scrolls sideways in its own frame (focusable,
 * so the keyboard scrolls it too) rather than shrinking its words below reading size.
 */
function Chart({ children }: { children: ComponentChildren }) {
  return (
    <figure class="report-chart">
      <div class="report-chart__frame" tabIndex={0} role="region" aria-label={t('reports.chart.frame')}>
        {children}
      </div>
      <figcaption class="muted">{t('reports.chart.see_table')}</figcaption>
    </figure>
  );
}

const series = (months: readonly MonthFigures[], value: (row: MonthFigures) => number): MonthValue[] => months.map((row) => ({ month: row.month, value: value(row), open: row.live }));
const named = (parts: readonly Part[]) => parts.map((part) => ({ label: part.label, value: part.value }));

function Headline({ term, value, note }: { term: string; value: string; note?: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>
        {value}
        {note ? <span class="headline-figures__note">{note}</span> : null}
      </dd>
    </div>
  );
}

const orNone = (cents: number | undefined) => (cents === undefined ? t('reports.none_value') : formatEuros(cents));
const wholeEuros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(Math.round(cents / 100));

function Headlines({ figures }: { figures: TownFigures }) {
  const { members, shops, orders, sales, commission } = figures;
  return (
    <section aria-labelledby="essentiel-titre">
      <h2 id="essentiel-titre">{t('reports.key.heading')}</h2>
      <dl class="headline-figures">
        <Headline term={t('reports.key.members')} value={formatValue('count', members.total)} note={t('reports.key.members_note', { active: formatValue('count', members.active12Months) })} />
        <Headline term={t('reports.key.adherence')} value={formatRate(shops.adherenceBp)} note={t('reports.key.adherence_note', { members: shops.members, all: shops.all })} />
        <Headline term={t('reports.key.orders')} value={formatValue('count', orders.total)} note={t('reports.key.orders_note', { cost: orNone(commission.costPerOrderCents) })} />
        <Headline term={t('reports.key.goods')} value={formatEuros(sales.goodsCents)} note={t('reports.key.goods_note', { basket: orNone(sales.basketPerOrderCents) })} />
        <Headline term={t('reports.key.per_member')} value={orNone(sales.goodsPerMemberPerYearCents)} note={t('reports.key.per_member_note', { services: formatEuros(sales.servicesCents) })} />
        <Headline
          term={t('reports.key.commission')}
          value={formatEuros(commission.earnedCents)}
          note={t('reports.key.commission_note', { budget: wholeEuros(commission.budgetCents), yearly: wholeEuros(commission.yearlyBudgetCents) })}
        />
      </dl>
    </section>
  );
}

function Sections({ figures }: { figures: TownFigures }) {
  const months = figures.months;
  return (
    <>
      <Section id="adherents" title={t('reports.section.members')} lead={t('reports.section.members_lead')}>
        <Pair chart={<MonthBarChart id="graphique-adherents" title={t('reports.chart.members_new')} summary={t('reports.chart.members_summary')} kind="count" months={series(months, (row) => row.membersNew)} />}>
          <DataTable table={TABLES.members} figures={figures} />
        </Pair>
        <Chart>
          <LineChart
            id="graphique-inscrits"
            title={t('reports.chart.members_lines')}
            summary={t('reports.chart.members_lines_summary')}
            kind="count"
            series={[
              { label: t('reports.chart.series_total'), values: series(months, (row) => row.membersTotal) },
              { label: t('reports.chart.series_active'), values: series(months, (row) => row.membersActive) },
            ]}
          />
        </Chart>
      </Section>
      <Section id="commerces" title={t('reports.section.shops')} lead={t('reports.section.shops_lead')}>
        <Pair chart={<HorizontalBarChart id="graphique-commerces" title={t('reports.chart.shops')} summary={t('reports.chart.shops_summary')} kind="count" parts={named(figures.shops.byStage)} />}>
          <DataTable table={TABLES.shops} figures={figures} />
        </Pair>
        <p>{t('reports.section.shops_months_lead')}</p>
        <DataTable table={TABLES.shopsMonths} figures={figures} />
        {/* Seam: shops joined per canvassing campaign, from `campaignResults` of src/shops/index.ts (the CRM), replaces this line once it is on main. */}
        <p class="muted">{t('reports.section.campaigns_later')}</p>
      </Section>
      <Section id="ventes" title={t('reports.section.sales')} lead={t('reports.section.sales_lead')}>
        <Pair chart={<MonthBarChart id="graphique-ventes" title={t('reports.chart.sales')} summary={t('reports.chart.sales_summary')} kind="cents" months={series(months, (row) => row.goodsCents)} />}>
          <DataTable table={TABLES.salesMonths} figures={figures} />
        </Pair>
        <Chart>
          <LineChart id="graphique-commandes" title={t('reports.chart.orders')} summary={t('reports.chart.orders_summary')} kind="count" series={[{ label: t('reports.chart.series_orders'), values: series(months, (row) => row.orders) }]} />
        </Chart>
      </Section>
      <Section id="categories" title={t('reports.section.categories')}>
        <Pair chart={<HorizontalBarChart id="graphique-categories" title={t('reports.chart.categories')} summary={t('reports.chart.categories_summary')} kind="cents" parts={named(figures.sales.byCategory)} />}>
          <DataTable table={TABLES.categories} figures={figures} />
        </Pair>
      </Section>
      <Section id="canaux" title={t('reports.section.channels')}>
        <Pair chart={<HorizontalBarChart id="graphique-canaux" title={t('reports.chart.channels')} summary={t('reports.chart.channels_summary')} kind="cents" parts={named(figures.sales.byChannel)} />}>
          <DataTable table={TABLES.channels} figures={figures} />
        </Pair>
      </Section>
      <Section id="destinations" title={t('reports.section.destinations')}>
        <Pair chart={<HorizontalBarChart id="graphique-destinations" title={t('reports.chart.destinations')} summary={t('reports.chart.destinations_summary')} kind="cents" parts={named(figures.sales.byDestination)} />}>
          <DataTable table={TABLES.destinations} figures={figures} />
        </Pair>
      </Section>
      <Section id="commission" title={t('reports.section.commission')} lead={t('reports.section.commission_lead')}>
        <Pair chart={<MonthBarChart id="graphique-commission" title={t('reports.chart.commission')} summary={t('reports.chart.commission_summary')} kind="cents" months={series(months, (row) => row.commissionCents)} />}>
          <DataTable table={TABLES.commission} figures={figures} />
        </Pair>
      </Section>
      <Section id="tournees" title={t('reports.section.runs')} lead={t('reports.section.runs_lead')}>
        <Pair chart={<HorizontalBarChart id="graphique-tournees" title={t('reports.chart.runs')} summary={t('reports.chart.runs_summary')} kind="metres" parts={figures.vehicles.map((row) => ({ label: row.vehicle, value: row.metres }))} />}>
          <DataTable table={TABLES.runs} figures={figures} />
        </Pair>
      </Section>
      <Section id="demandes" title={t('reports.section.requests')} lead={t('reports.section.requests_lead')}>
        <Pair chart={<HorizontalBarChart id="graphique-demandes" title={t('reports.chart.requests')} summary={t('reports.chart.requests_summary')} kind="count" parts={named(figures.requests.byKind)} />}>
          <DataTable table={TABLES.requests} figures={figures} />
        </Pair>
        <DataTable table={TABLES.requestsStatus} figures={figures} />
      </Section>
    </>
  );
}

export function DashboardPage({ ctx, state, figures }: { ctx: PageContext; state: FormState; figures: TownFigures | undefined }) {
  const title = t('reports.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('reports.lead')}</p>
      <PeriodForm ctx={ctx} state={state} />
      {figures ? (
        <>
          <p class="report-shown">
            <strong>{t('reports.period.shown', { from: monthName(figures.period.fromMonth), to: monthName(figures.period.toMonth) })}</strong>
          </p>
          <Headlines figures={figures} />
          <Sections figures={figures} />
        </>
      ) : null}
    </Page>
  );
}
