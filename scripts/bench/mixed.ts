// The mixed run: the town's day as one load, at rising concurrency, until the 99th percentile
// passes 200 ms; the capacity is the highest throughput whose p99 stays at or under 200 ms.
//
// Each request is drawn from a fixed mix (a seeded generator, so every run asks the same
// sequence): 80 % browsing (home, shop list, storefronts, offer pages; half as a visitor,
// half as a logged-in resident), 10 % adding to a basket (the real POST with its CSRF token),
// 5 % checkout (the real POST /commande of scripts/bench/checkout.ts, one resident each) and
// 5 % back office (a concierge's orders, « Aujourd'hui » board and member search).
// Any 5xx or unexpected status is an error, counted and reported by kind.
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { Random } from '../../src/demo/demo.random.ts';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../src/demo/demo.logins.ts';
import { checkoutForm, checkoutSucceeded, countOrders, prepareResidents, prepareTemplate, type BenchResident, type Template } from './checkout.ts';
import { cookieHeader, logInThroughForm, newAgent, percentile, request, type Answer } from './http.ts';

export const MIXED_LIMIT_MS = 200;
export const MIXED_STEPS = [5, 10, 20, 40, 80, 160];

type Kind = 'home' | 'shops' | 'storefront' | 'offer' | 'basket' | 'checkout' | 'backoffice';

/** The mix, in percent; browsing pages are asked as a visitor or a resident alike. */
const MIX: ReadonlyArray<readonly [Kind, number]> = [
  ['home', 15],
  ['shops', 15],
  ['storefront', 25],
  ['offer', 25],
  ['basket', 10],
  ['checkout', 5],
  ['backoffice', 5],
];

/** Residents who browse and fill baskets (they never check out, so their baskets only grow within limits). */
const BROWSING_RESIDENTS = 400;

export interface MixedStep {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Requests by kind, to show the mix was kept. */
  counts: Record<Kind, number>;
  /** The 99th percentile by kind, to show which requests make the tail. */
  p99ByKindMs: Record<Kind, number>;
}

export interface MixedFigure {
  steps: MixedStep[];
  /** The step of highest throughput with p99 ≤ 200 ms, if any. */
  capacity: MixedStep | undefined;
  /** Errors of every step, the warm-up's included. */
  errors: number;
  /** Checkouts answered as successful (warm-up included), and the orders found in the database for their residents. */
  checkouts: number;
  ordersInDatabase: number;
  /** Checkouts not asked because every prepared resident had already ordered. */
  checkoutsSkipped: number;
}

interface Town {
  appUrl: string;
  template: Template;
  browsers: BenchResident[];
  buyers: BenchResident[];
  concierge: string;
  storefronts: string[];
  offerIds: string[];
  /** A concierge's pages: the orders, the « Aujourd'hui » board, and a member search, asked in equal shares. */
  backOffice: string[];
  memberSearches: string[];
}

async function conciergeCookie(appUrl: string): Promise<string> {
  const login = DEMO_LOGINS.find((candidate) => candidate.role === 'concierge')!;
  const agent = newAgent(1);
  try {
    return cookieHeader(await logInThroughForm(agent, appUrl, login.email, DEMO_PASSWORD));
  } finally {
    agent.destroy();
  }
}

/** What the mix asks for: the storefronts a visitor sees, their orderable offers, a concierge, residents. */
async function prepareTown(db: Db, config: Config, appUrl: string, buyers: number): Promise<Town> {
  const template = await prepareTemplate(db, config, appUrl);
  const list = await (await fetch(`${appUrl}/commerces`)).text();
  const storefronts = [...new Set([...list.matchAll(/href="(\/commerces\/[0-9a-f-]{36})"/g)].map((match) => match[1]))];
  if (storefronts.length === 0) throw new Error('no storefront on /commerces');
  const shopIds = storefronts.map((path) => path.slice('/commerces/'.length));
  const offers = await db.selectFrom('offers').select('id').where('shop_id', 'in', shopIds).where('availability', '=', 'in_stock').orderBy('id').limit(40).execute();
  if (offers.length === 0) throw new Error('no offer in stock in the storefronts');
  const names = await db.selectFrom('members').select('last_name').where('kind', '=', 'resident').orderBy('id').limit(20).execute();
  if (names.length === 0) throw new Error('no resident to search for in the demo town');
  return {
    appUrl,
    template,
    browsers: await prepareResidents(db, config, template, BROWSING_RESIDENTS),
    buyers: await prepareResidents(db, config, template, buyers),
    concierge: await conciergeCookie(appUrl),
    storefronts,
    offerIds: offers.map((row) => row.id),
    backOffice: ['/gestion/commandes', '/gestion/aujourdhui'],
    memberSearches: names.map((row) => `/gestion/adherents?q=${encodeURIComponent(row.last_name)}`),
  };
}

/** Draws the requests: the same seed gives the same sequence of kinds and pages. */
class Mix {
  private readonly random = new Random('mixed-load', 17);
  /** Residents who were sent to checkout; those whose checkout succeeded. */
  buyersAsked = 0;
  ordered = 0;
  skipped = 0;
  constructor(private readonly town: Town) {}

  kind(): Kind {
    let draw = this.random.float() * 100;
    for (const [kind, share] of MIX) {
      if (draw < share) return kind;
      draw -= share;
    }
    return 'home';
  }

  /** A browsing page as a visitor (no cookie) or as one of the residents. */
  private browse(path: string) {
    const cookie = this.random.chance(0.5) ? undefined : this.random.pick(this.town.browsers).cookie;
    return { path, cookie, expect: (answer: Answer) => answer.status === 200 };
  }

