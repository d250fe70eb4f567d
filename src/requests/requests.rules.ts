// Rules of service requests: the kinds, the statuses each kind goes through with its
// transition table, on whom each status waits, which statuses tell the member, and how long a
// wait may last before a reminder. Pure functions and data only.
import { canMove, type StatusTables, type Transitions } from '../platform/transitions.ts';

/** What a member asks for. */
export type RequestKind =
  /** an item left at the counter, repaired or altered by a provider, handed back */
  | 'repair'
  /** one to three providers asked for a quote, the member accepts one */
  | 'quote'
  /** an appointment booked with a provider for the member */
  | 'appointment'
  /** a free question, answered with the providers suggested */
  | 'advice';

export const REQUEST_KINDS: readonly RequestKind[] = ['repair', 'quote', 'appointment', 'advice'];

/** Where a request stands. */
export type RequestStatus =
  /** just asked: the conciergerie has to take it up */
  | 'new'
  /** the item was left at the counter and labelled, not yet taken to the provider */
  | 'at_counter'
  /** the item is at the provider's */
  | 'at_provider'
  /** the item is back at the counter, ready to be collected (and paid) */
  | 'ready'
  /** the item was handed back to the member */
  | 'handed_back'
  /** providers were asked for a quote; the conciergerie waits for their answers */
  | 'quotes_asked'
  /** at least one quote came in: the member compares and chooses */
  | 'quotes_received'
  /** the member accepted a quote: the provider does the work */
  | 'quote_accepted'
  /** an appointment was proposed to the provider, who has to confirm it */
  | 'appointment_proposed'
  /** the provider confirmed the appointment */
  | 'appointment_confirmed'
  /** the conciergerie answered the question */
  | 'answered'
  /** the work or the appointment took place */
  | 'done'
  /** given up, by the member or the conciergerie */
  | 'cancelled';

export const REQUEST_STATUSES: readonly RequestStatus[] = [
  'new',
  'at_counter',
  'at_provider',
  'ready',
  'handed_back',
  'quotes_asked',
  'quotes_received',
  'quote_accepted',
  'appointment_proposed',
  'appointment_confirmed',
  'answered',
  'done',
  'cancelled',
];

// Each kind's table. A move back (`ready` → `at_provider`, a quote asked again, an appointment
// declined or moved) is allowed where real life goes back; it never tells the member twice.
// Once an item is on a shelf it is handed back, never cancelled away; once a quote is accepted
// its order exists and the work is the provider's.
const REPAIR: Transitions<RequestStatus> = table({
  new: ['at_counter', 'cancelled'],
  at_counter: ['at_provider', 'ready'],
  at_provider: ['at_counter', 'ready'],
  ready: ['at_provider', 'handed_back'],
});

const QUOTE: Transitions<RequestStatus> = table({
  new: ['quotes_asked', 'cancelled'],
  quotes_asked: ['quotes_received', 'cancelled'],
  quotes_received: ['quote_accepted', 'quotes_asked', 'cancelled'],
  quote_accepted: ['done'],
});

const APPOINTMENT: Transitions<RequestStatus> = table({
  new: ['appointment_proposed', 'cancelled'],
  appointment_proposed: ['appointment_confirmed', 'new', 'cancelled'],
  appointment_confirmed: ['appointment_proposed', 'done', 'cancelled'],
});

const ADVICE: Transitions<RequestStatus> = table({
  new: ['answered', 'cancelled'],
});

/** Every status of the union, each final unless the kind's moves say otherwise. */
function table(moves: Partial<Record<RequestStatus, RequestStatus[]>>): Transitions<RequestStatus> {
  const all = {} as Record<RequestStatus, readonly RequestStatus[]>;
  for (const status of REQUEST_STATUSES) all[status] = moves[status] ?? [];
  return all;
}

export const REQUEST_TRANSITIONS: Readonly<Record<RequestKind, Transitions<RequestStatus>>> = {
  repair: REPAIR,
  quote: QUOTE,
  appointment: APPOINTMENT,
  advice: ADVICE,
};

/** The statuses a kind goes through, in the order of its life. */
export const KIND_STATUSES: Readonly<Record<RequestKind, readonly RequestStatus[]>> = {
  repair: ['new', 'at_counter', 'at_provider', 'ready', 'handed_back', 'cancelled'],
  quote: ['new', 'quotes_asked', 'quotes_received', 'quote_accepted', 'done', 'cancelled'],
  appointment: ['new', 'appointment_proposed', 'appointment_confirmed', 'done', 'cancelled'],
  advice: ['new', 'answered', 'cancelled'],
};


