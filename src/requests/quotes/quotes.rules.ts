// Rules of quote rounds: what a provider's quote goes through, how many providers one round
// asks, until when a quote holds, and what a provider's link may still do. Pure functions only.
import type { StatusTables, Transitions } from '../../platform/transitions.ts';
import type { RequestStatus } from '../requests.rules.ts';

/** Where one provider's quote stands. */
export type QuoteStatus =
  /** the provider was asked; its answer is awaited */
  | 'asked'
  /** the quote came in: amount, valid until, perhaps a PDF */
  | 'received'
  /** the provider will not quote */
  | 'declined'
  /** the member chose this quote: the provider does the work */
  | 'accepted'
  /** the provider finished the work */
  | 'done'
  /** another quote was chosen (or the round stopped): nothing more to do */
  | 'closed';

export const QUOTE_TRANSITIONS: Transitions<QuoteStatus> = {
  asked: ['received', 'declined', 'closed'],
  received: ['accepted', 'closed'],
  declined: [],
  accepted: ['done'],
  done: [],
  closed: [],
};

export const QUOTES_STATUS_TABLES = {
  'service_quotes.status': QUOTE_TRANSITIONS,
} as const satisfies StatusTables;

/** A round asks one to three providers: enough to compare, few enough for a senior to read. */
export const MAX_PROVIDERS = 3;

/** The request's statuses in which the concierge may ask (more) providers. */
export const ASKING_STATUSES: readonly RequestStatus[] = ['new', 'quotes_asked', 'quotes_received'];

/** The request's statuses in which a provider may still send its quote or decline. */
export const ANSWERING_STATUSES: readonly RequestStatus[] = ['quotes_asked', 'quotes_received'];

/** The VAT rates a quote may carry (basis points): normal, works in a home, energy works, none (micro-entrepreneur). */
export const QUOTE_VAT_RATES = [2000, 1000, 550, 0] as const;
export type QuoteVatRate = (typeof QUOTE_VAT_RATES)[number];

/** A quote holds until the end of its day in the town: `today` is a local date. */
export function isStillValid(validUntilDate: string, today: string): boolean {
  return validUntilDate >= today;
}

/** Whether a validity date may be given today: not a day already over. */
export function isAcceptableValidity(validUntilDate: string, today: string): boolean {
  return isStillValid(validUntilDate, today);
}

/** What a provider's link (or portal page) shows for its quote. */
export type ProviderStep =
  /** the form: send the quote or decline */
  | 'answer'
  /** the quote was sent; waiting for the member's choice */
  | 'sent'
  /** the provider declined */
  | 'declined'
  /** chosen: the work is to do, with its « done » button */
  | 'accepted'
  /** the work is done */
  | 'done'
  /** another quote was chosen */
  | 'closed'
  /** the member's request was cancelled */
  | 'cancelled';

export function providerStep(requestStatus: RequestStatus, quoteStatus: QuoteStatus): ProviderStep {
  if (requestStatus === 'cancelled' && quoteStatus !== 'done') return 'cancelled';
  const steps: Record<QuoteStatus, ProviderStep> = { asked: 'answer', received: 'sent', declined: 'declined', accepted: 'accepted', done: 'done', closed: 'closed' };
  const step = steps[quoteStatus];
  // A round stopped without this provider's answer: nothing left to send.
  return step === 'answer' && !ANSWERING_STATUSES.includes(requestStatus) ? 'closed' : step;
}

