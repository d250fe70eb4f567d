// An offer's load class (the room one item takes in a vehicle), through the real offer forms
// of the merchant and of the concierge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { plain } from '../helpers/text.ts';

async function loggedIn(app: FastifyInstance, db: Db, config: Config, role: 'merchant' | 'concierge', shopId?: string): Promise<Agent> {
  const account = await makeAccount(db, config, role, { shopId });
  const agent = new Agent(app);
  await agent.login(account.email, account.password);
  return agent;
}

function offerFields(overrides: Record<string, string> = {}): Record<string, string> {
  return { title: 'Pack de six bouteilles d’eau', price: '3,20', vat_rate: '550', unit: 'le pack de 6 × 1,5 L', availability: 'in_stock', ...overrides };
}

async function loadClassOf(db: Db, offerId: string): Promise<string> {
  return (await db.selectFrom('offers').select('load_class').where('id', '=', offerId).executeTakeFirstOrThrow()).load_class;
}

/** The radio button of a class, with its checked state. */
function radio(html: string, value: string): RegExpMatchArray | null {
  return new RegExp(`<input type="radio" id="champ-load_class-${value}" name="load_class" value="${value}"( checked)?`).exec(html);
}

test('a merchant saves an offer with its load class; the form and the overview show it', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const merchant = await loggedIn(app, db, config, 'merchant', shop);

  const blank = await merchant.get(`/boutique/${shop}/offres/nouvelle`);
  assert.match(plain(blank.body), /Taille d’un article, pour la livraison/);
  assert.match(plain(blank.body), /Lourd : pack d’eau, sac de terreau/);
  assert.ok(radio(blank.body, 'small')?.[1], '« petit » is chosen unless the merchant says otherwise');
  assert.ok(!radio(blank.body, 'heavy')?.[1]);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(blank.body)![1];

  const created = await merchant.postMultipart(`/boutique/${shop}/offres/nouvelle`, offerFields({ idempotency_key: key, load_class: 'heavy' }));
  assert.equal(created.statusCode, 303);
  const offer = await db.selectFrom('offers').select('id').where('shop_id', '=', shop).executeTakeFirstOrThrow();
  assert.equal(await loadClassOf(db, offer.id), 'heavy');

  const overview = await merchant.get(`/boutique/${shop}`);
  assert.match(plain(overview.body), /Taille pour la livraison : lourd/);
  const form = await merchant.get(`/boutique/${shop}/offres/${offer.id}`);
  assert.ok(radio(form.body, 'heavy')?.[1], 'the edit form shows the stored class');
  assert.ok(!radio(form.body, 'small')?.[1]);
});

test('the concierge changes an offer’s class; a form without the field keeps it', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const offer = await makeOffer(db, shop, { title: 'Fauteuil en rotin' });
  assert.equal(await loadClassOf(db, offer), 'small', 'an offer made without a class is small');
  const concierge = await loggedIn(app, db, config, 'concierge');

  const page = `/boutique/${shop}/offres/${offer}`;
  const changed = await concierge.postMultipart(page, offerFields({ title: 'Fauteuil en rotin', load_class: 'large' }), undefined, page);
  assert.equal(changed.statusCode, 303);
  assert.equal(await loadClassOf(db, offer), 'large');

  // A client that predates the field: the price changes, the class stays.
  const older = await concierge.postMultipart(page, offerFields({ title: 'Fauteuil en rotin', price: '89,00' }), undefined, page);
  assert.equal(older.statusCode, 303);
  assert.equal(await loadClassOf(db, offer), 'large');
});

test('a forged load class is refused next to its field, in French, and nothing is written', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const offer = await makeOffer(db, shop, { title: 'Terreau universel', loadClass: 'heavy' });
  const merchant = await loggedIn(app, db, config, 'merchant', shop);

  const page = `/boutique/${shop}/offres/${offer}`;
  for (const forged of ['enormous', 'HEAVY', '']) {
    const response = await merchant.postMultipart(page, offerFields({ title: 'Terreau universel', load_class: forged }), undefined, page);
    assert.equal(response.statusCode, 422, forged);
    assert.match(response.body, /id="erreur-load_class"/, `${forged}: the message sits next to the field`);
    assert.match(plain(response.body), /Choisissez la taille d’un article dans la liste : petit, moyen, encombrant ou lourd\./);
    assert.match(response.body, /value="le pack de 6 × 1,5 L"/, 'the other values are kept');
  }
  assert.equal(await loadClassOf(db, offer), 'heavy');

  const key = /name="idempotency_key" value="([^"]+)"/.exec((await merchant.get(`/boutique/${shop}/offres/nouvelle`)).body)![1];
  const refused = await merchant.postMultipart(`/boutique/${shop}/offres/nouvelle`, offerFields({ idempotency_key: key, load_class: 'camion' }));
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /id="erreur-load_class"/);
  const count = await db.selectFrom('offers').select((eb) => eb.fn.countAll().as('count')).where('shop_id', '=', shop).executeTakeFirstOrThrow();
  assert.equal(Number(count.count), 1);
});
