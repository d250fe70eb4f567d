// Lighthouse on the pages most visitors read: the home page, a storefront, an offer and the
// basket, with the Debian Chromium (never a downloaded browser), as a phone on a slow network
// (Lighthouse's default). Prints the four category scores per page and exits 1 when one is
// below 95.
//
// One audit is left out, on one page: the basket asks search engines not to index it
// (`noindex`: it is one person's basket, nothing anyone should find in a search), which the
// SEO audit « is-crawlable » counts against it. Every other SEO audit runs there too.
//
//   npm run lighthouse                              starts the demo town on a fresh database
//   npm run lighthouse -- --url=http://localhost:3000  measures an app already running
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startAppProcess, type AppProcess } from '../test/helpers/server.ts';

const CHROMIUM_PATH = '/usr/bin/chromium';
const MINIMUM = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

type Scores = Record<(typeof CATEGORIES)[number], number>;

/** The first link under `main` whose address starts with `prefix`, read from the page's HTML. */
async function firstLink(pageUrl: string, prefix: string): Promise<string> {
  const html = await (await fetch(pageUrl)).text();
  const main = html.slice(html.indexOf('<main'));
  const match = new RegExp(`href="(${prefix}[^"]+)"`).exec(main);
  if (!match) throw new Error(`no link to ${prefix}… on ${pageUrl}`);
  return new URL(match[1], pageUrl).href;
}

interface Measured {
  name: string;
  url: string;
  /** Audits left out on this page, each for a reason given at the top of this file. */
  skipAudits?: string[];
}

async function pagesOf(base: string): Promise<Measured[]> {
  const storefront = await firstLink(base, '/commerces/');
  const offer = await firstLink(storefront, '/offres/');
  return [
    { name: 'accueil', url: base },
    { name: 'vitrine', url: storefront },
    { name: 'offre', url: offer },
    { name: 'panier', url: new URL('/panier', base).href, skipAudits: ['is-crawlable'] },
  ];
}

async function measure({ url, skipAudits }: Measured, port: number): Promise<Scores> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, skipAudits ? { extends: 'lighthouse:default', settings: { skipAudits } } : undefined);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const scores = {} as Scores;
  for (const category of CATEGORIES) scores[category] = Math.round((result.lhr.categories[category]?.score ?? 0) * 100);
  const failing = Object.values(result.lhr.audits).filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'notApplicable');
  for (const audit of failing) console.log(`    ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
  return scores;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  let app: AppProcess | undefined;
  const base = values.url ?? (app = await startAppProcess({}, 240_000)).url;
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  let worst = 100;
  try {
    console.log(`page        ${CATEGORIES.map((category) => category.padStart(15)).join('')}`);
    for (const page of await pagesOf(base.endsWith('/') ? base : `${base}/`)) {
      const scores = await measure(page, chrome.port);
      const skipped = page.skipAudits ? `   (audit left out: ${page.skipAudits.join(', ')})` : '';
      console.log(`${page.name.padEnd(12)}${CATEGORIES.map((category) => String(scores[category]).padStart(15)).join('')}   ${page.url}${skipped}`);
      worst = Math.min(worst, ...Object.values(scores));
    }
  } finally {
    chrome.kill();
    await app?.stop();
  }
  if (worst < MINIMUM) {
    console.error(`A score is below ${MINIMUM} (lowest: ${worst}).`);
    return 1;
  }
  console.log(`Every score is ${MINIMUM} or more (lowest: ${worst}).`);
  return 0;
}

process.exitCode = await main();
