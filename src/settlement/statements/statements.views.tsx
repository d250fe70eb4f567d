// Pages of statements: the concierge's periods to close and statements (/gestion/releves),
// and a merchant's own statements (/boutique/:shopId/releves); the pieces the page of one
// statement (statements.sheet.views.tsx) shares with them.
import { formatDateTime } from '../../platform/clock.ts';
import { t, tDynamic, tPlural } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { Page } from '../../ui/layout.tsx';
import { Pager, pageCountOf } from '../../ui/pager.tsx';
import { STATEMENTS_PER_PAGE, type StatementDetail } from './statements.service.ts';
import type { Statement } from './statements.repository.ts';
import { STATEMENT_STATUSES, monthInWords, periodInWords, type Period, type StatementStatus } from '../settlement.statements.rules.ts';
import { CLOSE_PERIOD_PATH, STATEMENTS_PATH, shopStatementPath, shopStatementsPath, statementPath } from '../settlement.paths.ts';
import { BACKOFFICE_PATH, portalShopPath } from '../../platform/paths.ts';


/** « novembre 2026 », « semaine du 26 juillet au 1er août 2027 », « semaine du 28 décembre 2026 au 3 janvier 2027 ». */
export function periodLabel(period: { kind: Period['kind']; start: string; end: string }): string {
  if (period.kind === 'monthly') return monthInWords(period.start);
  return t('statements.period.week', { dates: periodInWords(period.start, period.end) });
}

function statementPeriod(statement: Statement): string {
  return periodLabel({ kind: statement.periodKind, start: statement.periodStart, end: statement.periodEnd });
}

export function StatusBadge({ status }: { status: StatementStatus }) {
  return <span class={`badge badge--statement-${status}`}>{tDynamic(`statements.status.${status}`)}</span>;
}

