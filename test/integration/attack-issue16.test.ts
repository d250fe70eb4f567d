// Issue 16's new routes tried by whoever might misuse them. The credentials it mails (the
// erasure link, the unsubscribe link) are shown to nobody but their owner: not in « Courriels
// envoyés », not in an outbox row, not in the request log; a link forged for another member,
// or expired, erases nothing. The town reads the CRM but writes nothing there; a forged id
// in a form is a French refusal, never a 500.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { makeShop } from '../helpers/shops.ts';
import { linkInMail } from '../helpers/quotes.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { signedToken } from '../../src/platform/signed-links.ts';
import { urlForLog } from '../../src/platform/log-redaction.ts';
import { newId } from '../../src/platform/ids.ts';

const ERASURE_SUBJECT = /^Confirmez l’effacement de votre compte$/;

let ctx: TestApp;
let concierge: Agent;
let town: Agent;
let residentA: Agent;
let memberA: string;
let memberB: string;
let emailA: string;
let shopId: string;

before(async () => {
  ctx = await buildTestApp();
  emailA = 'hortense.valmy@exemple.fr';
  memberA = await makeMember(ctx.db, { firstName: 'Hortense', lastName: 'Valmy', email: emailA });
  memberB = await makeMember(ctx.db, { firstName: 'Octave', lastName: 'Brunel', email: 'octave.brunel@exemple.fr' });
  shopId = await makeShop(ctx.db, { tradeName: 'Quincaillerie des Salins' });
  const accountA = await makeAccount(ctx.db, ctx.config, 'resident', { email: emailA, memberId: memberA });
  const conciergeAccount = await makeAccount(ctx.db, ctx.config, 'concierge');
  const townAccount = await makeAccount(ctx.db, ctx.config, 'town');
  [concierge, town, residentA] = [new Agent(ctx.app), new Agent(ctx.app), new Agent(ctx.app)];
  await concierge.login(conciergeAccount.email, conciergeAccount.password);
  await town.login(townAccount.email, townAccount.password);
  await residentA.login(accountA.email, accountA.password);
});

after(() => ctx.close());

/** Every column of every outbox row, as a dump would show them. */
async function outboxDump(): Promise<string> {
  return JSON.stringify(await ctx.db.selectFrom('outbox').selectAll().execute());
}

/** « Courriels envoyés » as the concierge reads it: the list and each mail's own page. */
async function mailViewer(): Promise<string> {
  const ids = await ctx.db.selectFrom('outbox').select('id').execute();
  const pages = [await concierge.get('/gestion/courriels'), ...(await Promise.all(ids.map(({ id }) => concierge.get(`/gestion/courriels/${id}`))))];
  return pages.map((page) => page.body).join('');
}

