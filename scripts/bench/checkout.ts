// The checkout figure: orders per second through the real route (session, CSRF token,
// idempotency key, form validation, placeOrder), fired by this process at the app process.
//
// Setup writes straight to the app's database (faster than the forms, and not measured):
// one template resident logs in through the site and opens the confirmation page, which
// gives a real session and CSRF token; every other resident gets a copy of that session
// under its own id and account, a basket of two offers from two shops, and a slot of a
// collection point without a capacity limit (orders spread over its slots, as in life).
// Afterwards the orders in the database must equal the successful answers.
import { randomBytes } from 'node:crypto';
import { Signer } from '@fastify/cookie';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import type { AccountsTable, BasketLinesTable, MembersTable, SessionsTable } from '../../src/db/schema.ts';
import { createPlace, listSlots } from '../../src/places/index.ts';
import { newId } from '../../src/platform/ids.ts';
import { nowIso, addSeconds } from '../../src/platform/clock.ts';
import { accountBasketKey, addToBasket, checkoutPlan, residentBuyer } from '../../src/orders/index.ts';
import { makeResident } from '../../test/helpers/orders.ts';
import { cookieHeader, hiddenField, keepCookies, newAgent, percentile, request } from './http.ts';

export interface CheckoutFigure {
  ordersPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  succeeded: number;
  failed: number;
  /** Orders found in the database for the bench's residents. */
  ordersInDatabase: number;
}

export interface Template {
  sessionData: Record<string, unknown>;
  csrf: string;
  /** The signed cookie holding the CSRF secret the token was made from (shared by every resident). */
  csrfCookie: string;
  placeId: string;
  slots: string[];
  offers: Array<{ id: string; shopId: string; title: string; unit: string; priceCents: number }>;
}

const CHUNK = 200;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let at = 0; at < rows.length; at += CHUNK) await insert(rows.slice(at, at + CHUNK));
}

/** Two orderable offers of two member shops, with no lead time. */
async function pickOffers(db: Db): Promise<Template['offers']> {
  const rows = await db
    .selectFrom('offers')
    .innerJoin('shops', 'shops.id', 'offers.shop_id')
    .select(['offers.id', 'offers.shop_id', 'offers.title', 'offers.unit', 'offers.price_cents'])
    .where('shops.stage', '=', 'member')
    .where('offers.availability', '=', 'in_stock')
    .where('offers.lead_time_days', '=', 0)
    .orderBy('offers.id')
    .execute();
  const byShop = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!byShop.has(row.shop_id)) byShop.set(row.shop_id, row);
  const picked = [...byShop.values()].slice(0, 2);
  if (picked.length < 2) throw new Error('the demo town has fewer than two shops with an offer in stock');
  return picked.map((row) => ({ id: row.id, shopId: row.shop_id, title: row.title, unit: row.unit, priceCents: Number(row.price_cents) }));
}

/** The template resident logs in and opens the confirmation page: a real session and token. */
export async function prepareTemplate(db: Db, config: Config, appUrl: string): Promise<Template> {
  const placeId = await createPlace(db, {
    name: 'Comptoir du banc d’essai',
    kind: 'counter',
    addressLine: '1 place du Banc',
    postalCode: '13800',
    city: 'Istres',
    phone: null,
    position: 99,
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '00:00', closesAt: '23:30' })),
    slotCapacity: null,
  });
  const offers = await pickOffers(db);
  const resident = await makeResident(db, config);
  const buyer = residentBuyer(resident.account);
  for (const offer of offers) await addToBasket(db, buyer.ownerKey, offer.id, 1);
  const plan = await checkoutPlan(db, config, resident.account, buyer);
  const slots = (await listSlots(db, placeId, { notBeforeAt: plan.notBeforeAt, days: 14, timeZone: config.timeZone })).map((slot) => slot.startAt);

  const agent = newAgent(1);
  const jar = new Map<string, string>();
  const login = await request(agent, `${appUrl}/connexion`);
  keepCookies(jar, login.setCookies);
  const form = { _csrf: hiddenField(login.body, '_csrf'), email: resident.email, password: resident.password };
  const loggedIn = await request(agent, `${appUrl}/connexion`, { method: 'POST', cookie: cookieHeader(jar), form });
  if (loggedIn.status !== 303) throw new Error(`template login answered ${loggedIn.status}`);
  keepCookies(jar, loggedIn.setCookies);
  const query = new URLSearchParams({ place_id: placeId, slot: slots[0], payment: 'at_counter' });
  const confirm = await request(agent, `${appUrl}/commande/confirmer?${query}`, { cookie: cookieHeader(jar) });
  if (confirm.status !== 200) throw new Error(`confirmation page answered ${confirm.status}`);
  const csrf = hiddenField(confirm.body, '_csrf');
  const row = await db.selectFrom('sessions').select('data').where('account_id', '=', resident.account.id).orderBy('expires_at', 'desc').executeTakeFirstOrThrow();
  agent.destroy();
  const csrfCookie = `conciergerie_csrf=${jar.get('conciergerie_csrf') ?? ''}`;
  return { sessionData: JSON.parse(row.data) as Record<string, unknown>, csrf, csrfCookie, placeId, slots, offers };
}

export interface BenchResident {
  memberId: string;
  cookie: string;
  slot: string;
}

