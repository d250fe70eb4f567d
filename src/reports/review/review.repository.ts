// All SQL of the yearly review: its requests (yearly_reviews) and their PDF, kept in the
// `files` table where the project keeps its documents (settlement's invoices keep theirs there).
// Every move of a request's status is a conditional update, so two processes never both
// take the same request, and a run that lost its lease writes nothing more.
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../db/index.ts';
import type { YearlyReviewsTable } from '../../db/schema.ts';
import { addDays, localToUtc } from '../../platform/calendar.ts';
import { movableFrom } from '../../platform/transitions.ts';
import { REVIEW_TRANSITIONS, type ReviewStatus, type ReviewStep } from './review.rules.ts';

export interface ReviewRequest {
  id: string;
  year: number;
  status: ReviewStatus;
  progress: number;
  step: ReviewStep | null;
  fileId: string | null;
  error: string | null;
  requestedByLabel: string;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

function requestOf(row: Selectable<YearlyReviewsTable>): ReviewRequest {
  return {
    id: row.id,
    year: Number(row.year),
    status: row.status as ReviewStatus,
    progress: Number(row.progress),
    step: row.step as ReviewStep | null,
    fileId: row.file_id,
    error: row.error,
    requestedByLabel: row.requested_by_label,
    requestedAt: row.requested_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export async function insertRequest(db: Executor, request: { id: string; year: number; accountId: string; label: string; at: string }): Promise<void> {
  await db
    .insertInto('yearly_reviews')
    .values({ id: request.id, year: request.year, status: 'queued', progress: 0, step: null, requested_by_account_id: request.accountId, requested_by_label: request.label, requested_at: request.at })
    .execute();
}

export async function findRequest(db: Executor, id: string): Promise<ReviewRequest | undefined> {
  const row = await db.selectFrom('yearly_reviews').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? requestOf(row) : undefined;
}

/** The latest request for a year in one of `statuses`. */
export async function latestOfYear(db: Executor, year: number, statuses: readonly ReviewStatus[]): Promise<ReviewRequest | undefined> {
  const row = await db
    .selectFrom('yearly_reviews')
    .selectAll()
    .where('year', '=', year)
    .where('status', 'in', [...statuses])
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? requestOf(row) : undefined;
}

/** The latest requests, newest first. */
export async function listRecent(db: Executor, limit: number): Promise<ReviewRequest[]> {
  const rows = await db.selectFrom('yearly_reviews').selectAll().orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(requestOf);
}

/** The oldest request a process may take at `at`: queued, or running under a lease that lapsed. */
async function nextCandidate(db: Executor, at: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('yearly_reviews')
    .select('id')
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', at)])]))
    .orderBy('requested_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Takes the oldest request waiting, for `owner` until `leaseUntil`: one conditional update,
 * so of two processes asking at once one gets it and the other tries the next one.
 */
export async function claimNext(db: Db, claim: { owner: string; at: string; leaseUntil: string; step: ReviewStep; progress: number }): Promise<ReviewRequest | undefined> {
  for (;;) {
    const id = await nextCandidate(db, claim.at);
    if (!id) return undefined;
    const result = await db
      .updateTable('yearly_reviews')
      .set({ status: 'running', run_owner: claim.owner, lease_until: claim.leaseUntil, started_at: claim.at, progress: claim.progress, step: claim.step, error: null })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('status', 'in', movableFrom(REVIEW_TRANSITIONS, 'running', 'queued')),
          eb.and([eb('status', 'in', movableFrom(REVIEW_TRANSITIONS, 'running', 'running')), eb('lease_until', '<', claim.at)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return findRequest(db, id);
  }
}

/** Writes how far the run of `owner` went; false when it no longer holds the request. */
export async function writeProgress(db: Executor, id: string, owner: string, progress: { step: ReviewStep; progress: number; leaseUntil: string }): Promise<boolean> {
  const result = await db
    .updateTable('yearly_reviews')
    .set({ step: progress.step, progress: progress.progress, lease_until: progress.leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('run_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Stores the PDF and marks the request done, in one transaction; false when `owner` lost it. */
export async function finishWithFile(trx: Executor, id: string, owner: string, file: { id: string; filename: string; bytes: Buffer; at: string }): Promise<boolean> {
  await trx.insertInto('files').values({ id: file.id, filename: file.filename, content_type: 'application/pdf', bytes: file.bytes, created_at: file.at }).execute();
  const result = await trx
    .updateTable('yearly_reviews')
    .set({ status: 'done', progress: 100, step: null, file_id: file.id, finished_at: file.at, lease_until: null })
    .where('id', '=', id)
    .where('status', 'in', movableFrom(REVIEW_TRANSITIONS, 'done', 'running'))
    .where('run_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markFailed(db: Executor, id: string, owner: string, error: string, at: string): Promise<void> {
  await db
    .updateTable('yearly_reviews')
    .set({ status: 'failed', error, finished_at: at, lease_until: null })
    .where('id', '=', id)
    .where('status', 'in', movableFrom(REVIEW_TRANSITIONS, 'failed', 'running'))
    .where('run_owner', '=', owner)
    .execute();
}

export async function findReviewFile(db: Executor, fileId: string): Promise<{ filename: string; bytes: Buffer } | undefined> {
  const row = await db.selectFrom('files').select(['filename', 'bytes']).where('id', '=', fileId).executeTakeFirst();
  return row ? { filename: row.filename, bytes: Buffer.from(row.bytes) } : undefined;
}

// ---- what happened in the year, beside the dashboard's figures ----

/** Local shops (providers apart) that joined in [fromAt, toAt), in order. */
export async function shopsJoinedBetween(db: Executor, fromAt: string, toAt: string): Promise<Array<{ name: string; at: string }>> {
  const rows = await db
    .selectFrom('shops')
    .select(['trade_name', 'joined_at'])
    .where('kind', '=', 'shop')
    .where('joined_at', '>=', fromAt)
    .where('joined_at', '<', toAt)
    .orderBy('joined_at')
    .orderBy('trade_name')
    .execute();
  return rows.map((row) => ({ name: row.trade_name, at: row.joined_at! }));
}

/** Local shops that left the conciergerie in [fromAt, toAt), from their stage history, with the reason given. */
export async function shopsLeftBetween(db: Executor, fromAt: string, toAt: string): Promise<Array<{ name: string; at: string; reasonCode: string | null }>> {
  const rows = await db
    .selectFrom('shop_stage_events as e')
    .innerJoin('shops as s', 's.id', 'e.shop_id')
    .select(['s.trade_name', 'e.at', 'e.reason_code'])
    .where('s.kind', '=', 'shop')
    .where('e.to_stage', '=', 'left')
    .where('e.from_stage', 'in', ['member', 'inactive'])
    .where('e.at', '>=', fromAt)
    .where('e.at', '<', toAt)
    .orderBy('e.at')
    .orderBy('s.trade_name')
    .execute();
  return rows.map((row) => ({ name: row.trade_name, at: row.at, reasonCode: row.reason_code }));
}

/** Local midnight of a date, as a UTC instant. */
function midnightAt(date: string, timeZone: string): string {
  return localToUtc(date, '00:00', timeZone) ?? `${date}T00:00:00.000Z`;
}

/**
 * The canvassing campaigns that started in the year (local dates from `fromDate` to before
 * `toDate`): the shops they aimed at, those that became members while it ran (from the stage
 * history), and those that declined when contacted for it.
 */
export async function campaignsBetween(db: Executor, fromDate: string, toDate: string, timeZone: string): Promise<Array<{ name: string; targeted: number; joined: number; declined: number }>> {
  const campaigns = await db.selectFrom('shop_campaigns').select(['id', 'name', 'starts_on', 'ends_on']).where('starts_on', '>=', fromDate).where('starts_on', '<', toDate).orderBy('starts_on').orderBy('name').execute();
  const figures = await Promise.all(
    campaigns.map(async (campaign) => {
      const [targeted, joined, declined] = await Promise.all([
        db.selectFrom('shop_campaign_targets').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', campaign.id).executeTakeFirst(),
        db
          .selectFrom('shop_campaign_targets as t')
          .innerJoin('shop_stage_events as e', 'e.shop_id', 't.shop_id')
          .select((eb) => eb.fn.count('t.shop_id').distinct().as('n'))
          .where('t.campaign_id', '=', campaign.id)
          .where('e.to_stage', '=', 'member')
          .where('e.from_stage', 'is not', null)
          .where('e.at', '>=', midnightAt(campaign.starts_on, timeZone))
          .where('e.at', '<', midnightAt(addDays(campaign.ends_on, 1), timeZone))
          .executeTakeFirst(),
        db
          .selectFrom('shop_interactions')
          .select((eb) => eb.fn.count('shop_id').distinct().as('n'))
          .where('campaign_id', '=', campaign.id)
          .where('outcome', '=', 'declined')
          .executeTakeFirst(),
      ]);
      return { name: campaign.name, targeted: Number(targeted?.n ?? 0), joined: Number(joined?.n ?? 0), declined: Number(declined?.n ?? 0) };
    }),
  );
  return figures;
}

/** Repaired items handed back to their owner in [fromAt, toAt): a repair done. */
export async function countRepairsDone(db: Executor, fromAt: string, toAt: string): Promise<number> {
  const row = await db
    .selectFrom('repair_item_moves')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('to_status', '=', 'handed_back')
    .where('at', '>=', fromAt)
    .where('at', '<', toAt)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