describe('the erasure link', () => {
  let path: string;

  before(async () => {
    const asked = await residentA.post('/compte/donnees/effacer', {}, '/compte/donnees/effacer');
    assert.equal(asked.statusCode, 303, visibleText(asked.body));
    path = await linkInMail(ctx.db, ctx.config, emailA, ERASURE_SUBJECT);
  });

  test('is sealed: neither an outbox row nor « Courriels envoyés » shows it, and it still opens for its owner', async () => {
    assert.match(path, /^\/effacement\//);
    assert.ok(!(await outboxDump()).includes('/effacement/'), 'no outbox column holds the link');
    const viewer = await mailViewer();
    assert.ok(!viewer.includes('/effacement/'), 'the concierge reads no erasure link');
    assert.match(plain(viewer), /Confirmez l’effacement de votre compte/, 'the mail itself is listed');
    assert.equal((await new Agent(ctx.app).get(path)).statusCode, 200);
  });

  test('the request log keeps no token of an erasure or unsubscribe link', () => {
    assert.equal(urlForLog(path), path.replace(/[^/]+$/, '…'));
    assert.equal(urlForLog('/desabonnement/abc/secret-token?x=1'), '/desabonnement/abc/…?x=1');
  });

  test('another member’s id with this token, or a token moved to a later expiry, names nothing and erases nothing', async () => {
    const [, , , expires, token] = path.split('/');
    const visitor = new Agent(ctx.app);
    for (const forged of [`/effacement/${memberB}/${expires}/${token}`, `/effacement/${memberA}/${Number(expires) + 3600}/${token}`]) {
      assert.equal((await visitor.get(forged)).statusCode, 404, forged);
      const token2 = await visitor.csrfToken('/connexion');
      assert.equal((await visitor.post(forged, { _csrf: token2 })).statusCode, 404, forged);
    }
    const rows = await ctx.db.selectFrom('members').select('erased_at').where('id', 'in', [memberA, memberB]).execute();
    assert.deepEqual(rows.map((row) => row.erased_at), [null, null]);
  });

  test('an expired link, genuinely signed, says so in French and erases nothing', async () => {
    const expires = Math.floor(Date.parse('2020-01-01T00:00:00Z') / 1000);
    const expired = `/effacement/${memberB}/${expires}/${signedToken(ctx.config.sessionSecret, 'member-erasure', `${memberB}.${expires}`)}`;
    const visitor = new Agent(ctx.app);
    const page = await visitor.get(expired);
    assert.ok(page.statusCode >= 400 && page.statusCode < 500, String(page.statusCode));
    assert.match(plain(page.body), /Ce lien a expiré/);
    const posted = await visitor.post(expired, { _csrf: await visitor.csrfToken('/connexion') });
    assert.ok(posted.statusCode >= 400 && posted.statusCode < 500, String(posted.statusCode));
    const row = await ctx.db.selectFrom('members').select('erased_at').where('id', '=', memberB).executeTakeFirstOrThrow();
    assert.equal(row.erased_at, null);
  });

  test('a POST without its CSRF token erases nothing', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    assert.equal(response.statusCode, 403);
    const row = await ctx.db.selectFrom('members').select('erased_at').where('id', '=', memberA).executeTakeFirstOrThrow();
    assert.equal(row.erased_at, null);
  });
});

describe('the news mail’s unsubscribe link', () => {
  test('is sealed in the outbox and its header, never shown to the concierge', async () => {
    const agreed = await concierge.post(`/gestion/adherents/${memberB}/nouvelles/accord`, {}, `/gestion/adherents/${memberB}`);
    assert.equal(agreed.statusCode, 303);
    const draft = { segment: 'consent', subject: 'Marché de Noël', body: 'La conciergerie sera au marché.' };
    const preview = await concierge.post('/gestion/adherents/lettre/apercu', draft, '/gestion/adherents/lettre');
    const key = /name="idempotency_key" value="([^"]+)"/.exec(preview.body)![1];
    assert.equal((await concierge.post('/gestion/adherents/lettre/envoyer', { ...draft, idempotency_key: key })).statusCode, 303);
    const path = await linkInMail(ctx.db, ctx.config, 'octave.brunel@exemple.fr', /^Marché de Noël$/);
    assert.match(path, /^\/desabonnement\//);
    assert.ok(!(await outboxDump()).includes('/desabonnement/'), 'no outbox column holds the link, the List-Unsubscribe header neither');
    assert.ok(!(await mailViewer()).includes('/desabonnement/'), 'the concierge reads no unsubscribe link');
    // The link of one member does not unsubscribe another.
    const token = path.split('/').pop()!;
    assert.equal((await new Agent(ctx.app).get(`/desabonnement/${memberA}/${token}`)).statusCode, 404);
    assert.equal((await new Agent(ctx.app).get(path)).statusCode, 200);
  });
});

