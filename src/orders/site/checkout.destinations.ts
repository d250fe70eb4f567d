// Where an order goes: collected at a place (the counter, a drop-off point), delivered at work
// on the company's run (employees of a registered company only), or delivered at home inside
// the town's zone (everyone or only members marked as needing it, by the town's setting).
// The checkout carries the choice from page to page as `place_id` — a place's id, or HOME —
// with the typed address for a home delivery; every step and the final POST resolve it again
// here, so a forged field can choose nothing the member is not offered.
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/index.ts';
import { companyOfMember, findMembersByIds } from '../../members/index.ts';
import { checkHomeAddress, getCollectionPoint, listCollectionPoints, nextRunOf, offersHomeDelivery, type CollectionPoint, type RunTime, type Slot } from '../../places/index.ts';
import { formatClock } from '../../platform/clock.ts';
import { formatLocalDate } from '../../platform/calendar.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { localDateOf } from '../../places/index.ts';

/** The value of `place_id` that asks for home delivery. */
export const HOME = 'domicile';

/** collection: at a place | workplace: on the company's run | home: at the member's door. */
export type DestinationKind = 'collection' | 'workplace' | 'home';

export interface HomeAddress {
  addressLine: string;
  postalCode: string;
}

/** The choice as the pages carry it. */
export interface DestinationParams {
  placeId: string;
  address?: string;
  postalCode?: string;
}

export interface WorkOption {
  place: CollectionPoint;
  companyName: string;
  run: RunTime;
}

/** What this member may choose, each option already checked. */
export interface Destinations {
  points: CollectionPoint[];
  work: WorkOption | null;
  homeOpen: boolean;
  /** The member's own address, offered first for a home delivery. */
  memberAddress: HomeAddress;
}

export interface Destination {
  kind: DestinationKind;
  /** Where the order is prepared and, unless delivered, collected (the counter for a home delivery). */
  place: CollectionPoint;
  /** « 8 rue Frédéric Mistral, 13800 » for a home delivery. */
  address: string | null;
  /** The company's name for a workplace delivery. */
  companyName: string | null;
  /** The run for a workplace delivery. */
  run: RunTime | null;
}

/** « livraison vendredi 11 décembre, entre 14 h et 17 h ». */
export function runText(run: RunTime, nowAt: string, timeZone: string): string {
  return t('delivery.checkout.run', { date: formatLocalDate(run.localDate, localDateOf(nowAt, timeZone)), from: formatClock(run.opensAt), to: formatClock(run.closesAt) });
}

/** A run as the slot the order keeps: its window, no booking (the van takes every order of the run). */
export function runSlot(place: CollectionPoint, run: RunTime, nowAt: string, timeZone: string): Slot {
  return { placeId: place.id, startAt: run.startAt, endAt: run.endAt, localDate: run.localDate, label: runText(run, nowAt, timeZone), capacity: null, remaining: null };
}

async function memberOf(db: Executor, memberId: string) {
  const [member] = await findMembersByIds(db, [memberId]);
  if (!member) throw notFound();
  return member;
}

/** The member's company's run, when they are an employee and a run is ahead. */
async function workOption(db: Executor, config: Config, memberId: string, times: { nowAt: string; notBeforeAt: string }): Promise<WorkOption | null> {
  const company = await companyOfMember(db, memberId);
  if (!company) return null;
  const run = await nextRunOf(db, company.placeId, { ...times, timeZone: config.timeZone });
  if (!run) return null;
  return { place: await getCollectionPoint(db, company.placeId), companyName: company.name, run };
}

/** Every destination open to this member for a basket ready at `notBeforeAt`. */
export async function destinationsFor(db: Executor, config: Config, memberId: string, times: { nowAt: string; notBeforeAt: string }): Promise<Destinations> {
  const member = await memberOf(db, memberId);
  // A company's stop is nobody's collection point: only its employees are delivered there.
  const points = (await listCollectionPoints(db)).filter((point) => point.kind !== 'company');
  const hasCounter = points.some((point) => point.kind === 'counter');
  return {
    points,
    work: await workOption(db, config, memberId, times),
    homeOpen: hasCounter && (await offersHomeDelivery(db, member)),
    memberAddress: { addressLine: member.addressLine, postalCode: member.postalCode },
  };
}

/** Collection points a destination-blind caller (the concierge's phone desk) may offer. */
export async function collectionPointsOnly(db: Executor): Promise<CollectionPoint[]> {
  return (await listCollectionPoints(db)).filter((point) => point.kind !== 'company');
}

async function homeDestination(db: Executor, memberId: string, address: HomeAddress): Promise<Destination> {
  const member = await memberOf(db, memberId);
  if (!(await offersHomeDelivery(db, member))) throw new DomainError('destination_not_allowed', 'place_id');
  if (!address.addressLine.trim()) throw new DomainError('address_required', 'address');
  await checkHomeAddress(db, address);
  const counter = (await listCollectionPoints(db)).find((point) => point.kind === 'counter');
  if (!counter) throw new DomainError('destination_not_allowed', 'place_id');
  return { kind: 'home', place: counter, address: `${address.addressLine.trim()}, ${address.postalCode.trim()}`, companyName: null, run: null };
}

/**
 * The destination a step or the final POST names, checked for this member: a company's stop
 * only for its employees and with a run ahead, a home address only inside the zone.
 */
export async function resolveDestination(db: Executor, config: Config, memberId: string, params: DestinationParams, times: { nowAt: string; notBeforeAt: string }): Promise<Destination> {
  if (params.placeId === HOME) return homeDestination(db, memberId, { addressLine: params.address ?? '', postalCode: params.postalCode ?? '' });
  const place = await getCollectionPoint(db, params.placeId);
  if (place.kind !== 'company') return { kind: 'collection', place, address: null, companyName: null, run: null };
  const work = await workOption(db, config, memberId, times);
  if (!work || work.place.id !== place.id) {
    const company = await companyOfMember(db, memberId);
    throw new DomainError(company?.placeId === place.id ? 'no_run_ahead' : 'destination_not_allowed', 'place_id');
  }
  return { kind: 'workplace', place, address: null, companyName: work.companyName, run: work.run };
}
