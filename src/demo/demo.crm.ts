// The shops CRM of the demo town: every shop's stage history, a contact for the shops the
// concierge knows, the spring canvassing campaign (« Campagne de démarchage <année> ») that
// brought about thirty members, with its visits, refusals and reasons, and a few follow-ups
// overdue, due today and planned on the live day. Some shops the campaign met are now « en
// discussion », a few declined for good (« ne pas contacter »). Built from the shops' rows,
// before they are written, so their stages and the history agree.
import type { Insertable } from 'kysely';
import type { ShopCampaignTargetsTable, ShopCampaignsTable, ShopContactsTable, ShopInteractionsTable, ShopStageEventsTable, ShopTasksTable } from '../db/schema.ts';
import { DemoCalendar, Random, SeededIds } from './demo.random.ts';
import type { DemoShop } from './demo.shops.ts';

export interface DemoCrm {
  campaigns: Array<Insertable<ShopCampaignsTable>>;
  targets: Array<Insertable<ShopCampaignTargetsTable>>;
  events: Array<Insertable<ShopStageEventsTable>>;
  contacts: Array<Insertable<ShopContactsTable>>;
  interactions: Array<Insertable<ShopInteractionsTable>>;
  tasks: Array<Insertable<ShopTasksTable>>;
}

const DECLINE_REASONS = ['not_interested', 'no_time', 'commission_too_high', 'not_online', 'chain'] as const;
const ROLES = ['gérant', 'gérante', 'propriétaire', 'responsable'];
const DAY_MS = 86_400_000;

const dateOf = (iso: string) => iso.slice(0, 10);
const isoOf = (ms: number) => new Date(ms).toISOString();

class Builder {
  readonly crm: DemoCrm = { campaigns: [], targets: [], events: [], contacts: [], interactions: [], tasks: [] };
  private readonly ids = new SeededIds('crm');

  constructor(private readonly random: Random, private readonly campaignId: string | null) {}

  event(shop: DemoShop, from: string | null, to: string, at: string, reason: string | null = null): void {
    this.crm.events.push({ id: this.ids.next(at), shop_id: shop.row.id, from_stage: from, to_stage: to, reason_code: reason, note: '', account_id: null, at });
  }

  contact(shop: DemoShop): void {
    const at = shop.row.created_at;
    this.crm.contacts.push({ id: this.ids.next(at), shop_id: shop.row.id, person: shop.ownerName, role: this.random.pick(ROLES), phone: shop.row.phone, email: shop.row.email, created_at: at, updated_at: at });
  }

  interaction(shop: DemoShop, kind: string, at: string, outcome: string, notes: string, reason: string | null = null, inCampaign = false): void {
    this.crm.interactions.push({
      id: this.ids.next(at),
      shop_id: shop.row.id,
      kind,
      local_date: dateOf(at),
      account_id: null,
      met: shop.ownerName,
      notes,
      outcome,
      reason_code: reason,
      campaign_id: inCampaign ? this.campaignId : null,
      created_at: at,
    });
  }

  task(shop: DemoShop, title: string, dueDate: string, createdAt: string): void {
    this.crm.tasks.push({
      id: this.ids.next(createdAt),
      shop_id: shop.row.id,
      title,
      due_date: dueDate,
      source: 'manual',
      reason_code: null,
      state: 'open',
      snoozed_until: null,
      note: '',
      reminded_at: null,
      created_at: createdAt,
      created_by_account_id: null,
      closed_at: null,
      closed_by_account_id: null,
    });
  }
}

/** The history a shop's row implies: recorded as a prospect, then each move up to its stage. */
function historyOf(builder: Builder, random: Random, shop: DemoShop): void {
  const { row } = shop;
  builder.event(shop, null, 'prospect', row.created_at);
  if (row.stage === 'prospect') return;
  const firstMove = row.joined_at ?? row.stage_changed_at;
  const contactedAt = isoOf(Math.max(Date.parse(row.created_at), Date.parse(firstMove) - random.int(7, 40) * DAY_MS));
  builder.event(shop, 'prospect', 'contacted', contactedAt);
  if (row.stage === 'contacted') return;
  if (row.joined_at) {
    builder.event(shop, 'contacted', 'member', row.joined_at);
    if (row.stage === 'inactive') builder.event(shop, 'member', 'inactive', row.stage_changed_at, random.pick(['no_time', 'not_online']));
    if (row.stage === 'left') builder.event(shop, 'member', 'left', row.stage_changed_at, random.pick(['closed', 'moved', 'commission_too_high']));
  }
}

