// Places: where members collect their orders. The conciergerie's counter in the town centre
// first; then drop-off points — a community centre in a hamlet, senior residences, and the
// companies of the business park served on the weekly delivery day. Each place has weekly
// opening hours in local time (several ranges a day), exceptional closures (« Fermeture de
// Noël », a range of local dates) and exceptional openings (a local date with its own
// ranges). Its hours are cut into collection slots (30 minutes by default) that may take a
// limited number of orders; a booking is a place taken in a slot.
export type { Place } from './places.repository.ts';
export type { OpeningRange, PlaceKind } from './places.rules.ts';
export { PLACE_KINDS, formatWeek, isValidRange, normaliseRanges } from './places.rules.ts';
export { counterOf, createPlace, listPlacesWithCalendar, listPlacesWithHours, type NewPlace, type PlaceWithCalendar, type PlaceWithHours } from './places.service.ts';
export {
  getCollectionPoint,
  isOpenAt,
  listCollectionPoints,
  listSlots,
  releaseSlot,
  reserveSlot,
  type CollectionPoint,
  type Slot,
} from './places.slots.service.ts';
export { localDateOf, localToUtc, slotTimesOn, utcToLocal, type PlaceCalendar, type SlotTime } from './places.slots.rules.ts';
export { checkHomeAddress, getHomeDeliveryZone, listCompanyStops, nextRunOf, offersHomeDelivery, type HomeDeliveryZone } from './places.delivery.service.ts';
export { DEFAULT_RUN_CUTOFF, splitStreetNumber, streetKey, type HomeDeliveryAudience, type RunTime, type ZoneStreet } from './places.delivery.rules.ts';
