// The price side of the two-process proof: a merchant changes an offer's price through the
// offer form, now on one process, now on the other; visitors without a session (the readers
// the page cache serves) read the storefront on both. Every price is one the storefront shows
// nowhere else, so a read tells which change it reflects.
import type { Db } from '../../src/db/index.ts';
import { formatEuros } from '../../src/platform/money.ts';
import { hiddenField, newAgent, request } from '../bench/http.ts';
import { ask, type Jar } from './two-processes-http.ts';
import { cookieHeader } from '../bench/http.ts';

export interface PriceChange {
  /** Its place in the sequence: change k sets price `priceOf(k)`. */
  index: number;
  /** When its answer arrived (Date.now()). */
  answeredAt: number;
}

export interface StorefrontReads {
  shown: Array<{ startedAt: number; index: number }>;
  /** Reads that showed none of the proof's prices. */
  unreadable: number;
}

export interface ChangedOffer {
  id: string;
  shopId: string;
}

/** More changes than a run makes; every price stays under 1 000 € (no thousands separator). */
const MAX_CHANGES = 80;
const priceOf = (index: number) => 10_111 + index * 1_013;
/** The amount as the page writes it, without the euro sign (its space differs by formatter). */
const labelOf = (index: number) => formatEuros(priceOf(index)).replace(/\s*€$/, '');

/** The index of the last change answered at or before `at`; -1 before the first. */
export function mostRecentPrice(changes: readonly PriceChange[], at: number): number {
  let latest = -1;
  for (const change of changes) if (change.answeredAt <= at) latest = Math.max(latest, change.index);
  return latest;
}

/** An offer in stock of the merchant's shop that its storefront shows. */
async function pickOffer(db: Db, merchantEmail: string, appUrl: string): Promise<ChangedOffer> {
  const account = await db.selectFrom('accounts').select('shop_id').where('email', '=', merchantEmail).executeTakeFirstOrThrow();
  const shopId = account.shop_id!;
  const offers = await db.selectFrom('offers').select('id').where('shop_id', '=', shopId).where('availability', '=', 'in_stock').orderBy('position').execute();
  const page = await (await fetch(`${appUrl}/commerces/${shopId}`)).text();
  const shown = offers.find((offer) => page.includes(offer.id));
  if (!shown) throw new Error('no offer in stock on the merchant’s storefront');
  return { id: shown.id, shopId };
}

/** The offer form as the merchant would send it, its fields as they are, with a new price. */
async function submitPrice(db: Db, appUrl: string, jar: Jar, offer: ChangedOffer, index: number): Promise<void> {
  const path = `${appUrl}/boutique/${offer.shopId}/offres/${offer.id}`;
  const page = await ask(jar, path);
  if (page.status !== 200) throw new Error(`the offer form answered ${page.status}`);
  const row = await db.selectFrom('offers').selectAll().where('id', '=', offer.id).executeTakeFirstOrThrow();
  const form = new FormData();
  const fields: Record<string, string> = {
    _csrf: hiddenField(page.body, '_csrf'),
    title: row.title,
    description: row.description,
    price: formatEuros(priceOf(index)).replace(/\s*€$/, '').replace(/\s/g, ''),
    vat_rate: String(row.vat_rate_bp),
    unit: row.unit,
    measure_amount: row.measure_amount === null ? '' : String(row.measure_amount),
    measure_unit: row.measure_unit ?? '',
    availability: row.availability,
    lead_time_days: String(row.lead_time_days),
    load_class: row.load_class,
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const answer = await fetch(path, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: cookieHeader(jar), 'x-forwarded-proto': 'https' } });
  await answer.arrayBuffer();
  if (answer.status !== 303) throw new Error(`the price change answered ${answer.status}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * With `firstOnly`: picks the offer, sets the first price and waits out the cache, so that
 * every reader starts from it. Otherwise: a change every few seconds until the deadline, on
 * the two processes in turn.
 */
export async function changePrices(
  db: Db,
  urls: readonly string[],
  merchantEmail: string,
  jar: Jar,
  changes: PriceChange[],
  options: { deadline: number; cacheSeconds: number; firstOnly?: boolean; offer?: ChangedOffer },
): Promise<ChangedOffer> {
  const offer = options.offer ?? (await pickOffer(db, merchantEmail, urls[0]));
  const change = async () => {
    const index = changes.length;
    await submitPrice(db, urls[index % urls.length], jar, offer, index);
    changes.push({ index, answeredAt: Date.now() });
  };
  if (options.firstOnly) {
    await change();
    await sleep((options.cacheSeconds + 1) * 1000);
    return offer;
  }
  // Changes closer together than the cache's delay, so that some readers see the old one within it.
  while (Date.now() < options.deadline - 2 * options.cacheSeconds * 1000 && changes.length < MAX_CHANGES) {
    await sleep(options.cacheSeconds * 600);
    await change();
  }
  return offer;
}

/** A visitor reading the storefront on one process until the deadline. */
export async function readStorefronts(appUrl: string, offer: ChangedOffer, changes: readonly PriceChange[], reads: StorefrontReads, deadline: number): Promise<void> {
  const agent = newAgent(1);
  const labels = Array.from({ length: MAX_CHANGES }, (_, index) => labelOf(index));
  while (Date.now() < deadline) {
    const startedAt = Date.now();
    const page = await request(agent, `${appUrl}/commerces/${offer.shopId}`);
    // The highest price present: a page shows one price for the offer, and no other offer has these.
    let index = -1;
    for (let candidate = Math.min(MAX_CHANGES, changes.length + 1) - 1; candidate >= 0 && index < 0; candidate -= 1) if (page.body.includes(labels[candidate])) index = candidate;
    if (page.status !== 200 || index < 0) reads.unreadable += 1;
    else reads.shown.push({ startedAt, index });
    await sleep(20);
  }
  agent.destroy();
}
