// Pages of the money exports: the concierge's export page and the town's money by month.
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { frenchDate } from '../../platform/spreadsheets.ts';
import { Form, RadioGroup, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { monthLabel, type MonthFigures } from './exports.columns.ts';
import type { DateRange, TownMoney } from './exports.service.ts';
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

function MonthRow({ month }: { month: MonthFigures }) {
  return (
    <tr>
      <th scope="row">{monthLabel(month.month)}</th>
      <Amounts figures={month} />
    </tr>
  );
}

function Amounts({ figures }: { figures: Omit<MonthFigures, 'month'> }) {
  return (
    <>
      <td class="number" data-label={t('money.col.collected')}>{formatEuros(figures.collectedCents)}</td>
      <td class="number" data-label={t('money.town.col.paid_out')}>{formatEuros(figures.paidOutCents)}</td>
      <td class="number" data-label={t('money.col.commission')}>{formatEuros(figures.commissionCents)}</td>
      <td class="number" data-label={t('money.town.col.vat')}>{formatEuros(figures.vatCents)}</td>
      <td class="number" data-label={t('money.col.orders')}>{figures.orders}</td>
    </>
  );
}

function MonthsTable({ money }: { money: TownMoney }) {
  return (
    // Focusable, so the table can be scrolled sideways with the keyboard when it is wider than the page.
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="mois-titre">
      <table class="ledger-table ledger-table--stack">
        <caption id="mois-titre">{t('money.town.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('money.col.month')}</th>
            <th scope="col" class="number">{t('money.col.collected')}</th>
            <th scope="col" class="number">{t('money.town.col.paid_out')}</th>
            <th scope="col" class="number">{t('money.col.commission')}</th>
            <th scope="col" class="number">{t('money.town.col.vat')}</th>
            <th scope="col" class="number">{t('money.col.orders')}</th>
          </tr>
        </thead>
        <tbody>
          {money.months.map((month) => (
            <MonthRow month={month} />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('money.town.total')}</th>
            <Amounts figures={money.totals} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function TownMoneyPage({ ctx, money, state }: { ctx: PageContext; money: TownMoney; state: FormState }) {
  const title = t('money.town.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('money.town.lead')}</p>
      <MonthsTable money={money} />
      <ul class="money-notes">
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
