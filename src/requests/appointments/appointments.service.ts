// The concierge's use cases of an appointment: book a slot with a provider for a member, move
// it (proposed to the provider again, same calendar entry), cancel it (the member's diary
// drops it), mark it done; and what the request's pages show of it. Every status of the
// request moves through the root's `moveRequest`; the appointment's own status through
// conditional updates on what was read.
import type { Config } from '../../config.ts';
import { inTransaction, type Db, type Executor, type Trx } from '../../db/index.ts';
import { actorOf, assertConcierge, type Actor } from '../../platform/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { findRequest, insertEvent, updateRequest, type ServiceRequest } from '../requests.repository.ts';
import { moveRequest, type MoveOptions } from '../requests.service.ts';
import { partsOf, providerAvailability, providerChoices, type AppointmentParts } from './appointments.context.ts';
import { queueCancelledMail, queueProposalMail, queueProviderCancelledMail, whereAndWhen } from './appointments.mails.ts';
import {
  bumpSequence,
  findAppointment,
  insertAppointment,
  latestAppointmentOf,
  moveAppointmentSlot,
  updateAppointmentStatus,
  type Appointment,
} from './appointments.repository.ts';
import { availabilityRefusal, checkSlot, isLive, type Slot, type SlotInput } from './appointments.rules.ts';

export interface BookingInput extends SlotInput {
  providerShopId: string;
}

/** The slot checked against the clock and the provider's hours; a refusal next to its field. */
async function checkedSlot(db: Executor, config: Config, providerShopId: string, input: SlotInput): Promise<Slot> {
  const checked = checkSlot(input, nowIso(), config.timeZone);
  if (!checked.ok) throw new DomainError(checked.code, checked.field);
  const refusal = availabilityRefusal(await providerAvailability(db, providerShopId, checked.slot.startsAt, checked.slot.endsAt, config.timeZone));
  if (refusal) throw new DomainError(refusal, 'time');
  return checked.slot;
}

async function appointmentRequest(db: Executor, requestId: string): Promise<ServiceRequest> {
  const request = await findRequest(db, requestId);
  if (!request || request.kind !== 'appointment') throw notFound();
  return request;
}

/** A request moved by someone else meanwhile: nothing of this submission is kept. */
async function moveOrRefuse(trx: Trx, config: Config, request: ServiceRequest, to: ServiceRequest['status'], by: Actor, note: string, options: MoveOptions = {}): Promise<void> {
  const { moved } = await moveRequest(trx, config, request, to, by, note, options);
  if (!moved) throw new DomainError('appointment_changed_meanwhile');
}

/** The concierge books a slot: the request waits on the provider, who gets its link by mail. */
export async function bookAppointment(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, input: BookingInput, idempotencyKey: string): Promise<string> {
  const concierge = assertConcierge(actor);
  const request = await appointmentRequest(db, requestId);
  if (!(await providerChoices(db)).some((choice) => choice.id === input.providerShopId)) throw new DomainError('appointment_provider_unknown', 'provider');
  const slot = await checkedSlot(db, config, input.providerShopId, input);
  return createOnce(
    db,
    `appointment.book:${concierge.id}`,
    idempotencyKey,
    async (trx) => {
      const current = await appointmentRequest(trx, request.id);
      if (current.status !== 'new') throw new DomainError('appointment_already_booked');
      const at = nowIso();
      const id = await insertAppointment(trx, { requestId: current.id, providerShopId: input.providerShopId, slot, accountId: concierge.id, at });
      await updateRequest(trx, current.id, { provider_shop_id: input.providerShopId }, at);
      const appointment = (await findAppointment(trx, id))!;
      const parts = await partsOf(trx, appointment);
      await moveOrRefuse(trx, config, current, 'appointment_proposed', actorOf(concierge), proposalNote(config, appointment, parts, at));
      await queueProposalMail(trx, { config, appointment, ...parts, nowAt: at }, false);
      return id;
    },
    boundTo(request.id, concierge.id),
  );
}

function proposalNote(config: Config, appointment: Appointment, parts: AppointmentParts, at: string): string {
  return t('appointments.history.proposed', { when: whereAndWhen(config, appointment, parts.shop, at) });
}

/** The request's appointment that still holds a slot, or a refusal. */
async function liveAppointment(trx: Executor, requestId: string): Promise<Appointment> {
  const appointment = await latestAppointmentOf(trx, requestId);
  if (!appointment || !isLive(appointment.status)) throw new DomainError('appointment_not_live');
  return appointment;
}

