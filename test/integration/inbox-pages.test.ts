// The inbox in the back office, walked like a concierge would: mails really delivered to the
// test IMAP server and fetched, then /gestion/boite (new / handled, the member matched by the
// sender's address), one mail as plain text, the links to the order desk, « Classer sans
// suite », the conversion into an order, and nobody but the concierge getting in; a member
// matched by an address the receiving server did not confirm is flagged « expéditeur non
// vérifié », and nothing is blocked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { makeOrder } from '../helpers/orders.ts';
import { makeShop } from '../helpers/shops.ts';
import { deliver, freshMailbox, imapSkipReason, rawMailWithHeaders } from '../helpers/imap.ts';
import { fetchInboxOnce, markInboundMailConverted } from '../../src/notifications/index.ts';
import type { ImapConfig } from '../../src/config.ts';
import { plain } from '../helpers/text.ts';

const skip = imapSkipReason();

describe('the inbox pages', { skip }, () => {
  let ctx: TestApp;
  let imap: ImapConfig;
  let concierge: Agent;
  let memberId: string;
  const ids: Record<string, string> = {};

  const idOf = async (address: string) => (await ctx.db.selectFrom('inbound_mails').select('id').where('from_address', '=', address).executeTakeFirstOrThrow()).id;

  before(async () => {
    ctx = await buildTestApp();
    imap = await freshMailbox();
    concierge = new Agent(ctx.app);
    const account = await makeAccount(ctx.db, ctx.config, 'concierge');
    await concierge.login(account.email, account.password);
    memberId = await makeMember(ctx.db, { firstName: 'Josette', lastName: 'Garcia', email: 'josette.garcia@exemple.fr' });
    // Delivered one by one so each has its own receipt time: the list is newest first.
    const mails = [
      { from: '"Josette Garcia" <Josette.Garcia@exemple.fr>', subject: 'Commande pour samedi', text: 'Un plateau de fruits de mer pour 4.\n<script>alert(1)</script>' },
      { from: 'inconnu@ailleurs.fr', subject: 'Renseignement', text: 'Livrez-vous à Entressen ?' },
      { from: '"Émilie Dupré" <emilie.dupre@exemple.fr>', subject: 'Fromages à l’épicerie', html: '<p>Je voudrais <b>un comté affiné</b>.</p>' },
      { from: 'marc@exemple.fr', subject: 'Liste de courses', text: 'Voici ma liste.', attachments: [{ filename: 'liste.pdf', content: '%PDF-1.4' }] },
    ];
    for (const [index, mail] of mails.entries()) await deliver(imap, { ...mail, date: new Date(Date.UTC(2026, 11, 1 + index, 9)) });
    assert.deepEqual(await fetchInboxOnce(ctx.db, imap), { read: 4, inserted: 4 });
    // The server's receipt times are all "now": spread them so the order is certain.
    for (const [index, address] of ['josette.garcia@exemple.fr', 'inconnu@ailleurs.fr', 'emilie.dupre@exemple.fr', 'marc@exemple.fr'].entries()) {
      ids[address] = await idOf(address);
      await ctx.db.updateTable('inbound_mails').set({ received_at: new Date(Date.UTC(2026, 11, 1 + index, 9)).toISOString() }).where('id', '=', ids[address]).execute();
    }
  });

  after(() => ctx?.close());

  test('the new tab lists every mail newest first, with sender, matched member, subject and date', async () => {
    const page = await concierge.get('/gestion/boite');
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/<h1[\s>]/g) ?? []).length, 1);
    assert.match(page.body, /<h1>Courriels reçus<\/h1>/);
    assert.match(page.body, /aria-current="page">Nouveaux \(4\)</);
    const order = ['Liste de courses', 'Fromages à l’épicerie', 'Renseignement', 'Commande pour samedi'].map((subject) => page.body.indexOf(subject));
    assert.ok(order.every((position, index) => position > 0 && (index === 0 || position > order[index - 1])), 'newest first');
    assert.match(page.body, new RegExp(`href="/gestion/adherents/${memberId}">Josette Garcia</a>`));
    assert.equal((page.body.match(/Expéditeur inconnu/g) ?? []).length, 3, 'the three others match no member');
    assert.match(page.body, /Émilie Dupré &lt;emilie\.dupre@exemple\.fr>/);
    assert.match(plain(page.body), /mardi 1er décembre( 2026)? à 10 h</);
    assert.match(page.body, new RegExp(`href="/gestion/boite/${ids['inconnu@ailleurs.fr']}"`));
    assert.match(page.body, /La relève des courriels n’est pas configurée/, 'this app has no IMAP settings');
  });

  test('a member’s mail: plain escaped text, and one click to start their order', async () => {
    const id = ids['josette.garcia@exemple.fr'];
    const page = await concierge.get(`/gestion/boite/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1[^>]*>Commande pour samedi<\/h1>/);
    assert.match(page.body, /Un plateau de fruits de mer pour 4\.\n&lt;script>alert\(1\)&lt;\/script>/);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, new RegExp(`href="/gestion/commandes/nouvelle/${memberId}\\?courriel=${id}">Créer une commande pour Josette Garcia</a>`));
    assert.match(page.body, new RegExp(`action="/gestion/boite/${id}/classer"`));
    assert.match(page.body, />Classer sans suite</);
    assert.doesNotMatch(page.body, /Trouver l’adhérent/);
  });

  test('an unknown sender’s mail leads to the member search', async () => {
    const id = ids['inconnu@ailleurs.fr'];
    const page = await concierge.get(`/gestion/boite/${id}`);
    assert.match(page.body, /Expéditeur inconnu/);
    assert.match(page.body, new RegExp(`href="/gestion/commandes/nouvelle\\?courriel=${id}">Trouver l’adhérent</a>`));
    assert.doesNotMatch(page.body, /Créer une commande pour/);
  });

  test('an HTML-only mail reads as text; an attachment is named, not kept', async () => {
    const html = await concierge.get(`/gestion/boite/${ids['emilie.dupre@exemple.fr']}`);
    assert.match(html.body, /Je voudrais un comté affiné\./i);
    assert.doesNotMatch(html.body, /&lt;b&gt;/);
    const attached = await concierge.get(`/gestion/boite/${ids['marc@exemple.fr']}`);
    assert.match(plain(attached.body), /Pièces jointes non reprises ici : « liste\.pdf »/);
  });

  test('« Classer sans suite » files the mail once; it moves to the handled tab', async () => {
    const id = ids['inconnu@ailleurs.fr'];
    const done = await concierge.post(`/gestion/boite/${id}/classer`, {}, `/gestion/boite/${id}`);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/gestion/boite');
    const list = await concierge.get('/gestion/boite');
    assert.match(list.body, /Courriel classé sans suite\./);
    assert.match(list.body, /Nouveaux \(3\)/);
    assert.doesNotMatch(list.body, /Renseignement/);
    const handled = await concierge.get('/gestion/boite?onglet=traites');
    assert.match(handled.body, /aria-current="page">Traités</);
    assert.match(handled.body, /Renseignement/);
    assert.match(handled.body, /Classé sans suite/);
    const detail = await concierge.get(`/gestion/boite/${id}`);
    assert.match(detail.body, /Classé sans suite le .+, par .+\(concierge\)/);
    assert.doesNotMatch(detail.body, /Trouver l’adhérent|action="[^"]*classer"/, 'nothing left to do');

    // A second click (another tab, a colleague) changes nothing and says so.
    const again = await concierge.post(`/gestion/boite/${id}/classer`, {}, '/gestion/boite');
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, `/gestion/boite/${id}`);
    assert.match((await concierge.get(`/gestion/boite/${id}`)).body, /Ce courriel avait déjà été traité\./);
  });

  test('a mail turned into an order is marked once and links to the order', async () => {
    const id = ids['josette.garcia@exemple.fr'];
    await makeShop(ctx.db);
    const { orderId } = await makeOrder(ctx.db, ctx.config, { memberId });
    const converted = await ctx.db.transaction().execute((trx) => markInboundMailConverted(trx, id, orderId, 'Claire (concierge)'));
    assert.equal(converted, true);
    assert.equal(await markInboundMailConverted(ctx.db, id, orderId, 'Claire (concierge)'), false, 'only from new');
    const detail = await concierge.get(`/gestion/boite/${id}`);
    assert.match(detail.body, /Transformé en commande le .+, par Claire \(concierge\)/);
    assert.match(detail.body, new RegExp(`href="/gestion/commandes/${orderId}">Voir la commande</a>`));
    assert.doesNotMatch(detail.body, /Créer une commande pour/);
    const archive = await concierge.post(`/gestion/boite/${id}/classer`, {}, `/gestion/boite/${id}`);
    assert.equal(archive.headers.location, `/gestion/boite/${id}`, 'a converted mail cannot be filed');
    const row = await ctx.db.selectFrom('inbound_mails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'converted');
    assert.equal(row.order_id, orderId);
  });

  test('a second fetch adds nothing to the pages', async () => {
    assert.deepEqual(await fetchInboxOnce(ctx.db, imap), { read: 0, inserted: 0 });
    const list = await concierge.get('/gestion/boite');
    assert.match(list.body, /Nouveaux \(2\)/);
  });

  test('the lists are paginated, twenty mails a page', async () => {
    const more = Array.from({ length: 21 }, (_, index) => ({ from: `lot${index}@exemple.fr`, subject: `Courriel n° ${index + 1}`, text: 'Bonjour.' }));
    await deliver(imap, ...more);
    assert.deepEqual(await fetchInboxOnce(ctx.db, imap), { read: 21, inserted: 21 });
    const first = await concierge.get('/gestion/boite');
    assert.equal((first.body.match(/href="\/gestion\/boite\/[0-9a-f-]{36}"/g) ?? []).length, 20);
    assert.match(first.body, /Page 1 sur 2/);
    assert.match(first.body, /href="\/gestion\/boite\?page=2"/);
    const second = await concierge.get('/gestion/boite?page=2');
    assert.equal((second.body.match(/href="\/gestion\/boite\/[0-9a-f-]{36}"/g) ?? []).length, 3);
    const beyond = await concierge.get('/gestion/boite?page=99');
    assert.equal(beyond.statusCode, 200, 'a page past the end shows the last one');
  });

  test('bad addresses and unknown fields are refused', async () => {
    assert.equal((await concierge.get('/gestion/boite/pas-un-identifiant')).statusCode, 404);
    assert.equal((await concierge.get('/gestion/boite/0190a0a0-0000-7000-8000-000000000000')).statusCode, 404);
    assert.equal((await concierge.post('/gestion/boite/0190a0a0-0000-7000-8000-000000000000/classer', {}, '/gestion/boite')).statusCode, 404);
    assert.equal((await concierge.get('/gestion/boite?onglet=tous')).statusCode, 400);
    const id = ids['marc@exemple.fr'];
    const extra = await concierge.post(`/gestion/boite/${id}/classer`, { status: 'converted' }, '/gestion/boite');
    assert.equal(extra.statusCode, 400);
    const row = await ctx.db.selectFrom('inbound_mails').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'new');
    // Without a session or the form's token, nothing is filed: the request is sent to log in.
    const noToken = await ctx.app.inject({ method: 'POST', url: `/gestion/boite/${id}/classer`, payload: {} });
    assert.ok(noToken.statusCode === 403 || (noToken.statusCode === 303 && noToken.headers.location?.startsWith('/connexion')), `${noToken.statusCode} ${noToken.headers.location}`);
    assert.equal((await ctx.db.selectFrom('inbound_mails').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'new');
  });

  test('only the concierge gets in: a visitor is asked to log in, every other role gets 404', async () => {
    const id = ids['marc@exemple.fr'];
    const visitor = new Agent(ctx.app);
    const login = await visitor.get('/gestion/boite');
    assert.equal(login.statusCode, 303);
    assert.match(String(login.headers.location), /^\/connexion\?retour=/);
    const shopId = await makeShop(ctx.db);
    for (const [role, options] of [['resident', {}], ['merchant', { shopId }], ['town', {}]] as const) {
      const account = await makeAccount(ctx.db, ctx.config, role, options);
      const agent = new Agent(ctx.app);
      await agent.login(account.email, account.password);
      assert.equal((await agent.get('/gestion/boite')).statusCode, 404, `${role}: list`);
      assert.equal((await agent.get('/gestion/boite?onglet=traites')).statusCode, 404, `${role}: handled`);
      assert.equal((await agent.get(`/gestion/boite/${id}`)).statusCode, 404, `${role}: detail`);
      const token = await agent.csrfToken('/');
      assert.equal((await agent.post(`/gestion/boite/${id}/classer`, { _csrf: token })).statusCode, 404, `${role}: archive`);
    }
    const row = await ctx.db.selectFrom('inbound_mails').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'new');
  });
});

describe('the sender’s verification in the inbox pages', { skip }, () => {
  let ctx: TestApp;
  let concierge: Agent;
  const members: Record<string, string> = {};
  const mails: Record<string, string> = {};
  const SERVER = 'mx.conciergerie.example';
  const badge = '<span class="badge badge--unverified">expéditeur non vérifié</span>';

  before(async () => {
    ctx = await buildTestApp();
    concierge = new Agent(ctx.app);
    const account = await makeAccount(ctx.db, ctx.config, 'concierge');
    await concierge.login(account.email, account.password);
    members.josette = await makeMember(ctx.db, { firstName: 'Josette', lastName: 'Garcia', email: 'josette@verifie.example' });
    members.marcel = await makeMember(ctx.db, { firstName: 'Marcel', lastName: 'Blanc', email: 'marcel@usurpe.example' });
    members.odile = await makeMember(ctx.db, { firstName: 'Odile', lastName: 'Roux', email: 'odile@sans-verdict.example' });
    const imap = await freshMailbox();
    await deliver(
      imap,
      await rawMailWithHeaders(
        { from: 'josette@verifie.example', subject: 'Commande vérifiée', text: 'Un pain.' },
        `Authentication-Results: ${SERVER}; dkim=pass header.d=verifie.example; spf=pass smtp.mailfrom=verifie.example; dmarc=pass header.from=verifie.example`,
      ),
      await rawMailWithHeaders(
        { from: 'marcel@usurpe.example', subject: 'Commande usurpée', text: 'Tout le rayon.' },
        `Authentication-Results: ${SERVER}; dkim=fail header.d=usurpe.example; spf=fail smtp.mailfrom=usurpe.example; dmarc=fail header.from=usurpe.example`,
      ),
      { from: 'odile@sans-verdict.example', subject: 'Sans verdict', text: 'Bonjour.' },
      await rawMailWithHeaders({ from: 'inconnu@verifie.example', subject: 'Renseignement', text: 'Bonjour.' }, `Authentication-Results: ${SERVER}; dmarc=fail header.from=verifie.example`),
    );
    assert.deepEqual(await fetchInboxOnce(ctx.db, imap), { read: 4, inserted: 4 });
    for (const [name, address] of [['josette', 'josette@verifie.example'], ['marcel', 'marcel@usurpe.example'], ['odile', 'odile@sans-verdict.example']]) {
      mails[name] = (await ctx.db.selectFrom('inbound_mails').select('id').where('from_address', '=', address).executeTakeFirstOrThrow()).id;
    }
  });

  after(() => ctx?.close());

  const memberLink = (name: string, fullName: string) => `href="/gestion/adherents/${members[name]}">${fullName}</a>`;

  test('the list flags, next to the member, each mail whose DKIM/DMARC did not pass; a verified one is quiet', async () => {
    const page = await concierge.get('/gestion/boite');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`${memberLink('marcel', 'Marcel Blanc')} ${badge}`), 'DMARC failed');
    assert.ok(page.body.includes(`${memberLink('odile', 'Odile Roux')} ${badge}`), 'no verdict at all');
    assert.ok(page.body.includes(memberLink('josette', 'Josette Garcia')));
    assert.ok(!page.body.includes(`${memberLink('josette', 'Josette Garcia')} ${badge}`), 'DMARC passed: nothing said');
    assert.equal(page.body.split(badge).length - 1, 2, 'an unknown sender matches no member: nothing to flag');
    assert.doesNotMatch(page.body, /expéditeur vérifié/);
  });

  test('the mail page says it too, with what it means; the concierge can still make the order', async () => {
    const marcel = await concierge.get(`/gestion/boite/${mails.marcel}`);
    assert.ok(marcel.body.includes(`${memberLink('marcel', 'Marcel Blanc')} ${badge}`));
    assert.match(marcel.body, /Le serveur de messagerie n’a pas pu confirmer que ce courriel vient bien de cette adresse/);
    assert.match(marcel.body, new RegExp(`href="/gestion/commandes/nouvelle/${members.marcel}\\?courriel=${mails.marcel}">Créer une commande pour Marcel Blanc</a>`));

    const josette = await concierge.get(`/gestion/boite/${mails.josette}`);
    assert.ok(josette.body.includes(memberLink('josette', 'Josette Garcia')));
    assert.ok(!josette.body.includes(badge));
    assert.doesNotMatch(josette.body, /n’a pas pu confirmer/);
  });
});