/** The campaign's work with one target: a visit, then what followed. */
function campaignContacts(builder: Builder, random: Random, shop: DemoShop, campaign: { fromMs: number; toMs: number }): void {
  const visitAt = new DemoCalendar(new Date(campaign.fromMs)).between(random, campaign.fromMs, campaign.toMs);
  if (shop.fromCampaign && shop.row.joined_at) {
    const visit = isoOf(Math.min(Date.parse(visitAt), Date.parse(shop.row.joined_at) - DAY_MS));
    builder.interaction(shop, 'visit', visit, 'interested', 'Présentation de la conciergerie, intéressé par le retrait au comptoir.', null, true);
    builder.interaction(shop, 'call', shop.row.joined_at, 'joined', 'Adhésion confirmée par téléphone.', null, true);
    return;
  }
  builder.interaction(shop, 'visit', visitAt, 'call_back', 'Présentation de la conciergerie, à rappeler.', null, true);
}

function moveTo(builder: Builder, shop: DemoShop, to: 'in_talks' | 'do_not_contact', at: string, reason: string | null): void {
  builder.event(shop, shop.row.stage, to, at, reason);
  shop.row.stage = to;
  shop.row.stage_changed_at = at;
  shop.row.updated_at = at;
}

/** The shops' CRM, with the stages of a few contacted shops moved on by the campaign. */
export function buildCrm(calendar: DemoCalendar, shops: DemoShop[]): DemoCrm {
  const random = new Random('crm');
  const window = calendar.campaign();
  const year = new Date(window.fromMs).getUTCFullYear();
  const createdAt = isoOf(window.fromMs - 20 * DAY_MS);
  const campaignId = new SeededIds('crm-campaign').next(createdAt);
  const builder = new Builder(random, campaignId);
  builder.crm.campaigns.push({ id: campaignId, name: `Campagne de démarchage ${year}`, starts_on: dateOf(isoOf(window.fromMs)), ends_on: dateOf(isoOf(window.toMs)), created_by_account_id: null, created_at: createdAt });
  for (const shop of shops) historyOf(builder, random, shop);
  const targets = shops.filter((shop) => shop.fromCampaign || shop.row.stage === 'contacted' || shop.row.stage === 'prospect');
  for (const shop of targets) {
    builder.crm.targets.push({ campaign_id: campaignId, shop_id: shop.row.id, added_at: createdAt });
    if (shop.fromCampaign || shop.row.stage === 'contacted') campaignContacts(builder, random, shop, window);
  }
  const contacted = random.shuffle(shops.filter((shop) => shop.row.stage === 'contacted'));
  const endAt = isoOf(window.toMs - DAY_MS);
  for (const shop of contacted.slice(0, 6)) {
    moveTo(builder, shop, 'in_talks', endAt, null);
    builder.interaction(shop, 'call', endAt, 'interested', 'Veut voir les chiffres d’un commerce voisin avant de signer.', null, true);
  }
  for (const shop of contacted.slice(6, 10)) {
    const reason = random.pick(DECLINE_REASONS);
    builder.interaction(shop, 'visit', endAt, 'declined', 'Ne souhaite pas être recontacté.', reason, true);
    moveTo(builder, shop, 'do_not_contact', endAt, reason);
  }
  for (const shop of shops.filter((row) => ['member', 'in_talks', 'contacted', 'inactive'].includes(row.row.stage))) builder.contact(shop);
  followUps(builder, calendar, contacted.slice(0, 6), contacted.slice(10, 16), shops.filter((shop) => shop.row.stage === 'inactive'));
  return builder.crm;
}

/** The live day's follow-ups: overdue, due today and planned within the week. */
function followUps(builder: Builder, calendar: DemoCalendar, inTalks: DemoShop[], contacted: DemoShop[], inactive: DemoShop[]): void {
  const day = (offset: number) => dateOf(isoOf(calendar.todayMs + offset * DAY_MS));
  const created = isoOf(calendar.todayMs - 20 * DAY_MS);
  const plan: Array<[DemoShop | undefined, string, number]> = [
    [inTalks[0], 'Rappeler pour la signature', -3],
    [inTalks[1], 'Envoyer les conditions par courriel', -1],
    [contacted[0], 'Repasser voir le commerce', 0],
    [inactive[0], 'Prendre des nouvelles', 0],
    [inTalks[2], 'Rappeler', 2],
    [contacted[1], 'Repasser voir le commerce', 4],
    [inactive[1], 'Proposer une aide pour les photos', 6],
    [contacted[2], 'Rappeler', 20],
  ];
  for (const [shop, title, offset] of plan) if (shop) builder.task(shop, title, day(offset), created);
}
