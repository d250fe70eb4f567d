// buildApp(config): the platform plugins first, then each area's routes, explicitly.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import session from '@fastify/session';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.ts';
import { createDb, type Db } from './db/index.ts';
import { requestForLog } from './platform/log-redaction.ts';
import { nowIso, startClockAt } from './platform/clock.ts';
import { DatabaseSessionStore } from './platform/auth/session-store.ts';
import { databaseRateLimitStore } from './platform/auth/rate-limit-store.ts';
import { loadSessionAccount, SESSION_SWEEP_JOB } from './platform/auth/auth.service.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { sendStaffToTotpSetup, totpRoutes } from './platform/auth/totp.routes.ts';
import { installErrorHandlers } from './platform/error-handler.ts';
import { MAIL_JOB_NAME, mailJobs } from './platform/mail/mail.ts';
import { checkJobs, createScheduler, type Job, type Scheduler } from './platform/jobs.ts';
import { jobsRoutes } from './platform/jobs.routes.ts';
import { imagesRoutes } from './platform/images/images.routes.ts';
import { siteRoutes } from './platform/site/site.routes.ts';
import { CRM_PERSONAL_DATA, SHOP_TASK_REMINDERS_JOB, countShopsByStage } from './shops/index.ts';
import { countAllMembers, memberRetentionJob } from './members/index.ts';
import { ACCOUNT_PERSONAL_DATA } from './platform/auth/auth.privacy.repository.ts';
import type { PersonalDataHolder } from './platform/personal-data.ts';
import { countOnlineOffers } from './catalogue/index.ts';
import { shopsRoutes } from './shops/shops.routes.ts';
import { catalogueRoutes } from './catalogue/catalogue.routes.ts';
import { catalogueApiRoutes } from './catalogue/api.routes.ts';
import { membersRoutes } from './members/members.routes.ts';
import { placesRoutes } from './places/places.routes.ts';
import { listCompanyStops } from './places/index.ts';
import { notificationsRoutes } from './notifications/notifications.routes.ts';
import { NOTIFICATIONS_PERSONAL_DATA, countNewInboundMails, notificationsJobs } from './notifications/index.ts';
import { ABANDONED_BASKETS_JOB, ORDERS_PERSONAL_DATA, basketLineCount, COLLECTION_REMINDERS_JOB, countOpenMembershipRequests, joinVisitorBasket, nextOrderHighlight, whenMoneyFactsRecorded } from './orders/index.ts';
import { ordersRoutes } from './orders/orders.routes.ts';
import { roundsRoutes } from './rounds/rounds.routes.ts';
import { APPOINTMENT_REMINDERS_JOB, REQUESTS_PERSONAL_DATA, REQUEST_REMINDERS_JOB, requestsRoutes } from './requests/index.ts';
import { DELIVERY_OUTCOMES_JOB, ROUNDS_PERSONAL_DATA } from './rounds/index.ts';
import { LEDGER_POSTING_JOB, SETTLEMENT_PERSONAL_DATA, postMoneyFacts } from './settlement/index.ts';
import { settlementRoutes } from './settlement/settlement.routes.ts';
import { MONTHLY_FIGURES_JOB, SHOP_HEALTH_ALERTS_JOB, YEARLY_REVIEW_JOB, healthPanelFor, healthRoutes, reviewRoutes } from './reports/index.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { guardBeforeValidation, slideSession } from './platform/http.ts';
import { installPageShell } from './platform/page-shell.ts';
import { installSecurityHeaders, securityHeadersOf } from './platform/security-headers.ts';
import { createPageCache, installPageCache } from './platform/page-cache.ts';

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's job scheduler (started unless JOB_SCHEDULER=false). */
    jobs: Scheduler;
  }
  interface FastifyContextConfig {
    /** false: a POST that is not a form and proves itself otherwise (a signature). */
    csrf?: boolean;
  }
}

export interface AppOptions {
  /** An already opened database (tests share one per suite); otherwise opened from config. */
  db?: Db;
  /** Where the log goes instead of standard output (a test reads what would be kept). */
  logStream?: { write(line: string): void };
}

/**
 * A request as the log keeps it, without the values of its query string. GET forms carry
 * what people type — the home address of the checkout steps, a member looked up by name or
 * phone at the desk, a search — and the log is kept for months by whoever runs the server.
 * Every URL rather than the checkout's alone: any GET form is typed text, and a rule by path
 * would miss the next one. The names stay (`?address=…&postal_code=…`), so a line still says
 * what was asked; its request id ties it to the error it may have caused.
 */
