// The member shops' storefronts: two to six offers each, taken from their trade's list with
// the shop's own prices; the shops the article names get its very offers and prices.
import type { OffersTable } from '../db/schema.ts';
import { CATEGORY_OFFERS, FLAGSHIP_OFFERS, type OfferTemplate } from './demo.offers.data.ts';
import { DemoCalendar, Random, type SeededIds } from './demo.random.ts';
import type { DemoShop } from './demo.shops.ts';

const MIN_OFFERS = 2;
const MAX_OFFERS = 6;
/** Offers a merchant took off the list for a while. */
const PAUSED_OFFERS = 2;
const PRICE_FACTORS = [0.9, 0.95, 1, 1, 1, 1.05, 1.1];

/** A shop's own price: close to the template, rounded the way shops price things. */
function shopPrice(random: Random, priceCents: number): number {
  const raw = priceCents * random.pick(PRICE_FACTORS);
  const step = raw >= 2000 ? 50 : raw >= 500 ? 10 : 5;
  return Math.max(step, Math.round(raw / step) * step);
}

function templatesOf(random: Random, shop: DemoShop): Array<{ template: OfferTemplate; exact: boolean }> {
  const pool = CATEGORY_OFFERS[shop.row.category_code] ?? [];
  const flagship = FLAGSHIP_OFFERS[shop.row.trade_name];
  if (flagship) {
    return flagship.map((title) => {
      const template = pool.find((candidate) => candidate.title === title);
      if (!template) throw new Error(`demo: no offer « ${title} » in ${shop.row.category_code}`);
      return { template, exact: true };
    });
  }
  const count = Math.min(pool.length, random.int(MIN_OFFERS, MAX_OFFERS));
  return random.sample(pool, count).map((template) => ({ template, exact: false }));
}

/** Most offers went online when the shop joined; some were added in the last weeks. */
function createdAtOf(random: Random, calendar: DemoCalendar, joinedAt: string): string {
  const joinedMs = Date.parse(joinedAt);
  const at = random.chance(0.25)
    ? calendar.between(random, calendar.daysAgo(45), calendar.todayMs)
    : calendar.between(random, joinedMs, joinedMs + 30 * 24 * 60 * 60 * 1000);
  return DemoCalendar.later(at, joinedAt);
}

export function buildOffers(calendar: DemoCalendar, ids: SeededIds, shops: readonly DemoShop[], imageOf: (categoryCode: string) => string | null): OffersTable[] {
  const random = new Random('offers');
  const offers: OffersTable[] = [];
  const pausable: number[] = [];
  for (const shop of shops) {
    if (shop.row.stage !== 'member' || !shop.row.joined_at) continue;
    const chosen = templatesOf(random, shop);
    chosen.forEach(({ template, exact }, index) => {
      const createdAt = createdAtOf(random, calendar, shop.row.joined_at!);
      const madeToOrder = template.leadTimeDays !== undefined;
      if (!madeToOrder && !exact) pausable.push(offers.length);
      offers.push({
        id: ids.next(createdAt),
        shop_id: shop.row.id,
        title: template.title,
        description: template.description,
        image_id: imageOf(shop.row.category_code),
        price_cents: exact ? template.priceCents : shopPrice(random, template.priceCents),
        vat_rate_bp: template.vatRateBp,
        unit: template.unit,
        measure_amount: template.measure ? template.measure[0] : null,
        measure_unit: template.measure ? template.measure[1] : null,
        availability: madeToOrder ? 'made_to_order' : 'in_stock',
        lead_time_days: template.leadTimeDays ?? 0,
        load_class: template.loadClass ?? 'small',
        position: index + 1,
        created_at: createdAt,
        updated_at: createdAt,
      });
    });
  }
  for (const index of random.sample(pausable, PAUSED_OFFERS)) {
    offers[index].availability = 'paused';
    offers[index].updated_at = DemoCalendar.later(offers[index].created_at, calendar.between(random, calendar.daysAgo(20), calendar.todayMs));
  }
  return offers;
}