export function canMoveRequest(kind: RequestKind, from: RequestStatus, to: RequestStatus): boolean {
  return canMove(REQUEST_TRANSITIONS[kind], from, to);
}

/** Who has to act next: the conciergerie, the member, the provider, or nobody (finished). */
export type WaitingOn = 'concierge' | 'member' | 'provider' | 'nobody';

interface StatusRule {
  waitingOn: WaitingOn;
  /** whether reaching this status tells the member (once per request, even if reached again) */
  notifies: boolean;
  /** days a request may wait in this status before one reminder goes to whom it waits on */
  remindAfterDays: number | null;
}

export const STATUS_RULES: Readonly<Record<RequestStatus, StatusRule>> = {
  new: { waitingOn: 'concierge', notifies: false, remindAfterDays: 1 },
  at_counter: { waitingOn: 'concierge', notifies: true, remindAfterDays: 2 },
  at_provider: { waitingOn: 'provider', notifies: true, remindAfterDays: 10 },
  ready: { waitingOn: 'member', notifies: true, remindAfterDays: 7 },
  handed_back: { waitingOn: 'nobody', notifies: false, remindAfterDays: null },
  quotes_asked: { waitingOn: 'provider', notifies: false, remindAfterDays: 5 },
  quotes_received: { waitingOn: 'member', notifies: true, remindAfterDays: 5 },
  quote_accepted: { waitingOn: 'provider', notifies: true, remindAfterDays: 21 },
  appointment_proposed: { waitingOn: 'provider', notifies: false, remindAfterDays: 2 },
  appointment_confirmed: { waitingOn: 'provider', notifies: false, remindAfterDays: null },
  answered: { waitingOn: 'nobody', notifies: true, remindAfterDays: null },
  done: { waitingOn: 'nobody', notifies: false, remindAfterDays: null },
  cancelled: { waitingOn: 'nobody', notifies: true, remindAfterDays: null },
};

export function isOpen(status: RequestStatus): boolean {
  return STATUS_RULES[status].waitingOn !== 'nobody';
}

/** The statuses of a request still running, for the concierge's list. */
export const OPEN_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter(isOpen);

/** Whether a wait that started at `sinceAt` is overdue at `nowAt` for its status. */
export function isOverdue(status: RequestStatus, sinceAt: string, nowAt: string): boolean {
  const days = STATUS_RULES[status].remindAfterDays;
  if (days === null) return false;
  return Date.parse(nowAt) - Date.parse(sinceAt) >= days * 86_400_000;
}

/** Whole days a request has waited in its status. */
export function daysWaiting(sinceAt: string, nowAt: string): number {
  return Math.max(0, Math.floor((Date.parse(nowAt) - Date.parse(sinceAt)) / 86_400_000));
}

/**
 * Where « Annuler la demande » of the request's page may cancel: nothing is held yet but the
 * request (no item on a shelf, no accepted quote, no slot with a provider). An appointment
 * proposed or confirmed is cancelled from its own section, which tells the provider.
 */
export const CANCELLABLE_HERE: readonly RequestStatus[] = ['new', 'quotes_asked', 'quotes_received'];

/** A member's mark for a finished request: 1 to 5. */
export const RATINGS = [1, 2, 3, 4, 5] as const;

/** Statuses in which the member may rate the service. */
export function canRate(status: RequestStatus): boolean {
  return status === 'handed_back' || status === 'done' || status === 'answered';
}

/** The request's number as written on labels and said on the phone: « D-0042 ». */
export function requestNumberLabel(number: number): string {
  return `D-${String(number).padStart(4, '0')}`;
}

/** Any move some kind allows: the column's table for the status check. */
function anyKindMoves(): Transitions<RequestStatus> {
  const moves: Partial<Record<RequestStatus, RequestStatus[]>> = {};
  for (const from of REQUEST_STATUSES) moves[from] = [...new Set(REQUEST_KINDS.flatMap((kind) => REQUEST_TRANSITIONS[kind][from]))];
  return table(moves);
}

export const REQUESTS_STATUS_TABLES = {
  'service_requests.status': anyKindMoves(),
} as const satisfies StatusTables;
