// Catalogue: the storefronts of member shops and their offers. An offer is one item or
// bundle sold at a fixed price including VAT (integer cents, VAT rate in basis points) for a
// unit (« le plateau pour 4 »), with an optional net quantity giving a price per kilo or
// litre. Its availability is in stock, made to order (ready after a lead time in days),
// paused (off the lists, its page says it is unavailable) or withdrawn (gone for the public,
// kept for the orders that name it). A storefront shows at most 12 offers, in the order the
// merchant chose. Only member shops' storefronts and offers are public. Its load class
// (small, medium, large, heavy) is the room one item takes in the tricycle or the van.
export type { Offer } from './catalogue.repository.ts';
export type { Availability, Load, LoadClass, MeasureUnit, OfferInput } from './catalogue.rules.ts';
export {
  MAX_OFFERS_PER_SHOP,
  LOAD_CLASSES,
  VAT_RATES_BP,
  availabilityLabel,
  isListed,
  loadClassLabel,
  loadOfClass,
  unitPrice,
  unitPriceLabel,
} from './catalogue.rules.ts';
export { listLoadClasses } from './catalogue.repository.ts';
export { countOnlineOffers, orderableOffers, publicOffer, search as searchCatalogue, type OfferCard } from './catalogue.service.ts';
export { memberShopChoices, orderingShops, shopName, shopNames, type OrderingShop } from './catalogue.ordering.ts';
export { SHOPS_PATH, offerPath } from './catalogue.paths.ts';
export { noteBasketAddition, returnPathOr, type BasketNotice } from './catalogue.notice.ts';
export { MembershipHint } from './catalogue.components.tsx';
export { publicShopPath } from './catalogue.paths.ts';
// The merchant's home page, served by orders with what waits on top (orders may read the catalogue, not the reverse).
export { shopOverview, type ShopOverview } from './catalogue.portal.service.ts';
export { OverviewView } from './catalogue.portal.views.tsx';
