// The site's entry points, and the addresses that pages of several areas link to: a shop's
// merchant pages (served by the catalogue, orders, shops and settlement areas alike) and the
// sections of the back office. Each area builds its own paths from these in its paths.ts, so
// an address is written once; a view never writes one.

export const HOME_PATH = '/';
export const BACKOFFICE_PATH = '/gestion';
export const PORTAL_PATH = '/boutique';
export const ACCOUNT_PATH = '/compte';
export const OWN_ORDERS_PATH = `${ACCOUNT_PATH}/commandes`;
/** « J'ai besoin de… »: a repair, a quote, an appointment, advice; and the member's requests. */
export const ASK_PATH = '/besoin';
export const OWN_REQUESTS_PATH = `${ACCOUNT_PATH}/demandes`;
/** A driver's runs, on their phone. */
export const DRIVER_PATH = '/livraisons';

/** The public list of member shops, a shop's storefront and an offer's page. */
export const PUBLIC_SHOPS_PATH = '/commerces';
export const SEARCH_PATH = '/recherche';
export const BASKET_PATH = '/panier';
export const ADD_TO_BASKET_PATH = `${BASKET_PATH}/ajouter`;
export const CHECKOUT_PATH = '/commande';

export function publicShopPath(shopId: string): string {
  return `${PUBLIC_SHOPS_PATH}/${shopId}`;
}

export function offerPath(offerId: string): string {
  return `/offres/${offerId}`;
}

/** A shop's own pages, for its merchants (and the concierge). */
export type PortalPage = 'vitrine' | 'horaires' | 'commandes' | 'solde' | 'reglement' | 'releves' | 'factures' | 'factures-envoyees' | 'virements' | 'offres' | 'demandes';

export function portalShopPath(shopId: string): string {
  return `${PORTAL_PATH}/${shopId}`;
}

export function portalPagePath(shopId: string, page: PortalPage): string {
  return `${portalShopPath(shopId)}/${page}`;
}

/** The sections of the back office, as its home page lists them. */
export type BackOfficeSection =
  | 'aujourdhui'
  | 'tournee'
  | 'tournees-de-livraison'
  | 'comptoir'
  | 'commandes'
  | 'commandes/nouvelle'
  | 'boite'
  | 'releves'
  | 'virements'
  | 'comptabilite'
  | 'comptabilite/export'
  | 'commerces'
  | 'adherents'
  | 'lieux'
  | 'courriels'
  | 'securite'
  | 'taches'
  | 'factures'
  | 'factures-recues'
  | 'adhesions'
  // the business park's companies and the home-delivery streets
  | 'entreprises'
  | 'livraison'
  // service requests: repairs, quotes, appointments, advice
  | 'demandes'
  // the shops CRM: follow-ups and canvassing campaigns
  | 'relances'
  | 'campagnes';

export function backOfficePath(section: BackOfficeSection): string {
  return `${BACKOFFICE_PATH}/${section}`;
}

/** The town's pages. */
export const TOWN_MONEY_PATH = '/ville/argent';
/** The yearly review for the town council (reports/review). */
export const TOWN_REVIEW_PATH = '/ville/bilan';
export const MEMBERSHIP_REQUEST_PATH = '/adhesion';
/** The town's dashboard: its figures by month (reports). */
export const TOWN_DASHBOARD_PATH = '/ville/tableau-de-bord';
