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
// Providers (« prestataires »): craftsmen and service providers, shops of kind `provider`
// whose sales are services. Member and non-member providers alike are listed for advice.
export type { Provider } from './providers.repository.ts';
export { listProviders, findProvidersByIds } from './providers.repository.ts';
export {
  TRADES,
  PROVIDER_LABELS,
  REQUEST_CHANNELS,
  type TradeCode,
  type ProviderLabel,
  type ProviderProfile,
  type RequestChannel,
  type ShopKind,
  type Availability,
  type Absence,
} from './providers.rules.ts';
export { getProviderProfile, providerAvailability } from './providers.service.ts';
export { PublicProviderFacts, providerBadgeText, tradesText } from './providers.views.tsx';
export { absencesPath } from './shops.paths.ts';
// The CRM (crm/): every shop's stage history, contacts, interactions, follow-up tasks and
// canvassing campaigns. A task (« relance ») is live while open or put off (snoozed).
export { openShopTask, tasksToFollowUp, type OpenShopTaskInput, type TaskBoard } from './crm/tasks.service.ts';
export type { ShopTask, ShopTaskWithShop } from './crm/tasks.repository.ts';
export { ShopsToFollowUp } from './crm/tasks.views.tsx';
export { campaignResults, type CampaignResult } from './crm/campaigns.service.ts';
export { SHOP_TASK_REMINDERS_JOB } from './crm/tasks.reminders.ts';
export { TASKS_PATH, CAMPAIGNS_PATH } from './crm/crm.paths.ts';
// What the CRM's free notes may say about a member, for erasure (app.ts lists every holder).
export { CRM_PERSONAL_DATA } from './crm/crm.privacy.repository.ts';
