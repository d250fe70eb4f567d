// The town's yearly review in a real browser, on the demo town seeded at a fixed instant: the
// town user asks for the demo year's review, follows its progress on a page that reloads
// itself (no script) until the app's own job has built it, downloads the PDF, and its cover
// and a chart page are rendered to images with pdftoppm (poppler-utils), checked not blank
// and kept in test-results/ to look at. axe and 320 px on every page visited.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserSession, checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, download, login, RESULTS_DIR, startBrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;

before(async () => {
  // Wednesday 2 December 2026: the demo town's year runs from January to this month.
  session = await startBrowserSession({ CLOCK_START: '2026-12-02T08:00:00Z' });
});

after(async () => {
  await session?.close();
});

/** Share of a page's pixels that are dark, read from pdftoppm's grey image (PGM: a header, then one byte a pixel). */
function darkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'));
  assert.ok(header, 'a PGM image');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark += 1;
  return dark / pixels.length;
}

/** Renders page `page` of the PDF as a grey image (to measure) and a PNG (kept in test-results/ to look at). */
function renderPage(file: string, page: number, name: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'bilan-'));
  try {
    execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', String(page), '-l', String(page), '-singlefile', file, join(dir, 'page')]);
    mkdirSync(RESULTS_DIR, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', file, join(RESULTS_DIR, name)]);
    return darkShare(readFileSync(join(dir, 'page.pgm')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the town asks for the demo year’s review, watches it being prepared, and downloads a printable PDF', async () => {
  const page = await session.newPage({ width: 1280, height: 900 });
  await login(page, DEMO_LOGINS.town, DEMO_PASSWORD);
  await page.goto('/gestion');
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Bilan annuel' }).click());
  assert.equal(new URL(page.url()).pathname, '/ville/bilan');
  await checkPage(page, 'yearly-review-ask');
  assert.equal(await page.locator('script').count(), 0, 'no script on the page');

  await page.getByLabel('Année').fill('2026');
  await clickAndWait(page, page.getByRole('button', { name: 'Préparer le bilan' }).click());
  assert.match(new URL(page.url()).pathname, /^\/ville\/bilan\/[0-9a-f-]{36}$/);
  const first = plain(await page.locator('main').innerText());
  assert.match(first, /Bilan 2026/);
  if (!/est prêt/.test(first)) {
    // Still being prepared: the page says how far, and reloads itself.
    assert.match(first, /Avancement de la préparation/);
    assert.equal(await page.locator('meta[http-equiv="refresh"]').getAttribute('content'), '3');
    // The page reloads every 3 seconds, under axe's feet. It offers to stop (WCAG 2.2.1: a timed
    // reload its reader can turn off); the page turned off, the same but for the reload and that
    // link, is the one axe checks (axe's meta-refresh rule would fail any timed reload).
    const progressUrl = page.url();
    await clickAndWait(page, page.getByRole('link', { name: 'Ne plus mettre à jour la page toute seule' }).click());
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0, 'turned off, the page stays still');
    await checkPage(page, 'yearly-review-progress');
    await page.goto(progressUrl);
  }

  // The app's scheduler runs the job every few seconds; the page reloads until the file is offered.
  const link = page.getByRole('link', { name: 'Télécharger le bilan 2026 (PDF)' });
  await link.waitFor({ timeout: 90_000 });
  assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0, 'a finished review stops reloading');
  await checkPage(page, 'yearly-review-ready');
  const pdf = await download(page, link.click());
  assert.equal(pdf.name, 'bilan-conciergerie-2026.pdf');
  assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');

  const dir = mkdtempSync(join(tmpdir(), 'bilan-'));
  try {
    const file = join(dir, 'bilan.pdf');
    writeFileSync(file, pdf.bytes);
    const text = plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    assert.match(text, /Bilan annuel 2026/);
    assert.match(text, /Conciergerie de la ville d’Istres/);
    assert.match(text, /Commandes et ventes par mois/);
    // Page 1 is the cover, page 3 the months with the dashboard's charts.
    const cover = renderPage(file, 1, 'yearly-review-page-1');
    const charts = renderPage(file, 3, 'yearly-review-page-3');
    assert.ok(cover > 0.002, `the cover has text on it (${cover})`);
    assert.ok(charts > 0.03, `the chart page has bars on it (${charts})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Asking again for the same year offers the file already made, and « refaire ».
  await page.goto('/ville/bilan');
  await page.getByLabel('Année').fill('2026');
  await clickAndWait(page, page.getByRole('button', { name: 'Préparer le bilan' }).click());
  assert.match(plain(await page.locator('main').innerText()), /Le bilan 2026 est déjà prêt/);
  assert.equal(await page.getByRole('button', { name: 'Refaire le bilan 2026' }).count(), 1);
});
