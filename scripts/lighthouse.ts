// Lighthouse on the pages most visitors read: the home page, a storefront, an offer, the
// basket and the checkout's first two steps (where to collect, when), with the Debian Chromium
// (never a downloaded browser), as a phone on a slow network (Lighthouse's default). Every
// category must score 95 or more. measureLighthouse() answers one proof row per page;
// run alone, this prints the four scores per page and exits 1 when one is below 95.
//
// Each page is measured several times (3 unless told) and each category keeps its median, as
// Lighthouse's guide on variability advises: on a machine shared with other work, one run's
// performance can lose ten points to a busy CPU (total blocking time) without the page changing.
//
// The checkout is one person's: the demo resident logs in over HTTP, puts an offer in the
// basket, and Lighthouse sends that session's cookie with every request of those pages.
//
// One audit is left out, on the pages that are one person's (the basket, the checkout): they
// ask search engines not to index them (`noindex`: nothing anyone should find in a search),
// which the SEO audit « is-crawlable » counts against them. Every other SEO audit runs there.
//
//   npm run lighthouse                              starts the demo town on a fresh database
//   npm run lighthouse -- --url=http://localhost:3000  measures an app already running (demo accounts needed)
//   npm run lighthouse -- --runs=5                  more runs per page
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startAppProcess, type AppProcess } from '../test/helpers/server.ts';
import { cookieHeader, hiddenField, keepCookies, newAgent, request } from './bench/http.ts';
import type { ProofRow } from './proof/row.ts';

const CHROMIUM_PATH = '/usr/bin/chromium';
const MINIMUM = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const CATEGORY_NAMES: Record<Category, string> = { performance: 'performance', accessibility: 'accessibilité', 'best-practices': 'bonnes pratiques', seo: 'SEO' };
/** The demo seed's resident (src/demo/seed.ts). */
const DEMO_RESIDENT = { email: 'adherent@conciergerie.test', password: 'demo-istres-2026' };
/** The reason is at the top of this file. */
const PERSONAL_PAGE_SKIPS = ['is-crawlable'];
const DEFAULT_RUNS = 3;

/**
 * Lighthouse's own list, plus the cookies: a page is read by a newcomer, and a cookie left by
 * a page measured earlier would replace the Cookie header a personal page is measured with.
 */
const CLEARED_STORAGE: Array<'file_systems' | 'shader_cache' | 'service_workers' | 'cache_storage' | 'cookies'> = ['file_systems', 'shader_cache', 'service_workers', 'cache_storage', 'cookies'];

type Category = (typeof CATEGORIES)[number];
type Scores = Record<Category, number>;

interface Measured {
  name: string;
  url: string;
  /** Audits left out on this page, each for a reason given at the top of this file. */
  skipAudits?: string[];
  /** The Cookie header of a logged-in person, for a page that is theirs. */
  cookie?: string;
}

export interface PageScores {
  page: Measured;
  /** Each category's median over the runs. */
  scores: Scores;
  /** Each run's performance score, in order. */
  performanceRuns: number[];
  /** The audits below 0.9 in the run of the median performance, as « id: title (value) », to know what to fix. */
  weak: string[];
}

interface Run {
  scores: Scores;
  weak: string[];
}

/** The middle value; of an even count, the lower middle one (a score is not made up). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Every link under `main` whose address starts with `prefix`, read from the page's HTML. */
async function linksOf(pageUrl: string, prefix: string): Promise<string[]> {
  const html = await (await fetch(pageUrl)).text();
  const main = html.slice(html.indexOf('<main'));
  const links = [...main.matchAll(new RegExp(`href="(${prefix}[^"]+)"`, 'g'))].map((match) => new URL(match[1], pageUrl).href);
  if (links.length === 0) throw new Error(`no link to ${prefix}… on ${pageUrl}`);
  return [...new Set(links)];
}

/**
 * Logs the demo resident in over HTTP and adds the first offer of `offers` that can be added
 * to their basket; answers the session's Cookie header and the first collection point offered.
 */
async function residentWithBasket(base: string, offers: string[]): Promise<{ cookie: string; placeId: string }> {
  const agent = newAgent(1);
  const jar = new Map<string, string>();
  const call = async (url: string, options: { method?: 'GET' | 'POST'; form?: Record<string, string> } = {}) => {
    const answer = await request(agent, new URL(url, base).href, { ...options, cookie: cookieHeader(jar) });
    keepCookies(jar, answer.setCookies);
    return answer;
  };
  try {
    const login = await call('/connexion');
    const loggedIn = await call('/connexion', { method: 'POST', form: { _csrf: hiddenField(login.body, '_csrf'), ...DEMO_RESIDENT } });
    if (loggedIn.status !== 303) throw new Error(`the demo resident's login answered ${loggedIn.status}`);
    for (const offer of offers) {
      const page = await call(offer);
      if (!page.body.includes('action="/panier/ajouter"')) continue;
      const form = { _csrf: hiddenField(page.body, '_csrf'), offer_id: hiddenField(page.body, 'offer_id'), quantity: '1' };
      const added = await call('/panier/ajouter', { method: 'POST', form });
      if (added.status !== 303) throw new Error(`adding ${offer} to the basket answered ${added.status}`);
      const place = await call('/commande/lieu');
      const placeId = /name="place_id" value="([^"]+)"/.exec(place.body)?.[1];
      if (place.status !== 200 || !placeId) throw new Error(`the checkout's first step answered ${place.status} without a place to choose`);
      return { cookie: cookieHeader(jar), placeId };
    }
    throw new Error('no offer of the storefront can be added to a basket');
  } finally {
    agent.destroy();
  }
}

