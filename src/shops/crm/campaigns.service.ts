// Canvassing campaigns: the concierge names one, gives its dates and picks its target shops
// from the directory by stage and category; its page counts the progress from the targets'
// stage moves and interactions in its period. The town reads them (and its dashboard reads
// `campaignResults`), only the concierge creates them.
import type { Db, Executor } from '../../db/index.ts';
import { assertConcierge } from '../../platform/actor.ts';
import { addDays, localToUtc } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { assertCanReadDirectory } from '../shops.service.ts';
import type { ShopStage } from '../shops.rules.ts';
import { countCampaign, isValidPeriod, type CampaignProgress } from './crm.rules.ts';
import { findCampaign, insertCampaign, insertTargets, listCampaigns, listTargets, targetFacts, type Campaign, type TargetRow } from './campaigns.repository.ts';

export interface CampaignInput {
  name: string;
  startsOn: string;
  endsOn: string;
  stages: ShopStage[];
  categoryCode?: string;
}

/** A new campaign with its targets, in one transaction (a campaign never exists without them). */
export async function createCampaign(trx: Executor, actor: CurrentAccount | null, input: CampaignInput): Promise<string> {
  const concierge = assertConcierge(actor);
  if (!isValidPeriod(input.startsOn, input.endsOn)) throw new DomainError('crm_period_order', 'ends_on');
  if (input.stages.filter((stage) => stage !== 'do_not_contact').length === 0) throw new DomainError('crm_no_target', 'stages');
  const id = newId();
  const at = nowIso();
  await insertCampaign(trx, { id, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, createdAt: at, accountId: concierge.id });
  await insertTargets(trx, id, { stages: input.stages, categoryCode: input.categoryCode }, at);
  return id;
}

/** « Créer la campagne », once per key: a form sent twice creates one campaign. */
export async function createCampaignOnce(db: Db, actor: CurrentAccount | null, input: CampaignInput, idempotencyKey: string): Promise<string> {
  const concierge = assertConcierge(actor);
  return createOnce(db, 'crm.campaign', idempotencyKey, (trx) => createCampaign(trx, concierge, input), boundTo('campaign', concierge.id));
}

export interface CampaignResult extends Campaign, CampaignProgress {}

/** The instants a campaign's local dates cover, first day 00:00 to the day after the last. */
function periodOf(campaign: Campaign, timeZone: string) {
  return {
    fromDate: campaign.startsOn,
    toDate: campaign.endsOn,
    fromAt: localToUtc(campaign.startsOn, '00:00', timeZone) ?? `${campaign.startsOn}T00:00:00.000Z`,
    toAt: localToUtc(addDays(campaign.endsOn, 1), '00:00', timeZone) ?? `${addDays(campaign.endsOn, 1)}T00:00:00.000Z`,
  };
}

async function resultOf(db: Executor, campaign: Campaign, timeZone: string, targets?: TargetRow[]): Promise<CampaignResult> {
  const [facts, rows] = await Promise.all([targetFacts(db, campaign.id, periodOf(campaign, timeZone)), targets ? Promise.resolve(targets) : listTargets(db, campaign.id)]);
  return { ...campaign, ...countCampaign(rows.length, facts) };
}

/**
 * Each campaign overlapping the period with what it brought (targets contacted, in talks,
 * joined, declined by reason): the town's dashboard and yearly review read it.
 */
export async function campaignResults(db: Executor, options: { timeZone: string; fromDate?: string; toDate?: string }): Promise<CampaignResult[]> {
  const campaigns = await listCampaigns(db, options);
  return Promise.all(campaigns.map((campaign) => resultOf(db, campaign, options.timeZone)));
}

export async function campaignList(db: Executor, actor: CurrentAccount | null, timeZone: string): Promise<CampaignResult[]> {
  assertCanReadDirectory(actor);
  return campaignResults(db, { timeZone });
}

export interface CampaignPage {
  result: CampaignResult;
  targets: TargetRow[];
}

export async function campaignPage(db: Executor, actor: CurrentAccount | null, id: string, timeZone: string): Promise<CampaignPage> {
  assertCanReadDirectory(actor);
  const campaign = await findCampaign(db, id);
  if (!campaign) throw notFound();
  const targets = await listTargets(db, id);
  return { result: await resultOf(db, campaign, timeZone, targets), targets };
}

export async function getCampaign(db: Executor, id: string): Promise<Campaign | undefined> {
  return findCampaign(db, id);
}
