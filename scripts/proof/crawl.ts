// The browser-quality crawl of the demo town: logged in as each role, a breadth-first walk from
// the role's home page over same-origin links and GET forms (submitted with their default
// values) checks every page it reaches: axe, one h1, lang="fr", no sideways scrolling at 320 px,
// readable at 200 % zoom, no console error, ≤ 30 Ko of JavaScript and ≤ 100 Ko transferred
// (images aside; measured on a cold cache, see crawl-page.ts).
//
// It never logs out, never submits a POST form and never downloads a file: each address is
// first asked for with HEAD, and a response that is not HTML (PDF, CSV, spreadsheet, calendar,
// JSON, XML, images) is counted as reached but not checked as a page.
//
// To stay within CI time, addresses are reduced to a pattern (ids, dates, numbers → :id, query
// values dropped) and `perPattern` pages of each pattern are checked per role; `all` (or
// CRAWL_ALL=1 standalone) checks every page reached.
//
//   node --import tsx scripts/proof/crawl.ts            prints the table (CRAWL_ALL=1: every page)
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, login, screenshot, startBrowserSession, type BrowserSession } from '../../test/helpers/browser.ts';
import { LOGOUT_PATH } from '../../src/platform/auth/auth.paths.ts';
import { checkLoadedPage, CHECKS, kilobytes, JS_LIMIT_BYTES, NARROW_WIDTH_PX, TRANSFER_LIMIT_BYTES, TransferMeter, WIDE, ZOOMED_WIDTH_PX, type CheckName, type PageFinding } from './crawl-page.ts';
import { printProofTable, type ProofRow } from './row.ts';

export const CRAWL_ROLES = ['visitor', 'resident', 'merchant', 'driver', 'concierge', 'town'] as const;
export type CrawlRole = (typeof CRAWL_ROLES)[number];

const DRIVER_LOGIN = 'chauffeur@conciergerie.test';
/** Path segments under these parents are names (a category's code), not pages of their own. */
const NAMED_PARENTS = new Set(['categories']);

export interface CrawlFailure {
  role: CrawlRole;
  url: string;
  check: CheckName;
  detail: string;
}

export interface RoleResult {
  role: CrawlRole;
  /** Distinct address patterns reached. */
  patterns: number;
  /** Distinct addresses found (linked or a form's target). */
  found: number;
  /** Pages loaded and checked. */
  checked: number;
  /** Files reached (not HTML): recorded, not checked. */
  files: number;
  maxScriptBytes: number;
  maxTransferBytes: number;
  failures: CrawlFailure[];
}

export interface CrawlResult {
  roles: RoleResult[];
  failures: CrawlFailure[];
  rows: ProofRow[];
  durationMs: number;
}

export interface CrawlOptions {
  /** Check every page reached instead of `perPattern` per pattern. */
  all?: boolean;
  perPattern?: number;
  /** How many of each role's first pages are photographed at 320 and 640 px in test-results/. */
  screenshotsPerRole?: number;
  log?: (line: string) => void;
}

// ---------- addresses ----------

function isIdSegment(segment: string, parent: string | undefined): boolean {
  return /\d/.test(segment) || /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(segment) || (parent !== undefined && NAMED_PARENTS.has(parent));
}

/** The page's address with its ids, dates and numbers as :id and its query reduced to its keys. */
export function patternOf(address: string): string {
  const url = new URL(address);
  const segments = url.pathname.split('/');
  const path = segments.map((segment, index) => (segment && isIdSegment(segment, segments[index - 1]) ? ':id' : segment)).join('/');
  const keys = [...new Set(url.searchParams.keys())].sort();
  return keys.length > 0 ? `${path}?${keys.join('&')}` : path;
}

function withoutHash(address: string): string {
  const url = new URL(address);
  url.hash = '';
  return url.href;
}

/** Same-origin addresses a page leads to by a GET: its links and its GET forms' targets with their default values. */
async function addressesOn(page: Page, origin: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const links = [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].filter((link) => !link.hasAttribute('download')).map((link) => link.href);
    const forms = [...document.querySelectorAll('form')]
      .filter((form) => (form.getAttribute('method') ?? 'get').toLowerCase() === 'get')
      .map((form) => {
        const target = new URL(form.getAttribute('action') ?? '', document.baseURI);
        const values = new URLSearchParams();
        for (const [name, value] of new FormData(form)) if (typeof value === 'string') values.append(name, value);
        target.search = values.toString();
        return target.href;
      });
    return [...links, ...forms];
  });
  return found
    .filter((address) => address.startsWith('http'))
    .map(withoutHash)
    .filter((address) => new URL(address).origin === origin && new URL(address).pathname !== LOGOUT_PATH);
}

