// Browser tests: the real app in its own process, the Debian Chromium driven by
// playwright-core (never a downloaded browser), an accessibility check with axe on every
// page visited, and screenshots in test-results/ to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import type { Role } from '../../src/platform/page-context.ts';
import { makeAccount } from './accounts.ts';
import { startAppProcess, type AppProcess } from './server.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** The accounts the demo seed creates (src/demo/seed.ts). */
export const DEMO_PASSWORD = 'demo-istres-2026';
export const DEMO_LOGINS = {
  concierge: 'concierge@conciergerie.test',
  town: 'mairie@conciergerie.test',
  merchant: 'fromagerie@conciergerie.test',
  resident: 'adherent@conciergerie.test',
} as const;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface BrowserSession {
  app: AppProcess;
  browser: Browser;
  /** A new page (its own cookies) at a given width; closed with the session. */
  newPage: (options?: { width?: number; height?: number }) => Promise<Page>;
  /** Adds an account to the running app's database; its password is TEST_PASSWORD. */
  makeAccount: (role: Role, fields?: { email?: string; displayName?: string; shopId?: string }) => Promise<{ id: string; email: string; password: string }>;
  /** Whether an account with this e-mail exists (the demo seed's, for instance). */
  accountExists: (email: string) => Promise<boolean>;
  close: () => Promise<void>;
}

/** Starts the app and a browser for one test file; call close() in `after`. */
export async function startBrowserSession(env: Record<string, string> = {}): Promise<BrowserSession> {
  const app = await startAppProcess(env);
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await app.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  const withDb = async <T>(work: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> => {
    const db = createDb({ dialect: 'sqlite', file: app.databaseFile });
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  };
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: app.databaseUrl, BASE_URL: app.url });
  return {
    app,
    browser,
    newPage: async ({ width = 1024, height = 768 } = {}) => {
      const context = await browser.newContext({ baseURL: app.url, viewport: { width, height }, locale: 'fr-FR' });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return context.newPage();
    },
    makeAccount: (role, fields = {}) => withDb((db) => makeAccount(db, config, role, fields)),
    accountExists: (email) =>
      withDb(async (db) => Boolean(await db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirst())),
    close: async () => {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await app.stop();
    },
  };
}

/** Fails listing every WCAG 2.1 A/AA violation axe finds on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((violation) => {
    const nodes = violation.nodes
      .slice(0, 5)
      .map((node) => `      ${node.target.join(' ')}${node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ')}` : ''}`)
      .join('\n');
    return `  [${violation.impact ?? 'n/a'}] ${violation.id}: ${violation.help} (${violation.nodes.length} element(s))\n${nodes}`;
  });
  throw new Error(`${results.violations.length} accessibility violation(s) on ${page.url()}:\n${lines.join('\n')}`);
}

/** Saves a full-page PNG as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name.replace(/[^a-zA-Z0-9_-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Logs in through the real login form, as a person would. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel(/^Adresse e-mail/).fill(email);
  await page.getByLabel(/^Mot de passe/).fill(password);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Se connecter' }).click()]);
}

/** On a narrow screen the navigation is folded in the header's « Menu »: opens it (nothing to do on a wide one). */
export async function openMenu(page: Page): Promise<void> {
  const menu = page.locator('details.site-menu');
  if (!(await menu.isVisible()) || (await menu.getAttribute('open')) !== null) return;
  await menu.locator('summary').click();
}

/** Logs out with the header's button (in the « Menu » on a narrow screen). */
export async function logout(page: Page): Promise<void> {
  await openMenu(page);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForLoadState('load');
}

/** Whether the page scrolls sideways at its current width (it must not, down to 320 px). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** Runs an action that navigates (a click, a submit) and waits for the next page to load. */
export async function clickAndWait(page: Page, action: Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action]);
  await page.waitForLoadState('load');
}

/**
 * The checks every page passes: no axe violation, one h1, no sideways scrolling at 320 px;
 * screenshots at 1024 and 320 px in test-results/ to look at. Leaves the page at 1024 px.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  assert.equal(await page.locator('h1').count(), 1, `${page.url()} has one h1`);
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await scrollsSideways(page), false, `${page.url()} scrolls sideways at 320 px`);
  await screenshot(page, `${name}-320`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

/** The file a click downloads: its suggested name and its bytes. */
export async function download(page: Page, click: Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}
