// The concierge imports the town's list of 150 shops in a real browser, on the demo town at a
// fixed instant: the first file has bad rows, listed by line, and nothing is written; the
// corrected file imports them all, « à contacter », and they show in the directory. Then the
// daily health job runs and a member shop without orders for weeks shows its alert and gets
// its follow-up task. axe, one h1, no sideways scrolling at 320 px on every page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type BrowserSession, checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, login, startBrowserSession } from '../helpers/browser.ts';
import { runCli } from '../helpers/server.ts';
import { plain } from '../helpers/text.ts';
import { shopListCsv } from '../fixtures/shop-list.ts';
import { createDb } from '../../src/db/index.ts';

const NOW = '2026-12-02T08:00:00Z';
let session: BrowserSession;

before(async () => {
  session = await startBrowserSession({ CLOCK_START: NOW });
});

after(async () => {
  await session?.close();
});

async function withDb<T>(work: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const shopCount = () => withDb(async (db) => Number((await db.selectFrom('shops').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count));

test('the concierge imports 150 shops: bad rows first, nothing written, then the corrected file', async () => {
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await page.goto('/gestion/commerces');
  await clickAndWait(page, page.getByRole('link', { name: 'Importer une liste de commerces (CSV)' }).click());
  await checkPage(page, 'journey-shop-import-upload');
  const before = await shopCount();

  const upload = async (buffer: Buffer) => {
    await page.getByLabel(/^Fichier de la liste/).setInputFiles({ name: 'commerces-istres.csv', mimeType: 'text/csv', buffer });
    await clickAndWait(page, page.getByRole('button', { name: 'Envoyer le fichier' }).click());
  };
  await upload(shopListCsv({ count: 150, start: 700, badSiretLines: [12], duplicateLines: [40], noPostalCodeLines: [99] }));
  const bad = plain((await page.locator('main').textContent()) ?? '');
  assert.match(bad, /Nouveaux : 147\. Déjà connus : 0\. À corriger : 3\./);
  assert.match(bad, /Ligne 12 : SIRET « \d{14} » invalide/);
  assert.match(bad, /Ligne 40 : même SIRET que la ligne 39\./);
  assert.match(bad, /Ligne 99 : code postal manquant\./);
  assert.equal(await page.getByRole('button', { name: /^Importer/ }).count(), 0, 'no import while a row is bad');
  await checkPage(page, 'journey-shop-import-bad-rows');
  assert.equal(await shopCount(), before, 'nothing written');

  await clickAndWait(page, page.getByRole('link', { name: 'Envoyer un autre fichier' }).click());
  await upload(shopListCsv({ count: 150, start: 700 }));
  assert.match(plain((await page.locator('main').textContent()) ?? ''), /Nouveaux : 150\. Déjà connus : 0\. À corriger : 0\./);
  await checkPage(page, 'journey-shop-import-preview');
  await clickAndWait(page, page.getByRole('button', { name: 'Importer 150 commerces' }).click());
  assert.match(plain((await page.locator('main').textContent()) ?? ''), /150 commerces ajoutés à l’annuaire/);
  assert.equal(await shopCount(), before + 150);

  await page.getByLabel('Nom du commerce').fill('Commerce 777');
  await clickAndWait(page, page.getByRole('button', { name: 'Rechercher' }).click());
  await clickAndWait(page, page.getByRole('link', { name: 'Commerce 777', exact: true }).click());
  assert.match(plain((await page.locator('main').textContent()) ?? ''), /À contacter/);
  await checkPage(page, 'journey-shop-import-shop');
});

test('the health job turns a shop without orders into a follow-up task the concierge sees', async () => {
  const ran = await runCli(['job', 'shop-health-alerts'], { DATABASE_URL: session.app.databaseUrl, CLOCK_START: NOW, NODE_ENV: 'test' });
  assert.equal(ran.code, 0, ran.output);
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await page.goto('/gestion/sante-des-commerces?tri=nom&alerte=no_order');
  await checkPage(page, 'journey-shop-health-list');
  const shopLink = page.locator('main table tbody th a').first();
  const name = ((await shopLink.textContent()) ?? '').trim();
  await clickAndWait(page, shopLink.click());
  const panel = plain((await page.locator('section', { has: page.getByRole('heading', { name: 'Santé du commerce' }) }).textContent()) ?? '');
  assert.match(panel, /aucune commande depuis 6 semaines/);
  await checkPage(page, 'journey-shop-health-panel');
  const titles = await withDb((db) =>
    db.selectFrom('shop_tasks').innerJoin('shops', 'shops.id', 'shop_tasks.shop_id').select('shop_tasks.title').where('shops.trade_name', '=', name).execute(),
  );
  assert.ok(titles.some((row) => plain(row.title) === 'Relancer : aucune commande depuis 6 semaines'), `${name}: ${JSON.stringify(titles)}`);
  // The concierge meets it where she works: on the shop's page and in « Commerces à relancer ».
  assert.match(plain((await page.locator('main').textContent()) ?? ''), /Relancer : aucune commande depuis 6 semaines/);
  await page.goto('/gestion/relances');
  const followUps = plain((await page.locator('main').textContent()) ?? '');
  assert.ok(followUps.includes(`${plain(name)} — Relancer : aucune commande depuis 6 semaines`), followUps.slice(0, 400));
  await checkPage(page, 'journey-shop-followups');
});