// ---------- one role ----------

interface Walk {
  role: CrawlRole;
  page: Page;
  meter: TransferMeter;
  consoleErrors: string[];
  options: Required<Omit<CrawlOptions, 'log'>> & { log: (line: string) => void };
  result: RoleResult;
  found: Set<string>;
  checkedUrls: Set<string>;
  checkedPerPattern: Map<string, number>;
  queue: string[];
}

function fail(walk: Walk, url: string, findings: PageFinding[]): void {
  for (const finding of findings) walk.result.failures.push({ role: walk.role, url, ...finding });
}

function enqueue(walk: Walk, addresses: string[]): void {
  for (const address of addresses) {
    if (walk.found.has(address)) continue;
    walk.found.add(address);
    walk.queue.push(address);
  }
}

/** HEAD first: a file is recorded without being downloaded; an error status is a failure. */
async function isPage(walk: Walk, address: string): Promise<boolean> {
  const response = await walk.page.request.head(address, { failOnStatusCode: false });
  const type = response.headers()['content-type'] ?? '';
  if (response.status() >= 400) {
    fail(walk, address, [{ check: CHECKS.status, detail: `HEAD ${response.status()}` }]);
    return false;
  }
  if (!type.startsWith('text/html')) {
    walk.result.files += 1;
    return false;
  }
  return true;
}

async function visit(walk: Walk, address: string): Promise<void> {
  if (!(await isPage(walk, address))) return;
  const { page, meter } = walk;
  meter.reset();
  walk.consoleErrors.length = 0;
  const response = await page.goto(address, { waitUntil: 'load' });
  const url = withoutHash(page.url());
  if (walk.checkedUrls.has(url)) return;
  walk.checkedUrls.add(url);
  walk.found.add(url);
  const weight = meter.read();
  const findings: PageFinding[] = [];
  if (!response || response.status() >= 400) findings.push({ check: CHECKS.status, detail: `GET ${response?.status() ?? 'sans réponse'}` });
  findings.push(...(await checkLoadedPage(page, weight)));
  for (const message of walk.consoleErrors) findings.push({ check: CHECKS.console, detail: message });
  fail(walk, url, findings);
  const { result } = walk;
  result.checked += 1;
  result.maxScriptBytes = Math.max(result.maxScriptBytes, weight.scriptBytes);
  result.maxTransferBytes = Math.max(result.maxTransferBytes, weight.transferBytes);
  const pattern = patternOf(url);
  walk.checkedPerPattern.set(pattern, (walk.checkedPerPattern.get(pattern) ?? 0) + 1);
  if (result.checked <= walk.options.screenshotsPerRole) await photograph(walk, pattern);
  enqueue(walk, await addressesOn(page, new URL(url).origin));
}

async function photograph(walk: Walk, pattern: string): Promise<void> {
  const name = `crawl-${walk.role}-${pattern.replace(/^\//, '') || 'accueil'}`;
  for (const width of [NARROW_WIDTH_PX, ZOOMED_WIDTH_PX]) {
    await walk.page.setViewportSize({ width, height: 800 });
    await screenshot(walk.page, `${name}-${width}`);
  }
  await walk.page.setViewportSize(WIDE);
}

async function walkFrom(walk: Walk, start: string): Promise<void> {
  enqueue(walk, [start]);
  const patterns = new Set<string>();
  while (walk.queue.length > 0) {
    const address = walk.queue.shift()!;
    const pattern = patternOf(address);
    patterns.add(pattern);
    if (!walk.options.all && (walk.checkedPerPattern.get(pattern) ?? 0) >= walk.options.perPattern) continue;
    try {
      await visit(walk, address);
    } catch (error) {
      fail(walk, address, [{ check: CHECKS.status, detail: `page non chargée : ${(error as Error).message.split('\n')[0]}` }]);
    }
  }
  walk.result.patterns = patterns.size;
  walk.result.found = walk.found.size;
}

async function loginOf(session: BrowserSession, role: CrawlRole): Promise<{ email: string; password: string } | null> {
  if (role === 'visitor') return null;
  if (role !== 'driver') return { email: DEMO_LOGINS[role], password: DEMO_PASSWORD };
  if (await session.accountExists(DRIVER_LOGIN)) return { email: DRIVER_LOGIN, password: DEMO_PASSWORD };
  return session.makeAccount('driver', { displayName: 'Karim Haddad' });
}

