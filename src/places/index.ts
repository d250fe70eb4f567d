// Places: where members collect their orders. The conciergerie's counter in the town centre
// first; then drop-off points — a community centre in a hamlet, senior residences, and the
// companies of the business park served on the weekly delivery day. Each place has weekly
// opening hours in local time (closures and exceptions come later).
export type { Place } from './places.repository.ts';
export type { OpeningRange, PlaceKind } from './places.rules.ts';
export { PLACE_KINDS, formatWeek, isValidRange, normaliseRanges } from './places.rules.ts';
export { counterOf, createPlace, listPlacesWithHours, type NewPlace, type PlaceWithHours } from './places.service.ts';