/** A new slot with the same provider: proposed again; the member's diary is updated once confirmed. */
export async function moveAppointment(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, input: SlotInput): Promise<void> {
  const concierge = assertConcierge(actor);
  await appointmentRequest(db, requestId);
  const before = await liveAppointment(db, requestId);
  const slot = await checkedSlot(db, config, before.providerShopId, input);
  await inTransaction(db, async (trx) => {
    const appointment = await liveAppointment(trx, requestId);
    if (!(await moveAppointmentSlot(trx, appointment, slot, nowIso()))) throw new DomainError('appointment_changed_meanwhile');
    const moved = (await findAppointment(trx, appointment.id))!;
    const parts = await partsOf(trx, moved);
    const at = nowIso();
    const note = t('appointments.history.moved', { when: whereAndWhen(config, moved, parts.shop, at) });
    const by = actorOf(concierge);
    if (parts.request.status === 'appointment_confirmed') await moveOrRefuse(trx, config, parts.request, 'appointment_proposed', by, note);
    else await insertEvent(trx, { requestId, kind: 'note', note, accountId: by.accountId, actorLabel: by.label, at });
    await queueProposalMail(trx, { config, appointment: moved, ...parts, nowAt: at }, true);
  });
}

/**
 * Calling it off ends the request. The member's diary drops it when it was sent a calendar
 * file (the next SEQUENCE, METHOD:CANCEL); the provider is told.
 */
export async function cancelAppointment(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, reason: string): Promise<void> {
  const concierge = assertConcierge(actor);
  await appointmentRequest(db, requestId);
  await inTransaction(db, async (trx) => {
    const appointment = await liveAppointment(trx, requestId);
    const at = nowIso();
    if (!(await updateAppointmentStatus(trx, appointment, 'cancelled', at))) throw new DomainError('appointment_changed_meanwhile');
    const parts = await partsOf(trx, appointment);
    // A member holding the calendar file gets its cancellation, which gives the reason: one mail, not two.
    await moveOrRefuse(trx, config, parts.request, 'cancelled', actorOf(concierge), reason, { toldByCaller: appointment.toldSequence !== null });
    await tellCancelled(trx, config, appointment, parts, reason, at);
    await queueProviderCancelledMail(trx, { config, appointment, ...parts, nowAt: at });
  });
}

/** The member's calendar file that removes the appointment, when the member holds one. */
export async function tellCancelled(trx: Executor, config: Config, appointment: Appointment, parts: AppointmentParts, reason: string, at: string): Promise<void> {
  if (appointment.toldSequence === null) return;
  await bumpSequence(trx, appointment.id, appointment.sequence, at);
  await queueCancelledMail(trx, { config, appointment, ...parts, nowAt: at }, appointment.sequence + 1, reason);
}

/** It took place: the appointment and the request are done. */
export async function markAppointmentDone(db: Db, config: Config, actor: CurrentAccount | null, requestId: string): Promise<void> {
  const concierge = assertConcierge(actor);
  await appointmentRequest(db, requestId);
  await inTransaction(db, async (trx) => {
    const appointment = await latestAppointmentOf(trx, requestId);
    if (!appointment || appointment.status !== 'confirmed') throw new DomainError('appointment_not_confirmed');
    if (!(await updateAppointmentStatus(trx, appointment, 'done', nowIso()))) throw new DomainError('appointment_changed_meanwhile');
    const request = (await findRequest(trx, requestId))!;
    await moveOrRefuse(trx, config, request, 'done', actorOf(concierge), '');
  });
}

export interface AppointmentSummary {
  appointment: Appointment;
  providerName: string;
  providerAddress: string;
  providerPhone: string | null;
  providerHasEmail: boolean;
}

/** The request's latest appointment as its pages show it; undefined before any was booked. */
export async function appointmentSummary(db: Executor, requestId: string): Promise<AppointmentSummary | undefined> {
  const appointment = await latestAppointmentOf(db, requestId);
  if (!appointment) return undefined;
  const { shop } = await partsOf(db, appointment);
  return {
    appointment,
    providerName: shop.tradeName,
    providerAddress: `${shop.addressLine}, ${shop.postalCode} ${shop.city}`,
    providerPhone: shop.phone,
    providerHasEmail: Boolean(shop.email),
  };
}
