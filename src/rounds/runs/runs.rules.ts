// Rules of delivery runs, as pure functions: a run's statuses, which vehicle serves which
// destination, how orders group into stops, what a vehicle carries, and how long a wrong tap
// on the driver's phone can be taken back.
import { t } from '../../platform/i18n/index.ts';
import type { Transitions } from '../../platform/transitions.ts';
import { addLoads, TRICYCLE_SPEED_KMH, VAN_SPEED_KMH, type Load, type Vehicle } from '../rounds.routing.rules.ts';

/** Where a run stands. */
export type RunStatus =
  /** being prepared: stops can be moved, orders added, the plan redone */
  | 'planned'
  /** the driver has left: the stops are recorded one by one */
  | 'under_way'
  /** back at the counter: every outcome is final */
  | 'finished';

export const RUN_TRANSITIONS: Transitions<RunStatus> = {
  planned: ['under_way'],
  under_way: ['finished'],
  finished: [],
};

export const RUNS_STATUS_TABLES = { 'delivery_runs.status': RUN_TRANSITIONS };

export type VehicleKind = 'tricycle' | 'van';

/** What happened to an order at its stop. */
export type Outcome =
  /** given to the member (or to whoever signed for it) */
  | 'delivered'
  /** nobody to take it: back to the counter */
  | 'absent'
  /** the member refused it: back to the counter, the reason noted */
  | 'refused'
  /** left at a drop-off point, for its members to collect there (its list is ticked in later) */
  | 'dropped';

export const OUTCOMES: readonly Outcome[] = ['delivered', 'absent', 'refused', 'dropped'];

/** Why a member refused a delivery, as the driver picks it. */
export type DeliveryRefusal = 'damaged' | 'wrong_items' | 'not_ordered' | 'other';
export const DELIVERY_REFUSALS: readonly DeliveryRefusal[] = ['damaged', 'wrong_items', 'not_ordered', 'other'];

/** A wrong tap can be taken back this long; then its effects (hand-over, payment, mail) are applied. */
export const UNDO_MINUTES = 5;

export function canUndo(recordedAt: string, nowAt: string): boolean {
  return Date.parse(nowAt) - Date.parse(recordedAt) < UNDO_MINUTES * 60_000;
}

/** Where an order of a run goes. */
export type StopDestination = 'workplace' | 'drop_off' | 'home';

/**
 * The van leaves town (the business park, the hamlet); the tricycle stays in the centre
 * (senior residences, homes): the article's split of the two vehicles.
 */
export function vehicleKindFor(destination: StopDestination, placeKind: string): VehicleKind {
  if (destination === 'workplace' || placeKind === 'company' || placeKind === 'community_centre') return 'van';
  return 'tricycle';
}

/** Orders for the same place, or the same door, share a stop. */
export function stopKeyOf(order: { destination: StopDestination; placeId: string; deliveryAddress: string | null }): string {
  if (order.destination !== 'home') return `place:${order.placeId}`;
  return `home:${(order.deliveryAddress ?? '').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim()}`;
}

/** Minutes at a stop: park, find the door, a little more per order to hand over or sign for. */
export function stopServiceMinutes(orderCount: number): number {
  return 5 + 2 * Math.max(0, orderCount - 1);
}

/** A vehicle as the solver sees it; after a first run, unloading and reloading takes a quarter of an hour. */
export function vehicleProfile(vehicle: { kind: VehicleKind; volumeUnits: number; weightGrams: number }): Vehicle {
  return {
    speedKmh: vehicle.kind === 'van' ? VAN_SPEED_KMH : TRICYCLE_SPEED_KMH,
    capacity: { volumeUnits: vehicle.volumeUnits, weightGrams: vehicle.weightGrams },
    reloadMinutes: 15,
  };
}

/** The load of some order lines, each line's load coming from its offer's class (volume units, grams). */
export function loadOfOrderLines(lines: ReadonlyArray<{ load: Load }>): Load {
  return lines.reduce<Load>((sum, line) => addLoads(sum, line.load), {});
}

/** A run leaves half an hour before its first stop opens, never before 7 h; at 9 h when no stop has hours. */
export function departureFor(windows: ReadonlyArray<{ opensAt: number }>): number {
  if (windows.length === 0) return 9 * 60;
  return Math.max(7 * 60, Math.min(...windows.map((window) => window.opensAt)) - 30);
}

/** « Fourgonnette, tournée 1 ». */
export function runName(run: { vehicle: { name: string }; number: number }): string {
  return t('runs.run.name', { vehicle: run.vehicle.name, number: run.number });
}
