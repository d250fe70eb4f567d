// Use cases of providers: their profile (kept with the shop's identity), their absences, and
// whether an appointment fits their hours. The concierge changes profiles and absences; the
// town reads them; the requests area asks whether a provider can come.
import type { Db, Executor } from '../db/index.ts';
import { assertConcierge } from '../platform/actor.ts';
import { localDateOf, utcToLocal } from '../platform/calendar.ts';
import { nowIso } from '../platform/clock.ts';
import { notFound } from '../platform/errors.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { absencesOn, deleteAbsence, findProfile, insertAbsence, listAbsences } from './providers.repository.ts';
import { availabilityOf, checkAbsence, type Absence, type AbsenceErrors, type Availability, type ProviderProfile } from './providers.rules.ts';
import { findShop, listOpeningHours } from './shops.repository.ts';
import { assertCanReadDirectory } from './shops.service.ts';

/** A shop's provider profile; a plain shop answers the empty profile. */
export async function getProviderProfile(db: Executor, shopId: string): Promise<ProviderProfile> {
  const profile = await findProfile(db, shopId);
  if (!profile) throw notFound();
  return profile;
}

/**
 * Whether the provider can come from `startsAt` to `endsAt` (UTC instants): both are read as
 * wall-clock times of the town's zone, so an appointment at 9 h stays at 9 h on either side
 * of a change of time.
 */
export async function providerAvailability(db: Executor, shopId: string, startsAt: string, endsAt: string, timeZone: string): Promise<Availability> {
  const start = utcToLocal(startsAt, timeZone);
  const end = utcToLocal(endsAt, timeZone);
  const [ranges, absences] = await Promise.all([listOpeningHours(db, shopId), absencesOn(db, shopId, start.date)]);
  return availabilityOf(ranges, absences, start, end);
}

export interface AbsencesRecord {
  /** Absences not over yet, soonest first. */
  upcoming: Absence[];
  isProvider: boolean;
}

export async function getAbsences(db: Executor, actor: CurrentAccount | null, shopId: string, timeZone: string): Promise<AbsencesRecord> {
  assertCanReadDirectory(actor);
  const profile = await getProviderProfile(db, shopId);
  const upcoming = await listAbsences(db, shopId, localDateOf(nowIso(), timeZone));
  return { upcoming, isProvider: profile.kind === 'provider' };
}

/** Records an absence; answers the refused fields instead when the dates are wrong. */
export async function addAbsence(db: Db, actor: CurrentAccount | null, shopId: string, input: Omit<Absence, 'id'>): Promise<AbsenceErrors | undefined> {
  assertConcierge(actor);
  if (!(await findShop(db, shopId))) throw notFound();
  const errors = checkAbsence(input);
  if (Object.keys(errors).length > 0) return errors;
  await insertAbsence(db, shopId, { ...input, note: input.note.trim() }, nowIso(), actor!.displayName);
  return undefined;
}

/** Removing an absence twice, or another shop's, is « not found ». */
export async function removeAbsence(db: Db, actor: CurrentAccount | null, shopId: string, absenceId: string): Promise<void> {
  assertConcierge(actor);
  if (!(await deleteAbsence(db, shopId, absenceId))) throw notFound();
}
