// Pages every site must have, and the back-office home with its figures, by role.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { newId } from '../../src/platform/ids.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;

before(async () => {
  ctx = await buildTestApp();
});

after(() => ctx.close());

function h1Count(html: string): number {
  return (html.match(/<h1[\s>]/g) ?? []).length;
}

async function agentFor(role: 'resident' | 'merchant' | 'concierge' | 'town'): Promise<Agent> {
  const agent = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, role, { displayName: `Compte ${role}` });
  await agent.login(account.email, account.password);
  return agent;
}

test('the accessibility statement is honest: partially compliant, how it was checked, how to complain', async () => {
  const page = await ctx.app.inject({ method: 'GET', url: '/accessibilite' });
  assert.equal(page.statusCode, 200);
  assert.equal(h1Count(page.body), 1);
  assert.match(page.body, /partiellement conforme avec le référentiel général d’amélioration de l’accessibilité \(RGAA\), version 4\.1/);
  assert.match(page.body, /contrôle interne/);
  assert.match(page.body, /axe-core/);
  assert.match(page.body, /établie le \d{1,2} \p{L}+ \d{4}/u);
  assert.match(page.body, /HTML5 et CSS/);
  assert.match(page.body, /href="tel:0442550000"/);
  assert.match(page.body, /conciergerie@istres\.example/);
  assert.match(page.body, /12 rue Hôtel de Ville, 13800 Istres/);
  assert.match(page.body, /Défenseur des droits/);
  assert.match(page.body, /Libre réponse 71120/);
  assert.doesNotMatch(page.body, /totalement conforme|taux de conformité de \d/);
});

test('the legal notice names the town as publisher and marks what the town must fill', async () => {
  const page = await ctx.app.inject({ method: 'GET', url: '/mentions-legales' });
  assert.equal(page.statusCode, 200);
  assert.equal(h1Count(page.body), 1);
  assert.match(page.body, /1 esplanade Bernardin Laugier, 13800 Istres/);
  assert.match(page.body, /<h2>Hébergement<\/h2>/);
  assert.ok((page.body.match(/class="to-fill"/g) ?? []).length >= 3, 'blanks are marked');
  assert.match(plain(page.body), /À compléter par la mairie : nom de l’hébergeur/);
});

test('the personal data page says what is kept, why, how long, and how to exercise one’s rights', async () => {
  const page = await ctx.app.inject({ method: 'GET', url: '/donnees-personnelles' });
  assert.equal(page.statusCode, 200);
  assert.equal(h1Count(page.body), 1);
  for (const heading of ['Ce que nous gardons', 'Pourquoi', 'Combien de temps', 'Vos droits', 'Réclamation']) {
    assert.match(page.body, new RegExp(`<h2>${heading}</h2>`), heading);
  }
  assert.match(plain(page.body), /appelez la conciergerie au 04 42 55 00 00, écrivez à conciergerie@istres\.example/);
  assert.match(page.body, /CNIL/);
  assert.match(page.body, /10 ans/);
});

test('the footer links to the three pages', async () => {
  const page = await ctx.app.inject({ method: 'GET', url: '/contact' });
  for (const href of ['/accessibilite', '/mentions-legales', '/donnees-personnelles']) assert.match(page.body, new RegExp(`href="${href}"`));
});

test('the back-office home shows the figures and the concierge’s sections', async () => {
  const open = await makeShop(ctx.db, { stage: 'member' });
  await makeShop(ctx.db, { stage: 'member' });
  const prospect = await makeShop(ctx.db, { stage: 'prospect' });
  await makeOffer(ctx.db, open);
  await makeOffer(ctx.db, open, { availability: 'made_to_order', leadTimeDays: 2 });
  await makeOffer(ctx.db, open, { availability: 'paused' });
  await makeOffer(ctx.db, prospect);
  await makeMember(ctx.db);
  const concierge = await agentFor('concierge');
  const page = await concierge.get('/gestion');
  assert.equal(page.statusCode, 200);
  assert.equal(h1Count(page.body), 1);
  assert.match(page.body, /<strong class="figure">2<\/strong> commerces adhérents sur 3 commerces de la ville/);
  assert.match(page.body, /<strong class="figure">1<\/strong> adhérents inscrits/);
  assert.match(page.body, /<strong class="figure">2<\/strong> offres en ligne/);
  for (const href of ['/gestion/commerces', '/gestion/adherents', '/gestion/courriels', '/gestion/entreprises', '/gestion/livraison']) assert.match(page.body, new RegExp(`href="${href}"`));
  assert.match(page.body, /href="\/gestion\/boite">Courriels reçus<\/a>/, 'no new mail: the plain title');

  // A mail arrives: the home says so.
  const at = nowIso();
  await ctx.db
    .insertInto('inbound_mails')
    .values({ id: newId(), message_id: `<site-${at}@exemple.fr>`, from_address: 'x@exemple.fr', from_name: 'X', subject: 'Commande', body_text: 'Bonjour', received_at: at, fetched_at: at, status: 'new', member_id: null, order_id: null, handled_by_label: null, handled_at: null })
    .execute();
  assert.match((await concierge.get('/gestion')).body, /Courriels reçus \(1 nouveau\)/);
});

test('the town sees the figures and the shops, not the members nor the mails', async () => {
  const town = await agentFor('town');
  const page = await town.get('/gestion');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="\/gestion\/commerces"/);
  assert.match(page.body, /href="\/gestion\/livraison"/, 'the town sets the home-delivery streets');
  assert.doesNotMatch(page.body, /href="\/gestion\/adherents"/);
  assert.doesNotMatch(page.body, /href="\/gestion\/courriels"/);
  assert.doesNotMatch(page.body, /href="\/gestion\/entreprises"/);
});

test('residents and merchants get 404 on the back office; a visitor is asked to log in', async () => {
  for (const role of ['resident', 'merchant'] as const) {
    const response = await (await agentFor(role)).get('/gestion');
    assert.equal(response.statusCode, 404, role);
  }
  const visitor = await ctx.app.inject({ method: 'GET', url: '/gestion' });
  assert.equal(visitor.statusCode, 303);
  assert.equal(visitor.headers.location, '/connexion?retour=%2Fgestion');
});
