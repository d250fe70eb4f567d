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
// To stay within CI time, addresses are reduced to a pattern (ids, dates, numbers → :id, a
// query reduced to « ?… ») and `perPattern` pages of each pattern are checked per role; `all` (or
// CRAWL_ALL=1 standalone) checks every page reached.
//
//   node --import tsx scripts/proof/crawl.ts            prints the table (CRAWL_ALL=1: every page)
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
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
  /** The patterns themselves, sorted. */
  patternList: string[];
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
  /** Tabs per role walking its queue together (the browser checks one while the server renders another). */
  tabs?: number;
  /** The roles to crawl, all by default. */
  roles?: readonly CrawlRole[];
  /** How many of each role's first pages are photographed at 320 and 640 px in test-results/. */
  screenshotsPerRole?: number;
  log?: (line: string) => void;
}

// ---------- addresses ----------

function isIdSegment(segment: string, parent: string | undefined): boolean {
  return /\d/.test(segment) || /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(segment) || (parent !== undefined && NAMED_PARENTS.has(parent));
}

/**
 * The page's address with its ids, dates and numbers as :id; a query (a filter, a page of a
 * list, a search) is one more pattern of the same path, whatever its fields: the same view.
 */
export function patternOf(address: string): string {
  const url = new URL(address);
  const segments = url.pathname.split('/');
  const path = segments.map((segment, index) => (segment && isIdSegment(segment, segments[index - 1]) ? ':id' : segment)).join('/');
  return url.search ? `${path}?…` : path;
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

/** One browser tab of a role's walk, with its own meter and console. */
interface Tab {
  page: Page;
  meter: TransferMeter;
  consoleErrors: string[];
}

interface Walk {
  role: CrawlRole;
  options: WalkOptions;
  result: RoleResult;
  found: Set<string>;
  checkedUrls: Set<string>;
  /** Pages of each pattern checked or being checked: the quota is taken before the visit. */
  perPattern: Map<string, number>;
  patterns: Set<string>;
  queue: string[];
}

type WalkOptions = Required<Omit<CrawlOptions, 'log' | 'roles'>> & { log: (line: string) => void };

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
async function isPage(walk: Walk, tab: Tab, address: string): Promise<boolean> {
  const response = await tab.page.request.head(address, { failOnStatusCode: false });
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

async function visit(walk: Walk, tab: Tab, address: string): Promise<void> {
  if (!(await isPage(walk, tab, address))) return;
  const { page, meter } = tab;
  meter.reset();
  tab.consoleErrors.length = 0;
  const response = await page.goto(address, { waitUntil: 'load' });
  const url = withoutHash(page.url());
  // A redirect to a page already checked (a list's filter falling back to the list) adds nothing.
  if (walk.checkedUrls.has(url)) return;
  walk.checkedUrls.add(url);
  walk.found.add(url);
  const weight = meter.read();
  const findings: PageFinding[] = [];
  if (!response || response.status() >= 400) findings.push({ check: CHECKS.status, detail: `GET ${response?.status() ?? 'sans réponse'}` });
  findings.push(...(await checkLoadedPage(page, weight)));
  for (const message of tab.consoleErrors) findings.push({ check: CHECKS.console, detail: message });
  fail(walk, url, findings);
  const { result } = walk;
  result.checked += 1;
  result.maxScriptBytes = Math.max(result.maxScriptBytes, weight.scriptBytes);
  result.maxTransferBytes = Math.max(result.maxTransferBytes, weight.transferBytes);
  if (result.checked <= walk.options.screenshotsPerRole) await photograph(walk.role, page, patternOf(url));
  enqueue(walk, await addressesOn(page, new URL(url).origin));
}

async function photograph(role: CrawlRole, page: Page, pattern: string): Promise<void> {
  const name = `crawl-${role}-${pattern.replace(/^\//, '') || 'accueil'}`;
  for (const width of [NARROW_WIDTH_PX, ZOOMED_WIDTH_PX]) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize(WIDE);
}

/** The next address worth a visit, its pattern's quota taken; undefined when the queue holds none. */
function nextAddress(walk: Walk): string | undefined {
  while (walk.queue.length > 0) {
    const address = walk.queue.shift()!;
    const pattern = patternOf(address);
    walk.patterns.add(pattern);
    const taken = walk.perPattern.get(pattern) ?? 0;
    if (!walk.options.all && taken >= walk.options.perPattern) continue;
    walk.perPattern.set(pattern, taken + 1);
    return address;
  }
  return undefined;
}

/** Breadth first, each tab taking the next address as soon as it is free. */
async function walkFrom(walk: Walk, tabs: Tab[], start: string): Promise<void> {
  enqueue(walk, [start]);
  const idle = [...tabs];
  const running = new Set<Promise<void>>();
  while (true) {
    let address: string | undefined;
    while (idle.length > 0 && (address = nextAddress(walk)) !== undefined) {
      const tab = idle.pop()!;
      const at = address;
      const work: Promise<void> = visit(walk, tab, at)
        .catch((error: Error) => fail(walk, at, [{ check: CHECKS.status, detail: `page non chargée : ${error.message.split('\n')[0]}` }]))
        .finally(() => {
          idle.push(tab);
          running.delete(work);
        });
      running.add(work);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  walk.result.patterns = walk.patterns.size;
  walk.result.patternList = [...walk.patterns].sort();
  walk.result.found = walk.found.size;
}

async function openTab(context: BrowserContext): Promise<Tab> {
  const page = await context.newPage();
  const tab: Tab = { page, meter: await TransferMeter.attach(page), consoleErrors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') tab.consoleErrors.push(`console : ${message.text()}`);
  });
  page.on('pageerror', (error) => tab.consoleErrors.push(`exception : ${error.message}`));
  return tab;
}

async function loginOf(session: BrowserSession, role: CrawlRole): Promise<{ email: string; password: string } | null> {
  if (role === 'visitor') return null;
  if (role !== 'driver') return { email: DEMO_LOGINS[role], password: DEMO_PASSWORD };
  if (await session.accountExists(DRIVER_LOGIN)) return { email: DRIVER_LOGIN, password: DEMO_PASSWORD };
  return session.makeAccount('driver', { displayName: 'Karim Haddad' });
}

/** Logs the role in (tabs share the context's cookies) and answers where its walk starts. */
async function startOf(session: BrowserSession, role: CrawlRole, page: Page): Promise<string> {
  const credentials = await loginOf(session, role);
  if (!credentials) {
    await page.goto('/');
    return withoutHash(page.url());
  }
  await login(page, credentials.email, credentials.password);
  if (new URL(page.url()).pathname === '/connexion') throw new Error(`${role}: login refused`);
  return withoutHash(page.url());
}

async function crawlRole(session: BrowserSession, role: CrawlRole, options: WalkOptions): Promise<RoleResult> {
  const context = await session.browser.newContext({ baseURL: session.app.url, viewport: WIDE, locale: 'fr-FR', acceptDownloads: false });
  context.setDefaultTimeout(30_000);
  try {
    const tabs = [await openTab(context)];
    const start = await startOf(session, role, tabs[0].page);
    while (tabs.length < options.tabs) tabs.push(await openTab(context));
    const walk: Walk = {
      role,
      options,
      result: { role, patterns: 0, patternList: [], found: 0, checked: 0, files: 0, maxScriptBytes: 0, maxTransferBytes: 0, failures: [] },
      found: new Set(),
      checkedUrls: new Set(),
      perPattern: new Map(),
      patterns: new Set(),
      queue: [],
    };
    await walkFrom(walk, tabs, start);
    const { result } = walk;
    options.log(`crawl ${role}: ${result.patterns} patterns, ${result.found} addresses, ${result.checked} pages checked, ${result.files} files, ${result.failures.length} failures`);
    return result;
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
      figure: `${roles.length} rôles, ${patterns} modèles d’adresse (somme des rôles), ${checked} pages vérifiées en ${Math.round(durationMs / 1000)} s`,
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
  const walkOptions: WalkOptions = { all: options.all ?? false, perPattern: options.perPattern ?? 1, tabs: options.tabs ?? 2, screenshotsPerRole: options.screenshotsPerRole ?? 0, log: options.log ?? (() => {}) };
  const session = await startBrowserSession();
  const roles: RoleResult[] = [];
  try {
    for (const role of options.roles ?? CRAWL_ROLES) roles.push(await crawlRole(session, role, walkOptions));
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