async function crawlRole(session: BrowserSession, browser: Browser, role: CrawlRole, options: Walk['options']): Promise<RoleResult> {
  const context = await browser.newContext({ baseURL: session.app.url, viewport: WIDE, locale: 'fr-FR', acceptDownloads: false });
  context.setDefaultTimeout(30_000);
  try {
    const page = await context.newPage();
    const credentials = await loginOf(session, role);
    if (credentials) await login(page, credentials.email, credentials.password);
    else await page.goto('/');
    if (credentials && new URL(page.url()).pathname === '/connexion') throw new Error(`${role}: login refused`);
    const walk: Walk = {
      role,
      page,
      meter: await TransferMeter.attach(page),
      consoleErrors: [],
      options,
      result: { role, patterns: 0, found: 0, checked: 0, files: 0, maxScriptBytes: 0, maxTransferBytes: 0, failures: [] },
      found: new Set(),
      checkedUrls: new Set(),
      checkedPerPattern: new Map(),
      queue: [],
    };
    page.on('console', (message) => {
      if (message.type() === 'error') walk.consoleErrors.push(`console : ${message.text()}`);
    });
    page.on('pageerror', (error) => walk.consoleErrors.push(`exception : ${error.message}`));
    await walkFrom(walk, withoutHash(page.url()));
    options.log(`crawl ${role}: ${walk.result.patterns} patterns, ${walk.result.found} addresses, ${walk.result.checked} pages checked, ${walk.result.files} files, ${walk.result.failures.length} failures`);
    return walk.result;
  } finally {
    await context.close();
  }
}

// ---------- the whole crawl ----------

function proofRows(roles: RoleResult[], durationMs: number): ProofRow[] {
  const failures = roles.flatMap((role) => role.failures);
  const checked = roles.reduce((sum, role) => sum + role.checked, 0);
  const patterns = roles.reduce((sum, role) => sum + role.patterns, 0);
  const countOf = (check: CheckName) => failures.filter((failure) => failure.check === check).length;
  const row = (check: CheckName, target = '0 page en défaut'): ProofRow => ({
    check: `parcours des pages : ${check}`,
    figure: `${countOf(check)} défaut(s) sur ${checked} pages`,
    target,
    met: countOf(check) === 0,
  });
  const maxScript = Math.max(0, ...roles.map((role) => role.maxScriptBytes));
  const maxTransfer = Math.max(0, ...roles.map((role) => role.maxTransferBytes));
  return [
    {
      check: 'parcours des pages : rôles et pages',
      figure: `${roles.length} rôles, ${patterns} modèles d’adresse, ${checked} pages vérifiées en ${Math.round(durationMs / 1000)} s`,
      target: `${CRAWL_ROLES.length} rôles, chaque modèle vérifié`,
      met: roles.length === CRAWL_ROLES.length && roles.every((role) => role.checked > 0),
    },
    row(CHECKS.status),
    row(CHECKS.axe),
    row(CHECKS.h1),
    row(CHECKS.lang),
    row(CHECKS.narrow),
    row(CHECKS.zoom),
    row(CHECKS.console),
    { ...row(CHECKS.js), figure: `${countOf(CHECKS.js)} défaut(s), au plus ${kilobytes(maxScript)}`, target: `≤ ${kilobytes(JS_LIMIT_BYTES)} par page` },
    { ...row(CHECKS.transfer), figure: `${countOf(CHECKS.transfer)} défaut(s), au plus ${kilobytes(maxTransfer)}`, target: `≤ ${kilobytes(TRANSFER_LIMIT_BYTES)} par page, cache vide` },
  ];
}

/** Starts the demo town and a browser, crawls as each role in turn, stops them. */
export async function crawlDemoTown(options: CrawlOptions = {}): Promise<CrawlResult> {
  const started = Date.now();
  const walkOptions = { all: options.all ?? false, perPattern: options.perPattern ?? 1, screenshotsPerRole: options.screenshotsPerRole ?? 0, log: options.log ?? (() => {}) };
  const session = await startBrowserSession();
  const roles: RoleResult[] = [];
  try {
    for (const role of CRAWL_ROLES) roles.push(await crawlRole(session, session.browser, role, walkOptions));
  } finally {
    await session.close();
  }
  const durationMs = Date.now() - started;
  return { roles, failures: roles.flatMap((role) => role.failures), rows: proofRows(roles, durationMs), durationMs };
}

/** One line per failure: role, address, check, detail. */
export function describeFailure(failure: CrawlFailure): string {
  return `[${failure.role}] ${failure.url} — ${failure.check} : ${failure.detail}`;
}

async function main(): Promise<number> {
  const result = await crawlDemoTown({ all: process.env.CRAWL_ALL === '1', screenshotsPerRole: 2, log: (line) => console.log(line) });
  for (const failure of result.failures) console.log(describeFailure(failure));
  printProofTable(result.rows);
  return result.failures.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
