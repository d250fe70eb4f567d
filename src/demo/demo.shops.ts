// The town's 150 local shops: identity, membership stage and weekly opening hours. A third
// joined when the conciergerie opened (December 2020 – 2021), about thirty more during the
// spring canvassing campaign; the others are prospects, shops already contacted, members
// that went quiet and a couple that left.
import type { ShopOpeningHoursTable, ShopsTable } from '../db/schema.ts';
import { isValidSiret, shopSearchText, type ShopStage } from '../shops/index.ts';
import { DemoCalendar, Random, type SeededIds } from './demo.random.ts';
import { SHOP_NAMES, SHOP_PITCHES, SHOP_TAGLINES } from './demo.shops.data.ts';
import { CATEGORIES, CENTRE_STREETS, ENTRESSEN, ENTRESSEN_STREETS, ISTRES, type Locality } from './demo.town.ts';
import { LAST_NAMES, WORKING_FIRST_NAMES } from './demo.people.data.ts';
import { openingHoursOf } from './demo.hours.ts';

export interface DemoShop {
  row: ShopsTable;
  hours: ShopOpeningHoursTable[];
  categoryLabel: string;
  /** Who runs it: named in the legal name of a sole trader and on the merchant's account. */
  ownerName: string;
  /** Joined during this year's canvassing campaign. */
  fromCampaign: boolean;
}

/** Shops named in the demo logins and offers: members since the opening. */
export const FLAGSHIPS = ['Poissonnerie du Port', 'Fromagerie Lou Cabanoun', 'La Cave d’Istres', 'Chocolaterie Duval', 'Cordonnerie du Centre', 'Retouches Nadia'];

const CAMPAIGN_MEMBERS = 30;
/** Stages of the 70 shops that are not members, in this proportion. */
const OTHER_STAGES: ReadonlyArray<[ShopStage, number]> = [['inactive', 6], ['left', 3], ['contacted', 25]];

interface Draft {
  name: string;
  categoryCode: string;
  categoryLabel: string;
  locality: Locality;
  member: boolean;
}

function drafts(): Draft[] {
  return CATEGORIES.flatMap((category) => {
    const names = SHOP_NAMES[category.code] ?? [];
    if (names.length !== category.shopCount) throw new Error(`demo: ${category.code} lists ${names.length} shops, expected ${category.shopCount}`);
    return names.map((entry, index) => {
      const [name, place] = entry.split('@');
      return { name, categoryCode: category.code, categoryLabel: category.label, locality: place ? ENTRESSEN : ISTRES, member: index < category.memberCount };
    });
  });
}

/** 14 digits: a SIREN with its Luhn key, a short establishment number, the SIRET's Luhn key. */
function siretOf(random: Random, taken: Set<string>): string {
  for (;;) {
    const sirenBody = String(random.int(3, 9)) + random.digits(7);
    const siren = sirenBody + luhnKey(sirenBody);
    const body = siren + '000' + String(random.int(1, 9));
    const siret = body + luhnKey(body);
    if (!taken.has(siret) && !siret.startsWith('356000000') && isValidSiret(siret)) {
      taken.add(siret);
      return siret;
    }
  }
}