export function requestLogLine(request: Parameters<typeof requestForLog>[0]): Record<string, unknown> {
  const logged = requestForLog(request);
  const url = String(logged.url);
  const at = url.indexOf('?');
  if (at < 0) return logged;
  const names = [...new Set(new URLSearchParams(url.slice(at + 1)).keys())];
  return { ...logged, url: `${url.slice(0, at)}?${names.map((name) => `${encodeURIComponent(name)}=…`).join('&')}` };
}

const SESSION_COOKIE = 'conciergerie_session';

/** helmet's defaults with a CSP that allows only this site (no inline script or style). */
const SECURITY_HEADERS = securityHeadersOf({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
});

async function registerPlatform(app: FastifyInstance, config: Config): Promise<void> {
  installSecurityHeaders(app, SECURITY_HEADERS);
  // Before the cookie and session plugins: a visitor's copy of a public page costs no session work.
  installPageCache(app, createPageCache({ ttlMs: config.publicPageCacheSeconds * 1000 }), SESSION_COOKIE);
  await app.register(formbody, { bodyLimit: 100_000 });
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 40 } });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(session, {
    secret: config.sessionSecret,
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    // Saved only when changed; `slideSession` moves the expiry forward once an hour.
    rolling: false,
    store: new DatabaseSessionStore(app.db, config.sessionMaxAgeSeconds),
    // In production a session travels only over HTTPS (behind a proxy, TRUST_PROXY tells the protocol).
    cookie: { secure: config.env === 'production' ? true : 'auto', httpOnly: true, sameSite: 'lax', maxAge: config.sessionMaxAgeSeconds * 1000, path: '/' },
  });
  // The CSRF secret lives in its own signed cookie (double submit), not in the session: a
  // visitor who only reads pages with forms writes nothing to the database.
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'conciergerie_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true, secure: config.env === 'production' },
  });
  // Counted in the database: the limit per address holds across every process of the town.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(app.db) });
  // Pages link to the hashed, compressed copies (platform/assets.ts); the plain files stay
  // reachable for the print sheets and anything bookmarked.
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', maxAge: '1d' });

  app.decorateRequest('account', null);
  app.addHook('onRequest', async (request) => {
    slideSession(request);
    const accountId = request.session?.accountId;
    if (!accountId) return;
    request.account = await loadSessionAccount(app.db, accountId);
    if (!request.account) request.session.accountId = undefined;
  });
  // The page shell counts the basket of the account just loaded (the basket lives in orders).
  await installPageShell(app, (holder) => basketLineCount(app.db, holder));
  app.addHook('onRequest', sendStaffToTotpSetup(app.db, config));
  app.addHook('onRoute', guardBeforeValidation);
  // Every form post carries the session's CSRF token; the JSON API is read-only. A route
  // marked `config: { csrf: false }` is not a form (a payment provider's signed webhook).
  app.addHook('onRoute', (route) => {
    if (route.config?.csrf === false) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))) return;
    const existing = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [app.csrfProtection, ...existing];
  });
  installErrorHandlers(app);
}

/**
 * Every area that keeps something about a member: a member's data export, their erasure and
 * the retention job ask each one (the members area imports no area, so the list is made here).
 */
export const PERSONAL_DATA_HOLDERS: readonly PersonalDataHolder[] = [
  ACCOUNT_PERSONAL_DATA,
  ORDERS_PERSONAL_DATA,
  ROUNDS_PERSONAL_DATA,
  REQUESTS_PERSONAL_DATA,
  SETTLEMENT_PERSONAL_DATA,
  NOTIFICATIONS_PERSONAL_DATA,
  CRM_PERSONAL_DATA,
];

/**
 * Every background job, area by area: the one list the scheduler, the jobs page and
 * `npm run job` share. A job that cannot work with these settings (no SMTP, no IMAP) is absent.
 */
export function jobsOf(config: Config): readonly Job[] {
  return checkJobs([
    ...mailJobs(config),
    ...notificationsJobs(config),
    SESSION_SWEEP_JOB,
    COLLECTION_REMINDERS_JOB,
    ABANDONED_BASKETS_JOB,
    LEDGER_POSTING_JOB,
    DELIVERY_OUTCOMES_JOB,
    REQUEST_REMINDERS_JOB,
    APPOINTMENT_REMINDERS_JOB,
    MONTHLY_FIGURES_JOB,
    SHOP_TASK_REMINDERS_JOB,
    memberRetentionJob(PERSONAL_DATA_HOLDERS),
    YEARLY_REVIEW_JOB,
    SHOP_HEALTH_ALERTS_JOB,
  ]);
}