/** `count` residents, each logged in (a copy of the template session) with a basket. */
export async function prepareResidents(db: Db, config: Config, template: Template, count: number): Promise<BenchResident[]> {
  const signer = new Signer(config.sessionSecret, 'sha256');
  const now = nowIso();
  const expiresAt = addSeconds(now, 24 * 3600);
  const members: MembersTable[] = [];
  const accounts: AccountsTable[] = [];
  const lines: BasketLinesTable[] = [];
  const sessions: SessionsTable[] = [];
  const residents: BenchResident[] = [];
  for (let index = 0; index < count; index += 1) {
    const memberId = newId();
    const accountId = newId();
    const email = `banc${index}-${memberId.slice(-12)}@exemple.fr`;
    members.push({ id: memberId, first_name: 'Banc', last_name: `Essai ${index}`, email, phone: null, address_line: '1 place du Banc', postal_code: '13800', city: 'Istres', kind: 'resident', notes: '', search_text: `banc essai ${index}`, created_at: now, updated_at: now, account_code: null });
    accounts.push({ id: accountId, email, password_hash: null, role: 'resident', display_name: `Banc Essai ${index}`, shop_id: null, member_id: memberId, disabled_at: null, created_at: now, last_login_at: null });
    for (const offer of template.offers) {
      lines.push({ id: newId(), owner_key: accountBasketKey(accountId), offer_id: offer.id, shop_id: offer.shopId, title: offer.title, unit: offer.unit, quantity: 1, seen_price_cents: offer.priceCents, price_is_estimate: 0, created_at: now, updated_at: now });
    }
    const sessionId = randomBytes(24).toString('base64url');
    sessions.push({ id: sessionId, account_id: accountId, data: JSON.stringify({ ...template.sessionData, accountId }), expires_at: expiresAt });
    residents.push({ memberId, cookie: `conciergerie_session=${encodeURIComponent(signer.sign(sessionId))}; ${template.csrfCookie}`, slot: template.slots[index % template.slots.length] });
  }
  await db.transaction().execute(async (trx) => {
    await insertChunked(members, (chunk) => trx.insertInto('members').values(chunk).execute());
    await insertChunked(accounts, (chunk) => trx.insertInto('accounts').values(chunk).execute());
    await insertChunked(lines, (chunk) => trx.insertInto('basket_lines').values(chunk).execute());
    await insertChunked(sessions, (chunk) => trx.insertInto('sessions').values(chunk).execute());
  });
  return residents;
}

/** The form of one resident's checkout, as the confirmation page would post it. */
export function checkoutForm(template: Template, resident: BenchResident): Record<string, string> {
  return { _csrf: template.csrf, place_id: template.placeId, slot: resident.slot, payment: 'at_counter', idempotency_key: randomBytes(16).toString('hex') };
}

/** The answer of a successful checkout: to the thank-you page. */
export const checkoutSucceeded = (answer: { status: number; location: string | undefined }) => answer.status === 303 && answer.location?.startsWith('/commande/merci/') === true;

/** The orders in the database of these members. */
export async function countOrders(db: Db, memberIds: string[]): Promise<number> {
  let count = 0;
  for (let at = 0; at < memberIds.length; at += CHUNK) {
    const row = await db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('member_id', 'in', memberIds.slice(at, at + CHUNK))
      .executeTakeFirstOrThrow();
    count += Number(row.count);
  }
  return count;
}

/**
 * Fires the checkouts, `connections` at a time, until every resident has ordered or
 * `seconds` have passed; then counts the orders in the database. A repeat passes the
 * template of the first run: only its residents are new.
 */
export async function measureCheckout(
  db: Db,
  config: Config,
  appUrl: string,
  options: { residents: number; connections: number; seconds: number; onStart?: () => void },
  given?: Template,
): Promise<CheckoutFigure & { template: Template }> {
  const template = given ?? (await prepareTemplate(db, config, appUrl));
  const residents = await prepareResidents(db, config, template, options.residents);
  const agent = newAgent(options.connections);
  const latencies: number[] = [];
  let succeeded = 0;
  let failed = 0;
  let next = 0;
  const failures = new Map<string, number>();
  options.onStart?.();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  async function worker(): Promise<void> {
    while (next < residents.length && performance.now() < deadline) {
      const resident = residents[next++];
      const answer = await request(agent, `${appUrl}/commande`, { method: 'POST', cookie: resident.cookie, form: checkoutForm(template, resident), readBody: false });
      latencies.push(answer.ms);
      if (checkoutSucceeded(answer)) succeeded += 1;
      else {
        failed += 1;
        const why = `${answer.status} ${answer.location ?? ''}`;
        failures.set(why, (failures.get(why) ?? 0) + 1);
      }
    }
  }
  await Promise.all(Array.from({ length: options.connections }, () => worker()));
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  if (failures.size > 0) console.log(`  checkout failures: ${[...failures].map(([why, n]) => `${n} × ${why}`).join(', ')}`);
  const ordersInDatabase = await countOrders(db, residents.map((resident) => resident.memberId));
  latencies.sort((a, b) => a - b);
  return { ordersPerSecond: succeeded / elapsedSeconds, p99Ms: percentile(latencies, 0.99), p50Ms: percentile(latencies, 0.5), succeeded, failed, ordersInDatabase, template };
}
