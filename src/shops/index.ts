// Shops: the town's local independent shops, members of the conciergerie or not. A shop
// has an identity (trade and legal name, SIRET, category, address, hours) and a membership
// stage (prospect → contacté → adhérent → inactif / parti); only member shops ("adhérents")
// are shown to the public. A merchant is an account attached to one shop.
export type { Category, Shop } from './shops.repository.ts';
export { findShopsByIds, listOpeningHoursOfShops, listCategories, listShops, countShops, countShopsByStage } from './shops.repository.ts';
export type { OpeningRange, ShopStage } from './shops.rules.ts';
export { updateStorefront, type StorefrontInput } from './storefront.service.ts';
export { SHOP_STAGES, STAGE_TRANSITIONS, formatOpeningHours, formatSiret, isPublicStage, isValidSiret } from './shops.rules.ts';
export {
  assertCanManageShop,
  canManageShop,
  categoriesWithMemberCounts,
  changeStage,
  createShop,
  getCategory,
  getManagedShop,
  getOpeningHours,
  getPublicShop,
  getShop,
  setOpeningHours,
  setShopImage,
  shopSearchText,
  updateShopIdentity,
  type ShopIdentityInput,
} from './shops.service.ts';
export { editShopPath, hoursPath, shopPath, shopTermsLinkPath } from './shops.paths.ts';
