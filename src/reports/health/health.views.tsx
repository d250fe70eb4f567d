// The shops' health as the concierge reads it: a panel on a shop's page, and the list of all
// member shops sortable by alert. Plain words, figures in a table, no colour needed.
import { formatDate } from '../../platform/clock.ts';
import { t } from '../../platform/i18n/index.ts';
import { formatEuros, formatRate } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';
import { Page } from '../../ui/layout.tsx';
import { shopPath } from '../../shops/index.ts';
import { ALERT_RULES, refusalRateBp, type AlertRule, type HealthFigures, type HealthSettings, type HealthSort, type ShopHealth } from './health.rules.ts';

export const HEALTH_PATH = `${BACKOFFICE_PATH}/sante-des-commerces`;
export const HEALTH_SORTS: readonly HealthSort[] = ['alertes', 'nom', 'commandes', 'ventes', 'refus'];

function sortLabel(sort: HealthSort): string {
  const labels: Record<HealthSort, string> = {
    alertes: t('health.sort.alertes'),
    nom: t('health.sort.nom'),
    commandes: t('health.sort.commandes'),
    ventes: t('health.sort.ventes'),
    refus: t('health.sort.refus'),
  };
  return labels[sort];
}

export function alertLabel(rule: AlertRule, settings: HealthSettings): string {
  return t(rule.labelKey, { weeks: settings.noOrderWeeks, months: settings.staleOfferMonths });
}

/** 45 → « 45 min », 135 → « 2 h 15 », 1500 → « 1 j 1 h ». */
export function formatMinutes(value: number | null): string {
  if (value === null) return t('health.none');
  const minutes = Math.round(value);
  if (minutes < 60) return t('health.minutes', { minutes });
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return rest === 0 ? t('health.hours_round', { hours: Math.floor(minutes / 60) }) : t('health.hours', { hours: Math.floor(minutes / 60), minutes: String(rest).padStart(2, '0') });
  }
  return t('health.days', { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60) });
}

function refusalsText(figures: HealthFigures): string {
  const rate = refusalRateBp(figures);
  return rate === null ? t('health.none') : t('health.refusals', { refused: figures.refusedLines12w, lines: figures.lines12w, rate: formatRate(rate) });
}

function AlertList({ alerts, settings }: { alerts: AlertRule[]; settings: HealthSettings }) {
  if (alerts.length === 0) return <>{t('health.no_alert')}</>;
  return (
    <ul class="plain-list">
      {alerts.map((rule) => (
        <li>{alertLabel(rule, settings)}</li>
      ))}
    </ul>
  );
}

/** The panel of a shop's page: its figures and the alerts that apply. */
export function HealthPanel({ health, settings, timeZone }: { health: ShopHealth; settings: HealthSettings; timeZone: string }) {
  const { figures, alerts } = health;
  return (
    <section aria-labelledby="sante" class="health-panel">
      <h2 id="sante">{t('health.panel.title')}</h2>
      {alerts.length === 0 ? (
        <p>{t('health.panel.all_good')}</p>
      ) : (
        <div class="notice">
          <p>
            <strong>{t('health.panel.alerts')}</strong>
          </p>
          <AlertList alerts={alerts} settings={settings} />
        </div>
      )}
      <dl class="facts">
        <dt>{t('health.panel.offers')}</dt>
        <dd>{figures.offersOnline}</dd>
        <dt>{t('health.panel.orders')}</dt>
        <dd>{t('health.panel.orders_value', { orders4w: figures.orders4w, orders12w: figures.orders12w })}</dd>
        <dt>{t('health.panel.last_order')}</dt>
        <dd>{figures.lastOrderAt ? formatDate(figures.lastOrderAt, timeZone) : t('health.panel.never')}</dd>
        <dt>{t('health.panel.sales')}</dt>
        <dd>{formatEuros(figures.salesCents12w)}</dd>
        <dt>{t('health.panel.refusals')}</dt>
        <dd>{refusalsText(figures)}</dd>
        <dt>{t('health.panel.prep')}</dt>
        <dd>{formatMinutes(figures.medianPrepMinutes)}</dd>
      </dl>
      <p>
        <a href={HEALTH_PATH}>{t('health.panel.list_link')}</a>
      </p>
    </section>
  );
}

