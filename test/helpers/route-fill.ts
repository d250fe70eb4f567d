// How the matrix and the fuzzer fill an address (side A's objects, or B's under A's) and a
// form body the schema accepts.
import type { TObject, TSchema } from '@sinclair/typebox';
import type { FoundRoute } from './route-table.ts';
import type { World, WorldKey } from './route-world.ts';
import { newId } from '../../src/platform/ids.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';

/**
 * What fills a parameter, by the address before it: the object of side A, and its twin of
 * side B (another shop, another resident, another place) for the mixed addresses.
 */
export const FILL: ReadonlyArray<[RegExp, WorldKey | string, WorldKey | string | undefined]> = [
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
  // YEARLY REVIEW: a yearly review belongs to the town, not to a side: no twin.
  [/^\/ville\/bilan\/$/, 'reviewA', undefined],
  // IMPORT + HEALTH: concierge A's uploaded list of shops.
  [/^\/gestion\/commerces\/importer\/$/, 'shopImportA', undefined],
];

/** Addresses whose object must be in a given state to be shown (a receipt exists once handed over). */
export const FILL_BY_ROUTE: Record<string, Record<string, WorldKey>> = {
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
export function fill(url: string, world: World, mixed = false): string | undefined {
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

export type Body = Record<string, string | string[]>;

/** A valid value for each field name the forms use (the schema's own enum otherwise). */
export function fieldValues(world: World, today: string): Record<string, () => string | string[]> {
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
    // YEARLY REVIEW: the year of a yearly review
    year: () => '2025',
  };
}

/** Resident A's coat, taken in at the counter for shop A, with its invoice kept. */
export function objectSchema(route: FoundRoute): TObject | undefined {
  const schema = route.body as TObject | undefined;
  return schema && schema.type === 'object' ? schema : undefined;
}

export function propertiesOf(route: FoundRoute): Array<[string, TSchema]> {
  return Object.entries(objectSchema(route)?.properties ?? {}).filter(([name]) => name !== '_csrf');
}

export function requiredOf(route: FoundRoute): Set<string> {
  return new Set((objectSchema(route)?.required ?? []).filter((name) => name !== '_csrf'));
}

/** A body the schema accepts: every required field, from its enum or the table above. */
export function validBody(route: FoundRoute, values: Record<string, () => string | string[]>): Body {
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