async function pagesOf(base: string): Promise<Measured[]> {
  const [storefront] = await linksOf(base, '/commerces/');
  const offers = await linksOf(storefront, '/offres/');
  const { cookie, placeId } = await residentWithBasket(base, offers);
  const personal = { skipAudits: PERSONAL_PAGE_SKIPS };
  return [
    { name: 'accueil', url: base },
    { name: 'vitrine', url: storefront },
    { name: 'offre', url: offers[0] },
    { name: 'panier', url: new URL('/panier', base).href, ...personal },
    { name: 'commande, lieu', url: new URL('/commande/lieu', base).href, cookie, ...personal },
    { name: 'commande, créneau', url: new URL(`/commande/creneau?place_id=${encodeURIComponent(placeId)}`, base).href, cookie, ...personal },
  ];
}

/**
 * Trace recordings that fail now and then on a busy machine, whatever the page: Lighthouse's
 * own message asks to « run Lighthouse again », which is done, at most twice.
 */
const TRACE_FAILURES = new Set(['NO_NAVSTART', 'NO_TRACING_STARTED']);
const TRACE_RETRIES = 2;

async function lighthouseReport(page: Measured, port: number) {
  const settings = { clearStorageTypes: CLEARED_STORAGE, ...(page.skipAudits ? { skipAudits: page.skipAudits } : {}) };
  const flags = { port, output: 'json' as const, logLevel: 'error' as const, onlyCategories: [...CATEGORIES], ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}) };
  for (let retry = 0; ; retry += 1) {
    const result = await lighthouse(page.url, flags, { extends: 'lighthouse:default', settings });
    if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
    const code = result.lhr.runtimeError?.code;
    if (!code || !TRACE_FAILURES.has(code) || retry === TRACE_RETRIES) return result.lhr;
    console.warn(`    ${page.url}: ${code}, measured again`);
  }
}

async function runOnce(page: Measured, port: number): Promise<Run> {
  const lhr = await lighthouseReport(page, port);
  // A page that answered an error or redirected elsewhere (a lost session) is not the page meant.
  if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${page.url}: ${lhr.runtimeError.message}`);
  if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(page.url).pathname) throw new Error(`${page.url} led to ${lhr.finalDisplayedUrl}`);
  const scores = {} as Scores;
  for (const category of CATEGORIES) scores[category] = Math.round((lhr.categories[category]?.score ?? 0) * 100);
  const weak = Object.values(lhr.audits)
    .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'notApplicable')
    .map((audit) => `${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
  return { scores, weak };
}

async function measure(page: Measured, port: number, runs: number): Promise<PageScores> {
  const done: Run[] = [];
  for (let run = 0; run < runs; run += 1) done.push(await runOnce(page, port));
  const scores = {} as Scores;
  for (const category of CATEGORIES) scores[category] = median(done.map((run) => run.scores[category]));
  const performanceRuns = done.map((run) => run.scores.performance);
  const middle = done.find((run) => run.scores.performance === scores.performance) ?? done[0];
  return { page, scores, performanceRuns, weak: middle.weak };
}

/** « Lighthouse, panier »: the four scores, met when the lowest reaches the minimum. */
export function proofRowOf({ page, scores, performanceRuns }: PageScores): ProofRow {
  const lowest = Math.min(...Object.values(scores));
  return {
    check: `Lighthouse, ${page.name}`,
    figure: `${CATEGORIES.map((category) => `${CATEGORY_NAMES[category]} ${scores[category]}`).join(', ')} (médianes de ${performanceRuns.length} passages)`,
    target: `≥ ${MINIMUM} dans chaque catégorie`,
    met: lowest >= MINIMUM,
  };
}

/**
 * Measures every page `runs` times on the app at `url`, or on the demo town started on a fresh
 * database; `onPage` sees each page's scores as they come.
 */
export async function measureLighthouse(options: { url?: string; runs?: number; onPage?: (measured: PageScores) => void } = {}): Promise<ProofRow[]> {
  const runs = options.runs ?? DEFAULT_RUNS;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a whole number from 1, not ${runs}`);
  let app: AppProcess | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    const base = options.url ?? (app = await startAppProcess({}, 240_000)).url;
    const pages = await pagesOf(base.endsWith('/') ? base : `${base}/`);
    chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const rows: ProofRow[] = [];
    for (const page of pages) {
      const measured = await measure(page, chrome.port, runs);
      options.onPage?.(measured);
      rows.push(proofRowOf(measured));
    }
    return rows;
  } finally {
    chrome?.kill();
    await app?.stop();
  }
}

function printPage({ page, scores, performanceRuns, weak }: PageScores): void {
  for (const line of weak) console.log(`    ${line}`);
  const skipped = page.skipAudits ? `   (audit left out: ${page.skipAudits.join(', ')})` : '';
  console.log(`${page.name.padEnd(18)}${CATEGORIES.map((category) => String(scores[category]).padStart(15)).join('')}   performance runs ${performanceRuns.join(' ')}   ${page.url}${skipped}`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, runs: { type: 'string' } } });
  console.log(`page (medians)    ${CATEGORIES.map((category) => category.padStart(15)).join('')}`);
  let lowest = 100;
  const rows = await measureLighthouse({
    url: values.url,
    runs: values.runs === undefined ? undefined : Number(values.runs),
    onPage: (measured) => {
      printPage(measured);
      lowest = Math.min(lowest, ...Object.values(measured.scores));
    },
  });
  const failing = rows.filter((row) => !row.met);
  if (failing.length > 0) {
    console.error(`A score is below ${MINIMUM} on: ${failing.map((row) => row.check).join(', ')} (lowest: ${lowest}).`);
    return 1;
  }
  console.log(`Every score is ${MINIMUM} or more on ${rows.length} pages (lowest: ${lowest}).`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