export function healthHref(sort: HealthSort, alert?: string): string {
  const query = new URLSearchParams({ tri: sort, ...(alert ? { alerte: alert } : {}) });
  return `${HEALTH_PATH}?${query.toString()}`;
}

function SortLinks({ sort, alert }: { sort: HealthSort; alert?: string }) {
  return (
    <nav aria-labelledby="tri">
      <p id="tri" class="inline-label">
        {t('health.sort_label')}
      </p>
      <ul class="link-row">
        {HEALTH_SORTS.map((option) => (
          <li>
            <a href={healthHref(option, alert)} aria-current={option === sort ? 'true' : undefined}>
              {sortLabel(option)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AlertFilter({ sort, alert, settings }: { sort: HealthSort; alert?: string; settings: HealthSettings }) {
  return (
    <nav aria-labelledby="filtre">
      <p id="filtre" class="inline-label">
        {t('health.filter_label')}
      </p>
      <ul class="link-row">
        <li>
          <a href={healthHref(sort)} aria-current={alert ? undefined : 'true'}>
            {t('health.filter_all')}
          </a>
        </li>
        {ALERT_RULES.map((rule) => (
          <li>
            <a href={healthHref(sort, rule.code)} aria-current={alert === rule.code ? 'true' : undefined}>
              {alertLabel(rule, settings)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function HealthTable({ rows, settings }: { rows: ShopHealth[]; settings: HealthSettings }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('health.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('health.col.shop')}</th>
            <th scope="col">{t('health.col.alerts')}</th>
            <th scope="col" class="numeric">{t('health.col.offers')}</th>
            <th scope="col" class="numeric">{t('health.col.orders_4w')}</th>
            <th scope="col" class="numeric">{t('health.col.orders_12w')}</th>
            <th scope="col" class="numeric">{t('health.col.sales_12w')}</th>
            <th scope="col">{t('health.col.refusals')}</th>
            <th scope="col">{t('health.col.prep')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ figures, alerts }) => (
            <tr>
              <th scope="row">
                <a href={shopPath(figures.shopId)}>{figures.tradeName}</a>
              </th>
              <td>
                <AlertList alerts={alerts} settings={settings} />
              </td>
              <td class="numeric">{figures.offersOnline}</td>
              <td class="numeric">{figures.orders4w}</td>
              <td class="numeric">{figures.orders12w}</td>
              <td class="numeric nowrap">{formatEuros(figures.salesCents12w)}</td>
              <td>{refusalsText(figures)}</td>
              <td class="nowrap">{formatMinutes(figures.medianPrepMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface HealthListProps {
  ctx: PageContext;
  rows: ShopHealth[];
  total: number;
  alerting: number;
  settings: HealthSettings;
  sort: HealthSort;
  alert?: string;
}

export function HealthListPage({ ctx, rows, total, alerting, settings, sort, alert }: HealthListProps) {
  const title = t('health.title');
  const summary = total === 0 ? t('health.summary_empty') : alerting === 0 ? t('health.summary_none') : t('health.summary', { alerting, total });
  return (
    <Page ctx={ctx} title={title} trail={[[t('shops.trail.backoffice'), BACKOFFICE_PATH], [t('health.trail')]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{summary}</p>
      <p>{t('health.intro')}</p>
      <SortLinks sort={sort} alert={alert} />
      <AlertFilter sort={sort} alert={alert} settings={settings} />
      <p>{t('health.sorted_by', { sort: sortLabel(sort) })}</p>
      {rows.length > 0 ? <HealthTable rows={rows} settings={settings} /> : null}
    </Page>
  );
}
