// The health of the member shops: figures as of an instant for all shops in a fixed set of
// queries, the alerts they trip, and the daily job that turns each alert into one follow-up
// task per shop and reason. This file is the health sub-area's public face for app.ts.
import type { VNode } from 'preact';
import type { Config } from '../../config.ts';
import { inTransaction, type Db, type Executor } from '../../db/index.ts';
import { localDateOf } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Job } from '../../platform/jobs.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { isListed, type Availability } from '../../catalogue/index.ts';
import { openShopTask } from '../../shops/index.ts';
import { lineFigures, listFollowedShops, offerGroups, orderCounts, preparationTimes } from './health.repository.ts';
import { alertsOf, median, weeksBefore, type AlertRule, type HealthFigures, type HealthSettings, type HealthSort, type ShopHealth } from './health.rules.ts';
import { HealthPanel } from './health.views.tsx';

/** Whole minutes: a time to prepare is read in minutes, and seconds would only be noise. */
function roundedMinutes(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

/** Every followed shop's figures as of `at` (or one shop's): five queries whatever the number of shops. */
export async function healthFigures(db: Executor, at: string, shopId?: string): Promise<HealthFigures[]> {
  const shops = await listFollowedShops(db, shopId);
  const ids = shops.map((shop) => shop.id);
  const window = { at, since4w: weeksBefore(at, 4), since12w: weeksBefore(at, 12) };
  const [offers, orders, lines, preparations] = await Promise.all([
    offerGroups(db, ids, at),
    orderCounts(db, ids, window),
    lineFigures(db, ids, window),
    preparationTimes(db, ids, window),
  ]);
  const ordersOf = new Map(orders.map((row) => [row.shopId, row]));
  const linesOf = new Map(lines.map((row) => [row.shopId, row]));
  return shops.map((shop): HealthFigures => {
    const listed = offers.filter((group) => group.shopId === shop.id && isListed(group.availability as Availability));
    const order = ordersOf.get(shop.id);
    const line = linesOf.get(shop.id);
    const minutes = preparations
      .filter((row) => row.shopId === shop.id && row.acceptedAt && row.readyAt && row.readyAt >= row.acceptedAt)
      .map((row) => (Date.parse(row.readyAt!) - Date.parse(row.acceptedAt!)) / 60_000);
    const lastUpdates = listed.map((group) => group.lastUpdateAt).filter((value): value is string => value !== null);
    return {
      shopId: shop.id,
      tradeName: shop.tradeName,
      joinedAt: shop.joinedAt,
      offersOnline: listed.reduce((sum, group) => sum + group.count, 0),
      lastOfferUpdateAt: lastUpdates.length > 0 ? lastUpdates.sort().at(-1)! : null,
      orders4w: order?.orders4w ?? 0,
      orders12w: order?.orders12w ?? 0,
      lastOrderAt: order?.lastOrderAt ?? null,
      salesCents12w: line?.salesCents ?? 0,
      lines12w: line?.lines ?? 0,
      refusedLines12w: line?.refused ?? 0,
      medianPrepMinutes: roundedMinutes(median(minutes)),
    };
  });
}

export function settingsOf(config: Config): HealthSettings {
  return config.shopHealth;
}

/** The town reads the shops' pages; both see the health. */
function assertCanRead(actor: CurrentAccount | null): void {
  if (actor?.role !== 'concierge' && actor?.role !== 'town') throw notFound();
}

const SORTS: Record<HealthSort, (a: ShopHealth, b: ShopHealth) => number> = {
  alertes: (a, b) => b.alerts.length - a.alerts.length,
  nom: () => 0,
  commandes: (a, b) => a.figures.orders12w - b.figures.orders12w,
  ventes: (a, b) => a.figures.salesCents12w - b.figures.salesCents12w,
  refus: (a, b) => b.figures.refusedLines12w * Math.max(1, a.figures.lines12w) - a.figures.refusedLines12w * Math.max(1, b.figures.lines12w),
};

/** The list page: every followed shop with its alerts, sorted (ties by name), filtered by an alert. */
export async function listShopHealth(db: Executor, actor: CurrentAccount | null, settings: HealthSettings, query: { sort: HealthSort; alert?: string }, at = nowIso()): Promise<ShopHealth[]> {
  assertCanRead(actor);
  const all = (await healthFigures(db, at)).map((figures) => ({ figures, alerts: alertsOf(figures, settings, at) }));
  const kept = query.alert ? all.filter((health) => health.alerts.some((rule) => rule.code === query.alert)) : all;
  // The figures come sorted by name; a stable sort keeps that order among equals.
  return kept.sort(SORTS[query.sort]);
}

/** One shop's health for its page; null for a shop that is not followed (not a member, a provider). */
export async function shopHealth(db: Executor, actor: CurrentAccount | null, settings: HealthSettings, shopId: string, at = nowIso()): Promise<ShopHealth | null> {
  assertCanRead(actor);
  const [figures] = await healthFigures(db, at, shopId);
  return figures ? { figures, alerts: alertsOf(figures, settings, at) } : null;
}

/** The panel the shop's page shows, given to the shops area by app.ts. */
export function healthPanelFor(config: Config) {
  return async (db: Db, actor: CurrentAccount | null, shopId: string): Promise<VNode | null> => {
    const health = await shopHealth(db, actor, settingsOf(config), shopId);
    return health ? HealthPanel({ health, settings: settingsOf(config), timeZone: config.timeZone }) : null;
  };
}

/** The task's title: the reason in words, so the board says why without opening anything. */
export function alertTaskTitle(rule: AlertRule, settings: HealthSettings): string {
  return t('health.task_title', { reason: t(rule.labelKey, { weeks: settings.noOrderWeeks, months: settings.staleOfferMonths }) });
}

/**
 * Opens one follow-up task per shop and alert, due today. A shop that already has a live task
 * for that reason (open or put off) gets none: `openShopTask` keeps one per shop and reason,
 * and refuses shops that left or asked not to be contacted; inactive shops are not followed.
 * Returns how many tasks were opened.
 */
export async function raiseHealthAlerts(db: Db, settings: HealthSettings, timeZone: string, at = nowIso()): Promise<number> {
  const dueDate = localDateOf(at, timeZone);
  const healths = (await healthFigures(db, at)).map((figures) => ({ figures, alerts: alertsOf(figures, settings, at) }));
  let opened = 0;
  for (const { figures, alerts } of healths) {
    for (const rule of alerts) {
      const input = { shopId: figures.shopId, reasonCode: `health.${rule.code}`, title: alertTaskTitle(rule, settings), dueDate, source: 'alert' as const };
      // One short transaction per task, through the shared commit (SQLite serialises writers).
      if (await inTransaction(db, (trx) => openShopTask(trx, input))) opened += 1;
    }
  }
  return opened;
}

export const SHOP_HEALTH_ALERTS_JOB: Job = {
  name: 'shop-health-alerts',
  label: 'Alertes sur la santé des commerces : une tâche de relance par commerce et par raison',
  everySeconds: 24 * 3600,
  firstRunAfterSeconds: 3600,
  run: async ({ db, config }) => {
    await raiseHealthAlerts(db, settingsOf(config), config.timeZone);
  },
};