function ClosePeriods({ ctx, periods }: { ctx: PageContext; periods: readonly Period[] }) {
  if (periods.length === 0) return <p>{t('statements.close.none')}</p>;
  // Only the oldest period of each kind can be closed: a later closing would sweep its lines.
  const oldest = new Set(['weekly', 'monthly'].map((kind) => periods.find((period) => period.kind === kind)));
  return (
    <ul class="cards">
      {periods.map((period) => (
        <li class="card">
          <h3>{periodLabel(period)}</h3>
          <p class="muted">{tDynamic(`statements.kind.${period.kind}`)}</p>
          {oldest.has(period) ? (
            <form method="post" action={CLOSE_PERIOD_PATH}>
              <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
              <input type="hidden" name="kind" value={period.kind} />
              <input type="hidden" name="start" value={period.start} />
              <button type="submit" class="button">
                {t('statements.close.submit', { period: periodLabel(period) })}
              </button>
            </form>
          ) : (
            <p class="muted">{t('statements.close.after_previous')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A merchant's list names periods (its shop is implied); the concierge's names shops. */
function StatementsTable({ statements, hrefOf, byPeriod = false }: { statements: readonly Statement[]; hrefOf: (statement: Statement) => string; byPeriod?: boolean }) {
  return (
    <div class="table-wrap">
      <table class="ledger-table ledger-table--stack">
        <caption>{t('statements.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{byPeriod ? t('statements.list.period') : t('statements.list.shop')}</th>
            <th scope="col">{byPeriod ? t('statements.list.shop') : t('statements.list.period')}</th>
            <th scope="col" class="number">{t('statements.figures.sales')}</th>
            <th scope="col" class="number">{t('statements.figures.payable')}</th>
            <th scope="col">{t('statements.list.status')}</th>
          </tr>
        </thead>
        <tbody>
          {statements.map((statement) => (
            <tr>
              <th scope="row">
                <a href={hrefOf(statement)}>{byPeriod ? statementPeriod(statement) : statement.shopName}</a>
              </th>
              <td data-label={byPeriod ? t('statements.list.shop') : t('statements.list.period')}>{byPeriod ? statement.shopName : statementPeriod(statement)}</td>
              <td class="number" data-label={t('statements.figures.sales')}>{formatEuros(statement.salesCents)}</td>
              <td class="number" data-label={t('statements.figures.payable')}>{formatEuros(statement.payableCents)}</td>
              <td data-label={t('statements.list.status')}>
                <StatusBadge status={statement.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatusFilter({ current }: { current?: StatementStatus }) {
  return (
    <form method="get" action={STATEMENTS_PATH} class="search-form">
      <label for="statut">{t('statements.filter.label')}</label>
      <select id="statut" name="statut">
        <option value="" selected={!current}>
          {t('statements.filter.all')}
        </option>
        {STATEMENT_STATUSES.map((status) => (
          <option value={status} selected={current === status}>
            {tDynamic(`statements.status.${status}`)}
          </option>
        ))}
      </select>
      <button type="submit" class="button button--secondary">
        {t('statements.filter.submit')}
      </button>
    </form>
  );
}

export interface StatementsPageProps {
  ctx: PageContext;
  periods: readonly Period[];
  statements: readonly Statement[];
  total: number;
  page: number;
  status?: StatementStatus;
}

export function StatementsPage({ ctx, periods, statements, total, page, status }: StatementsPageProps) {
  const title = t('statements.title');
  const pageCount = pageCountOf(total, STATEMENTS_PER_PAGE);
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('statements.lead')}</p>
      <h2>{t('statements.close.title')}</h2>
      <ClosePeriods ctx={ctx} periods={periods} />
      <h2>{t('statements.list.title')}</h2>
      <StatusFilter current={status} />
      {statements.length === 0 ? <p>{t('statements.list.empty')}</p> : <StatementsTable statements={statements} hrefOf={(statement) => statementPath(statement.id)} />}
      <Pager page={page} pageCount={pageCount} hrefOf={(next) => `${STATEMENTS_PATH}?page=${next}${status ? `&statut=${status}` : ''}`} />
    </Page>
  );
}

export function ShopStatementsPage({ ctx, shopId, shopName, statements, total, page }: { ctx: PageContext; shopId: string; shopName: string; statements: readonly Statement[]; total: number; page: number }) {
  const title = t('statements.shop.title');
  return (
    <Page ctx={ctx} title={title} trail={[[shopName, portalShopPath(shopId)], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('statements.shop.lead')}</p>
      {statements.length === 0 ? <p>{t('statements.shop.empty')}</p> : <StatementsTable statements={statements} hrefOf={(statement) => shopStatementPath(shopId, statement.id)} byPeriod />}
      <Pager page={page} pageCount={pageCountOf(total, STATEMENTS_PER_PAGE)} hrefOf={(next) => `${shopStatementsPath(shopId)}?page=${next}`} />
    </Page>
  );
}

export function LinesTable({ ctx, detail }: { ctx: PageContext; detail: StatementDetail }) {
  return (
    <div class="table-wrap">
      <table class="ledger-table ledger-table--stack">
        <caption>{tPlural('statements.lines.caption', detail.lineCount)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statements.lines.what')}</th>
            <th scope="col">{t('statements.lines.when')}</th>
            <th scope="col" class="number">{t('statements.lines.amount')}</th>
            <th scope="col" class="number">{t('statements.lines.commission')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.lines.map((line) => (
            <tr>
              <th scope="row">
                {line.kind === 'refund' ? t('statements.lines.refund', { reason: line.title }) : t('statements.lines.sale', { quantity: line.quantity, title: line.title })}{' '}
                <span class="muted">{t('statements.lines.code', { code: line.collectionCode })}</span>
              </th>
              <td data-label={t('statements.lines.when')}>{formatDateTime(line.at, ctx.timeZone)}</td>
              <td class="number" data-label={t('statements.lines.amount')}>{formatEuros(line.amountCents)}</td>
              <td class="number" data-label={t('statements.lines.commission')}>{formatEuros(line.commissionCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
