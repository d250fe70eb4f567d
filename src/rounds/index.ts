// Rounds: the concierge's day. The collection round is the tricycle's visit of the shops to
// fetch the purchase orders they have prepared, in a visiting order computed from the shops'
// positions, each shop with its pick list (order code, quantity × item). Reception is the
// moment a purchase order reaches the counter: where it is stored (shelf or bin, « au
// frais » or not); an order whose purchase orders are all in is « prête » and its member is
// told. The « Aujourd’hui » board gathers the round, what is at the counter, who is expected
// in the day's slots and what is late. Delivery runs (the van) will join this area.
export { collectionRound, receive, todayBoard, type CollectionRound, type RoundStop, type TodayBoard } from './rounds.service.ts';
export { distanceMetres, tourLengthMetres, visitingOrder, type Coordinates, type Stop } from './rounds.rules.ts';
