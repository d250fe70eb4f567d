// The only reader of process.env. Every setting is typed, validated and has a default
// that runs the demo town on a laptop; `.env.example` lists them all.
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string };

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
}

/** The mailbox that receives mails sent to the conciergerie's address. */
export interface ImapConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Seconds between two fetches. */
  pollSeconds: number;
  /**
   * The name the receiving mail server writes in its Authentication-Results header; when set,
   * a mail whose topmost such header bears another name counts as not verified.
   */
  authservId?: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Public address of the site, used in links sent by e-mail. */
  baseUrl: string;
  database: DatabaseConfig;
  sessionSecret: string;
  /** Seconds a session lives without activity. */
  sessionMaxAgeSeconds: number;
  /** Unset: mails stay in the outbox and are readable in the back office. */
  smtp?: SmtpConfig;
  mailFrom: string;
  /** Whether this process's job scheduler runs the job that sends the outbox (`mail-sending`). */
  mailWorker: boolean;
  /**
   * Whether this process runs the background jobs (platform/jobs.ts) at all. Several processes
   * may: the database lease runs each due job once.
   */
  jobScheduler: boolean;
  /** Unset: no inbox is fetched (the back-office inbox stays empty). */
  imap?: ImapConfig;
  timeZone: string;
  loginRateLimitPerMinute: number;
  /**
   * Behind reverse proxies, whose X-Forwarded-* headers give the client's address (for rate
   * limits) and protocol (for secure cookies): how many there are, or their addresses. Never
   * « every sender »: anyone could then choose their address.
   */
  trustProxy: false | number | string[];
  uploadMaxBytes: number;
  /** Photos one account may send in an hour (each costs a decoding); counted in the database. */
  uploadMaxPerHour: number;
  /** Shop health alerts: a member shop with no order for this many weeks, offers not updated for this many months. */
  shopHealth: { noOrderWeeks: number; staleOfferMonths: number };
  /** Seconds the home page and storefronts may be served from a cache to visitors not logged in (0: never). */
  publicPageCacheSeconds: number;
  logLevel: string;
  /** Local times the tricycle leaves for the collection round, e.g. ["10:30", "16:30"]. */
  collectionRoundTimes: string[];
  /** Minutes from a round's departure until its goods are stored at the counter. */
  collectionRoundMinutes: number;
  /** Days after an order is ready before the member is reminded, then before it is listed as not collected. */
  uncollectedReminderDays: number;
  uncollectedLimitDays: number;
  conciergerie: {
    name: string;
    phone: string;
    /** When someone answers the phone, in words (« du lundi au samedi, de 9 h à 20 h »). */
    phoneHours: string;
    email: string;
    address: string;
    town: string;
    /** The town's mark in the header and footer: an SVG or PNG file (TOWN_LOGO_FILE); unset, a plain drawn mark. */
    logoFile?: string;
  };
  /** How residents pay online; 'none' hides online payment. */
  payments: PaymentsConfig;
  /** The legal entity that runs the conciergerie: the seller on commission invoices, the debtor of payouts. */
  operator: OperatorConfig;
  /** A payout batch above this total needs a second person to approve it. */
  payoutSecondApprovalAboveCents: number;
  /** What the town budgets for the conciergerie each year; its money page sets the commission earned against it. */
  townYearlyBudgetCents: number;
  /**
   * Whether concierge and town accounts must log in with a second step (a code from an
   * authenticator app): one without it is sent to set it up and can open nothing else.
   */
  requireTotpForStaff: boolean;
  /** Tests only: the instant "now" starts at (the clock runs on from there); unset: the system clock. */
  clockStartsAt?: string;
  /** Years without an order, a login or a change after which a member's personal data is erased (RETENTION_YEARS). */
  retentionYears: number;
  /** The town's hamlet, as members' addresses spell its name: the « hameau » segment (HAMLET_NAME). */
  hamletName: string;
}

export type PaymentsConfig =
  | { provider: 'none' }
  /** A local payment page for the demo town and trials: no money moves. */
  | { provider: 'demo' }
  | { provider: 'stripe'; stripe: StripeConfig };

export interface StripeConfig {
  secretKey: string;
  /** The signing secret of the webhook endpoint (whsec_…). */
  webhookSecret: string;
  /** Another address for Stripe's API (a local double in tests); unset: api.stripe.com. */
  apiUrl?: string;
}

