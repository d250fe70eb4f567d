// The addresses of the catalogue's pages (public, then the merchant's storefront editor), for
// the routes that serve them and the views that link to them.

export const SHOPS_PATH = '/commerces';
export const SEARCH_PATH = '/recherche';

export function publicShopPath(shopId: string): string {
  return `${SHOPS_PATH}/${shopId}`;
}

export function categoryPath(code: string): string {
  return `/categories/${code}`;
}

export function offerPath(offerId: string): string {
  return `/offres/${offerId}`;
}

export const PORTAL_PATH = '/boutique';

export function portalShopPath(shopId: string): string {
  return `${PORTAL_PATH}/${shopId}`;
}

export function storefrontEditPath(shopId: string): string {
  return `${portalShopPath(shopId)}/vitrine`;
}

export function newOfferPath(shopId: string): string {
  return `${portalShopPath(shopId)}/offres/nouvelle`;
}

export function offerEditPath(shopId: string, offerId: string): string {
  return `${portalShopPath(shopId)}/offres/${offerId}`;
}

export type OfferAction = 'pause' | 'reprendre' | 'monter' | 'descendre' | 'retirer';

export function offerActionPath(shopId: string, offerId: string, action: OfferAction): string {
  return `${offerEditPath(shopId, offerId)}/${action}`;
}

/** The overview, scrolled to one offer. */
export function offerAnchorPath(shopId: string, offerId: string): string {
  return `${portalShopPath(shopId)}#offre-${offerId}`;
}
