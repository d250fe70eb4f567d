// The provider answers from the signed link of its mail, without an account: it confirms the
// slot (the member gets the date in words and the calendar file) or declines it with a reason
// (the request goes back to the conciergerie, the reason in its history). The link signs the
// appointment and the version of its slot: a link of another appointment opens nothing (404);
// a link already used, of a slot since moved, or of an appointment called off opens a page
// that says so, and acts no more.
import type { Config } from '../../config.ts';
import { inTransaction, type Db, type Executor, type Trx } from '../../db/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { isSignedToken } from '../../platform/signed-links.ts';
import { moveRequest } from '../requests.service.ts';
import { partsOf, type AppointmentParts } from './appointments.context.ts';
import { PROVIDER_PURPOSE, providerLinkSubject, queueConfirmedMail, whereAndWhen } from './appointments.mails.ts';
import { findAppointment, markTold, updateAppointmentStatus, type Appointment } from './appointments.repository.ts';
import { tellCancelled } from './appointments.service.ts';

/** What the link may still do: answer, or nothing more and why. */
export type LinkState = 'open' | 'confirmed' | 'declined' | 'cancelled' | 'done' | 'moved';

export interface ProviderLinkView extends AppointmentParts {
  appointment: Appointment;
  state: LinkState;
}

/** The version of the slot the token signs, or undefined when it signs none of this appointment's. */
function signedSequence(config: Config, appointment: Appointment, token: string): number | undefined {
  for (let sequence = appointment.sequence; sequence >= 0; sequence -= 1) {
    if (isSignedToken(config.sessionSecret, PROVIDER_PURPOSE, providerLinkSubject(appointment.id, sequence), token)) return sequence;
  }
  return undefined;
}

function stateOf(appointment: Appointment, sequence: number): LinkState {
  if (appointment.status === 'proposed') return sequence === appointment.sequence ? 'open' : 'moved';
  // A slot moved since this link was sent: what it answered is no longer the question.
  if (appointment.status === 'confirmed' && sequence !== appointment.sequence) return 'moved';
  return appointment.status;
}

async function linkView(db: Executor, config: Config, appointmentId: string, token: string): Promise<ProviderLinkView> {
  const appointment = await findAppointment(db, appointmentId);
  if (!appointment) throw notFound();
  const sequence = signedSequence(config, appointment, token);
  if (sequence === undefined) throw notFound();
  return { appointment, state: stateOf(appointment, sequence), ...(await partsOf(db, appointment)) };
}

/** The provider's page: the slot and, while it is open, the two answers. */
export function providerLinkView(db: Executor, config: Config, appointmentId: string, token: string): Promise<ProviderLinkView> {
  return linkView(db, config, appointmentId, token);
}

function providerActor(view: ProviderLinkView): Actor {
  return { accountId: null, label: t('appointments.history.provider_actor', { provider: view.shop.tradeName }) };
}

/**
 * Confirms the slot once. A link already used (or no longer the question) changes nothing and
 * comes back with its state, for the page that says so.
 */
export async function confirmByProvider(db: Db, config: Config, appointmentId: string, token: string): Promise<AnswerOutcome> {
  return answer(db, config, appointmentId, token, async (trx, view, at) => {
    const { appointment } = view;
    if (!(await updateAppointmentStatus(trx, appointment, 'confirmed', at))) return false;
    const updated = appointment.toldSequence !== null;
    const note = t('appointments.history.confirmed', { when: whereAndWhen(config, appointment, view.shop, at) });
    await moveRequest(trx, config, view.request, 'appointment_confirmed', providerActor(view), note);
    if (await queueConfirmedMail(trx, { config, ...view, nowAt: at }, updated)) await markTold(trx, appointment.id, appointment.sequence);
    return true;
  });
}

/** Declines the slot with a reason: the request is back with the conciergerie, which reads why. */
export async function declineByProvider(db: Db, config: Config, appointmentId: string, token: string, reason: string): Promise<AnswerOutcome> {
  return answer(db, config, appointmentId, token, async (trx, view, at) => {
    const { appointment } = view;
    if (!(await updateAppointmentStatus(trx, appointment, 'declined', at, { declineReason: reason }))) return false;
    const note = t('appointments.history.declined', { provider: view.shop.tradeName, reason });
    const { moved } = await moveRequest(trx, config, view.request, 'new', providerActor(view), note);
    if (!moved) throw new DomainError('appointment_changed_meanwhile');
    // A slot moved after the member had it: the diary drops the old one.
    await tellCancelled(trx, config, appointment, view, '', at);
    return true;
  });
}

export interface AnswerOutcome {
  /** the appointment after the answer, or as it stood when the link could no longer act */
  view: ProviderLinkView;
  /** whether this submission was the answer (false: the link had already acted, or may no more) */
  answered: boolean;
}

/** One answer of the link, in one transaction. */
async function answer(
  db: Db,
  config: Config,
  appointmentId: string,
  token: string,
  act: (trx: Trx, view: ProviderLinkView, at: string) => Promise<boolean>,
): Promise<AnswerOutcome> {
  return inTransaction(db, async (trx) => {
    const view = await linkView(trx, config, appointmentId, token);
    const answered = view.state === 'open' && (await act(trx, view, nowIso()));
    return { view: await linkView(trx, config, appointmentId, token), answered };
  });
}
