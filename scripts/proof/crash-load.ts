// The load the crash proof drives at the app between two kills: residents checking out, and a
// concierge handing orders over at the counter, taking part payments, refunding and closing
// periods, all through the real forms (session, CSRF token, idempotency key). Every request
// answered with success is written down, so that after the crash the database can be asked
// whether it holds each of them exactly once.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../src/demo/demo.logins.ts';
import { checkoutForm, checkoutSucceeded, type BenchResident, type Template } from '../bench/checkout.ts';
import { cookieHeader, hiddenField, logInThroughForm, newAgent, request } from '../bench/http.ts';

export type ActionKind = 'checkout' | 'handover' | 'payment' | 'refund' | 'closing';

/** A request answered with success: what the database must now hold. */
export interface Answered {
  kind: ActionKind;
  /** The idempotency key the form carried (a closing has none: its period is its key). */
  key: string;
  orderId: string;
  /** The closing's period, `kind:start`. */
  period?: string;
}

/** The state the load carries from one life of the app to the next. */
export interface LoadState {
  appUrl: string;
  template: Template;
  concierge: string;
  csrf: string;
  /** Residents who have not checked out yet, used one per checkout. */
  buyers: BenchResident[];
  /** Orders placed by the load, paid at the counter: payments and refunds are taken on them. */
  placed: string[];
  /** Orders with part payments answered ok: refunds are asked on them. */
  paid: string[];
  /** Demo orders with something at the counter, handed over one by one. */
  atCounter: string[];
  answered: Answered[];
  /** Requests that got no answer (the kill) or an unexpected one, by kind. */
  unanswered: number;
  refused: Map<string, number>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const newKey = () => randomBytes(16).toString('hex');

/** A concierge logs in through the site: a cookie and a CSRF token for the back-office forms. */
export async function conciergeLogin(appUrl: string): Promise<{ cookie: string; csrf: string }> {
  const login = DEMO_LOGINS.find((candidate) => candidate.role === 'concierge')!;
  const agent = newAgent(1);
  const jar = await logInThroughForm(agent, appUrl, login.email, DEMO_PASSWORD);
  const page = await request(agent, `${appUrl}/gestion/comptoir`, { cookie: cookieHeader(jar) });
  agent.destroy();
  return { cookie: cookieHeader(jar), csrf: hiddenField(page.body, '_csrf') };
}

function refuse(state: LoadState, why: string): void {
  state.refused.set(why, (state.refused.get(why) ?? 0) + 1);
}

async function checkout(state: LoadState, agent: http.Agent): Promise<boolean> {
  const buyer = state.buyers.pop();
  if (!buyer) return false;
  const form = checkoutForm(state.template, buyer);
  const answer = await request(agent, `${state.appUrl}/commande`, { method: 'POST', cookie: buyer.cookie, form, readBody: false });
  if (!checkoutSucceeded(answer)) return refuse(state, `commande ${answer.status}`), true;
  const orderId = answer.location!.split('/').at(-1)!.split('?')[0];
  state.answered.push({ kind: 'checkout', key: form.idempotency_key, orderId });
  state.placed.push(orderId);
  return true;
}

/** A part payment of 1 € in cash on an order the load placed. */
async function payment(state: LoadState, agent: http.Agent, orderId: string): Promise<void> {
  const key = newKey();
  const form = { _csrf: state.csrf, method: 'cash', montant: '1,00', idempotency_key: key };
  const answer = await request(agent, `${state.appUrl}/gestion/commandes/${orderId}/encaisser`, { method: 'POST', cookie: state.concierge, form, readBody: false });
  if (answer.status !== 303 || !answer.location?.startsWith(`/gestion/commandes/${orderId}`)) return refuse(state, `encaissement ${answer.status}`);
  state.answered.push({ kind: 'payment', key, orderId });
  state.paid.push(orderId);
}

/** A refund of 0,50 € in cash on an order with a part payment. */
async function refund(state: LoadState, agent: http.Agent, orderId: string): Promise<void> {
  const key = newKey();
  const form = { _csrf: state.csrf, quoi: 'montant', montant: '0,50', source: 'cash', motif: 'Geste commercial', idempotency_key: key };
  const answer = await request(agent, `${state.appUrl}/gestion/commandes/${orderId}/rembourser`, { method: 'POST', cookie: state.concierge, form, readBody: false });
  if (answer.status !== 303 || !answer.location?.startsWith(`/gestion/commandes/${orderId}`)) return refuse(state, `remboursement ${answer.status}`);
  state.answered.push({ kind: 'refund', key, orderId });
}

/** Hands over everything the counter page offers for a demo order, paid in cash. */
async function handOver(state: LoadState, agent: http.Agent, orderId: string): Promise<void> {
  const path = `${state.appUrl}/gestion/comptoir/${orderId}`;
  const page = await request(agent, path, { cookie: state.concierge });
  const bons = [...page.body.matchAll(/name="bons" value="([^"]+)"/g)].map((match) => match[1]);
  if (page.status !== 200 || bons.length === 0) return refuse(state, `remise ${page.status} sans bon`);
  const key = hiddenField(page.body, 'idempotency_key');
  const form = new URLSearchParams({ _csrf: state.csrf, shown: hiddenField(page.body, 'shown'), shown_cents: hiddenField(page.body, 'shown_cents'), payment: 'cash', idempotency_key: key });
  for (const id of bons) form.append('bons', id);
  const answer = await postRaw(agent, path, state.concierge, form.toString());
  if (answer.status !== 303 || answer.location?.split('?')[0] !== `/gestion/comptoir/${orderId}/recu`) return refuse(state, `remise ${answer.status}`);
  state.answered.push({ kind: 'handover', key, orderId });
}

/** A form post whose body repeats a field (the ticked purchase orders), which `request` cannot send. */
function postRaw(agent: http.Agent, url: string, cookie: string, body: string): Promise<{ status: number; location: string | undefined }> {
  const headers = { 'x-forwarded-proto': 'https', cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) };
  return new Promise((resolve, reject) => {
    const sent = http.request(url, { method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/** Closes the first period the statements page offers, if any. */
async function closing(state: LoadState, agent: http.Agent): Promise<boolean> {
  const page = await request(agent, `${state.appUrl}/gestion/releves`, { cookie: state.concierge });
  const match = /name="kind" value="([^"]+)"[^]*?name="start" value="([^"]+)"/.exec(page.body);
  if (!match) return false;
  const [, kind, start] = match;
  const answer = await request(agent, `${state.appUrl}/gestion/releves/cloturer`, { method: 'POST', cookie: state.concierge, form: { _csrf: state.csrf, kind, start }, readBody: false });
  if (answer.status !== 303) return refuse(state, `clôture ${answer.status}`), true;
  state.answered.push({ kind: 'closing', key: `${kind}:${start}`, orderId: '', period: `${kind}:${start}` });
  return true;
}

/** Runs `step` again and again until `stop` says so; a request cut by the kill ends the loop. */
async function loop(state: LoadState, stopped: () => boolean, step: (agent: http.Agent) => Promise<boolean | void>): Promise<void> {
  const agent = newAgent(1);
  try {
    while (!stopped()) if ((await step(agent)) === false) break;
  } catch {
    state.unanswered += 1;
  } finally {
    agent.destroy();
  }
}

/**
 * The load of one life of the app: `checkouts` residents' loops, one concierge at the counter
 * (hand-overs, part payments, refunds in turn) and one closing the periods offered. Resolves
 * when every loop has ended, which the kill makes happen.
 */
export function driveLoad(state: LoadState, options: { checkouts: number; pick: <T>(items: readonly T[]) => T }, stopped: () => boolean): Promise<void> {
  // Each step says whether it had something to do; a concierge with nothing to do waits a little.
  const counterSteps: Array<(agent: http.Agent) => Promise<boolean>> = [
    async (agent) => state.atCounter.length > 0 && (await handOver(state, agent, state.atCounter.pop()!), true),
    async (agent) => state.placed.length > 0 && (await payment(state, agent, options.pick(state.placed)), true),
    async (agent) => state.paid.length > 0 && (await refund(state, agent, options.pick(state.paid)), true),
  ];
  let turn = 0;
  const counter = async (agent: http.Agent) => {
    if (!(await counterSteps[turn++ % counterSteps.length](agent))) await pause(20);
  };
  let closingsLeft = true;
  const closer = async (agent: http.Agent) => {
    if (closingsLeft) closingsLeft = await closing(state, agent);
    else await pause(50);
  };
  return Promise.all([
    ...Array.from({ length: options.checkouts }, () => loop(state, stopped, (agent) => checkout(state, agent))),
    loop(state, stopped, counter),
    loop(state, stopped, closer),
  ]).then(() => undefined);
}
