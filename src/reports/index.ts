// Reports: the town's figures, read from every area.
// Health (sub-area health/): the member shops' figures as of an instant, the alert rules read
// from them, the daily job that opens one follow-up task per shop and reason, and the panel a
// shop's page shows.
export { SHOP_HEALTH_ALERTS_JOB, healthPanelFor, healthFigures, raiseHealthAlerts } from './health/health.service.ts';
export { healthRoutes } from './health/health.routes.ts';
export { HEALTH_PATH } from './health/health.views.tsx';
