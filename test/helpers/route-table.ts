// The app's routes as fastify registers them, and who may use each: the access table that
// the route matrix and the fuzzer both read. A route that no rule matches fails the matrix.
import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance } from 'fastify';
import type { TSchema } from '@sinclair/typebox';

// ---------- the routes, as the app registers them ----------

export interface FoundRoute {
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

/** Builds an app and returns it with every route it registered (HEAD and repeats left out). */
export async function captureRoutes<T>(build: () => Promise<T>): Promise<{ built: T; routes: FoundRoute[] }> {
  capture = [];
  const found = capture;
  try {
    const built = await build();
    const seen = new Set<string>();
    const routes = found.filter((route) => {
      const key = keyOf(route);
      if (route.method === 'HEAD' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { built, routes };
  } finally {
    capture = undefined;
  }
}

export const isWrite = (route: FoundRoute): boolean => route.method !== 'GET';
export const keyOf = (route: FoundRoute): string => `${route.method} ${route.url}`;

// ---------- who asks ----------

export type Who = 'visitor' | 'residentA' | 'residentB' | 'merchantA' | 'merchantB' | 'concierge' | 'concierge2' | 'town' | 'driverA' | 'driverB';
export const EVERYONE: readonly Who[] = ['visitor', 'residentA', 'residentB', 'merchantA', 'merchantB', 'concierge', 'concierge2', 'town', 'driverA', 'driverB'];
export const CONCIERGES: readonly Who[] = ['concierge', 'concierge2'];
export const STAFF: readonly Who[] = [...CONCIERGES, 'town'];
export const RESIDENTS: readonly Who[] = ['residentA', 'residentB'];
export const ROLE_OF: Record<Who, string> = {
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
export type Refusal = 'login' | 'not_found' | 'message';

export interface AccessRule {
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
export const ACCESS: readonly AccessRule[] = [
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
  // ---- members: their personal data and consent ----
  { path: /^\/compte\/(donnees|donnees\.json|donnees\/effacer|nouvelles\/accepter|nouvelles\/refuser)$/, allow: RESIDENTS, why: 'one’s own personal data and consent: the member is the session’s, no id to forge' },
  { path: /^\/effacement\/:id\/:expires\/:token$/, allow: EVERYONE, why: 'the mailed erasure link: its signed token (with its expiry) is the key, no login; another member’s token gets 404' },
  { path: /^\/desabonnement\/:id\/:token$/, allow: EVERYONE, why: 'the unsubscribe link of news mail: its signed token is the key, no login (RFC 8058)' },
];

/** Routes this file does not request, each with why. */
export const NOT_REQUESTED: Record<string, string> = {
  'GET /static/*': 'the static files (@fastify/static): nothing to own',
  'GET /favicon.ico': 'a redirect to the hashed icon, for browsers that ask for it by that name',
};

/** POST routes without a CSRF token, each with why. */
export const WITHOUT_CSRF: Record<string, string> = {
  'POST /paiement/stripe/webhook': 'Stripe’s events are signed with the endpoint’s secret; no browser posts them',
  'POST /desabonnement/:id/:token': 'RFC 8058’s one-click unsubscribe is posted by the mail program, without a token; the signed link is the proof and it only stops news mail',
};

export function ruleOf(route: FoundRoute): AccessRule | undefined {
  return ACCESS.find((rule) => rule.path.test(route.url) && (!rule.methods || rule.methods.includes(route.method)));
}

export function refusalOf(rule: AccessRule, who: Who): Refusal {
  return rule.refusal?.[who] ?? (who === 'visitor' ? 'login' : 'not_found');
}
