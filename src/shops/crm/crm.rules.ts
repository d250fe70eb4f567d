// Rules of the shops CRM, as data: why a shop leaves, what a contact can lead to, which
// follow-up comes after which, and how the follow-ups are grouped on the board.
import { addDays } from '../../platform/calendar.ts';
import type { ShopStage } from '../shops.rules.ts';
export { EXIT_REASONS, EXIT_STAGES, needsReason, reasonNeedsNote, type ExitReason } from '../shops.rules.ts';

/** Stages no campaign aims at and no automatic task is opened for. */
export const UNREACHABLE_STAGES: readonly ShopStage[] = ['left', 'do_not_contact'];

export function isReachable(stage: ShopStage): boolean {
  return !UNREACHABLE_STAGES.includes(stage);
}

/** A contact with a shop; labels under `crm.kind.<code>`. */
export const INTERACTION_KINDS = ['visit', 'call', 'mail', 'event'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** What a contact led to; labels under `crm.outcome.<code>`. `declined` takes a reason. */
export const OUTCOMES = ['interested', 'call_back', 'joined', 'declined', 'nobody', 'informed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The stage a contact moves a prospect to: any contact makes a shop « contacté », interest
 * puts it « en discussion ». Joining and declining are decided by the concierge on the stage
 * form (a membership is validated, a refusal takes a reason), so they move nothing here.
 */
export function stageAfterContact(stage: ShopStage, outcome: Outcome): ShopStage | null {
  if (outcome === 'interested' && (stage === 'prospect' || stage === 'contacted')) return 'in_talks';
  if (stage === 'prospect' && outcome !== 'nobody') return 'contacted';
  return null;
}

export const TASK_STATES = ['open', 'done', 'snoozed'] as const;
/** open: to do on its due date · snoozed: put off to `snoozedUntil` · done: closed with a note. */
export type TaskState = (typeof TASK_STATES)[number];
export type TaskSource = 'manual' | 'alert';

/** The follow-up offered after a contact of this kind: title key and delay in days. */
const NEXT_STEP: Record<InteractionKind, { titleKey: string; days: number }> = {
  call: { titleKey: 'crm.suggest.call', days: 14 },
  visit: { titleKey: 'crm.suggest.visit', days: 30 },
  mail: { titleKey: 'crm.suggest.mail', days: 7 },
  event: { titleKey: 'crm.suggest.event', days: 14 },
};

export interface SuggestedTask {
  titleKey: string;
  dueDate: string;
}

/**
 * What to do next after a contact, as a prefilled form the concierge may accept: nothing
 * after a shop joined or declined (its stage says it), else the kind's usual delay.
 */
export function suggestNextTask(kind: InteractionKind, outcome: Outcome, today: string): SuggestedTask | null {
  if (outcome === 'joined' || outcome === 'declined') return null;
  const step = NEXT_STEP[kind];
  return { titleKey: step.titleKey, dueDate: addDays(today, step.days) };
}

/** Days ahead the board and the task page show as « à venir ». */
export const PLANNED_DAYS = 7;

export type TaskGroup = 'overdue' | 'today' | 'planned' | 'later';

/** Where a live task falls, by the day it is due (its snooze date when put off). */
export function taskGroup(dueDate: string, today: string): TaskGroup {
  if (dueDate < today) return 'overdue';
  if (dueDate === today) return 'today';
  return dueDate <= addDays(today, PLANNED_DAYS) ? 'planned' : 'later';
}

/** A campaign runs from its first to its last day, both included; the end may not come first. */
export function isValidPeriod(startsOn: string, endsOn: string): boolean {
  return startsOn <= endsOn;
}
