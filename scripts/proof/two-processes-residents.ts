// Residents of the two-process proof: each logs in on one process and goes on on the other
// (account page, basket), checks out on the first, and swaps the two at each round. A request
// of theirs sent back to the login page is a lost session.
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { makeResident } from '../../test/helpers/orders.ts';
import type { Template } from '../bench/checkout.ts';
import { hiddenField, type Answer } from '../bench/http.ts';
import { randomBytes } from 'node:crypto';
import { ask, login, sentToLogin, type Jar } from './two-processes-http.ts';

export interface Buyer {
  email: string;
  password: string;
}

export interface SessionCounts {
  logins: number;
  /** Requests made with a session on the process that did not open it. */
  requests: number;
  lost: number;
  orders: number;
  failures: Map<string, number>;
}

export async function makeBuyers(db: Db, config: Config, count: number): Promise<Buyer[]> {
  const buyers: Buyer[] = [];
  for (let index = 0; index < count; index += 1) {
    const resident = await makeResident(db, config);
    buyers.push({ email: resident.email, password: resident.password });
  }
  return buyers;
}

/** Counts the answer; false when it is not the one expected (the round then stops). */
function expect(counts: SessionCounts, what: string, answer: Answer, ok: (answer: Answer) => boolean): boolean {
  if (sentToLogin(answer)) {
    counts.lost += 1;
    return false;
  }
  if (ok(answer)) return true;
  const why = `${what} ${answer.status}${answer.location ? ` → ${answer.location.split('?')[0]}` : ''}`;
  counts.failures.set(why, (counts.failures.get(why) ?? 0) + 1);
  return false;
}

const is200 = (answer: Answer) => answer.status === 200;
const is303 = (answer: Answer) => answer.status === 303;

/** One round: log in on `home`, fill the basket on `other`, check out on `home`, read the account on `other`. */
async function round(home: string, other: string, buyer: Buyer, template: Template, slot: string, counts: SessionCounts): Promise<void> {
  const jar: Jar = await login(home, buyer.email, buyer.password);
  counts.logins += 1;
  const offer = template.offers[counts.logins % template.offers.length];
  const account = await ask(jar, `${other}/compte`);
  counts.requests += 1;
  if (!expect(counts, 'compte', account, is200)) return;
  const page = await ask(jar, `${other}/offres/${offer.id}`);
  counts.requests += 1;
  if (!expect(counts, 'offre', page, is200)) return;
  const added = await ask(jar, `${other}/panier/ajouter`, { _csrf: hiddenField(page.body, '_csrf'), offer_id: offer.id, quantity: '1', retour: `/offres/${offer.id}` });
  counts.requests += 1;
  if (!expect(counts, 'panier', added, is303)) return;
  const query = new URLSearchParams({ place_id: template.placeId, slot, payment: 'at_counter' });
  const confirm = await ask(jar, `${home}/commande/confirmer?${query}`);
  if (!expect(counts, 'confirmation', confirm, is200)) return;
  const form = { _csrf: hiddenField(confirm.body, '_csrf'), place_id: template.placeId, slot, payment: 'at_counter', idempotency_key: randomBytes(16).toString('hex') };
  const placed = await ask(jar, `${home}/commande`, form);
  if (!expect(counts, 'commande', placed, (answer) => is303(answer) && (answer.location ?? '').startsWith('/commande/merci/'))) return;
  counts.orders += 1;
  const orders = await ask(jar, `${other}/compte`);
  counts.requests += 1;
  expect(counts, 'compte après commande', orders, is200);
}

/** Rounds until the deadline, the two processes swapping roles each time. */
export async function residentLoop(urls: readonly string[], index: number, buyer: Buyer, template: Template, counts: SessionCounts, deadline: number): Promise<void> {
  for (let turn = index; Date.now() < deadline; turn += 1) {
    const slot = template.slots[turn % template.slots.length];
    await round(urls[turn % 2], urls[(turn + 1) % 2], buyer, template, slot, counts);
  }
}
