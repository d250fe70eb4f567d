// Every route of the app, found at run time (a new route is covered without touching this
// file, or makes it fail until it is classified in ACCESS and its parameters in FILL), asked
// by everyone who should not use it, in a small town: two shops with a merchant each, two
// residents with an order each, two concierges, the town, a visitor. A visitor is sent to log
// in, a wrong role or another owner gets 404 (also for an object of B under an address of A,
// and a malformed request tells them no more), a forged CSRF token 403, and a refused POST
// changes nothing in the database. Every form POST is then sent bad input by its rightful
// owner (missing fields, lists for texts, 10 000 characters, impossible amounts, malformed
// ids, NUL characters): never a 500, a refusal in French, nothing written. Every form that carries an
// idempotency key, sent twice with one key, creates once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TObject, TSchema } from '@sinclair/typebox';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer, makePhoto } from '../helpers/catalogue.ts';
import { makeMember } from '../helpers/members.ts';
import { ALL_WEEK, CONCIERGE, firstSlot, makeOrder, makePlace, makeResident, type Resident } from '../helpers/orders.ts';
import { closeCurrentPeriod, confirmBankDetails, handedOverOrder } from '../helpers/settlement.ts';
import { makeProvider, makeShop } from '../helpers/shops.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { messages } from '../../src/platform/i18n/fr/index.ts';
import { newId } from '../../src/platform/ids.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { accountBasketKey, addFreeTextLine, addToBasket, receivePurchaseOrder, residentBuyer, startOnlinePayment } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { addOfferForMember, deskBasketKey } from '../../src/orders/desk/desk.service.ts';
import { submitMembershipRequest } from '../../src/orders/site/membership.service.ts';
import { addClosure, addOpening } from '../../src/places/places.service.ts';
import { listCompanyStops } from '../../src/places/index.ts';
import { createCompany } from '../../src/members/members.companies.service.ts';
import { assignDriver, prepareRuns } from '../../src/rounds/index.ts';
import { recordShopInvoice } from '../../src/settlement/invoices/invoices.service.ts';
import { moveBatchStep, prepareBatch } from '../../src/settlement/payouts/payouts.service.ts';
import { updateTerms } from '../../src/settlement/terms/terms.service.ts';
import { attachToRepair } from '../../src/requests/repairs/repairs.read.service.ts';
import { sendToProvider, takeInItem } from '../../src/requests/repairs/repairs.service.ts';
import { askForService } from '../../src/requests/requests.service.ts';
import { FOLLOW_PURPOSE } from '../../src/requests/requests.mails.ts';
import { addAbsence } from '../../src/shops/providers.service.ts';
import { askProviders, sendQuote } from '../../src/requests/quotes/quotes.service.ts';
import { QUOTE_LINK_PURPOSE } from '../../src/requests/quotes/quotes.mails.ts';
import { bookAppointment } from '../../src/requests/appointments/appointments.service.ts';
import { addContact } from '../../src/shops/crm/crm.service.ts';
import { addManualTask } from '../../src/shops/crm/tasks.service.ts';
import { createCampaign } from '../../src/shops/crm/campaigns.service.ts';
import { inTransaction } from '../../src/db/index.ts';
import { PROVIDER_PURPOSE, providerLinkSubject } from '../../src/requests/appointments/appointments.mails.ts';
import { setOpeningHours } from '../../src/shops/index.ts';
import { signedToken } from '../../src/platform/signed-links.ts';
import { askForReview, buildNextReview } from '../../src/reports/review/review.service.ts';
import { uploadShopList } from '../../src/shops/import/import.service.ts';
import { siretNumber } from '../fixtures/shop-list.ts';

// ---------- the routes, as the app registers them ----------

interface FoundRoute {
  method: string;
  url: string;
  body?: TSchema;
  query?: TSchema;
  /** false: a POST that proves itself otherwise (a signed webhook), not a form. */
  csrf: boolean;
  /** A form that uploads a file (multipart). */
  multipart: boolean;
}

let capture: FoundRoute[] | undefined;
// Published when a fastify instance is created, before any plugin: the one moment an onRoute
// hook sees every route of buildApp.
diagnostics.subscribe('fastify.initialization', (message) => {
  const list = capture;
  if (!list) return;
  const { fastify } = message as { fastify: FastifyInstance };
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const schema = route.schema as { body?: TSchema; querystring?: TSchema } | undefined;
      const multipart = Boolean((route.config as { multipartOptions?: unknown } | undefined)?.multipartOptions);
      list.push({ method, url: route.url, body: schema?.body, query: schema?.querystring, csrf: route.config?.csrf !== false, multipart });
    }
  });
});

// ---------- who asks ----------

type Who = 'visitor' | 'residentA' | 'residentB' | 'merchantA' | 'merchantB' | 'concierge' | 'concierge2' | 'town' | 'driverA' | 'driverB';
const EVERYONE: readonly Who[] = ['visitor', 'residentA', 'residentB', 'merchantA', 'merchantB', 'concierge', 'concierge2', 'town', 'driverA', 'driverB'];
const CONCIERGES: readonly Who[] = ['concierge', 'concierge2'];
const STAFF: readonly Who[] = [...CONCIERGES, 'town'];
const RESIDENTS: readonly Who[] = ['residentA', 'residentB'];
const ROLE_OF: Record<Who, string> = {
  visitor: 'visitor',
  residentA: 'resident',
  residentB: 'resident',
  merchantA: 'merchant',
  merchantB: 'merchant',
  concierge: 'concierge',
  concierge2: 'concierge',
  town: 'town',
  driverA: 'driver',
  driverB: 'driver',
};

/**
 * How someone who may not use a route is answered: sent to log in (303 to /connexion), a page
 * that does not exist (404), or a French refusal of the action itself (the basket is for residents).
 */
type Refusal = 'login' | 'not_found' | 'message';

interface AccessRule {
  /** Matched against the route's address as registered (`:id` for a parameter); the first rule that matches wins. */
  path: RegExp;
  methods?: readonly string[];
  /** Who may use it, the objects in its address being those of resident A, merchant A's shop A… */
  allow: readonly Who[];
  /** How the others are refused when it is not the default (visitor: log in; anyone else: 404). */
  refusal?: Partial<Record<Who, Refusal>>;
  why: string;
}

const BASKET_REFUSAL: Partial<Record<Who, Refusal>> = { merchantA: 'message', merchantB: 'message', concierge: 'message', concierge2: 'message', town: 'message', driverA: 'message', driverB: 'message' };

/**
 * Who may use what, by address. The objects named in an address are always those of side A
 * (shop A of merchant A, the order of resident A…), so « allow » names the owner.
 */
