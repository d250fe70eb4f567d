// Use cases of the yearly review: the town (or the concierge) asks for a year's review; the
// `yearly-review` job builds the requests waiting, one at a time, writing its progress as it
// goes; the page follows it and offers the PDF once done. Asking again for a year already
// built offers that file, and « refaire » builds a new one from today's figures.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { requireRole } from '../../platform/actor.ts';
import { localDateOf } from '../../platform/calendar.ts';
import { addSeconds, now, nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { newId, isId } from '../../platform/ids.ts';
import { newOwner, type Job, type JobContext } from '../../platform/jobs.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { readReviewYear, reviewCharts } from './review.figures.tsx';
import { renderReviewPdf, type ReviewChart } from './review.pdf.ts';
import { claimNext, finishWithFile, findRequest, findReviewFile, insertRequest, latestOfYear, listRecent, markFailed, writeProgress, type ReviewRequest } from './review.repository.ts';
import { FIRST_YEAR, progressOf, readYear, type ReviewStep, type ReviewYear } from './review.rules.ts';
import { inTransaction } from '../../db/index.ts';

/** How long a run may hold a request before another process takes it up. */
const LEASE_SECONDS = 10 * 60;
/** Requests built by one run of the job at most (each is a few seconds). */
const PER_RUN = 3;
/** Requests listed on the page. */
const RECENT = 20;

export type { ReviewRequest };

/** The town and the concierge ask for reviews and read them; anyone else is told they do not exist. */
export function assertCanReview(actor: CurrentAccount | null): CurrentAccount {
  return requireRole(actor, 'town', 'concierge');
}

export function currentYear(timeZone: string): number {
  return Number(localDateOf(nowIso(), timeZone).slice(0, 4));
}

export type AskOutcome =
  /** a new request waits for the job */
  | 'queued'
  /** this year's review is already built: its file is offered */
  | 'exists'
  /** a request for this year is already waiting or being built */
  | 'under_way';

/**
 * Asks for the review of `yearText`. One request per year is under way at a time (a unique
 * index holds it when two people ask together); a year already built is offered as it is
 * unless asked `again`.
 */
export async function askForReview(db: Db, actor: CurrentAccount | null, input: { year: string; again: boolean }, timeZone: string): Promise<{ request: ReviewRequest; outcome: AskOutcome }> {
  const account = assertCanReview(actor);
  const last = currentYear(timeZone);
  const year = readYear(input.year, last);
  if (year === undefined) throw new DomainError('review_year', 'year', { first: FIRST_YEAR, last });
  const underWay = await latestOfYear(db, year, ['queued', 'running']);
  if (underWay) return { request: underWay, outcome: 'under_way' };
  const done = input.again ? undefined : await latestOfYear(db, year, ['done']);
  if (done) return { request: done, outcome: 'exists' };
  const id = newId();
  try {
    await insertRequest(db, { id, year, accountId: account.id, label: account.displayName, at: nowIso() });
  } catch (error) {
    // Someone asked for the same year a moment before: theirs is the one under way.
    const theirs = await latestOfYear(db, year, ['queued', 'running']);
    if (theirs) return { request: theirs, outcome: 'under_way' };
    throw error;
  }
  return { request: (await findRequest(db, id))!, outcome: 'queued' };
}

export async function recentReviews(db: Db, actor: CurrentAccount | null): Promise<ReviewRequest[]> {
  assertCanReview(actor);
  return listRecent(db, RECENT);
}

export async function reviewRequest(db: Db, actor: CurrentAccount | null, id: string): Promise<ReviewRequest> {
  assertCanReview(actor);
  const request = isId(id) ? await findRequest(db, id) : undefined;
  if (!request) throw notFound();
  return request;
}

/** The PDF of a review that is done; « not found » for any other. */
export async function reviewFile(db: Db, actor: CurrentAccount | null, id: string): Promise<{ filename: string; bytes: Buffer }> {
  const request = await reviewRequest(db, actor, id);
  const file = request.status === 'done' && request.fileId ? await findReviewFile(db, request.fileId) : undefined;
  if (!file) throw notFound();
  return file;
}

// ---- building, by the job ----

/** What the review reads: a year's figures (dashboard's and the year's events), and the dashboard's charts of them. */
export interface ReviewSources {
  readYear: (db: Db, config: Config, year: number) => Promise<ReviewYear>;
  chartsOf: (year: ReviewYear) => ReviewChart[];
}

/** The dashboard's figures and charts, with the year's events. */
export const REVIEW_SOURCES: ReviewSources = { readYear: readReviewYear, chartsOf: reviewCharts };

type Outcome = 'built' | 'none' | 'lost';

/** A step reached: written on the request, the lease moved on; false when another process took it. */
function stepper(db: Db, id: string, owner: string) {
  return async (step: ReviewStep): Promise<boolean> => writeProgress(db, id, owner, { step, progress: progressOf(step), leaseUntil: addSeconds(nowIso(), LEASE_SECONDS) });
}

async function buildFile(ctx: Pick<JobContext, 'db' | 'config'>, sources: ReviewSources, request: ReviewRequest, owner: string): Promise<Outcome> {
  const { db, config } = ctx;
  const reach = stepper(db, request.id, owner);
  const year = await sources.readYear(db, config, request.year);
  if (!(await reach('previous'))) return 'lost';
  const previous = await sources.readYear(db, config, request.year - 1);
  if (!(await reach('charts'))) return 'lost';
  const charts = sources.chartsOf(year);
  if (!(await reach('writing'))) return 'lost';
  const madeOn = localDateOf(nowIso(), config.timeZone);
  const bytes = await renderReviewPdf({ town: config.conciergerie.town, year, previous, charts, madeOn, createdAt: now() });
  if (!(await reach('saving'))) return 'lost';
  const file = { id: newId(), filename: t('yearly_review.pdf.filename', { year: request.year }), bytes, at: nowIso() };
  try {
    await inTransaction(db, async (trx) => {
      // Another process took the request over meanwhile: its file is the one kept, this one rolls back.
      if (!(await finishWithFile(trx, request.id, owner, file))) throw new LostRequest();
    });
    return 'built';
  } catch (error) {
    if (error instanceof LostRequest) return 'lost';
    throw error;
  }
}

class LostRequest extends Error {}

/** Takes the oldest request waiting and builds it; a failure is recorded on the request. */
export async function buildNextReview(ctx: Pick<JobContext, 'db' | 'config'>, owner = newOwner(), sources: ReviewSources = REVIEW_SOURCES): Promise<Outcome> {
  const at = nowIso();
  const request = await claimNext(ctx.db, { owner, at, leaseUntil: addSeconds(at, LEASE_SECONDS), step: 'figures', progress: progressOf('figures') });
  if (!request) return 'none';
  try {
    return await buildFile(ctx, sources, request, owner);
  } catch (error) {
    await markFailed(ctx.db, request.id, owner, error instanceof Error ? error.message.slice(0, 500) : String(error), nowIso());
    throw error;
  }
}

/** The job: builds the requests waiting, a few per run, so a review asked for is ready within seconds. */
export const YEARLY_REVIEW_JOB: Job = {
  name: 'yearly-review',
  label: t('jobs.label.yearly_review'),
  everySeconds: 5,
  firstRunAfterSeconds: 5,
  leaseSeconds: LEASE_SECONDS,
  run: async (ctx) => {
    for (let built = 0; built < PER_RUN; built += 1) if ((await buildNextReview(ctx)) === 'none') return;
  },
};
