// Reports: the town's figures. A *month* is a local calendar month (`YYYY-MM`, the town's
// zone); a *period* is a run of months, both ends included. A month's figures are *rolled up*
// into the report tables once it is complete (the `monthly-figures` job, and the demo seed);
// the *open* month, and any month not rolled up yet, is computed *live* by the same queries.
// *Sales* are purchase orders handed over (what the ledger posts as the shops' sales), split
// into *goods* (shops) and *services* (providers); an *active member* placed an order in the
// 12 months up to a month's end; the *adherence rate* is member shops ÷ all local shops
// (providers apart); *cost per order* is the town's budget for the period ÷ orders placed.
// Sub-areas: health/ (shops' health and alerts) and review/ (the yearly review PDF).
export {
  MEASURES,
  DESTINATIONS,
  addMonths,
  monthsOf,
  parseMonth,
  readPeriod,
  lastTwelveMonths,
  type Destination,
  type Measure,
  type Month,
  type MonthFigure,
  type MonthPeriod,
} from './reports.rules.ts';
export { townFigures, rollUpMonth, rollUpCompleteMonths, computeMonth, monthOf, MONTHLY_FIGURES_JOB } from './reports.service.ts';
export type { TownFigures, MonthFigures, Part, VehicleFigures, RequestStatusFigures } from './reports.figures.ts';
export { MonthBarChart, LineChart, HorizontalBarChart, formatValue, shortValue, monthName, monthTick, frFR, type MonthValue, type Series, type NamedValue, type ValueKind } from './reports.charts.tsx';
export { TOWN_DASHBOARD_PATH, TOWN_DASHBOARD_FILE_PATH } from './reports.paths.ts';
// The yearly review (review/): asked for on its page, built by its job with progress, downloaded as a PDF.
export { YEARLY_REVIEW_JOB } from './review/review.service.ts';
export { reviewRoutes } from './review/review.routes.ts';
export { REVIEW_PATH } from './review/review.paths.ts';
// Health (sub-area health/): the member shops' figures as of an instant, the alert rules read
// from them, the daily job that opens one follow-up task per shop and reason, and the panel a
// shop's page shows.
export { SHOP_HEALTH_ALERTS_JOB, healthPanelFor, healthFigures, raiseHealthAlerts } from './health/health.service.ts';
export { healthRoutes } from './health/health.routes.ts';
export { HEALTH_PATH } from './health/health.views.tsx';