describe('the CRM, by the town and with forged ids', () => {
  test('the town reads the follow-ups and campaigns but posts nothing in the CRM, the import, the news mail or an erasure', async () => {
    assert.equal((await town.get('/gestion/relances')).statusCode, 200);
    const csrf = await town.csrfToken('/gestion/relances');
    const posts: Array<[string, Record<string, string>]> = [
      [`/gestion/commerces/${shopId}/contacts/nouveau`, { idempotency_key: newIdempotencyKey(), person: 'Jean', role: '', phone: '06 11 22 33 44', email: '' }],
      [`/gestion/commerces/${shopId}/visite`, { met: '', notes: 'x', outcome: 'informed', next_title: '', next_date: '' }],
      ['/gestion/campagnes/nouvelle', { idempotency_key: newIdempotencyKey(), name: 'x', starts_on: '01/01/2027', ends_on: '31/01/2027', stages: 'prospect' }],
      ['/gestion/adherents/lettre/envoyer', { segment: 'all', subject: 'x', body: 'x', idempotency_key: newId() }],
      [`/gestion/adherents/${memberB}/effacer`, {}],
    ];
    const before = await ctx.db.selectFrom('shop_interactions').select('id').execute();
    for (const [url, fields] of posts) {
      const response = await town.post(url, { ...fields, _csrf: csrf });
      assert.ok([403, 404].includes(response.statusCode), `${url}: ${response.statusCode}`);
    }
    assert.equal((await ctx.db.selectFrom('shop_interactions').select('id').execute()).length, before.length);
    assert.equal((await ctx.db.selectFrom('shop_contacts').select('id').execute()).length, 0);
    assert.equal((await ctx.db.selectFrom('shop_campaigns').select('id').execute()).length, 0);
  });

  test('a visit logged with a campaign that does not exist is refused, never a 500, and writes nothing', async () => {
    const page = `/gestion/commerces/${shopId}/visite`;
    const fields = { met: 'La gérante', notes: 'Intéressée', outcome: 'informed', next_title: '', next_date: '', campaign_id: newId(), task_id: newId(), idempotency_key: newId() };
    const response = await concierge.post(page, fields, page);
    assert.equal(response.statusCode, 404, visibleText(response.body));
    const rows = await ctx.db.selectFrom('shop_interactions').select('id').where('shop_id', '=', shopId).execute();
    assert.equal(rows.length, 0);
  });
});

test('a visit sent twice (a second tap, a resent form) logs one visit and plans one follow-up', async () => {
  const visitShop = await makeShop(ctx.db, { tradeName: 'Cordonnerie du Marché' });
  const page = `/gestion/commerces/${visitShop}/visite`;
  const form = await concierge.get(page);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(form.body)![1];
  const fields = { met: 'Le cordonnier', notes: 'Veut réfléchir', outcome: 'interested', next_title: 'Repasser', next_date: '15/01/2027', campaign_id: '', task_id: '', idempotency_key: key };
  for (let time = 0; time < 2; time += 1) assert.equal((await concierge.post(page, fields, page)).statusCode, 303);
  assert.equal((await ctx.db.selectFrom('shop_interactions').select('id').where('shop_id', '=', visitShop).execute()).length, 1);
  assert.equal((await ctx.db.selectFrom('shop_tasks').select('id').where('shop_id', '=', visitShop).execute()).length, 1);
  // The same key on another shop's visit is not taken for this one.
  const other = await makeShop(ctx.db, { tradeName: 'Bijouterie des Arènes' });
  const elsewhere = await concierge.post(`/gestion/commerces/${other}/visite`, fields, `/gestion/commerces/${other}/visite`);
  assert.notEqual(elsewhere.statusCode, 303);
  assert.equal((await ctx.db.selectFrom('shop_interactions').select('id').where('shop_id', '=', other).execute()).length, 0);
});

