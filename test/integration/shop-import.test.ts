// Importing the town's list of shops from a CSV: the encodings and delimiters people's
// spreadsheets write, every bad row listed before anything is written, all or nothing, a
// second import that creates nothing, formula cells kept as text and escaped on export.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { ensureCategories, makeShop } from '../helpers/shops.ts';
import { visibleText } from '../helpers/text.ts';
import { shopListCsv, siretNumber } from '../fixtures/shop-list.ts';

let ctx: TestApp;
let concierge: Agent;

const IMPORT = '/gestion/commerces/importer';

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
}

before(async () => {
  ctx = await buildTestApp();
  await ensureCategories(ctx.db);
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

/** Uploads a file; returns the preview's address (the upload answers a redirect to it). */
async function upload(data: Buffer): Promise<string> {
  const response = await concierge.postMultipart(IMPORT, {}, { field: 'file', filename: 'liste.csv', contentType: 'text/csv', data }, IMPORT);
  assert.equal(response.statusCode, 303, visibleText(response.body).slice(0, 400));
  return String(response.headers.location);
}

/** The preview's confirmation form, posted as the browser would (its hidden fields and key). */
async function confirm(previewUrl: string, extra: Record<string, string> = {}) {
  const page = await concierge.get(previewUrl);
  const fields: Record<string, string> = {};
  for (const [, name, value] of page.body.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)"/g)) if (name !== '_csrf') fields[name] = value;
  if (!fields.idempotency_key) fields.idempotency_key = 'cle-de-test-' + Math.random().toString(36).slice(2, 10);
  return concierge.post(previewUrl.split('?')[0], { ...fields, ...extra }, previewUrl);
}

async function shopsWithSiret(prefix: string) {
  return ctx.db.selectFrom('shops').selectAll().where('siret', 'like', `${prefix}%`).orderBy('siret').execute();
}

async function shopCount(): Promise<number> {
  const row = await ctx.db.selectFrom('shops').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

test('a Windows-1252 file keeps its €, œ and ’, and its shops arrive « à contacter », never public', async () => {
  const preview = await upload(fixture('shops-windows-1252.csv'));
  const page = await concierge.get(preview);
  assert.equal(page.statusCode, 200);
  const text = visibleText(page.body);
  assert.match(text, /Cœur d’Œuf/);
  assert.match(text, /Nouveaux : 2\. Déjà connus : 0\. À corriger : 0\./);
  const done = await confirm(preview);
  assert.equal(done.statusCode, 303);
  const shops = await ctx.db.selectFrom('shops').selectAll().where('siret', 'in', [siretNumber(1, '7712'), siretNumber(2, '7712')]).orderBy('siret').execute();
  assert.deepEqual(
    shops.map((shop) => [shop.trade_name, shop.legal_name, shop.address_line, shop.phone, shop.category_code, shop.stage]),
    [
      ['Cœur d’Œuf', 'L’Œuf à la coque SARL', '12 rue de l’Église', '04 42 55 10 10', 'fromagerie', 'prospect'],
      ['Délices — 5 € le panier', 'Les Délices de Noël', '3 place Jules-Guesde', '04 42 55 10 11', 'chocolaterie', 'prospect'],
    ],
  );
  const directory = await concierge.get(String(done.headers.location));
  assert.match(visibleText(directory.body), /2 commerces ajoutés à l’annuaire/);
  const visitor = await ctx.app.inject({ method: 'GET', url: `/commerces/${shops[0].id}` });
  assert.equal(visitor.statusCode, 404, 'an imported prospect is not public');
});

test('a `;` file keeps « Dupont, fils » whole; importing it again creates nothing and says so', async () => {
  const first = await upload(fixture('shops-dupont-fils.csv'));
  assert.equal((await confirm(first)).statusCode, 303);
  const [dupont] = await shopsWithSiret(siretNumber(3, '7712'));
  assert.equal(dupont.legal_name, 'Dupont, fils');
  assert.equal(dupont.trade_name, 'Quincaillerie Dupont, fils');
  assert.equal(dupont.address_line, '5, rue des Arts');
  assert.equal(dupont.email, 'contact@dupont-fils.fr');
  const before = await shopCount();

  const second = await upload(fixture('shops-dupont-fils.csv'));
  const page = await concierge.get(second);
  assert.match(visibleText(page.body), /Nouveaux : 0\. Déjà connus : 2\. À corriger : 0\./);
  assert.match(visibleText(page.body), /déjà dans l’annuaire : rien à importer/);
  const done = await confirm(second);
  assert.equal(done.statusCode, 303);
  const directory = await concierge.get(String(done.headers.location));
  assert.match(visibleText(directory.body), /Aucun commerce nouveau : les 2 commerces du fichier sont déjà dans l’annuaire/);
  assert.equal(await shopCount(), before);
});

test('a shop already in the directory is known by its SIRET only, never by a name that looks alike', async () => {
  await makeShop(ctx.db, { tradeName: 'Fromagerie Alpha', legalName: 'Fromagerie Alpha', siret: siretNumber(40, '7712') });
  const list = [
    'Raison sociale;SIRET;Adresse;Code postal;Commune',
    `FROMAGERIE ALPHA;${siretNumber(41, '7712')};1 rue A;13800;Istres`,
    `Autre nom;${siretNumber(40, '7712')};2 rue B;13800;Istres`,
  ].join('\n');
  const preview = await upload(Buffer.from(list));
  const text = visibleText((await concierge.get(preview)).body);
  assert.match(text, /Nouveaux : 1\. Déjà connus : 1\./);
  assert.match(text, /Ligne 3 : Autre nom, déjà connu\./);
});

test('missing columns are named, and nothing is imported', async () => {
  const before = await shopCount();
  const preview = await upload(fixture('shops-missing-columns.csv'));
  const page = await concierge.get(preview);
  const text = visibleText(page.body);
  assert.match(text, /Aucune colonne pour SIRET\./);
  assert.match(text, /Aucune colonne pour Code postal\./);
  assert.doesNotMatch(page.body, /Importer \d+ commerce/);
  const refused = await confirm(preview);
  assert.equal(refused.statusCode, 422);
  assert.match(visibleText(refused.body), /Il manque des colonnes : choisissez-les ci-dessous, rien n’a été importé\./);
  assert.equal(await shopCount(), before);
});

test('duplicate SIRETs, a wrong SIRET and a missing postal code are listed by line, and nothing is written', async () => {
  const before = await shopCount();
  const preview = await upload(fixture('shops-duplicate-sirets.csv'));
  const text = visibleText((await concierge.get(preview)).body);
  assert.match(text, /Ligne 4 : même SIRET que la ligne 2\./);
  assert.match(text, /Ligne 5 : SIRET « 12345678901234 » invalide/);
  assert.match(text, /Ligne 6 : code postal manquant\./);
  assert.doesNotMatch(text, /Ligne [23] :/, 'the good rows are not listed as bad');
  const refused = await confirm(preview);
  assert.equal(refused.statusCode, 422);
  assert.match(visibleText(refused.body), /Rien n’a été importé : 3 lignes sont à corriger/);
  assert.equal(await shopCount(), before, 'the two good rows were not written either');
  assert.equal((await shopsWithSiret(siretNumber(6, '7712'))).length, 0);
});

test('formula-looking cells are stored as text and come out escaped in the export, in the same format', async () => {
  const preview = await upload(fixture('shops-formula-cells.csv'));
  const text = visibleText((await concierge.get(preview)).body);
  assert.match(text, /Ligne 2 : Enseigne \(nom commercial\), Raison sociale, Adresse, Commune\./);
  assert.equal((await confirm(preview)).statusCode, 303);
  const [shop] = await shopsWithSiret(siretNumber(8, '7712'));
  assert.equal(shop.legal_name, '=HYPERLINK("http://exemple.invalid";"Cliquez")');
  assert.equal(shop.trade_name, '@SOMME(A1:A9)');
  assert.equal(shop.city, '-Istres');
  assert.equal(shop.phone, '04 42 55 40 40');

  const exported = await concierge.get('/gestion/commerces/export.csv');
  assert.equal(exported.statusCode, 200);
  assert.match(String(exported.headers['content-type']), /^text\/csv/);
  assert.ok(exported.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 with a byte order mark');
  const lines = exported.body.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines[0], 'Enseigne;Raison sociale;SIRET;Adresse;Code postal;Commune;Téléphone;Courriel;Activité;Étape');
  const line = lines.find((row) => row.includes(siretNumber(8, '7712')))!;
  assert.match(line, /^'@SOMME\(A1:A9\);"'=HYPERLINK\(""http:\/\/exemple\.invalid"";""Cliquez""\)";77120000000087;'\+33 rue du Calcul;13800;'-Istres;04 42 55 40 40;;Librairie;/);
  assert.ok(lines.some((row) => row.startsWith('Quincaillerie Dupont, fils;Dupont, fils;') || row.startsWith('"Quincaillerie Dupont, fils";"Dupont, fils";')));

  // The export reads back: every shop in it is already known.
  const again = await upload(exported.rawPayload);
  assert.match(visibleText((await concierge.get(again)).body), /Nouveaux : 0\./);
});

test('150 shops with bad rows write nothing; the corrected file imports them all, once per key', async () => {
  const before = await shopCount();
  const bad = await upload(shopListCsv({ count: 150, start: 500, badSiretLines: [17], duplicateLines: [80], noPostalCodeLines: [151] }));
  const page = visibleText((await concierge.get(bad)).body);
  assert.match(page, /Nouveaux : 147\. Déjà connus : 0\. À corriger : 3\./);
  assert.match(page, /Ligne 17 : SIRET « \d{14} » invalide/);
  assert.match(page, /Ligne 80 : même SIRET que la ligne 79\./);
  assert.match(page, /Ligne 151 : code postal manquant\./);
  assert.equal((await confirm(bad)).statusCode, 422);
  assert.equal(await shopCount(), before);

  const good = await upload(shopListCsv({ count: 150, start: 500 }));
  const key = 'cle-import-150-commerces';
  const first = await confirm(good, { idempotency_key: key });
  assert.equal(first.statusCode, 303);
  const repeat = await confirm(good, { idempotency_key: key });
  assert.equal(repeat.statusCode, 303);
  assert.equal(await shopCount(), before + 150);
  const imported = await ctx.db.selectFrom('shop_imports').selectAll().where('created_count', '=', 150).execute();
  assert.equal(imported.length, 1);
  assert.equal(imported[0].content, '', 'the file is not kept once imported');
});

test('a file too heavy or not a table is refused next to its field; others may not import', async () => {
  const heavy = await concierge.postMultipart(IMPORT, {}, { field: 'file', filename: 'gros.csv', contentType: 'text/csv', data: Buffer.alloc(2 * 1024 * 1024 + 10, 'a') }, IMPORT);
  assert.equal(heavy.statusCode, 422);
  assert.match(visibleText(heavy.body), /Ce fichier dépasse 2 Mo/);
  const broken = await concierge.postMultipart(IMPORT, {}, { field: 'file', filename: 'casse.csv', contentType: 'text/csv', data: Buffer.from('Nom;SIRET\n"Boulangerie;123\n') }, IMPORT);
  assert.equal(broken.statusCode, 422);
  assert.match(visibleText(broken.body), /ne se lit pas comme un tableau à la ligne/);
  const empty = await concierge.postMultipart(IMPORT, {}, undefined, IMPORT);
  assert.equal(empty.statusCode, 422);
  assert.match(visibleText(empty.body), /Choisissez le fichier/);

  const preview = await upload(fixture('shops-dupont-fils.csv'));
  for (const role of ['town', 'merchant'] as const) {
    const other = new Agent(ctx.app);
    const shopId = role === 'merchant' ? await makeShop(ctx.db) : undefined;
    const account = await makeAccount(ctx.db, ctx.config, role, { shopId });
    await other.login(account.email, account.password);
    assert.notEqual((await other.get(IMPORT)).statusCode, 200, role);
    assert.notEqual((await other.get(preview)).statusCode, 200, role);
    assert.notEqual((await other.get('/gestion/commerces/export.csv')).statusCode, 200, role);
  }
  // Another concierge does not see a colleague's uploaded file.
  const colleague = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await colleague.login(account.email, account.password);
  assert.equal((await colleague.get(preview)).statusCode, 404);
});