/** The digit that makes `body` + digit pass the Luhn check. */
export function luhnKey(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index += 1) {
    let digit = Number(body[body.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

function legalNameOf(random: Random, tradeName: string, ownerName: string): string {
  const roll = random.float();
  const upper = tradeName.toLocaleUpperCase('fr-FR');
  if (roll < 0.2) return `${ownerName} EI`;
  if (roll < 0.35) return `EURL ${upper}`;
  if (roll < 0.6) return `SAS ${upper}`;
  return `SARL ${upper}`;
}

function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function uniquePhone(random: Random, prefix: string, taken: Set<string>): string {
  for (;;) {
    const phone = `${prefix} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

/** Which non-member shop is at which stage, and which members came with the campaign. */
function assignStages(random: Random, all: Draft[]): { stages: ShopStage[]; campaign: Set<number> } {
  const stages: ShopStage[] = all.map((draft) => (draft.member ? 'member' : 'prospect'));
  const others = random.shuffle(all.map((_, index) => index).filter((index) => !all[index].member));
  let cursor = 0;
  for (const [stage, count] of OTHER_STAGES) {
    for (let n = 0; n < count; n += 1) stages[others[cursor++]] = stage;
  }
  const candidates = all.map((_, index) => index).filter((index) => all[index].member && !FLAGSHIPS.includes(all[index].name));
  return { stages, campaign: new Set(random.sample(candidates, CAMPAIGN_MEMBERS)) };
}

interface Dates {
  createdAt: string;
  joinedAt: string | null;
  stageChangedAt: string;
}

function datesOf(random: Random, calendar: DemoCalendar, stage: ShopStage, fromCampaign: boolean): Dates {
  const opening = calendar.day(2020, 12, 1);
  // Most shops were listed when the conciergerie was set up; some opened since.
  const createdAt = random.chance(0.85) || stage === 'member' || stage === 'inactive' || stage === 'left'
    ? calendar.between(random, calendar.day(2020, 10, 1), opening)
    : calendar.between(random, calendar.day(2021, 1, 1), calendar.daysAgo(60));
  const campaign = calendar.campaign();
  if (stage === 'member' && fromCampaign) {
    const joinedAt = calendar.between(random, campaign.fromMs, campaign.toMs);
    return { createdAt, joinedAt, stageChangedAt: joinedAt };
  }
  if (stage === 'member' || stage === 'inactive' || stage === 'left') {
    // A first wave at the opening in December 2020, then through 2021.
    const joinedAt = random.chance(0.3)
      ? calendar.between(random, opening, calendar.day(2021, 1, 1))
      : calendar.between(random, calendar.day(2021, 1, 1), calendar.day(2022, 1, 1));
    const stageChangedAt = stage === 'member' ? joinedAt : calendar.between(random, calendar.day(2023, 1, 1), calendar.daysAgo(45));
    return { createdAt, joinedAt, stageChangedAt };
  }
  if (stage === 'contacted') {
    return { createdAt, joinedAt: null, stageChangedAt: DemoCalendar.later(createdAt, calendar.between(random, campaign.fromMs, calendar.todayMs)) };
  }
  return { createdAt, joinedAt: null, stageChangedAt: createdAt };
}

function descriptionOf(random: Random, categoryCode: string): string {
  const pitch = random.pick(SHOP_PITCHES[categoryCode] ?? ['Commerce indépendant du centre-ville.']);
  return random.chance(0.5) ? `${pitch} ${random.pick(SHOP_TAGLINES)}` : pitch;
}

function coordinate(random: Random, centre: number, spread: number): number {
  return Math.round((centre + (random.float() * 2 - 1) * spread) * 1e6) / 1e6;
}

export function buildShops(calendar: DemoCalendar, ids: SeededIds): DemoShop[] {
  const random = new Random('shops');
  const all = drafts();
  const { stages, campaign } = assignStages(random, all);
  const sirets = new Set<string>();
  const phones = new Set<string>();
  return all.map((draft, index) => {
    const stage = stages[index];
    const fromCampaign = campaign.has(index);
    const dates = datesOf(random, calendar, stage, fromCampaign);
    const gender = random.chance(0.5) ? 'f' : 'm';
    const ownerName = `${random.pick(WORKING_FIRST_NAMES[gender])} ${random.pick(LAST_NAMES)}`;
    const legalName = legalNameOf(random, draft.name, ownerName);
    const entressen = draft.locality === ENTRESSEN;
    const street = random.pick(entressen ? ENTRESSEN_STREETS : CENTRE_STREETS);
    const spread = entressen ? 0.003 : 0.008;
    const id = ids.next(dates.createdAt);
    const row: ShopsTable = {
      id,
      trade_name: draft.name,
      legal_name: legalName,
      siret: siretOf(random, sirets),
      category_code: draft.categoryCode,
      address_line: `${random.int(1, entressen ? 30 : 80)} ${street}`,
      postal_code: draft.locality.postalCode,
      city: draft.locality.city,
      latitude: coordinate(random, draft.locality.latitude, spread),
      longitude: coordinate(random, draft.locality.longitude, spread),
      phone: uniquePhone(random, '04 42', phones),
      email: random.chance(0.85) ? `contact@${slugOf(draft.name)}.test` : null,
      description: descriptionOf(random, draft.categoryCode),
      image_id: null,
      stage,
      stage_changed_at: dates.stageChangedAt,
      joined_at: dates.joinedAt,
      search_text: shopSearchText({ tradeName: draft.name, legalName, city: draft.locality.city, description: '', categoryLabel: draft.categoryLabel }),
      created_at: dates.createdAt,
      updated_at: DemoCalendar.later(dates.createdAt, dates.stageChangedAt),
      account_code: null,
    };
    const hours = openingHoursOf(random, draft.categoryCode).map((range) => ({ shop_id: id, weekday: range.weekday, opens_at: range.opensAt, closes_at: range.closesAt }));
    return { row, hours, categoryLabel: draft.categoryLabel, ownerName, fromCampaign };
  });
}