const ACCESS: readonly AccessRule[] = [
  // ---- public ----
  { path: /^\/$|^\/(accessibilite|mentions-legales|donnees-personnelles|contact|recherche)$/, allow: EVERYONE, why: 'public pages' },
  { path: /^\/commerces(\/:id)?$|^\/categories\/:code$|^\/offres\/:id$|^\/images\/:id\.jpg$/, allow: EVERYONE, why: 'the public catalogue' },
  { path: /^\/api\//, allow: EVERYONE, why: 'the public read-only JSON API' },
  { path: /^\/static\//, methods: ['GET'], allow: EVERYONE, why: 'the stylesheet, typeface and icons at their hashed addresses: nothing to own' },
  { path: /^\/guide-photo$/, allow: EVERYONE, why: 'the merchants’ photo guide, public' },
  { path: /^\/adhesion(\/merci)?$/, allow: EVERYONE, why: 'asking to join: a visitor’s form; an account is told it already has one' },
  { path: /^\/(connexion|connexion\/code|mot-de-passe-oublie|mot-de-passe\/:token|deconnexion)$/, allow: EVERYONE, why: 'logging in and out, passwords' },
  { path: /^\/paiement\/stripe\/webhook$/, allow: EVERYONE, why: 'Stripe’s signed events: the signature is the proof (404 unless Stripe is the provider)' },
  // ---- the basket: a visitor’s or a resident’s; other accounts are told it is for residents ----
  { path: /^\/panier\/lignes\/:lineId(\/retirer)?$/, allow: ['residentA'], refusal: { ...BASKET_REFUSAL, visitor: 'not_found' }, why: 'a line of resident A’s basket' },
  { path: /^\/panier(\/ajouter|\/accepter)?$/, allow: ['visitor', ...RESIDENTS], refusal: BASKET_REFUSAL, why: 'the basket' },
  // ---- residents ----
  { path: /^\/commande\/merci\/:id$/, allow: ['residentA'], why: 'the thank-you page of resident A’s order' },
  { path: /^\/commande(\/lieu|\/creneau|\/paiement|\/confirmer)?$/, allow: RESIDENTS, why: 'checkout of one’s own basket' },
  { path: /^\/commandes\/:id\//, allow: ['residentA'], why: 'paying resident A’s order online' },
  { path: /^\/paiement\/demo\/:sessionId$/, allow: ['residentA'], why: 'the demo checkout of resident A’s order' },
  { path: /^\/compte\/commandes\/:id/, allow: ['residentA'], why: 'resident A’s order' },
  { path: /^\/compte\/entreprise$/, allow: ['residentA'], why: 'how company A’s employees use the service: resident A is its contact' },
  { path: /^\/compte\/demandes\/:id/, allow: ['residentA'], why: 'resident A’s service request' },
  { path: /^\/compte(\/modifier|\/commandes|\/demandes)?$/, allow: RESIDENTS, why: 'one’s own account' },
  { path: /^\/besoin$/, methods: ['GET'], allow: EVERYONE, why: '« J’ai besoin de… »: everyone sees the phone number; residents see the form' },
  { path: /^\/besoin$/, allow: RESIDENTS, why: 'a resident sends a service request for themselves' },
  { path: /^\/suivi\/:id\/:token$/, allow: EVERYONE, why: 'the member’s follow link: its signed token is the key, no login' },
  { path: /^\/suivi\/:id\/:token\/rendez-vous\.ics$/, allow: EVERYONE, why: 'the calendar file of the member’s appointment, by the follow link' },
  { path: /^\/devis\/:quoteId\/:token(\/envoyer|\/refuser|\/fait|\/pdf)?$/, allow: EVERYONE, why: 'the provider answers a quote from its signed link, without an account' },
  { path: /^\/suivi\/:id\/:token\/devis\/:quoteId\/pdf$/, allow: EVERYONE, why: 'a quote’s PDF from the member’s follow link' },
  { path: /^\/rendez-vous\/:id\/:token(\/confirmer|\/refuser)?$/, allow: EVERYONE, why: 'the provider answers an appointment from its signed link, without an account' },
  // ---- merchants ----
  { path: /^\/boutique$/, allow: ['merchantA', 'merchantB', ...CONCIERGES], why: 'sends a merchant to its shop' },
  { path: /^\/boutique\/:shopId/, allow: ['merchantA', ...CONCIERGES], why: 'shop A’s pages: its merchants and the concierge' },
  // ---- the town ----
  { path: /^\/ville\//, allow: ['town', ...CONCIERGES], why: 'the town’s figures' },
  // ---- drivers: their own runs, on their phone ----
  { path: /^\/livraisons$/, allow: ['driverA', 'driverB', ...CONCIERGES], why: 'a driver’s runs (the concierge sees the runs she drives)' },
  { path: /^\/livraisons\/:id/, allow: ['driverA', ...CONCIERGES], why: 'driver A’s run: its driver, or the concierge' },
  { path: /^\/gestion\/tournees-de-livraison\/:id\/(feuille|arrets\/:stopId\/emargement)\.pdf$/, allow: ['driverA', ...CONCIERGES], why: 'run A’s papers (its sheet, its drop-off point’s list): the concierge, and the run’s own driver who takes them' },
  // ---- the back office ----
  { path: /^\/gestion$/, methods: ['GET'], allow: STAFF, why: 'the back office’s home, for the concierge and the town' },
  { path: /^\/gestion\/securite(\/|$)/, allow: STAFF, why: 'one’s own second login step (concierge and town accounts)' },
  { path: /^\/gestion\/commerces\/:id\/absences$/, methods: ['GET'], allow: STAFF, why: 'the town reads when a provider is away' },
  { path: /^\/gestion\/(commerces|lieux)(\/:id)?$/, methods: ['GET'], allow: STAFF, why: 'the town reads the directory and the collection points' },
  { path: /^\/gestion\/livraison$/, allow: STAFF, why: 'the town sets who may be delivered at home, and its streets' },
  // ---- shops CRM: the town reads the follow-ups and the campaigns; the concierge writes ----
  { path: /^\/gestion\/(relances|campagnes|campagnes\/:id)$/, methods: ['GET'], allow: STAFF, why: 'the town follows the canvassing: follow-ups and campaigns' },
  // ---- IMPORT + HEALTH: the shop-list import and the shops' health (before the back office's catch-all) ----
  { path: /^\/gestion\/commerces\/importer\/:id$/, allow: ['concierge'], why: 'an uploaded list of shops belongs to the concierge who sent it (the other gets 404)' },
  { path: /^\/gestion\/sante-des-commerces$/, methods: ['GET'], allow: STAFF, why: 'the town reads the member shops’ health, as it reads the directory' },
  { path: /^\/gestion\//, allow: CONCIERGES, why: 'the back office' },
  // ---- MEMBERS + PRIVACY (issue 16, items 4–5) ----
  { path: /^\/compte\/(donnees|donnees\.json|donnees\/effacer|nouvelles\/accepter|nouvelles\/refuser)$/, allow: RESIDENTS, why: 'one’s own personal data and consent: the member is the session’s, no id to forge' },
  { path: /^\/effacement\/:id\/:expires\/:token$/, allow: EVERYONE, why: 'the mailed erasure link: its signed token (with its expiry) is the key, no login; another member’s token gets 404' },
  { path: /^\/desabonnement\/:id\/:token$/, allow: EVERYONE, why: 'the unsubscribe link of news mail: its signed token is the key, no login (RFC 8058)' },
];

/** Routes this file does not request, each with why. */
const NOT_REQUESTED: Record<string, string> = {
  'GET /static/*': 'the static files (@fastify/static): nothing to own',
  'GET /favicon.ico': 'a redirect to the hashed icon, for browsers that ask for it by that name',
};

/** POST routes without a CSRF token, each with why. */
const WITHOUT_CSRF: Record<string, string> = {
  'POST /paiement/stripe/webhook': 'Stripe’s events are signed with the endpoint’s secret; no browser posts them',
  'POST /desabonnement/:id/:token': 'RFC 8058’s one-click unsubscribe is posted by the mail program, without a token; the signed link is the proof and it only stops news mail',
};

function ruleOf(route: FoundRoute): AccessRule | undefined {
  return ACCESS.find((rule) => rule.path.test(route.url) && (!rule.methods || rule.methods.includes(route.method)));
}

function refusalOf(rule: AccessRule, who: Who): Refusal {
  return rule.refusal?.[who] ?? (who === 'visitor' ? 'login' : 'not_found');
}

// ---------- the world ----------

interface World {
  shopA: string;
  shopB: string;
  shopC: string;
  shopD: string;
  /** resident A's coat, taken in at the counter, with the tailor's invoice kept */
  repairA: string;
  repairInvoiceA: string;
  offerA: string;
  offerA2: string;
  offerB: string;
  imageA: string;
  placeA: string;
  placeB: string;
  closureA: string;
  closureB: string;
  openingA: string;
  openingB: string;
  memberA: string;
  memberB: string;
  orderA: string;
  orderB: string;
  orderOnlineA: string;
  orderHandedOver: string;
  orderLineA: string;
  orderLineB: string;
  poA: string;
  poB: string;
  poLineA: string;
  poLineB: string;
  basketLineA: string;
  basketLineB: string;
  deskLineA: string;
  deskLineB: string;
  demoSessionA: string;
  statementA: string;
  statementB: string;
  statementC: string;
  statementD: string;
  commissionInvoiceA: string;
  commissionInvoiceB: string;
  shopInvoiceA: string;
  shopInvoiceB: string;
  batchA: string;
  merchantAccountA: string;
  merchantAccountB: string;
  bankChangeA: string;
  bankChangeB: string;
  inboundMail: string;
  sentMail: string;
  passwordToken: string;
  membershipRequest: string;
  companyA: string;
  companyB: string;
  companyPlace: string;
  runA: string;
  runB: string;
  stopA: string;
  stopB: string;
  runOrderA: string;
  runOrderB: string;
  requestA: string;
  requestB: string;
  followTokenA: string;
  followTokenB: string;
  absenceA: string;
  absenceB: string;
  quoteRequestA: string;
  quoteRequestB: string;
  quoteA: string;
  quoteB: string;
  quoteTokenA: string;
  quoteTokenB: string;
  quoteFollowTokenA: string;
  appointmentA: string;
  appointmentB: string;
  appointmentTokenA: string;
  appointmentTokenB: string;
  appointmentProvider: string;
  appointmentConcierge: string;
  contactA: string;
  contactB: string;
  taskA: string;
  taskB: string;
  campaignA: string;
  erasureExpiresA: string;
  erasureTokenA: string;
  erasureTokenB: string;
  unsubscribeTokenA: string;
  unsubscribeTokenB: string;
  /** REVIEW: the town's yearly review of 2025, built */
  reviewA: string;
  shopImportA: string;
}

type WorldKey = keyof World;

/**
 * What fills a parameter, by the address before it: the object of side A, and its twin of
 * side B (another shop, another resident, another place) for the mixed addresses.
 */
const FILL: ReadonlyArray<[RegExp, WorldKey | string, WorldKey | string | undefined]> = [
  [/^\/api\/v1\/shops\/$/, 'shopA', 'shopB'],
  [/^\/commerces\/$/, 'shopA', 'shopB'],
  [/^\/offres\/$/, 'offerA', 'offerB'],
  [/^\/categories\/$/, '=fromagerie', undefined],
  [/^\/images\/$/, 'imageA', undefined],
  [/^\/gestion\/demandes\/[^/]+\/objet\/pieces\/$/, 'repairInvoiceA', undefined],
  [/^\/mot-de-passe\/$/, 'passwordToken', undefined],
  [/^\/commande\/merci\/$/, 'orderA', 'orderB'],
  [/^\/commandes\/$/, 'orderOnlineA', 'orderB'],
  [/^\/compte\/commandes\/$/, 'orderA', 'orderB'],
  [/^\/compte\/demandes\/$/, 'requestA', 'requestB'],
  [/^\/gestion\/demandes\/$/, 'requestA', 'requestB'],
  [/^\/suivi\/$/, 'requestA', 'requestB'],
  [/^\/suivi\/[^/]+\/$/, 'followTokenA', 'followTokenB'],
  [/^\/gestion\/commerces\/[^/]+\/absences\/$/, 'absenceA', 'absenceB'],
  [/^\/devis\/$/, 'quoteA', 'quoteB'],
  [/^\/devis\/[^/]+\/$/, 'quoteTokenA', 'quoteTokenB'],
  [/\/devis\/$/, 'quoteA', 'quoteB'],
  [/^\/boutique\/[^/]+\/demandes\/$/, 'quoteA', 'quoteB'],
  [/^\/rendez-vous\/$/, 'appointmentA', 'appointmentB'],
  [/^\/rendez-vous\/[^/]+\/$/, 'appointmentTokenA', 'appointmentTokenB'],
  [/^\/paiement\/demo\/$/, 'demoSessionA', undefined],
  [/^\/panier\/lignes\/$/, 'basketLineA', 'basketLineB'],
  [/^\/boutique\/$/, 'shopA', 'shopB'],
  [/^\/boutique\/[^/]+\/offres\/$/, 'offerA', 'offerB'],
  [/^\/boutique\/[^/]+\/commandes\/$/, 'poA', 'poB'],
  [/^\/boutique\/[^/]+\/commandes\/[^/]+\/lignes\/$/, 'poLineA', 'poLineB'],
  [/^\/boutique\/[^/]+\/releves\/$/, 'statementA', 'statementB'],
  [/^\/boutique\/[^/]+\/factures\/$/, 'commissionInvoiceA', 'commissionInvoiceB'],
  [/^\/boutique\/[^/]+\/factures-envoyees\/$/, 'shopInvoiceA', 'shopInvoiceB'],
  [/^\/gestion\/commerces\/$/, 'shopA', 'shopB'],
  [/^\/gestion\/commerces\/[^/]+\/comptes\/$/, 'merchantAccountA', 'merchantAccountB'],
  [/^\/gestion\/commandes\/nouvelle\/$/, 'memberA', 'memberB'],
  [/^\/gestion\/commandes\/nouvelle\/[^/]+\/lignes\/$/, 'deskLineA', 'deskLineB'],
  [/^\/gestion\/commandes\/$/, 'orderA', 'orderB'],
  [/^\/gestion\/commandes\/[^/]+\/lignes\/$/, 'orderLineA', 'orderLineB'],
  [/^\/gestion\/comptoir\/$/, 'orderA', 'orderB'],
  [/^\/gestion\/adherents\/$/, 'memberA', 'memberB'],
  [/^\/gestion\/lieux\/$/, 'placeA', 'placeB'],
  [/^\/gestion\/lieux\/[^/]+\/fermetures\/$/, 'closureA', 'closureB'],
  [/^\/gestion\/lieux\/[^/]+\/ouvertures\/$/, 'openingA', 'openingB'],
  [/^\/gestion\/boite\/$/, 'inboundMail', undefined],
  [/^\/gestion\/courriels\/$/, 'sentMail', undefined],
  [/^\/gestion\/tournee\/bons\/$/, 'poA', 'poB'],
  [/^\/gestion\/releves\/$/, 'statementA', 'statementB'],
  [/^\/gestion\/factures\/$/, 'commissionInvoiceA', 'commissionInvoiceB'],
  [/^\/gestion\/factures-recues\/$/, 'shopInvoiceA', 'shopInvoiceB'],
  [/^\/gestion\/virements\/$/, 'batchA', undefined],
  [/^\/gestion\/adhesions\/$/, 'membershipRequest', undefined],
  [/^\/gestion\/entreprises\/$/, 'companyA', 'companyB'],
  [/^\/gestion\/tournees-de-livraison\/$/, 'runA', 'runB'],
  [/^\/gestion\/tournees-de-livraison\/[^/]+\/arrets\/$/, 'stopA', 'stopB'],
  [/^\/livraisons\/$/, 'runA', 'runB'],
  [/^\/livraisons\/[^/]+\/arrets\/$/, 'stopA', 'stopB'],
  [/^\/livraisons\/[^/]+\/commandes\/$/, 'runOrderA', 'runOrderB'],
  // Resident A works for company A; resident B for nobody.
  [/^\/gestion\/entreprises\/[^/]+\/salaries\/$/, 'memberA', 'memberB'],
  // shops CRM
  [/^\/gestion\/commerces\/[^/]+\/contacts\/$/, 'contactA', 'contactB'],
  [/^\/gestion\/commerces\/[^/]+\/relances\/$/, 'taskA', 'taskB'],
  [/^\/gestion\/campagnes\/$/, 'campaignA', undefined],
  // MEMBERS + PRIVACY: the signed links of member A (B's token under A's address for the mixed case).
  [/^\/effacement\/$/, 'memberA', 'memberB'],
  [/^\/effacement\/[^/]+\/$/, 'erasureExpiresA', 'erasureExpiresA'],
  [/^\/effacement\/[^/]+\/[^/]+\/$/, 'erasureTokenA', 'erasureTokenB'],
  [/^\/desabonnement\/$/, 'memberA', 'memberB'],
  [/^\/desabonnement\/[^/]+\/$/, 'unsubscribeTokenA', 'unsubscribeTokenB'],
  // REVIEW: a yearly review belongs to the town, not to a side: no twin.
  [/^\/ville\/bilan\/$/, 'reviewA', undefined],
  // IMPORT + HEALTH: concierge A's uploaded list of shops.
  [/^\/gestion\/commerces\/importer\/$/, 'shopImportA', undefined],
];

/** Addresses whose object must be in a given state to be shown (a receipt exists once handed over). */
const FILL_BY_ROUTE: Record<string, Record<string, WorldKey>> = {
  '/gestion/comptoir/:id/recu': { id: 'orderHandedOver' },
  // A quote round's pages: the quote request of side A, not its question.
  '/gestion/demandes/:id/devis': { id: 'quoteRequestA' },
  '/gestion/demandes/:id/devis/demander': { id: 'quoteRequestA' },
  '/gestion/demandes/:id/devis/:quoteId': { id: 'quoteRequestA' },
  '/gestion/demandes/:id/devis/:quoteId/saisir': { id: 'quoteRequestA' },
  '/gestion/demandes/:id/devis/:quoteId/refus': { id: 'quoteRequestA' },
  '/gestion/demandes/:id/devis/:quoteId/accepter': { id: 'quoteRequestA' },
  '/gestion/demandes/:id/devis/:quoteId/fait': { id: 'quoteRequestA' },
  '/gestion/demandes/:id/devis/:quoteId/pdf': { id: 'quoteRequestA' },
  '/compte/demandes/:id/devis': { id: 'quoteRequestA' },
  '/compte/demandes/:id/devis/:quoteId/accepter': { id: 'quoteRequestA' },
  '/compte/demandes/:id/devis/:quoteId/pdf': { id: 'quoteRequestA' },
  '/suivi/:id/:token/devis/:quoteId/pdf': { id: 'quoteRequestA', token: 'quoteFollowTokenA' },
  // An item's papers and moves: a repair request whose item is at the counter.
  '/gestion/demandes/:id/objet/etiquette.pdf': { id: 'repairA' },
  '/gestion/demandes/:id/objet/recu.pdf': { id: 'repairA' },
  '/gestion/demandes/:id/objet/pieces/:attachmentId.pdf': { id: 'repairA' },
  '/gestion/demandes/:id/objet/chez-artisan': { id: 'repairA' },
  '/gestion/demandes/:id/objet/retour': { id: 'repairA' },
  '/gestion/demandes/:id/objet/rendu': { id: 'repairA' },
  '/gestion/demandes/:id/objet/pieces': { id: 'repairA' },
  // Statements still waiting for the shop’s invoice (A’s is being paid), so a form reaches every check.
  '/gestion/releves/:id/facture': { id: 'statementC' },
  '/gestion/releves/:id/ecart': { id: 'statementC' },
  '/gestion/releves/:id/autofacture': { id: 'statementD' },
};

function valueOf(world: World, key: string): string {
  return key.startsWith('=') ? key.slice(1) : world[key as WorldKey];
}

/**
 * The address with its parameters filled: every object of side A, or (`mixed`) the last one
 * of side B under A's first ones. Undefined when a parameter has no filler (or no twin).
 */
function fill(url: string, world: World, mixed = false): string | undefined {
  const names = [...url.matchAll(/:(\w+)/g)];
  let result = '';
  let from = 0;
  for (const [index, match] of names.entries()) {
    const prefix = url.slice(0, match.index);
    const filler = FILL.find(([pattern]) => pattern.test(prefix));
    if (!filler) return undefined;
    const useTwin = mixed && index === names.length - 1;
    const key = useTwin ? filler[2] : (FILL_BY_ROUTE[url]?.[match[1]] ?? filler[1]);
    if (key === undefined) return undefined;
    result += url.slice(from, match.index) + valueOf(world, key);
    from = match.index + match[0].length;
  }
  return result + url.slice(from);
}

// ---------- form bodies ----------

type Body = Record<string, string | string[]>;

/** A valid value for each field name the forms use (the schema's own enum otherwise). */
function fieldValues(world: World, today: string): Record<string, () => string | string[]> {
  const frenchToday = today.split('-').reverse().join('/');
  return {
    idempotency_key: () => newIdempotencyKey(),
    email: () => `essai-${newId().slice(0, 8)}@exemple.fr`,
    password: () => 'cheval agrafe batterie correcte 42',
    password_confirm: () => 'cheval agrafe batterie correcte 42',
    code: () => '123456',
    offer_id: () => world.offerA,
    place_id: () => world.placeA,
    shop_id: () => world.shopA,
    provider: () => world.shopA,
    change: () => world.bankChangeA,
    bons: () => [world.poA],
    shown: () => world.poA,
    releves: () => [world.statementB],
    slot: () => '2030-01-07T09:00:00.000Z',
    quantity: () => '1',
    price: () => '12,50',
    montant: () => '1,00',
    montant_cents: () => '100',
    amount: () => '10,00',
    quoi: () => 'tout',
    motif: () => 'Geste commercial',
    number: () => 'F-2026-001',
    invoice_date: () => frenchToday,
    start: () => today,
    latitude: () => '43.515',
    longitude: () => '4.988',
    siret: () => '',
    category_code: () => 'fromagerie',
    postal_code: () => '13800',
    phone: () => '04 42 00 00 00',
    first_name: () => 'Jeanne',
    last_name: () => 'Essai',
    display_name: () => 'Jeanne Essai',
    title: () => 'Un titre',
    unit: () => 'la pièce',
    storage_location: () => 'A1',
    slot_minutes: () => '30',
    slot_capacity: () => '',
    closure_from: () => today,
    closure_to: () => today,
    closure_reason: () => 'Travaux',
    opening_date: () => today,
    opening_reason: () => 'Fête',
    reason: () => 'Une raison',
    name: () => 'Point relais',
    contact_name: () => 'Jeanne Contact',
    contact_phone: () => '04 42 00 00 01',
    contact_email: () => '',
    member: () => '04 42 00 00 02',
    audience: () => 'needs_delivery',
    streets: () => '13800 rue Frédéric Mistral',
    direction: () => 'up',
    driver: () => '',
    order_id: () => world.runOrderA,
    run_id: () => world.runA,
    date: () => today,
    kind: () => 'advice',
    answer: () => 'Plomberie Martin, 04 42 00 00 03',
    body: () => 'Un message',
    rating: () => '5',
    member_id: () => world.memberA,
    channel: () => 'phone',
    duration: () => '60',
    // query strings
    format: () => 'csv',
    // shops CRM
    due_date: () => frenchToday,
    until: () => '31/12/2099',
    starts_on: () => frenchToday,
    ends_on: () => frenchToday,
    note: () => 'Fait au téléphone',
    // REVIEW: the year of a yearly review
    year: () => '2025',
  };
}

/** Resident A's coat, taken in at the counter for shop A, with its invoice kept. */
async function repairsOf(shopId: string, memberId: string): Promise<Pick<World, 'repairA' | 'repairInvoiceA'>> {
  const { db, config } = ctx;
  const concierge = accounts.get('concierge')!;
  const repairA = await askForService(db, config, concierge, { kind: 'repair', title: 'Manteau', details: '', memberId, channel: 'counter' }, newIdempotencyKey());
  await takeInItem(db, config, concierge, repairA, { description: 'manteau gris', providerShopId: shopId, shelf: 'B3', agreedPriceCents: null, bonusEligible: false, bonusCode: null }, newIdempotencyKey());
  const invoice = { kind: 'invoice' as const, file: Buffer.from('%PDF-1.4 facture du tailleur') };
  return { repairA, repairInvoiceA: await attachToRepair(db, config, concierge, repairA, invoice, newIdempotencyKey()) };
}

function objectSchema(route: FoundRoute): TObject | undefined {
  const schema = route.body as TObject | undefined;
  return schema && schema.type === 'object' ? schema : undefined;
}

function propertiesOf(route: FoundRoute): Array<[string, TSchema]> {
  return Object.entries(objectSchema(route)?.properties ?? {}).filter(([name]) => name !== '_csrf');
}

function requiredOf(route: FoundRoute): Set<string> {
  return new Set((objectSchema(route)?.required ?? []).filter((name) => name !== '_csrf'));
}

/** A body the schema accepts: every required field, from its enum or the table above. */
function validBody(route: FoundRoute, values: Record<string, () => string | string[]>): Body {
  const body: Body = {};
  const required = requiredOf(route);
  for (const [name, schema] of propertiesOf(route)) {
    if (!required.has(name)) continue;
    const literal = schema as { enum?: string[]; anyOf?: Array<{ const?: string }>; const?: string };
    const choices = literal.enum ?? (literal.anyOf?.every((option) => typeof option.const === 'string') ? literal.anyOf.map((option) => option.const!) : literal.const ? [literal.const] : undefined);
    if (choices && !(name in values && choices.includes(String(values[name]())))) body[name] = choices[0];
    else if (name in values) body[name] = values[name]();
    else if (schema.type === 'string' && [undefined, '\\S'].includes((schema as { pattern?: string }).pattern)) body[name] = 'Un texte';
    else throw new Error(`${route.method} ${route.url}: no valid value known for the field « ${name} »; add one to fieldValues`);
  }
  return body;
}

// ---------- what the database holds ----------

/** Tables a refused request may still write: the session store, login throttling, job leases. */
const NOT_COMPARED = new Set(['sessions', 'login_throttles', 'jobs']);

let tables: string[] | undefined;

async function snapshot(ctx: TestApp): Promise<Map<string, string>> {
  tables ??= (await ctx.db.introspection.getTables()).map((table) => table.name).filter((name) => !NOT_COMPARED.has(name)).sort();
  const result = new Map<string, string>();
  for (const table of tables) {
    const rows = await ctx.db.selectFrom(table as 'shops').selectAll().execute();
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    result.set(table, `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`);
  }
  return result;
}

/** The database as last read, so that a loop of refused requests reads it once per step, not twice. */
let lastSeen: Map<string, string> | undefined;

async function baseline(): Promise<Map<string, string>> {
  lastSeen ??= await snapshot(ctx);
  return lastSeen;
}

/** The tables changed since `before` (read by `baseline`). */
async function changesSince(before: Map<string, string>): Promise<string[]> {
  lastSeen = await snapshot(ctx);
  return changedTables(before, lastSeen);
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).map((name) => `${name} (${before.get(name)?.split(':')[0]} → ${after.get(name)?.split(':')[0]} rows)`);
}

// ---------- French refusals ----------

const TEMPLATES: RegExp[] = Object.values(messages as Record<string, string>)
  .filter((template) => template.length >= 12)
  .map((template) => {
    const parts = template.replace(/\u00a0|\u202f/g, ' ').split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(parts.join('.+?'));
  });

/** The refusal messages a page shows: beside fields, in the summary, or as an error page’s lead. */
function refusalMessages(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<p class="field__error"[^>]*>([\s\S]*?)<\/p>/g)) found.push(visibleText(match[1].replace(/<span class="visually-hidden">[\s\S]*?<\/span>/, '')));
  for (const match of html.matchAll(/<div class="error-summary"[\s\S]*?<ul>([\s\S]*?)<\/ul>/g)) {
    for (const item of match[1].matchAll(/<li>([\s\S]*?)<\/li>/g)) found.push(visibleText(item[1]));
  }
  for (const match of html.matchAll(/<p class="lead">([\s\S]*?)<\/p>/g)) found.push(visibleText(match[1]));
  return found.filter((text) => text !== '');
}

/** A refusal in French: at least one message, each one of the dictionary’s. */
function assertFrenchRefusal(response: LightMyRequestResponse, what: string): void {
  const json = String(response.headers['content-type']).startsWith('application/json');
  const shown = json ? [String((JSON.parse(response.body) as { message?: string }).message ?? '')].filter(Boolean) : refusalMessages(response.body);
  assert.ok(shown.length > 0, `${what}: no refusal message on the page (status ${response.statusCode})`);
  for (const text of shown) assert.ok(TEMPLATES.some((template) => template.test(text)), `${what}: « ${text} » is not a message of the French dictionary`);
}

// ---------- the test world ----------

/** The bank details of shops A–D (then A and B swap theirs, left waiting for a second person). */
const IBANS: ReadonlyArray<readonly [string, string]> = [
  ['FR1420041010050500013M02606', 'CEPAFRPP131'],
  ['FR7630006000011234567890189', 'BNPAFRPP'],
  ['FR7630004000031234567890143', 'PSSTFRPPMAR'],
  ['FR7610107001011234567890129', 'AGRIFRPP'],
];

let ctx: TestApp;
let routes: FoundRoute[] = [];
let world: World;
let today: string;
const agents = new Map<Who, Agent>();
const tokens = new Map<Who, string>();
const accounts = new Map<Who, CurrentAccount>();

async function loginAs(email: string, password: string): Promise<Agent> {
  const agent = new Agent(ctx.app);
  await agent.login(email, password);
  return agent;
}

async function one<T>(promise: Promise<T | undefined>, what: string): Promise<T> {
  const value = await promise;
  assert.ok(value, `setup: ${what}`);
  return value;
}

/** Two companies of the business park, served at one van stop; resident A is an employee of the first, and its contact. */
async function companiesOf(employeeId: string, contactEmail: string): Promise<Pick<World, 'companyA' | 'companyB' | 'companyPlace'>> {
  const { db } = ctx;
  const companyPlace = await makePlace(db, { kind: 'company', name: 'Zone du Tubé — accueil' });
  const stops = await listCompanyStops(db);
  const company = (name: string) =>
    createCompany(db, CONCIERGE, newIdempotencyKey(), { name, addressLine: '1 rue du Tubé', postalCode: '13800', city: 'Istres', contactName: 'Jeanne Contact', contactPhone: null, contactEmail: name === 'Entreprise A' ? contactEmail : null, paysDeliveryFee: false, placeId: companyPlace }, stops);
  const [companyA, companyB] = [await company('Entreprise A'), await company('Entreprise B')];
  await db.updateTable('members').set({ company_id: companyA }).where('id', '=', employeeId).execute();
  return { companyA, companyB, companyPlace };
}

/**
 * Two delivery runs, each with one drop-off stop and one order: A's (resident A's order at a
 * hamlet's community centre, by van) driven by driver A, B's (resident B's at a senior
 * residence, by tricycle) by driver B.
 */
/** A question of each resident, still new, so every form of a request reaches its checks; and their follow links. */
async function requestsOf(residentA: CurrentAccount, residentB: CurrentAccount): Promise<Pick<World, 'requestA' | 'requestB' | 'followTokenA' | 'followTokenB'>> {
  const ask = (resident: CurrentAccount) => askForService(ctx.db, ctx.config, resident, { kind: 'advice', title: 'Un bon artisan ?', details: '' }, newIdempotencyKey());
  const [requestA, requestB] = [await ask(residentA), await ask(residentB)];
  const token = (id: string) => signedToken(ctx.config.sessionSecret, FOLLOW_PURPOSE, id);
  return { requestA, requestB, followTokenA: token(requestA), followTokenB: token(requestB) };
}

/** An absence of providers A and B, next month. */
async function absencesOf(shopA: string, shopB: string): Promise<Pick<World, 'absenceA' | 'absenceB'>> {
  const day = localDateOf(new Date(Date.now() + 40 * 86_400_000).toISOString(), ctx.config.timeZone);
  const absence = async (shopId: string) => {
    assert.equal(await addAbsence(ctx.db, CONCIERGE, shopId, { startsOn: day, endsOn: day, note: 'Congés' }), undefined);
    return (await ctx.db.selectFrom('shop_absences').select('id').where('shop_id', '=', shopId).executeTakeFirstOrThrow()).id;
  };
  return { absenceA: await absence(shopA), absenceB: await absence(shopB) };
}

/** A quote request of the member, asked of one provider who answered with a PDF: the member's choice is awaited. */
async function quoteRound(memberId: string, shopId: string): Promise<{ requestId: string; quoteId: string; token: string }> {
  const { db, config } = ctx;
  const concierge = accounts.get('concierge')!;
  const requestId = await askForService(db, config, concierge, { kind: 'quote', title: 'Fuite', details: '', memberId, channel: 'phone' }, newIdempotencyKey());
  await askProviders(db, config, concierge, requestId, { providerIds: [shopId], shareContact: false }, newIdempotencyKey());
  const quoteId = (await db.selectFrom('service_quotes').select('id').where('request_id', '=', requestId).executeTakeFirstOrThrow()).id;
  const token = signedToken(config.sessionSecret, QUOTE_LINK_PURPOSE, quoteId);
  const validUntilDate = localDateOf(new Date(Date.now() + 30 * 86_400_000).toISOString(), config.timeZone);
  await sendQuote(db, config, { by: 'link', quoteId, token }, { amountCents: 12_000, vatRateBp: 1000, validUntilDate, note: '', pdf: Buffer.from('%PDF-1.4 devis') });
  return { requestId, quoteId, token };
}

/** A quote round for each member (shop A asked for A, shop B for B), with the providers' and the follow links. */
async function quotesOf(shopA: string, shopB: string, memberA: string, memberB: string): Promise<Pick<World, 'quoteRequestA' | 'quoteRequestB' | 'quoteA' | 'quoteB' | 'quoteTokenA' | 'quoteTokenB' | 'quoteFollowTokenA'>> {
  const [a, b] = [await quoteRound(memberA, shopA), await quoteRound(memberB, shopB)];
  return {
    quoteRequestA: a.requestId,
    quoteRequestB: b.requestId,
    quoteA: a.quoteId,
    quoteB: b.quoteId,
    quoteTokenA: a.token,
    quoteTokenB: b.token,
    quoteFollowTokenA: signedToken(ctx.config.sessionSecret, FOLLOW_PURPOSE, a.requestId),
  };
}

/** An appointment proposed for each member, and the provider's signed link of each. */
async function appointmentsOf(memberA: string, memberB: string, conciergeId: string): Promise<Pick<World, 'appointmentA' | 'appointmentB' | 'appointmentTokenA' | 'appointmentTokenB' | 'appointmentProvider' | 'appointmentConcierge'>> {
  const concierge: CurrentAccount = { ...CONCIERGE, id: conciergeId };
  const appointmentProvider = await makeProvider(ctx.db, { tradeName: 'Serrurerie Ouverte', profile: { trades: ['locksmith'] } });
  await setOpeningHours(ctx.db, CONCIERGE, appointmentProvider, ALL_WEEK);
  const date = localDateOf(new Date(Date.now() + 7 * 86_400_000).toISOString(), ctx.config.timeZone);
  const booked = async (memberId: string) => {
    const requestId = await askForService(ctx.db, ctx.config, concierge, { kind: 'appointment', memberId, channel: 'phone', title: 'Une serrure', details: '' }, newIdempotencyKey());
    return bookAppointment(ctx.db, ctx.config, concierge, requestId, { providerShopId: appointmentProvider, date, time: '10:00', durationMinutes: 60 }, newIdempotencyKey());
  };
  const [appointmentA, appointmentB] = [await booked(memberA), await booked(memberB)];
  const token = (id: string) => signedToken(ctx.config.sessionSecret, PROVIDER_PURPOSE, providerLinkSubject(id, 0));
  return { appointmentA, appointmentB, appointmentTokenA: token(appointmentA), appointmentTokenB: token(appointmentB), appointmentProvider, appointmentConcierge: conciergeId };
}

async function runsOf(memberA: string, memberB: string, offerA: string, offerB: string, driverA: string, driverB: string): Promise<Pick<World, 'runA' | 'runB' | 'stopA' | 'stopB' | 'runOrderA' | 'runOrderB'>> {
  const { db, config } = ctx;
  const orderAt = async (kind: 'community_centre' | 'residence', memberId: string, offerId: string) => {
    const placeId = await makePlace(db, { kind, name: kind === 'residence' ? 'Résidence B' : 'Foyer A' });
    await db.updateTable('places').set({ latitude: 43.52, longitude: 4.99 }).where('id', '=', placeId).execute();
    return (await makeOrder(db, config, { memberId, placeId, lines: [{ offerId, quantity: 1 }] })).orderId;
  };
  const orders = [await orderAt('community_centre', memberA, offerA), await orderAt('residence', memberB, offerB)];
  // every date once: preparing a date again writes its stops anew
  const dates = await db.selectFrom('orders').select('slot_local_date').distinct().where('id', 'in', orders).execute();
  for (const { slot_local_date: date } of dates) await prepareRuns(db, config, CONCIERGE, date);
  const side = async (orderId: string, driverId: string) => {
    const row = await db
      .selectFrom('delivery_orders as d')
      .innerJoin('delivery_stops as s', 's.id', 'd.stop_id')
      .select(['s.id as stop_id', 's.run_id'])
      .where('d.order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    await assignDriver(db, CONCIERGE, row.run_id, driverId);
    return { run: row.run_id, stop: row.stop_id, order: orderId };
  };
  const a = await side(orders[0], driverA);
  const b = await side(orders[1], driverB);
  return { runA: a.run, runB: b.run, stopA: a.stop, stopB: b.stop, runOrderA: a.order, runOrderB: b.order };
}

/** Shops CRM: a contact and a follow-up of shop A and of shop B, and a campaign aiming at both. */
async function crmOf(shopA: string, shopB: string, concierge: CurrentAccount): Promise<Pick<World, 'contactA' | 'contactB' | 'taskA' | 'taskB' | 'campaignA'>> {
  const contact = (shopId: string) => addContact(ctx.db, concierge, shopId, { person: 'Mme Essai', role: 'gérante', phone: '04 42 00 00 09', email: null });
  const task = (shopId: string) => addManualTask(ctx.db, concierge, shopId, { title: 'Rappeler', dueDate: '2030-01-07' });
  const campaignA = await inTransaction(ctx.db, (trx) => createCampaign(trx, concierge, { name: 'Campagne', startsOn: '2030-01-01', endsOn: '2030-02-01', stages: ['member', 'prospect'] }));
  return { contactA: await contact(shopA), contactB: await contact(shopB), taskA: await task(shopA), taskB: await task(shopB), campaignA };
}

/** MEMBERS + PRIVACY: member A's erasure and unsubscribe links as mailed, and B's tokens for the mixed addresses. */
function privacyLinksOf(memberA: string, memberB: string): Pick<World, 'erasureExpiresA' | 'erasureTokenA' | 'erasureTokenB' | 'unsubscribeTokenA' | 'unsubscribeTokenB'> {
  const secret = ctx.config.sessionSecret;
  const expires = String(Math.floor(Date.parse(nowIso()) / 1000) + 86_400);
  return {
    erasureExpiresA: expires,
    erasureTokenA: signedToken(secret, 'member-erasure', `${memberA}.${expires}`),
    erasureTokenB: signedToken(secret, 'member-erasure', `${memberB}.${expires}`),
    unsubscribeTokenA: signedToken(secret, 'news-unsubscribe', memberA),
    unsubscribeTokenB: signedToken(secret, 'news-unsubscribe', memberB),
  };
}

/** REVIEW: the town's review of 2025, asked for by the town and built by the job's own function. */
async function reviewsOf(): Promise<Pick<World, 'reviewA'>> {
  const { request } = await askForReview(ctx.db, accounts.get('town')!, { year: '2025', again: false }, ctx.config.timeZone);
  assert.equal(await buildNextReview(ctx), 'built');
  return { reviewA: request.id };
}

/** IMPORT + HEALTH: a list of shops uploaded by concierge A, waiting for its import. */
async function shopImportsOf(conciergeId: string, n = 1): Promise<Pick<World, 'shopImportA'>> {
  const concierge: CurrentAccount = { ...CONCIERGE, id: conciergeId };
  const list = Buffer.from(`Raison sociale;SIRET;Adresse;Code postal;Commune\nBoulangerie ${n};${siretNumber(n, '9911')};1 rue A;13800;Istres\n`);
  return { shopImportA: await uploadShopList(ctx.db, concierge, list) };
}

async function buildWorld(): Promise<void> {
  const { db, config } = ctx;
  today = localDateOf(nowIso(), config.timeZone);
  const placeA = await makePlace(db);
  const placeB = await makePlace(db);
  // Shops A and B also work as providers (repairs, quotes), so their merchants have requests on their portal.
  const shopA = await makeProvider(db, { tradeName: 'Boutique A', profile: { trades: ['plumber', 'tailor'] } });
  const shopB = await makeProvider(db, { tradeName: 'Boutique B', profile: { trades: ['plumber', 'tailor'] } });
  const shopC = await makeShop(db, { tradeName: 'Boutique C' });
  const shopD = await makeShop(db, { tradeName: 'Boutique D' });
  const offerA = await makeOffer(db, shopA, { title: 'Comté', photo: await makePhoto(400, 300) });
  const offerA2 = await makeOffer(db, shopA, { title: 'Beaufort' });
  const offerB = await makeOffer(db, shopB, { title: 'Pain' });
  const offerC = await makeOffer(db, shopC, { title: 'Vin' });
  const offerD = await makeOffer(db, shopD, { title: 'Livre' });
  const imageA = (await db.selectFrom('offers').select('image_id').where('id', '=', offerA).executeTakeFirstOrThrow()).image_id!;

  const people: Array<[Who, Promise<{ id: string; email: string; password: string }>]> = [
    ['merchantA', makeAccount(db, config, 'merchant', { shopId: shopA, displayName: 'Marchand A' })],
    ['merchantB', makeAccount(db, config, 'merchant', { shopId: shopB, displayName: 'Marchand B' })],
    ['concierge', makeAccount(db, config, 'concierge', { displayName: 'Concierge Un' })],
    ['concierge2', makeAccount(db, config, 'concierge', { displayName: 'Concierge Deux' })],
    ['town', makeAccount(db, config, 'town', { displayName: 'Mairie' })],
    ['driverA', makeAccount(db, config, 'driver', { displayName: 'Chauffeur A' })],
    ['driverB', makeAccount(db, config, 'driver', { displayName: 'Chauffeur B' })],
  ];
  const made = new Map<Who, { id: string; email: string; password: string }>();
  for (const [who, account] of people) made.set(who, await account);
  const [residentA, residentB]: Resident[] = await Promise.all([makeResident(db, config), makeResident(db, config)]);
  made.set('residentA', { id: residentA.account.id, email: residentA.email, password: residentA.password });
  made.set('residentB', { id: residentB.account.id, email: residentB.email, password: residentB.password });
  for (const [who, account] of made) {
    const row = await db.selectFrom('accounts').select(['id', 'email', 'role', 'display_name', 'shop_id', 'member_id']).where('id', '=', account.id).executeTakeFirstOrThrow();
    accounts.set(who, { id: row.id, email: row.email, role: row.role as CurrentAccount['role'], displayName: row.display_name, shopId: row.shop_id, memberId: row.member_id });
  }

  // Resident A’s order: an offer of shop A and a line at an estimated price; resident B’s of shop B.
  await addFreeTextLine(db, accountBasketKey(residentA.account.id), { shopId: shopA, title: 'Plateau de fromages', estimatedPriceCents: 2500, quantity: 1 });
  const orderA = (await makeOrder(db, config, { resident: residentA.account, placeId: placeA, lines: [{ offerId: offerA, quantity: 2 }] })).orderId;
  const orderB = (await makeOrder(db, config, { resident: residentB.account, placeId: placeA, lines: [{ offerId: offerB, quantity: 1 }] })).orderId;
  const orderOnlineA = (await makeOrder(db, config, { resident: residentA.account, placeId: placeA, lines: [{ offerId: offerA2, quantity: 1 }], paymentMethod: 'online' })).orderId;
  const demoUrl = await startOnlinePayment(db, config, residentA.account, orderOnlineA);
  const demoSessionA = await one(Promise.resolve(/\/paiement\/demo\/([^/?#]+)/.exec(demoUrl)?.[1]), `a demo checkout address, got ${demoUrl}`);
  const poOf = async (orderId: string) => (await db.selectFrom('purchase_orders').select('id').where('order_id', '=', orderId).orderBy('id').executeTakeFirstOrThrow()).id;
  const poA = await poOf(orderA);
  const poB = await poOf(orderB);
  const lineOf = (orderId: string, estimate: boolean) =>
    db.selectFrom('order_lines').select('id').where('order_id', '=', orderId).where('price_is_estimate', '=', estimate ? 1 : 0).executeTakeFirst().then((row) => row?.id);
  const orderLineA = await one(lineOf(orderA, true), 'the estimated line of order A');
  const orderLineB = await one(lineOf(orderB, false), 'a line of order B');
  const poLineA = await one(lineOf(orderA, false), 'the offer line of order A');
  const poLineB = orderLineB;

  // What stays in baskets: one line in each resident’s basket, one in each member’s desk basket.
  await addToBasket(db, accountBasketKey(residentA.account.id), offerA2, 1);
  await addToBasket(db, accountBasketKey(residentB.account.id), offerB, 1);
  await addOfferForMember(db, CONCIERGE, residentA.memberId, offerA, 1);
  await addOfferForMember(db, CONCIERGE, residentB.memberId, offerB, 1);
  const basketLine = (key: string) => one(db.selectFrom('basket_lines').select('id').where('owner_key', '=', key).executeTakeFirst().then((row) => row?.id), `a basket line of ${key}`);
  const basketLineA = await basketLine(accountBasketKey(residentA.account.id));
  const basketLineB = await basketLine(accountBasketKey(residentB.account.id));
  const deskLineA = await basketLine(deskBasketKey(residentA.memberId));
  const deskLineB = await basketLine(deskBasketKey(residentB.memberId));

  // Exceptional closures and openings of two collection points, next month.
  const inAMonth = localDateOf(new Date(Date.now() + 30 * 86_400_000).toISOString(), config.timeZone);
  const closureA = await addClosure(db, CONCIERGE, newIdempotencyKey(), placeA, { fromDate: inAMonth, toDate: inAMonth, reason: 'Inventaire' });
  const closureB = await addClosure(db, CONCIERGE, newIdempotencyKey(), placeB, { fromDate: inAMonth, toDate: inAMonth, reason: 'Inventaire' });
  const inTwoMonths = localDateOf(new Date(Date.now() + 60 * 86_400_000).toISOString(), config.timeZone);
  const opening = { date: inTwoMonths, reason: 'Marché de Noël', ranges: [{ opensAt: '10:00', closesAt: '12:00' }] };
  const openingA = await addOpening(db, CONCIERGE, newIdempotencyKey(), placeA, opening);
  const openingB = await addOpening(db, CONCIERGE, newIdempotencyKey(), placeB, opening);

  // Money: shops A–D paid back weekly with confirmed bank details (D under a self-billing
  // mandate), one sale each handed over, this week closed; A’s and B’s invoices recorded
  // (matched), C’s and D’s awaited; A’s statement in a payout batch.
  for (const [index, shopId] of [shopA, shopB, shopC, shopD].entries()) {
    const [iban, bic] = IBANS[index];
    const refused = await updateTerms(db, config, CONCIERGE, shopId, { settlementPeriod: 'weekly', iban, bic, vatNumber: '', selfBillingSince: shopId === shopD ? '2020-01-01' : '' });
    assert.equal(refused, undefined, `terms of a shop: ${JSON.stringify(refused)}`);
  }
  await confirmBankDetails(db, [shopA, shopB, shopC, shopD]);
  const orderHandedOver = (await handedOverOrder(db, config, placeA, [{ offerId: offerA2 }, { offerId: offerB }, { offerId: offerC }, { offerId: offerD }])).orderId;
  await closeCurrentPeriod(db, config, 'weekly');
  const statementOf = (shopId: string) => one(db.selectFrom('statements').select(['id', 'sales_cents', 'refunds_cents']).where('shop_id', '=', shopId).executeTakeFirst(), 'a statement');
  const statements = new Map<string, { id: string; sales_cents: number; refunds_cents: number }>();
  for (const shopId of [shopA, shopB, shopC, shopD]) statements.set(shopId, await statementOf(shopId));
  for (const shopId of [shopA, shopB]) {
    const row = statements.get(shopId)!;
    const amount = ((Number(row.sales_cents) - Number(row.refunds_cents)) / 100).toFixed(2).replace('.', ',');
    await recordShopInvoice(db, config, CONCIERGE, row.id, { number: `F-${row.id.slice(-6)}`, invoiceDate: today.split('-').reverse().join('/'), amount, file: Buffer.from('%PDF-1.4 facture') }, newIdempotencyKey());
  }
  const batchA = await prepareBatch(db, config, accounts.get('concierge')!, [statements.get(shopA)!.id], newIdempotencyKey());
  await moveBatchStep(db, config, accounts.get('concierge2')!, batchA, 'approve', newIdempotencyKey());
  const invoiceOf = (table: 'commission_invoices' | 'shop_invoices', shopId: string) =>
    one(db.selectFrom(table).select('id').where('shop_id', '=', shopId).executeTakeFirst().then((row) => row?.id), `${table} of a shop`);

  // A change of bank details waiting for a second person, on shops A and B.
  for (const [shopId, [iban, bic]] of [[shopA, IBANS[1]], [shopB, IBANS[0]]] as const) {
    const refused = await updateTerms(db, config, CONCIERGE, shopId, { settlementPeriod: 'weekly', iban, bic, vatNumber: '', selfBillingSince: '' });
    assert.equal(refused, undefined, `new bank details: ${JSON.stringify(refused)}`);
  }
  const pendingChange = (shopId: string) =>
    one(db.selectFrom('bank_detail_changes').select('id').where('shop_id', '=', shopId).where('status', '=', 'pending').executeTakeFirst().then((row) => row?.id), 'a pending bank change');

  const inboundMail = newId();
  await db
    .insertInto('inbound_mails')
    .values({
      id: inboundMail,
      message_id: `<${inboundMail}@exemple.fr>`,
      from_address: residentA.email,
      from_name: 'Lucie Martin',
      subject: 'Commande pour samedi',
      body_text: 'Un plateau de fromages, merci.',
      received_at: nowIso(),
      fetched_at: nowIso(),
      status: 'new',
      member_id: null,
      order_id: null,
      handled_by_label: null,
      handled_at: null,
    })
    .execute();
  // A visitor's request to join, waiting for the concierge's call (« Classer » files it).
  const membershipRequest = await submitMembershipRequest(db, null, {
    key: newIdempotencyKey(),
    visitorId: newId(),
    visitorKey: undefined,
    request: { name: 'Rose Visiteuse', phone: '04 42 11 22 66', email: null },
  });
  const sentMail = await one(db.selectFrom('outbox').select('id').executeTakeFirst().then((row) => row?.id), 'a mail in the outbox');

  world = {
    shopA,
    shopB,
    shopC,
    shopD,
    offerA,
    offerA2,
    offerB,
    imageA,
    placeA,
    placeB,
    closureA,
    closureB,
    openingA,
    openingB,
    memberA: residentA.memberId,
    memberB: residentB.memberId,
    orderA,
    orderB,
    orderOnlineA,
    orderHandedOver,
    orderLineA,
    orderLineB,
    poA,
    poB,
    poLineA,
    poLineB,
    basketLineA,
    basketLineB,
    deskLineA,
    deskLineB,
    demoSessionA,
    statementA: statements.get(shopA)!.id,
    statementB: statements.get(shopB)!.id,
    statementC: statements.get(shopC)!.id,
    statementD: statements.get(shopD)!.id,
    commissionInvoiceA: await invoiceOf('commission_invoices', shopA),
    commissionInvoiceB: await invoiceOf('commission_invoices', shopB),
    shopInvoiceA: await invoiceOf('shop_invoices', shopA),
    shopInvoiceB: await invoiceOf('shop_invoices', shopB),
    batchA,
    merchantAccountA: made.get('merchantA')!.id,
    merchantAccountB: made.get('merchantB')!.id,
    bankChangeA: await pendingChange(shopA),
    bankChangeB: await pendingChange(shopB),
    inboundMail,
    sentMail,
    passwordToken: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd',
    ...(await repairsOf(shopA, residentA.memberId)),
    membershipRequest,
    ...(await companiesOf(residentA.memberId, residentA.email)),
    ...(await runsOf(residentA.memberId, residentB.memberId, offerA, offerB, made.get('driverA')!.id, made.get('driverB')!.id)),
    ...(await requestsOf(residentA.account, residentB.account)),
    ...(await quotesOf(shopA, shopB, residentA.memberId, residentB.memberId)),
    ...(await absencesOf(shopA, shopB)),
    ...(await appointmentsOf(residentA.memberId, residentB.memberId, made.get('concierge')!.id)),
    ...(await crmOf(shopA, shopB, accounts.get('concierge')!)),
    ...privacyLinksOf(residentA.memberId, residentB.memberId),
    ...(await reviewsOf()),
    ...(await shopImportsOf(made.get('concierge')!.id)),
  };

  agents.set('visitor', new Agent(ctx.app));
  const logins = [...made].map(async ([who, account]) => [who, await loginAs(account.email, account.password)] as const);
  for (const [who, agent] of await Promise.all(logins)) agents.set(who, agent);
  for (const [who, agent] of agents) tokens.set(who, await agent.csrfToken(who === 'visitor' ? '/connexion' : '/'));
}

before(async () => {
  capture = [];
  ctx = await buildTestApp();
  const found = capture;
  capture = undefined;
  const seen = new Set<string>();
  routes = found.filter((route) => {
    const key = `${route.method} ${route.url}`;
    if (route.method === 'HEAD' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  await buildWorld();
});

after(() => ctx?.close());

const isWrite = (route: FoundRoute) => route.method !== 'GET';
const keyOf = (route: FoundRoute) => `${route.method} ${route.url}`;
const requested = () => routes.filter((route) => !(keyOf(route) in NOT_REQUESTED));

let requestCount = 0;

async function send(who: Who, route: FoundRoute, url: string, body: Body = {}, csrf: string | null = tokens.get(who)!): Promise<LightMyRequestResponse> {
  requestCount += 1;
  const agent = agents.get(who)!;
  if (!isWrite(route)) return agent.get(url);
  if (csrf === null) {
    const payload = new URLSearchParams(Object.entries(body).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : value.map((item) => [name, item])))).toString();
    return ctx.app.inject({ method: route.method as 'POST', url, payload, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: agent.cookieHeader() } });
  }
  return agent.post(url, { ...body, _csrf: csrf });
}

function assertRefused(response: LightMyRequestResponse, refusal: Refusal, what: string): void {
  if (refusal === 'login') {
    assert.equal(response.statusCode, 303, `${what}: a visitor is sent to log in (got ${response.statusCode})`);
    assert.match(String(response.headers.location), /^\/connexion(\?|$)/, `${what}: sent to /connexion`);
    return;
  }
  if (refusal === 'not_found') {
    assert.equal(response.statusCode, 404, `${what}: answers 404 (got ${response.statusCode})`);
    assert.ok(visibleText(response.body).includes(plain(messages['errors.not_found'])), `${what}: the French « not found » page`);
    return;
  }
  assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${what}: refused (got ${response.statusCode})`);
  assertFrenchRefusal(response, what);
}

// ---------- 1. every route is known ----------

test('every route is classified in the access table and its parameters can be filled', (t) => {
  assert.ok(routes.length > 100, `found ${routes.length} routes`);
  t.diagnostic(`${routes.length} routes: ${routes.filter((route) => !isWrite(route)).length} GET, ${routes.filter(isWrite).length} POST`);
  const unclassified = requested().filter((route) => !ruleOf(route)).map(keyOf);
  assert.deepEqual(unclassified, [], 'routes with no access rule: add them to ACCESS');
  const unfillable = requested().filter((route) => fill(route.url, world) === undefined).map(keyOf);
  assert.deepEqual(unfillable, [], 'routes whose parameters cannot be filled: add a filler to FILL (or the route to NOT_REQUESTED, with why)');
  const withoutCsrf = routes.filter((route) => isWrite(route) && !route.csrf).map(keyOf).sort();
  assert.deepEqual(withoutCsrf, Object.keys(WITHOUT_CSRF).sort(), 'POST routes that take no CSRF token');
  const unbodied = routes.filter((route) => isWrite(route) && route.csrf && !objectSchema(route)).map(keyOf);
  assert.deepEqual(unbodied, [], 'form POSTs without a body schema');
});

// ---------- 2. pages ----------

/** GET routes whose rightful user still gets a 404 here, each with why. */
const OWNER_GETS_404: Record<string, string> = {
  'GET /mot-de-passe/:token': 'the token of this file is made up: the page says the link is not valid',
  'GET /gestion/demandes/:id/rendez-vous': 'request A is a question: only an appointment request has an appointment page',
  'GET /compte/demandes/:id/rendez-vous.ics': 'request A is a question: it has no confirmed appointment to put in a diary',
  'GET /suivi/:id/:token/rendez-vous.ics': 'request A is a question: it has no confirmed appointment to put in a diary',
};

test('GET: the rightful users get the page (bank details in full for the concierge only), a visitor is sent to log in, anyone else gets 404', async (t) => {
  const sentBefore = requestCount;
  const before = await snapshot(ctx);
  const failures: string[] = [];
  const values = fieldValues(world, today);
  for (const route of requested().filter((candidate) => !isWrite(candidate))) {
    const rule = ruleOf(route)!;
    const query = new URLSearchParams(validBody({ ...route, body: route.query }, values) as Record<string, string>).toString();
    const url = fill(route.url, world)! + (query ? `?${query}` : '');
    // Everyone refused, and one of each role allowed (the page is read the same by both concierges).
    const askers = EVERYONE.filter((who) => !rule.allow.includes(who) || rule.allow.find((other) => ROLE_OF[other] === ROLE_OF[who]) === who);
    for (const who of askers) {
      const response = await send(who, route, url);
      const what = `GET ${url} as ${who}`;
      // Bank details are shown in full to the concierge only (who pays); anyone else sees them masked.
      if (ROLE_OF[who] !== 'concierge') {
        const shown = IBANS.filter(([iban]) => [iban, iban.replace(/(.{4})/g, '$1 ').trim(), iban.slice(4, 20)].some((form) => response.body.includes(form)));
        if (shown.length > 0) failures.push(`${what}: shows the full IBAN ${shown.map(([iban]) => iban).join(', ')}`);
      }
      try {
        if (rule.allow.includes(who)) {
          assert.ok(response.statusCode < 500, `${what}: ${response.statusCode}`);
          if (!(keyOf(route) in OWNER_GETS_404)) assert.notEqual(response.statusCode, 404, `${what}: the rightful user gets 404: is the filler right?`);
        } else {
          assertRefused(response, refusalOf(rule, who), what);
        }
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  }
  t.diagnostic(`${requestCount - sentBefore} requests`);
  assert.deepEqual(failures, []);
  assert.deepEqual(changedTables(before, await snapshot(ctx)), [], 'reading pages wrote to the database');
});

// ---------- 3. forms of others ----------

test('POST: a visitor is sent to log in, a wrong role or another owner gets 404, and nothing changes', async (t) => {
  const sentBefore = requestCount;
  const values = fieldValues(world, today);
  const failures: string[] = [];
  for (const route of requested().filter((candidate) => isWrite(candidate) && candidate.csrf)) {
    const rule = ruleOf(route)!;
    const url = fill(route.url, world)!;
    const refused = EVERYONE.filter((who) => !rule.allow.includes(who));
    if (refused.length === 0) continue;
    const before = await baseline();
    for (const who of refused) {
      const response = await send(who, route, url, validBody(route, values));
      try {
        assertRefused(response, refusalOf(rule, who), `POST ${url} as ${who}`);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    const changed = await changesSince(before);
    if (changed.length > 0) failures.push(`POST ${url}: refused requests changed ${changed.join(', ')}`);
  }
  t.diagnostic(`${requestCount - sentBefore} requests`);
  assert.deepEqual(failures, []);
});

test('POST with a forged, missing or another session’s CSRF token: 403 in French, and nothing changes', async (t) => {
  const sentBefore = requestCount;
  const values = fieldValues(world, today);
  const failures: string[] = [];
  for (const route of requested().filter((candidate) => isWrite(candidate) && candidate.csrf)) {
    const owner = ruleOf(route)!.allow[0];
    const url = fill(route.url, world)!;
    const stranger = owner === 'residentB' ? 'residentA' : 'residentB';
    const before = await baseline();
    for (const [how, token] of [
      ['forged', 'abc.def'],
      ['missing', null],
      ['another session’s', tokens.get(stranger)!],
    ] as const) {
      const response = await send(owner, route, url, validBody(route, values), token);
      const what = `POST ${url} as ${owner} with a ${how} token`;
      try {
        assert.equal(response.statusCode, 403, `${what}: ${response.statusCode}`);
        assertFrenchRefusal(response, what);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (route.multipart) {
      const body = Object.fromEntries(Object.entries(validBody(route, values)).map(([name, value]) => [name, String(value)]));
      const response = await agents.get(owner)!.postMultipart(url, { ...body, _csrf: 'abc.def' }, { field: 'photo', filename: 'x.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4') });
      if (response.statusCode !== 403) failures.push(`POST ${url} (multipart) as ${owner} with a forged token: ${response.statusCode}`);
    }
    const changed = await changesSince(before);
    if (changed.length > 0) failures.push(`POST ${url}: refused requests changed ${changed.join(', ')}`);
  }
  assert.ok(routes.filter((route) => route.multipart).length >= 4, 'the forms that upload a file are found');
  t.diagnostic(`${requestCount - sentBefore} requests`);
  assert.deepEqual(failures, []);
});

// ---------- 4. another owner’s object under one’s own address ----------

test('an object of side B under an address of side A is not found, for reading and for writing', async (t) => {
  const sentBefore = requestCount;
  const values = fieldValues(world, today);
  const failures: string[] = [];
  const mixedRoutes = requested().filter((route) => (route.url.match(/:\w+/g) ?? []).length >= 2 && fill(route.url, world, true) !== undefined);
  assert.ok(mixedRoutes.length >= 15, `found ${mixedRoutes.length} addresses naming two objects`);
  for (const route of mixedRoutes) {
    const rule = ruleOf(route)!;
    const url = fill(route.url, world, true)!;
    const before = await baseline();
    for (const who of rule.allow.filter((candidate) => candidate !== 'visitor')) {
      const response = await send(who, route, url, isWrite(route) ? validBody(route, values) : {});
      try {
        assertRefused(response, 'not_found', `${route.method} ${url} as ${who}`);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    const changed = await changesSince(before);
    if (changed.length > 0) failures.push(`${route.method} ${url}: refused requests changed ${changed.join(', ')}`);
  }
  t.diagnostic(`${requestCount - sentBefore} requests`);
  assert.deepEqual(failures, []);
});

// ---------- 5. bad input from the rightful owner ----------

const HUGE = 'x'.repeat(10_000);
const MALFORMED_ID = 'pas-un-id';

/** Impossible amounts, by field; every amount field gets the default list. */
const BAD_NUMBERS: Record<string, readonly string[]> = {
  default: ['0', '0,00', '-1', '-0,01', '99999999999', '1e9', 'NaN', '12,345', '١٢'],
  quantity: ['0', '999999', '-1', '1.5', '1e3'],
  // No lead time (0 days) is a real answer.
  lead_time_days: ['-1', '999999', '1,5', '1e3', 'NaN'],
  latitude: ['91', '-91', '1e9', 'NaN', 'Infinity'],
  longitude: ['181', '-181', '1e9', 'NaN', 'Infinity'],
  slot_minutes: ['0', '7', '-30', '99999'],
  slot_capacity: ['0', '-5', '1e3', '9999999'],
};
const AMOUNT_FIELDS = new Set(['price', 'montant', 'amount', 'quantity', 'rate', 'vatRate', 'slot_minutes', 'slot_capacity', 'montant_cents', 'shown_cents', 'measure_amount', 'lead_time_days', 'latitude', 'longitude']);

/**
 * Forms that answer a forged body (one no page of the site sends) by starting their journey
 * again, without a message, each with why; what is asserted of them is that nothing is written.
 */
const RESTART_ON_FORGED_BODY: Record<string, string> = {
  'POST /commande': 'a confirmation without a collection point or a slot goes back to the start of the checkout',
  'POST /gestion/commandes/nouvelle/:memberId/commande': 'an order without a collection point or a channel goes back to the member’s basket',
};

/** Forms that answer a refusal with a redirect to a page saying why, each with why. */
const REFUSES_BY_REDIRECT: Record<string, string> = {
  'POST /connexion/code': 'without a password typed first there is no code to check: back to the password page, with the message',
};

/** Who sends a route its bad input: the first of those allowed (a visitor for public forms). */
function ownerOf(route: FoundRoute): Who {
  return ruleOf(route)!.allow[0];
}

function isBounded(schema: TSchema): boolean {
  const s = schema as { maxLength?: number; enum?: unknown[]; const?: unknown; anyOf?: TSchema[]; type?: string; maxItems?: number; items?: TSchema };
  if (s.type === 'array') return s.maxItems !== undefined && s.items !== undefined && isBounded(s.items);
  return s.maxLength !== undefined || s.enum !== undefined || s.const !== undefined || (s.anyOf?.every(isBounded) ?? false);
}

function idFields(route: FoundRoute): string[] {
  return propertiesOf(route)
    .filter(([, schema]) => {
      const s = schema as { pattern?: string; items?: { pattern?: string } };
      return [s.pattern, s.items?.pattern].some((pattern) => pattern?.includes('[0-9a-f]{8}'));
    })
    .map(([name]) => name);
}

/** The bad bodies (and addresses) a form is sent, each named. */
function badInputs(route: FoundRoute, url: string, valid: Body): Array<{ what: string; url: string; body: Body }> {
  const cases: Array<{ what: string; url: string; body: Body }> = [];
  const properties = propertiesOf(route);
  if (requiredOf(route).size > 0) cases.push({ what: 'no field at all', url, body: {} });
  cases.push({ what: 'an unknown field', url, body: { ...valid, champ_inconnu: 'valeur' } });
  if (properties.length > 0) {
    cases.push({ what: 'every field 10 000 characters long', url, body: Object.fromEntries(properties.map(([name, schema]) => [name, schema.type === 'array' ? [HUGE] : HUGE])) });
  }
  for (const [name, schema] of properties) {
    if (!isBounded(schema)) cases.push({ what: `« ${name} » 10 000 characters long (its schema sets no limit)`, url, body: { ...valid, [name]: HUGE } });
  }
  const scalars = Object.entries(valid).filter(([, value]) => typeof value === 'string');
  if (scalars.length > 0) cases.push({ what: 'every field sent twice (a list for a text)', url, body: Object.fromEntries(scalars.map(([name, value]) => [name, [String(value), `${String(value)}-bis`]])) });
  // No keyboard types a NUL, and PostgreSQL refuses one in any text: a refusal, never a 500.
  if (scalars.length > 0) cases.push({ what: 'a NUL character in every field', url, body: Object.fromEntries(scalars.map(([name, value]) => [name, `${String(value)}\u0000`])) });
  for (const [name] of properties.filter(([field]) => AMOUNT_FIELDS.has(field))) {
    for (const bad of BAD_NUMBERS[name] ?? BAD_NUMBERS.default) cases.push({ what: `« ${name} » = ${bad}`, url, body: { ...valid, [name]: bad } });
  }
  for (const name of idFields(route)) cases.push({ what: `« ${name} » a malformed id`, url, body: { ...valid, [name]: (properties.find(([field]) => field === name)![1].type === 'array' ? [MALFORMED_ID] : MALFORMED_ID) } });
  if (/:\w+/.test(route.url)) {
    const malformed = route.url.replace(/:(\w+)/, MALFORMED_ID);
    cases.push({ what: 'a malformed id in the address', url: fill(malformed, world) ?? malformed, body: valid });
  }
  return cases;
}

test('bad input from the rightful owner: never a 500, a refusal in French, nothing written', async (t) => {
  const values = fieldValues(world, today);
  const failures: string[] = [];
  let sent = 0;
  for (const route of requested().filter((candidate) => isWrite(candidate) && candidate.csrf)) {
    const owner = ownerOf(route);
    const url = fill(route.url, world)!;
    const before = await baseline();
    for (const bad of badInputs(route, url, validBody(route, values))) {
      const response = await send(owner, route, bad.url, bad.body);
      sent += 1;
      const what = `POST ${bad.url} as ${owner} with ${bad.what}`;
      try {
        assert.ok(response.statusCode < 500, `${what}: ${response.statusCode}`);
        if (response.statusCode === 303 && keyOf(route) in REFUSES_BY_REDIRECT) {
          const next = await agents.get(owner)!.get(String(response.headers.location));
          const flash = /<p class="flash"[^>]*>([\s\S]*?)<\/p>/.exec(next.body);
          assert.ok(flash && TEMPLATES.some((template) => template.test(visibleText(flash[1]))), `${what}: the page it leads to says why`);
          continue;
        }
        if (response.statusCode === 303 && keyOf(route) in RESTART_ON_FORGED_BODY) continue;
        assert.ok([400, 401, 404, 409, 413, 422].includes(response.statusCode), `${what}: not refused (${response.statusCode} ${response.headers.location ?? ''})`);
        assertFrenchRefusal(response, what);
      } catch (error) {
        failures.push((error as Error).message.split('\n')[0]);
      }
    }
    const changed = await changesSince(before);
    if (changed.length > 0) failures.push(`POST ${url}: bad input changed ${changed.join(', ')}`);
  }
  t.diagnostic(`${sent} bad requests sent`);
  assert.deepEqual(failures, []);
});

test('bad queries from the rightful reader: never a 500, a refusal in French', async () => {
  const values = fieldValues(world, today);
  const failures: string[] = [];
  const before = await snapshot(ctx);
  for (const route of requested().filter((candidate) => !isWrite(candidate) && candidate.query)) {
    const owner = ownerOf(route);
    const url = fill(route.url, world)!;
    const valid = validBody({ ...route, body: route.query }, values) as Record<string, string>;
    const names = Object.keys((route.query as TObject).properties ?? {});
    for (const name of names) {
      for (const bad of [HUGE, '-1', '0', '99999999999', '2026-02-30', 'x', '', 'a\u0000b']) {
        const address = `${url}?${new URLSearchParams({ ...valid, [name]: bad }).toString()}`;
        const response = await agents.get(owner)!.get(address);
        const what = `GET ${url}?${name}=${bad.slice(0, 20)} as ${owner}`;
        try {
          assert.ok(response.statusCode < 500, `${what}: ${response.statusCode}`);
          if (response.statusCode >= 400) assertFrenchRefusal(response, what);
        } catch (error) {
          failures.push((error as Error).message.split('\n')[0]);
        }
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(changedTables(before, await snapshot(ctx)), [], 'reading pages wrote to the database');
});

// ---------- 6. a stranger learns nothing from a malformed request ----------

test('a malformed request tells a stranger nothing: a wrong role is refused as before, another owner as for an object that does not exist', async (t) => {
  const sentBefore = requestCount;
  const failures: string[] = [];
  const before = await snapshot(ctx);
  for (const route of requested().filter((candidate) => candidate.csrf)) {
    const rule = ruleOf(route)!;
    // The basket refuses in its service, once the request is read: there is nothing to hide.
    if (rule.refusal) continue;
    const url = fill(route.url, world)!;
    // A body no form sends (an unknown field, the required ones missing) or a query no link makes.
    const malformed = (address: string) => (isWrite(route) ? address : `${address}?page=-1&champ_inconnu=1`);
    const body: Body = { champ_inconnu: HUGE.slice(0, 100) };
    const allowedRoles = new Set(rule.allow.map((who) => ROLE_OF[who]));
    // One of each role refused outright (they go through the same guard), and every other owner.
    const strangers = EVERYONE.filter((who) => !rule.allow.includes(who));
    const asked = strangers.filter((who) => allowedRoles.has(ROLE_OF[who]) || strangers.find((other) => ROLE_OF[other] === ROLE_OF[who]) === who);
    for (const who of asked) {
      const what = `${route.method} ${malformed(url)} as ${who} (malformed)`;
      try {
        const response = await send(who, route, malformed(url), body);
        if (!allowedRoles.has(ROLE_OF[who])) {
          assertRefused(response, refusalOf(rule, who), what);
          continue;
        }
        // Another owner of the same role: whatever the answer, the same as for an unknown object.
        const unknown = route.url.replace(/:(\w+)/g, () => newId());
        const control = await send(who, route, malformed(unknown.replace(/^\/paiement\/demo\/[^/]+/, '/paiement/demo/demo_000000000000000000000000')), body);
        assert.equal(response.statusCode, control.statusCode, `${what}: ${response.statusCode}, but ${control.statusCode} for an object that does not exist`);
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${what}: refused (${response.statusCode})`);
      } catch (error) {
        failures.push((error as Error).message.split('\n')[0]);
      }
    }
  }
  t.diagnostic(`${requestCount - sentBefore} requests`);
  assert.deepEqual(failures, []);
  assert.deepEqual(changedTables(before, await snapshot(ctx)), []);
});

// ---------- 7. another owner’s object named in a form’s body ----------

test('an object of another owner named in a form is refused, and nothing changes', async () => {
  const w = world;
  const cases: Array<{ who: Who; url: string; body: Body; why: string }> = [
    { who: 'merchantA', url: `/boutique/${w.shopA}/reglement/confirmer`, body: { change: w.bankChangeB }, why: 'shop B’s new IBAN confirmed from shop A’s page' },
    { who: 'concierge', url: `/gestion/commerces/${w.shopA}/reglement/confirmer`, body: { change: w.bankChangeB }, why: 'shop B’s new IBAN confirmed from shop A’s page' },
    { who: 'concierge', url: `/gestion/comptoir/${w.orderA}`, body: { bons: [w.poB], shown: w.poB, payment: 'cash', idempotency_key: newIdempotencyKey() }, why: 'order B’s purchase order handed over on order A' },
    { who: 'concierge', url: `/gestion/commandes/${w.orderA}/rembourser`, body: { quoi: `ligne:${w.orderLineB}`, source: 'cash', motif: 'Essai', idempotency_key: newIdempotencyKey() }, why: 'a line of order B refunded on order A' },
    { who: 'concierge', url: '/gestion/virements', body: { releves: [w.statementC], idempotency_key: newIdempotencyKey() }, why: 'a statement still waiting for its invoice put in a payout' },
    { who: 'concierge', url: `/gestion/commandes/nouvelle/${w.memberA}/achat-libre`, body: { shop_id: w.placeA, title: 'Essai', price: '1,00', quantity: '1' }, why: 'a free-text line for a shop that does not exist' },
    { who: 'residentA', url: '/panier/ajouter', body: { offer_id: w.orderB, quantity: '1' }, why: 'an id that names no offer added to the basket' },
  ];
  const failures: string[] = [];
  for (const { who, url, body, why } of cases) {
    const before = await baseline();
    const response = await agents.get(who)!.post(url, { ...body, _csrf: tokens.get(who)! });
    const what = `POST ${url} as ${who} (${why})`;
    try {
      assert.ok([404, 409, 422].includes(response.statusCode), `${what}: ${response.statusCode} ${response.headers.location ?? ''}`);
      assertFrenchRefusal(response, what);
    } catch (error) {
      failures.push((error as Error).message.split('\n')[0]);
    }
    const changed = await changesSince(before);
    if (changed.length > 0) failures.push(`${what}: changed ${changed.join(', ')}`);
  }
  assert.deepEqual(failures, []);
});

test('a second-step form sent from a page that is no longer current says why it is refused', async () => {
  // The concierge’s second step is off: a « turn off » or « confirm » form from an old tab.
  for (const action of ['desactiver', 'activer']) {
    const response = await agents.get('concierge')!.post(`/gestion/securite/${action}`, { code: '123456', _csrf: tokens.get('concierge')! });
    assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${action}: ${response.statusCode}`);
    assertFrenchRefusal(response, `POST /gestion/securite/${action} while the second step is off`);
  }
});

// ---------- 8. one idempotency key, one creation ----------

interface Repeat {
  who: Who;
  url: string;
  body: Body;
  /** A PDF sent with the form (multipart), for the shop’s invoice. */
  pdf?: boolean;
}

/** A form that creates something, filled as its page would be, for each route whose body carries an idempotency key. */
function repeats(): Record<string, () => Promise<Repeat>> {
  const { db, config } = ctx;
  const w = world;
  const frenchDate = (daysAhead: number) => localDateOf(new Date(Date.now() + daysAhead * 86_400_000).toISOString(), config.timeZone).split('-').reverse().join('/');
  const key = () => newIdempotencyKey();
  const atCounter = async () => {
    const made = await makeOrder(db, config, { placeId: w.placeA, lines: [{ offerId: w.offerB, quantity: 1 }] });
    const po = await db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).executeTakeFirstOrThrow();
    await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: 'B2', chilled: false });
    return { orderId: made.orderId, poId: po.id };
  };
  const batchOfB = async () => (await db.selectFrom('payouts').select('batch_id').where('statement_id', '=', w.statementB).executeTakeFirstOrThrow()).batch_id;
  return {
    'POST /gestion/demandes/:id/rendez-vous': async () => {
      const requestId = await askForService(db, config, { ...CONCIERGE, id: w.appointmentConcierge }, { kind: 'appointment', memberId: w.memberB, channel: 'phone', title: 'Deux fois ?', details: '' }, key());
      return { who: 'concierge', url: `/gestion/demandes/${requestId}/rendez-vous`, body: { provider: w.appointmentProvider, date: frenchDate(8), time: '11:00', duration: '60', idempotency_key: key() } };
    },
    'POST /gestion/demandes/:id/devis/demander': async () => {
      const id = await askForService(db, config, accounts.get('concierge')!, { kind: 'quote', title: 'Peinture', details: '', memberId: w.memberB, channel: 'phone' }, key());
      return { who: 'concierge', url: `/gestion/demandes/${id}/devis/demander`, body: { providers: [w.shopB], idempotency_key: key() } };
    },
    'POST /gestion/demandes/:id/devis/:quoteId/accepter': async () => {
      const round = await quoteRound(w.memberB, w.shopB);
      return { who: 'concierge', url: `/gestion/demandes/${round.requestId}/devis/${round.quoteId}/accepter`, body: { who: 'Mme Essai', accepted_on: frenchDate(0), idempotency_key: key() } };
    },
    'POST /compte/demandes/:id/devis/:quoteId/accepter': async () => {
      const round = await quoteRound(w.memberA, w.shopA);
      return { who: 'residentA', url: `/compte/demandes/${round.requestId}/devis/${round.quoteId}/accepter`, body: { idempotency_key: key() } };
    },
    'POST /besoin': async () => ({ who: 'residentA', url: '/besoin', body: { kind: 'quote', title: 'Peindre deux fois ?', details: '', idempotency_key: key() } }),
    'POST /gestion/demandes/nouvelle': async () => ({
      who: 'concierge',
      url: '/gestion/demandes/nouvelle',
      body: { member_id: w.memberB, kind: 'repair', title: 'Ourlet deux fois ?', details: '', channel: 'counter', due_date: '', idempotency_key: key() },
    }),
    'POST /adhesion': async () => ({ who: 'visitor', url: '/adhesion', body: { name: 'Rose Deuxfois', phone: '04 42 11 22 55', email: '', idempotency_key: key() } }),
    'POST /gestion/entreprises/nouvelle': async () => ({
      who: 'concierge',
      url: '/gestion/entreprises/nouvelle',
      body: { name: 'Entreprise Deuxfois', address_line: '2 rue du Tubé', postal_code: '13800', city: 'Istres', contact_name: 'Paul Deuxfois', contact_phone: '', contact_email: '', place_id: w.companyPlace, idempotency_key: key() },
    }),
    'POST /gestion/adherents/nouveau': async () => ({
      who: 'concierge',
      url: '/gestion/adherents/nouveau',
      body: { first_name: 'Paul', last_name: 'Deuxfois', phone: '04 42 11 22 33', email: '', address_line: '', postal_code: '', city: '', kind: 'resident', notes: '', idempotency_key: key() },
    }),
    'POST /gestion/commerces/nouveau': async () => ({
      who: 'concierge',
      url: '/gestion/commerces/nouveau',
      body: {
        trade_name: 'Mercerie Deuxfois',
        legal_name: 'Mercerie Deuxfois SARL',
        siret: '',
        category_code: 'habillement',
        address_line: '3 rue Deuxfois',
        postal_code: '13800',
        city: 'Istres',
        latitude: '43.51',
        longitude: '4.98',
        phone: '',
        email: '',
        description: '',
        independent: 'oui',
        idempotency_key: key(),
      },
    }),
    'POST /gestion/commerces/:id/comptes': async () => ({ who: 'concierge', url: `/gestion/commerces/${w.shopC}/comptes`, body: { display_name: 'Marchand C', email: 'marchand.c@exemple.fr', idempotency_key: key() } }),
    'POST /gestion/demandes/:id/objet/depot': async () => {
      const id = await askForService(db, config, accounts.get('concierge')!, { kind: 'repair', title: 'Ourlet', details: '', memberId: w.memberB, channel: 'counter' }, key());
      return { who: 'concierge', url: `/gestion/demandes/${id}/objet/depot`, body: { description: 'pantalon, ourlet', provider: w.shopB, shelf: 'B4', price: '', idempotency_key: key() } };
    },
    'POST /gestion/demandes/:id/objet/retour': async () => {
      const concierge = accounts.get('concierge')!;
      const id = await askForService(db, config, concierge, { kind: 'repair', title: 'Veste', details: '', memberId: w.memberB, channel: 'counter' }, key());
      await takeInItem(db, config, concierge, id, { description: 'veste, bouton', providerShopId: w.shopB, shelf: 'B5', agreedPriceCents: null, bonusEligible: false, bonusCode: null }, key());
      await sendToProvider(db, config, concierge, id);
      return { who: 'concierge', url: `/gestion/demandes/${id}/objet/retour`, body: { shelf: 'B5', price: '14,00', idempotency_key: key() } };
    },
    'POST /gestion/demandes/:id/objet/pieces': async () => ({ who: 'concierge', url: `/gestion/demandes/${w.repairA}/objet/pieces`, body: { kind: 'invoice', idempotency_key: key() }, pdf: true }),
    'POST /gestion/lieux/nouveau': async () => ({
      who: 'concierge',
      url: '/gestion/lieux/nouveau',
      body: { name: 'Maison de quartier', kind: 'community_centre', address_line: '1 place Deuxfois', postal_code: '13800', city: 'Istres', phone: '', idempotency_key: key() },
    }),
    'POST /gestion/lieux/:id/fermetures': async () => ({
      who: 'concierge',
      url: `/gestion/lieux/${w.placeB}/fermetures`,
      body: { closure_from: frenchDate(90), closure_to: frenchDate(91), closure_reason: 'Congés', idempotency_key: key() },
    }),
    'POST /gestion/lieux/:id/ouvertures': async () => ({
      who: 'concierge',
      url: `/gestion/lieux/${w.placeB}/ouvertures`,
      body: { opening_date: frenchDate(120), opening_reason: 'Braderie', opening_opens_1: '09:00', opening_closes_1: '12:00', idempotency_key: key() },
    }),
    'POST /boutique/:shopId/offres/nouvelle': async () => ({
      who: 'merchantA',
      url: `/boutique/${w.shopA}/offres/nouvelle`,
      body: { title: 'Tomme', description: '', price: '4,20', vat_rate: '550', unit: 'la pièce', measure_amount: '', measure_unit: '', availability: 'in_stock', lead_time_days: '', idempotency_key: key() },
    }),
    'POST /gestion/commandes/nouvelle/adherent': async () => ({ who: 'concierge', url: '/gestion/commandes/nouvelle/adherent', body: { last_name: 'Téléphone', first_name: 'Rose', phone: '04 42 11 22 44', email: '', idempotency_key: key() } }),
    'POST /gestion/commandes/nouvelle/:memberId/commande': async () => {
      const memberId = await makeMember(db);
      await addOfferForMember(db, CONCIERGE, memberId, w.offerB, 1);
      const slot = await firstSlot(db, config, CONCIERGE, { ownerKey: deskBasketKey(memberId), memberId, channel: 'telephone' }, w.placeA);
      return { who: 'concierge', url: `/gestion/commandes/nouvelle/${memberId}/commande`, body: { place_id: w.placeA, slot: slot.startAt, canal: 'telephone', payment: 'at_counter', idempotency_key: key() } };
    },
    'POST /commande': async () => {
      const resident = accounts.get('residentB')!;
      await addToBasket(db, accountBasketKey(resident.id), w.offerB, 1);
      const slot = await firstSlot(db, config, resident, residentBuyer(resident), w.placeA);
      return { who: 'residentB', url: '/commande', body: { place_id: w.placeA, slot: slot.startAt, payment: 'at_counter', idempotency_key: key() } };
    },
    'POST /gestion/comptoir/:id': async () => {
      const { orderId, poId } = await atCounter();
      return { who: 'concierge', url: `/gestion/comptoir/${orderId}`, body: { bons: [poId], shown: poId, payment: 'cash', idempotency_key: key() } };
    },
    'POST /gestion/commandes/:id/encaisser': async () => {
      const { orderId } = await atCounter();
      return { who: 'concierge', url: `/gestion/commandes/${orderId}/encaisser`, body: { method: 'cash', montant: '1,00', idempotency_key: key() } };
    },
    'POST /gestion/commandes/:id/rembourser': async () => {
      const { orderId } = await handedOverOrder(db, config, w.placeA, [{ offerId: w.offerB }]);
      return { who: 'concierge', url: `/gestion/commandes/${orderId}/rembourser`, body: { quoi: 'montant', montant: '1,00', source: 'card', motif: 'Geste commercial', idempotency_key: key() } };
    },
    'POST /commandes/:id/payer': async () => {
      const resident = accounts.get('residentA')!;
      const { orderId } = await makeOrder(db, config, { resident, placeId: w.placeA, lines: [{ offerId: w.offerA2, quantity: 1 }], paymentMethod: 'online' });
      const order = await db.selectFrom('orders').select('total_cents').where('id', '=', orderId).executeTakeFirstOrThrow();
      return { who: 'residentA', url: `/commandes/${orderId}/payer`, body: { montant_cents: String(order.total_cents), idempotency_key: key() } };
    },
    'POST /gestion/releves/:id/facture': async () => {
      const statement = await db.selectFrom('statements').select(['sales_cents', 'refunds_cents']).where('id', '=', w.statementC).executeTakeFirstOrThrow();
      const amount = ((Number(statement.sales_cents) - Number(statement.refunds_cents)) / 100).toFixed(2).replace('.', ',');
      return { who: 'concierge', url: `/gestion/releves/${w.statementC}/facture`, body: { number: 'FC-0001', invoice_date: frenchDate(0), amount, idempotency_key: key() }, pdf: true };
    },
    'POST /gestion/releves/:id/autofacture': async () => ({ who: 'concierge', url: `/gestion/releves/${w.statementD}/autofacture`, body: { idempotency_key: key() } }),
    'POST /gestion/factures/:id/avoir': async () => {
      const invoice = await db.selectFrom('commission_invoices').select('id').where('statement_id', '=', w.statementC).executeTakeFirstOrThrow();
      return { who: 'concierge', url: `/gestion/factures/${invoice.id}/avoir`, body: { reason: 'Erreur de taux', idempotency_key: key() } };
    },
    'POST /gestion/virements': async () => {
      // Shop B’s new IBAN, left waiting for the tests above, is confirmed first: B can be paid.
      await confirmBankDetails(db, [w.shopB]);
      return { who: 'concierge', url: '/gestion/virements', body: { releves: [w.statementB], idempotency_key: key() } };
    },
    // The batch of statement B, made just above, moved step by step: approved by the other concierge.
    'POST /gestion/virements/:id/approuver': async () => ({ who: 'concierge2', url: `/gestion/virements/${await batchOfB()}/approuver`, body: { idempotency_key: key() } }),
    'POST /gestion/virements/:id/envoye': async () => ({ who: 'concierge', url: `/gestion/virements/${await batchOfB()}/envoye`, body: { idempotency_key: key() } }),
    'POST /gestion/virements/:id/paye': async () => ({ who: 'concierge', url: `/gestion/virements/${await batchOfB()}/paye`, body: { idempotency_key: key() } }),
    // MEMBERS + PRIVACY: one news mail per key, even to a segment nobody agreed in.
    'POST /gestion/adherents/lettre/envoyer': async () => ({ who: 'concierge', url: '/gestion/adherents/lettre/envoyer', body: { segment: 'consent', subject: 'Nouvelles', body: 'Bonjour.', idempotency_key: key() } }),
    // IMPORT + HEALTH: a fresh list of concierge A's, imported with the columns guessed.
    'POST /gestion/commerces/importer/:id': async () => {
      const importId = (await shopImportsOf(accounts.get('concierge')!.id, 7)).shopImportA;
      return { who: 'concierge', url: `/gestion/commerces/importer/${importId}`, body: { idempotency_key: key() } };
    },
    // ATTACK REVIEW 16: a visit tapped twice on the phone logs one visit.
    'POST /gestion/commerces/:id/visite': async () => ({
      who: 'concierge',
      url: `/gestion/commerces/${w.shopA}/visite`,
      body: { met: '', notes: 'Passée deux fois ?', outcome: 'informed', reason: '', next_title: 'Repasser', next_date: frenchDate(20), task_id: '', campaign_id: '', idempotency_key: key() },
    }),
    // A contact or a campaign sent twice is added once.
    'POST /gestion/commerces/:id/contacts/nouveau': async () => ({
      who: 'concierge',
      url: `/gestion/commerces/${w.shopA}/contacts/nouveau`,
      body: { person: 'Mme Deux-Fois', role: 'gérante', phone: '04 42 00 00 08', email: '', idempotency_key: key() },
    }),
    'POST /gestion/campagnes/nouvelle': async () => ({
      who: 'concierge',
      url: '/gestion/campagnes/nouvelle',
      body: { name: 'Campagne envoyée deux fois', starts_on: frenchDate(1), ends_on: frenchDate(30), stages: 'prospect', category: '', idempotency_key: key() },
    }),
  };
}

test('a form sent twice with one idempotency key creates once (and the second answer is not an error)', async (t) => {
  const cases = repeats();
  const keyed = requested().filter((route) => isWrite(route) && propertiesOf(route).some(([name]) => name === 'idempotency_key')).map(keyOf);
  assert.deepEqual(keyed.filter((route) => !(route in cases)), [], 'forms with an idempotency key and no repeat case here');
  const failures: string[] = [];
  for (const [route, make] of Object.entries(cases)) {
    try {
      const { who, url, body, pdf } = await make();
      const agent = agents.get(who)!;
      const post = () =>
        pdf
          ? agent.postMultipart(url, { ...(body as Record<string, string>), _csrf: tokens.get(who)! }, { field: 'file', filename: 'facture.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 facture du commerce') })
          : agent.post(url, { ...body, _csrf: tokens.get(who)! });
      const before = await snapshot(ctx);
      const first = await post();
      const once = await snapshot(ctx);
      const second = await post();
      const twice = await snapshot(ctx);
      lastSeen = undefined;
      assert.equal(first.statusCode, 303, `${route}: the first submission succeeds (${first.statusCode} ${plain(refusalMessages(first.body).join(' | '))})`);
      assert.notDeepEqual(changedTables(before, once), [], `${route}: the first submission records something`);
      assert.deepEqual(changedTables(once, twice), [], `${route}: the second submission changed the database`);
      assert.ok(second.statusCode < 400, `${route}: the second submission answers ${second.statusCode} (${plain(refusalMessages(second.body).join(' | '))})`);
    } catch (error) {
      failures.push(`${route}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  t.diagnostic(`${Object.keys(cases).length} forms sent twice`);
  assert.deepEqual(failures, []);
});
