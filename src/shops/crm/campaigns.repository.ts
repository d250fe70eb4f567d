// All SQL of canvassing campaigns: the campaigns, their target shops, and the facts their
// progress is counted from (stage moves and interactions of the targets in the period).
import type { Executor } from '../../db/index.ts';
import type { ShopStage } from '../shops.rules.ts';

export interface Campaign {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  createdAt: string;
}

export async function insertCampaign(db: Executor, campaign: Campaign & { accountId: string | null }): Promise<void> {
  await db
    .insertInto('shop_campaigns')
    .values({ id: campaign.id, name: campaign.name, starts_on: campaign.startsOn, ends_on: campaign.endsOn, created_by_account_id: campaign.accountId, created_at: campaign.createdAt })
    .execute();
}

/**
 * Adds as targets the shops of these stages (and category), never one that asked not to be
 * contacted, whatever stages were asked for. Returns how many.
 */
export async function insertTargets(db: Executor, campaignId: string, filter: { stages: readonly ShopStage[]; categoryCode?: string }, at: string): Promise<number> {
  const stages = filter.stages.filter((stage) => stage !== 'do_not_contact');
  if (stages.length === 0) return 0;
  let query = db.selectFrom('shops').select('id').where('stage', 'in', stages);
  if (filter.categoryCode) query = query.where('category_code', '=', filter.categoryCode);
  const shops = await query.execute();
  if (shops.length === 0) return 0;
  await db
    .insertInto('shop_campaign_targets')
    .values(shops.map((shop) => ({ campaign_id: campaignId, shop_id: shop.id, added_at: at })))
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  return shops.length;
}

function toCampaign(row: { id: string; name: string; starts_on: string; ends_on: string; created_at: string }): Campaign {
  return { id: row.id, name: row.name, startsOn: row.starts_on, endsOn: row.ends_on, createdAt: row.created_at };
}

export async function findCampaign(db: Executor, id: string): Promise<Campaign | undefined> {
  const row = await db.selectFrom('shop_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCampaign(row) : undefined;
}

/** Campaigns overlapping [fromDate, toDate] (local dates), the latest first. */
export async function listCampaigns(db: Executor, period: { fromDate?: string; toDate?: string } = {}): Promise<Campaign[]> {
  let query = db.selectFrom('shop_campaigns').selectAll();
  if (period.fromDate) query = query.where('ends_on', '>=', period.fromDate);
  if (period.toDate) query = query.where('starts_on', '<=', period.toDate);
  const rows = await query.orderBy('starts_on', 'desc').orderBy('id').execute();
  return rows.map(toCampaign);
}

export interface TargetRow {
  shopId: string;
  tradeName: string;
  stage: ShopStage;
  categoryCode: string;
}

export async function listTargets(db: Executor, campaignId: string): Promise<TargetRow[]> {
  const rows = await db
    .selectFrom('shop_campaign_targets')
    .innerJoin('shops', 'shops.id', 'shop_campaign_targets.shop_id')
    .select(['shops.id', 'shops.trade_name', 'shops.stage', 'shops.category_code'])
    .where('campaign_id', '=', campaignId)
    .orderBy('shops.trade_name')
    .execute();
  return rows.map((row) => ({ shopId: row.id, tradeName: row.trade_name, stage: row.stage as ShopStage, categoryCode: row.category_code }));
}

export interface TargetFacts {
  moves: Array<{ shopId: string; fromStage: string | null; toStage: string; reasonCode: string | null; at: string }>;
  contacts: Array<{ shopId: string; outcome: string; reasonCode: string | null; localDate: string }>;
}

/** The stage moves (between two instants) and interactions (between two local dates) of a campaign's targets. */
export async function targetFacts(db: Executor, campaignId: string, period: { fromAt: string; toAt: string; fromDate: string; toDate: string }): Promise<TargetFacts> {
  const targets = db.selectFrom('shop_campaign_targets').select('shop_id').where('campaign_id', '=', campaignId);
  const [moves, contacts] = await Promise.all([
    db
      .selectFrom('shop_stage_events')
      .select(['shop_id', 'from_stage', 'to_stage', 'reason_code', 'at'])
      .where('shop_id', 'in', targets)
      .where('at', '>=', period.fromAt)
      .where('at', '<', period.toAt)
      .orderBy('at')
      .execute(),
    db
      .selectFrom('shop_interactions')
      .select(['shop_id', 'outcome', 'reason_code', 'local_date'])
      .where('shop_id', 'in', targets)
      .where('local_date', '>=', period.fromDate)
      .where('local_date', '<=', period.toDate)
      .orderBy('local_date')
      .execute(),
  ]);
  return {
    moves: moves.map((row) => ({ shopId: row.shop_id, fromStage: row.from_stage, toStage: row.to_stage, reasonCode: row.reason_code, at: row.at })),
    contacts: contacts.map((row) => ({ shopId: row.shop_id, outcome: row.outcome, reasonCode: row.reason_code, localDate: row.local_date })),
  };
}
