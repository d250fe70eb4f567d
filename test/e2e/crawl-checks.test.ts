// The crawler's own checks must catch what they look for: a page built with every fault
// (two h1, English, a 400 px block, 12 px text, an unlabelled field) is reported for each, a
// page without any is not, and addresses reduce to the patterns the crawl counts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { checkLoadedPage, CHECKS, JS_LIMIT_BYTES, TRANSFER_LIMIT_BYTES, WIDE } from '../../scripts/proof/crawl-page.ts';
import { patternOf } from '../../scripts/proof/crawl.ts';

let browser: Browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function pageWith(html: string): Promise<Page> {
  // axe wants a page of a context of its own (browser.newPage() is refused)
  const context = await browser.newContext({ viewport: WIDE });
  const page = await context.newPage();
  await page.setContent(html);
  return page;
}

const FAULTY = `<!doctype html><html lang="en"><head><title>Faulty</title></head><body style="font-size:12px">
  <main><h1>One</h1><h1>Two</h1><p>Small print everywhere.</p>
  <div style="width:400px">A block wider than a phone.</div><input type="text"></main></body></html>`;

const SOUND = `<!doctype html><html lang="fr"><head><title>Correcte</title><meta name="viewport" content="width=device-width"></head>
  <body style="font-size:18px"><main><h1>Une page</h1><p>Un texte lisible qui passe à la ligne quand il le faut.</p>
  <label for="nom">Nom</label><input id="nom" type="text"></main></body></html>`;

test('a page with every fault is reported for each check', async () => {
  const page = await pageWith(FAULTY);
  const findings = await checkLoadedPage(page, { scriptBytes: JS_LIMIT_BYTES + 1, transferBytes: TRANSFER_LIMIT_BYTES + 1, imageBytes: 0 });
  const checks = new Set(findings.map((finding) => finding.check));
  for (const check of [CHECKS.h1, CHECKS.lang, CHECKS.axe, CHECKS.narrow, CHECKS.zoom, CHECKS.js, CHECKS.transfer]) assert.ok(checks.has(check), `${check} is reported: ${JSON.stringify(findings)}`);
  assert.match(findings.find((finding) => finding.check === CHECKS.axe)!.detail, /\blabel\b.*\(1 element/);
  assert.match(findings.find((finding) => finding.check === CHECKS.narrow)!.detail, /déborde de \d+ px à 320 px/);
  assert.ok(findings.some((finding) => finding.check === CHECKS.zoom && /texte de 12 px/.test(finding.detail)));
  await page.context().close();
});

test('a sound page within its weight passes every check', async () => {
  const page = await pageWith(SOUND);
  assert.deepEqual(await checkLoadedPage(page, { scriptBytes: JS_LIMIT_BYTES, transferBytes: TRANSFER_LIMIT_BYTES, imageBytes: 10 * TRANSFER_LIMIT_BYTES }), []);
  await page.context().close();
});

test('addresses reduce to patterns: ids, dates and numbers become :id, a query one more pattern', () => {
  const base = 'http://127.0.0.1:3000';
  assert.equal(patternOf(`${base}/gestion/commandes/01a23c40-e82d-7b51-b03d-468bc3702005`), '/gestion/commandes/:id');
  assert.equal(patternOf(`${base}/gestion/tournee?date=2026-12-04`), '/gestion/tournee?…');
  assert.equal(patternOf(`${base}/gestion/tournee/2026-12-04`), '/gestion/tournee/:id');
  assert.equal(patternOf(`${base}/categories/fromagerie`), '/categories/:id');
  assert.equal(patternOf(`${base}/commerces?page=2`), patternOf(`${base}/commerces?genre=food`));
  assert.notEqual(patternOf(`${base}/commerces`), patternOf(`${base}/commerces?page=2`));
  assert.equal(patternOf(`${base}/`), '/');
});
