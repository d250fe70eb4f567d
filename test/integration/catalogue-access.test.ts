// Nobody sees what is not theirs: a merchant of shop A gets 404 on every page and every
// action of shop B's storefront editor, and B's data is left untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer, makePhoto } from '../helpers/catalogue.ts';

test('a merchant of shop A gets 404 on every GET and POST of shop B, and B is unchanged', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shopA = await makeShop(db, { tradeName: 'Boutique A' });
  const shopB = await makeShop(db, { tradeName: 'Boutique B', description: 'Texte de B.' });
  await makeOffer(db, shopB, { title: 'Offre B1' });
  const offerB = await makeOffer(db, shopB, { title: 'Offre B2', availability: 'made_to_order', leadTimeDays: 2 });
  const offerA = await makeOffer(db, shopA, { title: 'Offre A' });
  const merchantA = await makeAccount(db, config, 'merchant', { shopId: shopA });
  const agent = new Agent(app);
  await agent.login(merchantA.email, merchantA.password);
  const before = {
    shop: await db.selectFrom('shops').selectAll().where('id', '=', shopB).executeTakeFirstOrThrow(),
    offers: await db.selectFrom('offers').selectAll().where('shop_id', '=', shopB).orderBy('id').execute(),
  };

  const gets = [
    `/boutique/${shopB}`,
    `/boutique/${shopB}/vitrine`,
    `/boutique/${shopB}/offres/nouvelle`,
    `/boutique/${shopB}/offres/${offerB}`,
    `/boutique/${shopB}/offres/${offerB}/retirer`,
    // B's offer under A's own path is not A's either.
    `/boutique/${shopA}/offres/${offerB}`,
    `/boutique/${shopA}/offres/${offerB}/retirer`,
    // A's offer under B's path.
    `/boutique/${shopB}/offres/${offerA}`,
  ];
  for (const url of gets) {
    const response = await agent.get(url);
    assert.equal(response.statusCode, 404, `GET ${url}`);
  }

  // A valid token of A's own session, so only the ownership check can refuse.
  const csrf = await agent.csrfToken(`/boutique/${shopA}/offres/nouvelle`);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(agent.lastHtml)![1];
  const offerForm = {
    _csrf: csrf,
    title: 'Intrusion',
    price: '1,00',
    vat_rate: '2000',
    unit: 'la pièce',
    availability: 'in_stock',
  };
  const photo = { field: 'photo', filename: 'photo.jpg', contentType: 'image/jpeg', data: await makePhoto() };
  const multipartPosts: Array<[string, Record<string, string>]> = [
    [`/boutique/${shopB}/vitrine`, { _csrf: csrf, description: 'Piraté', phone: '', email: '' }],
    [`/boutique/${shopB}/offres/nouvelle`, { ...offerForm, idempotency_key: key }],
    [`/boutique/${shopB}/offres/${offerB}`, offerForm],
    [`/boutique/${shopA}/offres/${offerB}`, offerForm],
  ];
  for (const [url, fields] of multipartPosts) {
    const response = await agent.postMultipart(url, fields, photo);
    assert.equal(response.statusCode, 404, `POST ${url}`);
  }
  for (const action of ['pause', 'reprendre', 'monter', 'descendre', 'retirer']) {
    for (const url of [`/boutique/${shopB}/offres/${offerB}/${action}`, `/boutique/${shopA}/offres/${offerB}/${action}`]) {
      const response = await agent.post(url, { _csrf: csrf });
      assert.equal(response.statusCode, 404, `POST ${url}`);
    }
  }

  const after = {
    shop: await db.selectFrom('shops').selectAll().where('id', '=', shopB).executeTakeFirstOrThrow(),
    offers: await db.selectFrom('offers').selectAll().where('shop_id', '=', shopB).orderBy('id').execute(),
  };
  assert.deepEqual(after, before);
  assert.equal(Number((await db.selectFrom('images').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count), 0, 'no photo was stored');
  // A's own pages still answer.
  assert.equal((await agent.get(`/boutique/${shopA}`)).statusCode, 200);
});

test('a merchant without a shop, a resident and the town have no storefront editor', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  for (const role of ['merchant', 'resident', 'town'] as const) {
    const account = await makeAccount(db, config, role);
    const agent = new Agent(app);
    await agent.login(account.email, account.password);
    assert.equal((await agent.get('/boutique')).statusCode, 404, role);
    assert.equal((await agent.get(`/boutique/${shop}`)).statusCode, 404, role);
    assert.equal((await agent.get(`/boutique/${shop}/offres/nouvelle`)).statusCode, 404, role);
  }
});
