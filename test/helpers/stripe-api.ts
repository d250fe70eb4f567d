// A local stand-in for the endpoints of Stripe's REST API the adapter calls (create, read and
// expire a Checkout Session, create a Refund), answering the JSON shapes Stripe documents, so the real
// SDK runs end to end without the internet. It records what it received (form fields as Stripe
// reads them, with their bracket names) for tests to check amounts, currency, addresses,
// metadata and idempotency keys. Webhook payloads are signed with the SDK's own test helper.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

export interface ReceivedRequest {
  method: string;
  path: string;
  /** form fields, e.g. `line_items[0][price_data][unit_amount]` → '7650' */
  fields: Record<string, string>;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
}

export interface StripeDouble {
  url: string;
  received: ReceivedRequest[];
  /** Sessions created, by id, as answered. */
  sessions: Map<string, StripeSessionJson>;
  close: () => Promise<void>;
}

export interface StripeSessionJson {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string;
  client_reference_id: string | null;
  created: number;
  currency: string;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: 'payment';
  payment_intent: string | null;
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired';
  success_url: string;
  url: string | null;
}

function token(prefix: string): string {
  return `${prefix}_test_${randomBytes(12).toString('hex')}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function metadataOf(fields: Record<string, string>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const match = /^metadata\[(.+)\]$/.exec(name);
    if (match) metadata[match[1]] = value;
  }
  return metadata;
}

function sessionFrom(fields: Record<string, string>): StripeSessionJson {
  const now = Math.floor(Date.now() / 1000);
  const amount = Number(fields['line_items[0][price_data][unit_amount]']) * Number(fields['line_items[0][quantity]'] ?? 1);
  const id = token('cs');
  return {
    id,
    object: 'checkout.session',
    amount_subtotal: amount,
    amount_total: amount,
    cancel_url: fields.cancel_url,
    client_reference_id: fields.client_reference_id ?? null,
    created: now,
    currency: fields['line_items[0][price_data][currency]'],
    expires_at: fields.expires_at ? Number(fields.expires_at) : now + 24 * 3600,
    livemode: false,
    locale: fields.locale ?? null,
    metadata: metadataOf(fields),
    mode: 'payment',
    // Since API version 2022-08-01 the PaymentIntent exists only once the resident pays.
    payment_intent: null,
    payment_status: 'unpaid',
    status: 'open',
    success_url: fields.success_url,
    url: `https://checkout.stripe.com/c/pay/${id}`,
  };
}

function refundFrom(fields: Record<string, string>) {
  return {
    id: token('re'),
    object: 'refund',
    amount: Number(fields.amount),
    charge: token('ch'),
    created: Math.floor(Date.now() / 1000),
    currency: 'eur',
    metadata: metadataOf(fields),
    payment_intent: fields.payment_intent,
    reason: null,
    status: 'succeeded',
  };
}

/** Starts the double on a free port of the loopback. */
export async function startStripeDouble(): Promise<StripeDouble> {
  const received: ReceivedRequest[] = [];
  const sessions = new Map<string, StripeSessionJson>();
  // Stripe answers a repeated idempotency key with the first answer.
  const answered = new Map<string, unknown>();
  const sessionPath = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/;
  const server: Server = createServer(async (request, response) => {
    const raw = await readBody(request);
    const fields = Object.fromEntries(new URLSearchParams(raw));
    const idempotencyKey = request.headers['idempotency-key']?.toString();
    const path = (request.url ?? '').split('?')[0];
    received.push({ method: request.method ?? '', path, fields, idempotencyKey, authorization: request.headers.authorization });
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'request-id': token('req') });
      response.end(JSON.stringify(body));
    };
    const known = idempotencyKey ? answered.get(`${path}:${idempotencyKey}`) : undefined;
    if (known) return send(200, known);
    let body: unknown;
    if (request.method === 'POST' && path === '/v1/checkout/sessions') {
      const session = sessionFrom(fields);
      sessions.set(session.id, session);
      body = session;
    } else if (request.method === 'POST' && path === '/v1/refunds') {
      body = refundFrom(fields);
    } else if (sessionPath.test(path)) {
      const [, id, expire] = sessionPath.exec(path)!;
      const session = sessions.get(id);
      if (!session) return send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such checkout.session: '${id}'` } });
      if (request.method === 'POST' && expire) {
        // Stripe expires only an open session.
        if (session.status !== 'open') return send(400, { error: { type: 'invalid_request_error', message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".` } });
        session.status = 'expired';
      } else if (request.method !== 'GET' || expire) {
        return send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${request.method}: ${path}).` } });
      }
      body = session;
    } else {
      return send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${request.method}: ${path}).` } });
    }
    if (idempotencyKey) answered.set(`${path}:${idempotencyKey}`, body);
    send(200, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    sessions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type CheckoutEventType = 'checkout.session.completed' | 'checkout.session.async_payment_succeeded' | 'checkout.session.async_payment_failed' | 'checkout.session.expired';

/** A Stripe event about a session, as Stripe sends it to the webhook (the session as it is then). */
export function stripeEvent(type: CheckoutEventType, session: StripeSessionJson, overrides: Partial<StripeSessionJson> = {}, eventId = token('evt')) {
  const paid = type === 'checkout.session.completed' || type === 'checkout.session.async_payment_succeeded';
  const object = {
    ...session,
    status: type === 'checkout.session.expired' ? 'expired' : 'complete',
    payment_status: paid ? 'paid' : 'unpaid',
    payment_intent: paid ? token('pi') : null,
    ...overrides,
  };
  return {
    id: eventId,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** The body and the Stripe-Signature header of a webhook call, signed by the SDK's own helper. */
export function signedWebhook(event: unknown, secret: string): { payload: string; signature: string } {
  const payload = JSON.stringify(event);
  const stripe = new Stripe('sk_test_signing_only');
  return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}