export interface OperatorConfig {
  legalName: string;
  /** Postal address on invoices, one line. */
  address: string;
  siren: string;
  siret: string;
  /** Intra-community VAT number; empty when the operator is not registered for VAT. */
  vatNumber: string;
  /** The bank account payouts are paid from. */
  iban: string;
  bic: string;
  /** Prefix of the commission invoice numbers (a series per year: PREFIX-2026-000001). */
  invoiceSeries: string;
  /** Days the shop has to pay a commission invoice (it is deducted from its payout). */
  paymentTermsDays: number;
  /**
   * Whether the operator opted to pay the VAT on its services when it invoices them (« option
   * pour le paiement de la taxe d'après les débits ») rather than when paid, the default for
   * services; the invoices then say so.
   */
  vatOnDebits: boolean;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function text(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

/** The town's logo: a path to an SVG or PNG file, read once at start (a missing file stops the start). */
function parseLogoFile(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/\.(svg|png)$/i.test(raw)) throw new ConfigError(`TOWN_LOGO_FILE must name an .svg or .png file, got "${raw}"`);
  return resolve(raw);
}

function clockList(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const times = raw.split(',').map((time) => time.trim());
  if (times.some((time) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(time))) {
    throw new ConfigError(`${name} must list times like 10:30,16:30, got "${raw}"`);
  }
  return times.sort();
}

export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DatabaseConfig {
  if (!raw) return { dialect: 'sqlite', file: resolve(cwd, 'data/conciergerie.db') };
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) return { dialect: 'postgres', url: raw };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length);
    return { dialect: 'sqlite', file: file === ':memory:' ? file : resolve(cwd, file) };
  }
  throw new ConfigError(`DATABASE_URL must start with postgres://, postgresql:// or sqlite:, got "${raw}"`);
}

function parseImap(env: Env): ImapConfig | undefined {
  if (!env.IMAP_HOST) return undefined;
  if (!env.IMAP_USER || !env.IMAP_PASSWORD) throw new ConfigError('IMAP_USER and IMAP_PASSWORD must be set with IMAP_HOST');
  return {
    host: env.IMAP_HOST,
    port: integer(env, 'IMAP_PORT', 993),
    secure: text(env, 'IMAP_SECURE', 'true') === 'true',
    user: env.IMAP_USER,
    password: env.IMAP_PASSWORD,
    mailbox: text(env, 'IMAP_MAILBOX', 'INBOX'),
    pollSeconds: integer(env, 'IMAP_POLL_SECONDS', 60),
    authservId: env.IMAP_AUTHSERV_ID || undefined,
  };
}

function parsePayments(env: Env, mode: Config['env']): PaymentsConfig {
  const provider = text(env, 'PAYMENT_PROVIDER', mode === 'production' ? 'none' : 'demo');
  // The demo page marks an order paid without any money moving: never where money is real.
  if (provider === 'demo' && mode === 'production') throw new ConfigError('PAYMENT_PROVIDER=demo is refused in production: set none, or stripe with its keys');
  if (provider === 'none' || provider === 'demo') return { provider };
  if (provider !== 'stripe') throw new ConfigError(`PAYMENT_PROVIDER must be none, demo or stripe, got "${provider}"`);
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) throw new ConfigError('STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set with PAYMENT_PROVIDER=stripe');
  return { provider, stripe: { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiUrl: env.STRIPE_API_URL || undefined } };
}

function parseOperator(env: Env): OperatorConfig {
  const siren = text(env, 'OPERATOR_SIREN', '213000474');
  return {
    legalName: text(env, 'OPERATOR_LEGAL_NAME', 'Commune d’Istres — Conciergerie municipale'),
    address: text(env, 'OPERATOR_ADDRESS', '1 esplanade Bernardin Laugier, 13800 Istres'),
    siren,
    siret: text(env, 'OPERATOR_SIRET', `${siren}00014`),
    vatNumber: env.OPERATOR_VAT_NUMBER ?? 'FR63213000474',
    iban: text(env, 'OPERATOR_IBAN', 'FR7630001007941234567890185'),
    bic: text(env, 'OPERATOR_BIC', 'BDFEFRPPCCT'),
    invoiceSeries: text(env, 'OPERATOR_INVOICE_SERIES', 'COM'),
    paymentTermsDays: integer(env, 'OPERATOR_PAYMENT_TERMS_DAYS', 30),
    vatOnDebits: boolean(env, 'OPERATOR_VAT_ON_DEBITS', false),
  };
}

function parseSmtp(env: Env): SmtpConfig | undefined {
  if (!env.SMTP_HOST) return undefined;
  return {
    host: env.SMTP_HOST,
    port: integer(env, 'SMTP_PORT', 587),
    secure: env.SMTP_SECURE === 'true',
    user: env.SMTP_USER || undefined,
    password: env.SMTP_PASSWORD || undefined,
  };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** CLOCK_START lets a test run on any day; a real conciergerie always runs on the real clock. */
function parseClockStart(env: Env, mode: Config['env']): string | undefined {
  const raw = env.CLOCK_START;
  if (raw === undefined || raw === '') return undefined;
  if (mode !== 'test') throw new ConfigError('CLOCK_START is for tests only (NODE_ENV=test)');
  if (!INSTANT.test(raw) || Number.isNaN(Date.parse(raw))) throw new ConfigError(`CLOCK_START must be an instant like 2027-03-28T01:30:00Z, got "${raw}"`);
  return new Date(raw).toISOString();
}

function parseTrustProxy(raw: string | undefined): Config['trustProxy'] {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const addresses = raw.split(',').map((address) => address.trim());
  if (addresses.every((address) => isIP(address.split('/')[0]) !== 0)) return addresses;
  throw new ConfigError(`TRUST_PROXY must be the number of proxies in front of the app (1 for one nginx) or their addresses (127.0.0.1,10.0.0.0/8), got "${raw}"`);
}

/**
 * The address people reach the app at, as written in mails. In production it is https
 * (password links travel in it, the session cookie is Secure) and must be given, except on
 * this machine itself, where a trial of the production settings runs.
 */
function parseBaseUrl(given: string | undefined, port: number, mode: Config['env']): string {
  if (mode === 'production' && !given) throw new ConfigError('BASE_URL must be set in production: the public address, like https://conciergerie.istres.fr');
  const raw = given || `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`BASE_URL must be an address like https://conciergerie.istres.fr, got "${raw}"`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (mode === 'production' && url.protocol !== 'https:' && !local) {
    throw new ConfigError(`BASE_URL must start with https:// in production (password links travel in it), got "${raw}"`);
  }
  return raw.replace(/\/$/, '');
}