  next(kind: Kind): { path: string; cookie?: string; form?: Record<string, string>; expect: (answer: Answer) => boolean } | undefined {
    const town = this.town;
    if (kind === 'home') return this.browse('/');
    if (kind === 'shops') return this.browse('/commerces');
    if (kind === 'storefront') return this.browse(this.random.pick(town.storefronts));
    if (kind === 'offer') return this.browse(`/offres/${this.random.pick(town.offerIds)}`);
    if (kind === 'backoffice') {
      const page = this.random.int(0, town.backOffice.length);
      const path = page < town.backOffice.length ? town.backOffice[page] : this.random.pick(town.memberSearches);
      return { path, cookie: town.concierge, expect: (answer) => answer.status === 200 };
    }
    if (kind === 'basket') {
      const offerId = this.random.pick(town.offerIds);
      const form = { _csrf: town.template.csrf, offer_id: offerId, quantity: '1', retour: `/offres/${offerId}` };
      return { path: '/panier/ajouter', cookie: this.random.pick(town.browsers).cookie, form, expect: (answer) => answer.status === 303 };
    }
    const buyer = town.buyers[this.buyersAsked];
    if (!buyer) {
      this.skipped += 1;
      return undefined;
    }
    this.buyersAsked += 1;
    return { path: '/commande', cookie: buyer.cookie, form: checkoutForm(town.template, buyer), expect: checkoutSucceeded };
  }
}

/**
 * Every page of the mix asked once, as a visitor, a resident and the concierge: the first
 * request of a page loads and compiles its modules, which is start-up, not load.
 */
async function warmUp(town: Town): Promise<void> {
  const agent = newAgent(1);
  const resident = town.browsers[0].cookie;
  const pages = ['/', '/commerces', ...town.storefronts, ...town.offerIds.slice(0, 5).map((id) => `/offres/${id}`)];
  for (const path of pages) {
    for (const cookie of [undefined, resident]) await request(agent, `${town.appUrl}${path}`, { cookie, readBody: false });
  }
  for (const path of [...town.backOffice, town.memberSearches[0]]) await request(agent, `${town.appUrl}${path}`, { cookie: town.concierge, readBody: false });
  agent.destroy();
}

const noCounts = (): Record<Kind, number> => Object.fromEntries(MIX.map(([kind]) => [kind, 0])) as Record<Kind, number>;

/** `connections` loops asking the mix for `seconds`. */
async function runStep(town: Town, mix: Mix, connections: number, seconds: number, failures: Map<string, number>): Promise<MixedStep> {
  const agent = newAgent(connections);
  const latencies: number[] = [];
  const byKind = new Map<Kind, number[]>(MIX.map(([kind]) => [kind, []]));
  const counts = noCounts();
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  async function loop(): Promise<void> {
    while (performance.now() < deadline) {
      const kind = mix.kind();
      const asked = mix.next(kind);
      if (!asked) continue;
      const answer = await request(agent, `${town.appUrl}${asked.path}`, { method: asked.form ? 'POST' : 'GET', cookie: asked.cookie, form: asked.form, readBody: false });
      latencies.push(answer.ms);
      byKind.get(kind)!.push(answer.ms);
      counts[kind] += 1;
      if (kind === 'checkout' && checkoutSucceeded(answer)) mix.ordered += 1;
      if (!asked.expect(answer)) {
        errors += 1;
        const why = `${kind} ${answer.status}${answer.location ? ` → ${answer.location}` : ''}`;
        failures.set(why, (failures.get(why) ?? 0) + 1);
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, () => loop()));
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const p99ByKindMs = noCounts();
  for (const [kind, times] of byKind) p99ByKindMs[kind] = percentile(times.sort((a, b) => a - b), 0.99);
  return { connections, requestsPerSecond: latencies.length / elapsedSeconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), errors, counts, p99ByKindMs };
}

/**
 * Prepares the town (residents with baskets, a concierge), warms the app up, then runs the
 * steps until one passes 200 ms at p99; `onStep` prints each step as it ends.
 */
export async function measureMixed(
  db: Db,
  config: Config,
  appUrl: string,
  options: { buyers: number; secondsPerStep: number; steps?: number[]; onStep?: (step: MixedStep) => void },
): Promise<MixedFigure> {
  const town = await prepareTown(db, config, appUrl, options.buyers);
  const mix = new Mix(town);
  const failures = new Map<string, number>();
  await warmUp(town);
  await runStep(town, mix, 5, 2, failures); // the JIT and the database's cache; its checkouts are counted below
  const steps: MixedStep[] = [];
  for (const connections of options.steps ?? MIXED_STEPS) {
    const step = await runStep(town, mix, connections, options.secondsPerStep, failures);
    steps.push(step);
    options.onStep?.(step);
    if (step.p99Ms > MIXED_LIMIT_MS) break;
  }
  if (failures.size > 0) console.log(`  mixed run errors: ${[...failures].map(([why, n]) => `${n} × ${why}`).join(', ')}`);
  const ordersInDatabase = await countOrders(db, town.buyers.slice(0, mix.buyersAsked).map((buyer) => buyer.memberId));
  const within = steps.filter((step) => step.p99Ms <= MIXED_LIMIT_MS);
  const capacity = within.reduce<MixedStep | undefined>((best, step) => (best && best.requestsPerSecond >= step.requestsPerSecond ? best : step), undefined);
  return { steps, capacity, errors: [...failures.values()].reduce((sum, n) => sum + n, 0), checkouts: mix.ordered, ordersInDatabase, checkoutsSkipped: mix.skipped };
}
