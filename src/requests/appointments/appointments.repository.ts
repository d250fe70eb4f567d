// All SQL of appointments. Every change of an appointment's status or slot is a conditional
// update on the status (and the sequence) read, so two answers at once change it once.
import type { Executor } from '../../db/index.ts';
import type { AppointmentsTable } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { AppointmentStatus, Slot } from './appointments.rules.ts';

export interface Appointment {
  id: string;
  requestId: string;
  providerShopId: string;
  status: AppointmentStatus;
  localDate: string;
  localTime: string;
  durationMinutes: number;
  startsAt: string;
  endsAt: string;
  /** the calendar file's SEQUENCE: 0 when booked, one more at each move */
  sequence: number;
  /** the last sequence mailed to the member with a calendar file; null when none was */
  toldSequence: number | null;
  declineReason: string | null;
  remindFromAt: string;
  remindedAt: string | null;
  createdAt: string;
  statusChangedAt: string;
}

function toAppointment(row: AppointmentsTable): Appointment {
  return {
    id: row.id,
    requestId: row.request_id,
    providerShopId: row.provider_shop_id,
    status: row.status as AppointmentStatus,
    localDate: row.local_date,
    localTime: row.local_time,
    durationMinutes: Number(row.duration_minutes),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    sequence: Number(row.sequence),
    toldSequence: row.told_sequence === null ? null : Number(row.told_sequence),
    declineReason: row.decline_reason,
    remindFromAt: row.remind_from_at,
    remindedAt: row.reminded_at,
    createdAt: row.created_at,
    statusChangedAt: row.status_changed_at,
  };
}

function slotColumns(slot: Slot) {
  return {
    local_date: slot.date,
    local_time: slot.time,
    duration_minutes: slot.durationMinutes,
    starts_at: slot.startsAt,
    ends_at: slot.endsAt,
    remind_from_at: slot.remindFromAt,
  };
}

export async function insertAppointment(
  db: Executor,
  row: { requestId: string; providerShopId: string; slot: Slot; accountId: string | null; at: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('appointments')
    .values({
      id,
      request_id: row.requestId,
      provider_shop_id: row.providerShopId,
      status: 'proposed',
      ...slotColumns(row.slot),
      sequence: 0,
      told_sequence: null,
      decline_reason: null,
      reminded_at: null,
      created_by_account_id: row.accountId,
      created_at: row.at,
      status_changed_at: row.at,
      updated_at: row.at,
    })
    .execute();
  return id;
}

export async function findAppointment(db: Executor, id: string): Promise<Appointment | undefined> {
  const row = await db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAppointment(row) : undefined;
}

/** The request's latest appointment (older ones were declined or cancelled). */
export async function latestAppointmentOf(db: Executor, requestId: string): Promise<Appointment | undefined> {
  const row = await db
    .selectFrom('appointments')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toAppointment(row) : undefined;
}

/** Moves the status from `from` at the sequence read; false when someone moved it first. */
export async function updateAppointmentStatus(
  db: Executor,
  appointment: Pick<Appointment, 'id' | 'status' | 'sequence'>,
  to: AppointmentStatus,
  at: string,
  extra: { declineReason?: string } = {},
): Promise<boolean> {
  const result = await db
    .updateTable('appointments')
    .set({ status: to, status_changed_at: at, updated_at: at, ...(extra.declineReason !== undefined ? { decline_reason: extra.declineReason } : {}) })
    .where('id', '=', appointment.id)
    .where('status', '=', appointment.status)
    .where('sequence', '=', appointment.sequence)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new slot: proposed again, one more sequence, the reminder to send again. */
export async function moveAppointmentSlot(db: Executor, appointment: Pick<Appointment, 'id' | 'status' | 'sequence'>, slot: Slot, at: string): Promise<boolean> {
  const result = await db
    .updateTable('appointments')
    .set({ ...slotColumns(slot), status: 'proposed', sequence: appointment.sequence + 1, reminded_at: null, status_changed_at: at, updated_at: at })
    .where('id', '=', appointment.id)
    .where('status', '=', appointment.status)
    .where('sequence', '=', appointment.sequence)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The cancellation's calendar file goes with one more sequence than the member holds. */
export async function bumpSequence(db: Executor, id: string, sequence: number, at: string): Promise<void> {
  await db.updateTable('appointments').set({ sequence: sequence + 1, updated_at: at }).where('id', '=', id).where('sequence', '=', sequence).execute();
}

export async function markTold(db: Executor, id: string, sequence: number): Promise<void> {
  await db.updateTable('appointments').set({ told_sequence: sequence }).where('id', '=', id).execute();
}

/** Confirmed appointments whose reminder may go at `at` and has not gone. */
export async function listDueReminders(db: Executor, at: string, limit: number): Promise<Appointment[]> {
  const rows = await db
    .selectFrom('appointments')
    .selectAll()
    .where('status', '=', 'confirmed')
    .where('remind_from_at', '<=', at)
    .where('starts_at', '>', at)
    .where('reminded_at', 'is', null)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
  return rows.map(toAppointment);
}

/** Marks the reminder sent for this slot; false when another run sent it first. */
export async function markReminded(db: Executor, appointment: Pick<Appointment, 'id' | 'sequence'>, at: string): Promise<boolean> {
  const result = await db
    .updateTable('appointments')
    .set({ reminded_at: at })
    .where('id', '=', appointment.id)
    .where('status', '=', 'confirmed')
    .where('sequence', '=', appointment.sequence)
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