const DEV_SECRET = 'dev-only-secret-change-me-in-production-0123456789';

export function loadConfig(env: Env = process.env): Config {
  const mode = text(env, 'NODE_ENV', 'development');
  if (mode !== 'development' && mode !== 'production' && mode !== 'test') {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${mode}"`);
  }
  const port = integer(env, 'PORT', 3000);
  const sessionSecret = text(env, 'SESSION_SECRET', DEV_SECRET);
  if (sessionSecret.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters');
  if (mode === 'production' && sessionSecret === DEV_SECRET) {
    throw new ConfigError('SESSION_SECRET must be set in production');
  }
  return {
    env: mode,
    port,
    host: text(env, 'HOST', '0.0.0.0'),
    baseUrl: parseBaseUrl(env.BASE_URL, port, mode),
    database: parseDatabaseUrl(env.DATABASE_URL),
    sessionSecret,
    sessionMaxAgeSeconds: integer(env, 'SESSION_MAX_AGE_SECONDS', 60 * 60 * 24 * 14),
    smtp: parseSmtp(env),
    mailFrom: text(env, 'MAIL_FROM', 'Conciergerie d’Istres <conciergerie@istres.example>'),
    mailWorker: text(env, 'MAIL_WORKER', 'true') === 'true',
    jobScheduler: boolean(env, 'JOB_SCHEDULER', true),
    imap: parseImap(env),
    timeZone: text(env, 'TIME_ZONE', 'Europe/Paris'),
    loginRateLimitPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 10),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    uploadMaxBytes: integer(env, 'UPLOAD_MAX_BYTES', 5 * 1024 * 1024),
    uploadMaxPerHour: integer(env, 'UPLOAD_MAX_PER_HOUR', 30),
    shopHealth: { noOrderWeeks: integer(env, 'HEALTH_NO_ORDER_WEEKS', 6), staleOfferMonths: integer(env, 'HEALTH_STALE_OFFER_MONTHS', 6) },
    // Tests read their own changes at once unless they ask for the cache.
    publicPageCacheSeconds: integer(env, 'PUBLIC_PAGE_CACHE_SECONDS', mode === 'test' ? 0 : 5),
    // A newcomer's terminal stays readable; production logs every request.
    logLevel: text(env, 'LOG_LEVEL', { test: 'silent', development: 'warn', production: 'info' }[mode]),
    collectionRoundTimes: clockList(env, 'COLLECTION_ROUND_TIMES', ['10:30', '16:30']),
    collectionRoundMinutes: integer(env, 'COLLECTION_ROUND_MINUTES', 90),
    uncollectedReminderDays: integer(env, 'UNCOLLECTED_REMINDER_DAYS', 3),
    uncollectedLimitDays: integer(env, 'UNCOLLECTED_LIMIT_DAYS', 10),
    conciergerie: {
      name: text(env, 'CONCIERGERIE_NAME', 'Conciergerie d’Istres'),
      phone: text(env, 'CONCIERGERIE_PHONE', '04 42 55 00 00'),
      phoneHours: text(env, 'CONCIERGERIE_PHONE_HOURS', 'du lundi au samedi, de 9 h à 20 h'),
      email: text(env, 'CONCIERGERIE_EMAIL', 'conciergerie@istres.example'),
      address: text(env, 'CONCIERGERIE_ADDRESS', '12 rue Hôtel de Ville, 13800 Istres'),
      town: text(env, 'TOWN_NAME', 'Istres'),
      logoFile: parseLogoFile(env.TOWN_LOGO_FILE),
    },
    payments: parsePayments(env, mode),
    operator: parseOperator(env),
    payoutSecondApprovalAboveCents: integer(env, 'PAYOUT_SECOND_APPROVAL_ABOVE_CENTS', 500_000),
    townYearlyBudgetCents: integer(env, 'TOWN_YEARLY_BUDGET_CENTS', 6_000_000),
    requireTotpForStaff: boolean(env, 'REQUIRE_TOTP_FOR_STAFF', false),
    clockStartsAt: parseClockStart(env, mode),
    retentionYears: integer(env, 'RETENTION_YEARS', 3),
    hamletName: text(env, 'HAMLET_NAME', 'Entressen'),
  };
}