describe('other roles and bad input on the pages of issue 16', () => {
  let merchant: Agent;
  let driver: Agent;

  before(async () => {
    const merchantAccount = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId });
    const driverAccount = await makeAccount(ctx.db, ctx.config, 'driver');
    [merchant, driver] = [new Agent(ctx.app), new Agent(ctx.app)];
    await merchant.login(merchantAccount.email, merchantAccount.password);
    await driver.login(driverAccount.email, driverAccount.password);
  });

  test('a merchant (even of the shop), a driver, a resident and a visitor read no CRM, health, import, dashboard or review page', async () => {
    const pages = [
      '/gestion/relances',
      '/gestion/campagnes',
      `/gestion/commerces/${shopId}/visite`,
      `/gestion/commerces/${shopId}/contacts/nouveau`,
      '/gestion/sante-des-commerces',
      '/gestion/commerces/importer',
      '/gestion/commerces/export.csv',
      '/gestion/adherents/lettre',
      '/gestion/adherents/conservation',
      '/ville/tableau-de-bord',
      '/ville/tableau-de-bord/tableau?table=adherents&format=csv',
      '/ville/bilan',
    ];
    for (const [who, agent] of [['merchant', merchant], ['driver', driver], ['resident', residentA], ['visitor', new Agent(ctx.app)]] as const) {
      for (const url of pages) {
        const response = await agent.get(url);
        assert.ok([302, 303, 403, 404].includes(response.statusCode), `${who} ${url}: ${response.statusCode}`);
        assert.doesNotMatch(response.body, /Quincaillerie des Salins|Hortense|Octave/, `${who} ${url} shows nothing of the town`);
      }
    }
  });

  test('a contact of one shop is neither edited nor removed through another shop’s address', async () => {
    const otherShop = await makeShop(ctx.db, { tradeName: 'Fleuriste du Canal' });
    const page = `/gestion/commerces/${otherShop}/contacts/nouveau`;
    assert.equal((await concierge.post(page, { idempotency_key: newIdempotencyKey(), person: 'Lucie Fleur', role: 'Gérante', phone: '06 12 34 56 78', email: '' }, page)).statusCode, 303);
    const contact = await ctx.db.selectFrom('shop_contacts').select('id').where('shop_id', '=', otherShop).executeTakeFirstOrThrow();
    const edit = `/gestion/commerces/${shopId}/contacts/${contact.id}/modifier`;
    assert.equal((await concierge.get(edit)).statusCode, 404);
    const csrf = await concierge.csrfToken(page);
    assert.equal((await concierge.post(edit, { person: 'Pirate', role: '', phone: '06 00 00 00 00', email: '', _csrf: csrf })).statusCode, 404);
    assert.equal((await concierge.post(`/gestion/commerces/${shopId}/contacts/${contact.id}/supprimer`, { _csrf: csrf })).statusCode, 404);
    const row = await ctx.db.selectFrom('shop_contacts').select('person').where('id', '=', contact.id).executeTakeFirstOrThrow();
    assert.equal(row.person, 'Lucie Fleur');
  });

  test('a campaign whose end is before its start is refused next to the field, and nothing is written', async () => {
    const page = '/gestion/campagnes/nouvelle';
    const response = await concierge.post(page, { idempotency_key: newIdempotencyKey(), name: 'Printemps', starts_on: '30/04/2027', ends_on: '01/04/2027', stages: 'prospect' }, page);
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /id="erreur-ends_on"/);
    assert.equal((await ctx.db.selectFrom('shop_campaigns').select('id').execute()).length, 0);
  });

  test('a campaign to the year 9999 is kept or refused, but the campaigns list and the dashboard still open', async () => {
    const page = '/gestion/campagnes/nouvelle';
    const response = await concierge.post(page, { idempotency_key: newIdempotencyKey(), name: 'Sans fin', starts_on: '01/01/2027', ends_on: '31/12/9999', stages: 'prospect' }, page);
    assert.ok([303, 422].includes(response.statusCode), `creation: ${response.statusCode}`);
    for (const url of ['/gestion/campagnes', '/ville/tableau-de-bord']) assert.equal((await town.get(url)).statusCode, 200, url);
    if (response.statusCode === 303) assert.equal((await town.get(response.headers.location as string)).statusCode, 200);
  });

  test('the dashboard refuses a period whose end is before its start, or too long, in French; never a 500', async () => {
    const cases: Array<[string, RegExp]> = [
      ['from=06/2026&to=01/2026', /Le dernier mois doit venir après le premier mois/],
      ['from=01/0001&to=12/9999', /Choisissez au plus 36 mois à la fois/],
      ['from=13/2026&to=-1/2026', /mois/],
    ];
    for (const [query, message] of cases) {
      for (const url of [`/ville/tableau-de-bord?${query}`, `/ville/tableau-de-bord/tableau?table=adherents&format=csv&${query}`]) {
        const response = await town.get(url);
        assert.equal(response.statusCode, 400, `${url}: ${response.statusCode}`);
        assert.match(plain(response.body), message, url);
      }
    }
  });

  test('the yearly review refuses a year before 2000, after this one, negative or huge, in French', async () => {
    for (const year of ['1999', '9999', '-2025', '20250', 'deux']) {
      const response = await town.post('/ville/bilan', { year }, '/ville/bilan');
      assert.equal(response.statusCode, 422, `${year}: ${response.statusCode}`);
      assert.match(plain(response.body), /Indiquez une année en quatre chiffres/, year);
    }
    assert.equal((await ctx.db.selectFrom('yearly_reviews').select('id').execute()).length, 0);
  });
});
