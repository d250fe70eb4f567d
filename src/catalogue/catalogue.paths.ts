// The addresses of the catalogue's pages (public, then the merchant's storefront editor), for
// the routes that serve them and the views that link to them.
import { portalPagePath, portalShopPath } from '../platform/paths.ts';

export { PUBLIC_SHOPS_PATH as SHOPS_PATH, SEARCH_PATH, offerPath, portalShopPath, publicShopPath } from '../platform/paths.ts';

export function categoryPath(code: string): string {
  return `/categories/${code}`;
}

export function storefrontEditPath(shopId: string): string {
  return portalPagePath(shopId, 'vitrine');
}

export function newOfferPath(shopId: string): string {
  return `${portalPagePath(shopId, 'offres')}/nouvelle`;
}

export function offerEditPath(shopId: string, offerId: string): string {
  return `${portalPagePath(shopId, 'offres')}/${offerId}`;
}

export type OfferAction = 'pause' | 'reprendre' | 'monter' | 'descendre' | 'retirer';

export function offerActionPath(shopId: string, offerId: string, action: OfferAction): string {
  return `${offerEditPath(shopId, offerId)}/${action}`;
}

/** The overview, scrolled to one offer. */
export function offerAnchorPath(shopId: string, offerId: string): string {
  return `${portalShopPath(shopId)}#offre-${offerId}`;
}

/** « Bien photographier vos produits »: public, so a merchant can open it from anywhere. */
export const PHOTO_GUIDE_PATH = '/guide-photo';
