// Rounds: the concierge's day. The collection round is the tricycle's visit of the shops to
// fetch the purchase orders they have prepared, in a visiting order computed from the shops'
// positions, each shop with its pick list (order code, quantity × item). Reception is the
// moment a purchase order reaches the counter: where it is stored (shelf or bin, « au
// frais » or not); an order whose purchase orders are all in is « prête » and its member is
// told. The « Aujourd’hui » board gathers the round, what is at the counter, who is expected
// in the day's slots and what is late. A delivery run takes orders beyond the counter: one
// vehicle (the van to the business park and the hamlet, the tricycle in the town centre), one
// driver, a date and window, stops in order (a drop-off point, a company, a home) and the
// orders of each stop, recorded one by one as delivered, absent, refused or dropped.
export { collectionRound, receive, todayBoard, type CollectionRound, type RoundStop, type TodayBoard } from './rounds.service.ts';
export { distanceMetres, tourLengthMetres, visitingOrder, type Coordinates, type Stop } from './rounds.rules.ts';
export { assignDriver, moveOrderToRun, moveStop } from './runs/runs.hand.service.ts';
export { prepareRuns, runDetail, runsOn, type RunDetail, type RunsDay, type StopView } from './runs/runs.service.ts';
// The driver's phone (a plugin app.ts registers) and the settling of what the driver recorded, a background job.
export { DELIVERY_OUTCOMES_JOB } from './runs/runs.driver.settle.ts';
// What this area keeps about a member, for their data export and erasure (app.ts lists every holder).
export { ROUNDS_PERSONAL_DATA } from './rounds.privacy.repository.ts';