/** Addresses that never render a page: files, pictures, the JSON API. */
const NOT_PAGES = ['/static/', '/images/', '/api/'];

/**
 * The staff bar's facts for a page the concierge opens: one count on an index, none for
 * anyone else nor for files. Only a GET: a form sent back shows the bar without them.
 */
function staffGlance(db: Db) {
  return async (request: FastifyRequest): Promise<void> => {
    if (request.account?.role !== 'concierge' || request.method !== 'GET') return;
    if (NOT_PAGES.some((prefix) => request.url.startsWith(prefix))) return;
    // A path that starts with two slashes would leave the site as a link: the refresh goes home instead.
    const refreshHref = /^\/(?![/\\])/.test(request.url) ? request.url : '/gestion';
    const [newMails, openRequests] = await Promise.all([countNewInboundMails(db), countOpenMembershipRequests(db)]);
    request.staff = { newMails, openRequests, renderedAt: nowIso(), refreshHref };
  };
}

function trustNearestHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  startClockAt(config.clockStartsAt);
  const app = Fastify({
    logger: { level: config.logLevel, serializers: { req: requestLogLine }, ...(options.logStream ? { stream: options.logStream } : {}) },
    // A reference shown on the error page and in the log: it needs no time order.
    genReqId: () => randomUUID(),
    // Past this length the router answers 414 itself, in English; a long forged id must reach
    // the route's schema instead, which answers the French « page not found ».
    maxParamLength: 2000,
    // A hop count trusts that many proxies nearest the app (fastify's types take it as a function).
    trustProxy: typeof config.trustProxy === 'number' ? trustNearestHops(config.trustProxy) : config.trustProxy,
    // strictNumbers off: under ajv's default (on), a query's « 1e309 » is coerced to Infinity
    // and its minimum and maximum are skipped as « not a finite number », so Infinity reached
    // the handlers. Off, the bounds are checked (every number we accept has some) and refuse it.
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true, verbose: true, strictNumbers: false, keywords: ['x-error', 'x-min', 'x-max'] },
    },
  });
  const db = options.db ?? createDb(config.database);
  app.decorate('config', config);
  app.decorate('db', db);
  await registerPlatform(app, config);
  app.addHook('preHandler', staffGlance(db));

  // Each money fact of orders is posted to the ledger in the transaction that records it.
  whenMoneyFactsRecorded((trx, facts) => postMoneyFacts(trx, facts, config.timeZone));
  const jobs = jobsOf(config);

  await app.register(catalogueApiRoutes);
  // The basket a visitor filled joins the resident's when they log in.
  await app.register(authRoutes, { onVisitorLogin: [joinVisitorBasket] });
  await app.register(totpRoutes);
  await app.register(imagesRoutes);
  // The back-office home counts through the areas' public faces (platform imports no area).
  await app.register(siteRoutes, { countShopsByStage, countMembers: countAllMembers, countOnlineOffers, countNewMails: countNewInboundMails });
  await app.register(catalogueRoutes);
  // A shop's page shows its health, drawn by reports (shops imports no area).
  await app.register(shopsRoutes, { healthPanel: healthPanelFor(config) });
  // « Mon compte » opens on the next order to collect (members import no area).
  await app.register(membersRoutes, { accountHighlight: nextOrderHighlight, companyStops: listCompanyStops, personalData: PERSONAL_DATA_HOLDERS });
  await app.register(placesRoutes);
  await app.register(notificationsRoutes);
  await app.register(ordersRoutes);
  await app.register(roundsRoutes);
  await app.register(requestsRoutes);
  await app.register(settlementRoutes);
  await app.register(reportsRoutes);
  await app.register(reviewRoutes);
  await app.register(healthRoutes);
  await app.register(jobsRoutes, { jobs });

  // One scheduler per process; MAIL_WORKER=false leaves the sending to another process.
  const scheduled = jobs.filter((job) => job.name !== MAIL_JOB_NAME || config.mailWorker);
  const scheduler = createScheduler({ db, config, log: { error: (error, message) => app.log.error(error, message) } }, scheduled);
  app.decorate('jobs', scheduler);
  if (config.jobScheduler) app.addHook('onReady', async () => scheduler.start());
  // Stopped before any onClose hook: the runs under way end on an open database.
  app.addHook('preClose', () => scheduler.stop());
  if (!options.db) app.addHook('onClose', () => db.destroy());
  // The password dictionaries (about 13 MB of heap, a second to load) are loaded by the first
  // password chosen, not at start: most days a town's server sees none.
  return app;
}
