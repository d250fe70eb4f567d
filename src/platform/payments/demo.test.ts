// The demo provider: a local page, sessions derived from the idempotency key, one event per session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPaidEvent, demoProvider, DEMO_SESSION_PATTERN } from './demo.ts';

const request = { amountCents: 7650, reference: 'o', description: 'Commande', successUrl: '/ok', cancelUrl: '/ko', metadata: {}, expiresAt: '2030-01-01T13:00:00.000Z', idempotencyKey: 'k1' };

test('the same key opens the same demo session; another key another one', async () => {
  const first = await demoProvider.createCheckout(request);
  assert.match(first.sessionId, new RegExp(DEMO_SESSION_PATTERN));
  assert.equal(first.url, `/paiement/demo/${first.sessionId}`);
  assert.equal((await demoProvider.createCheckout(request)).sessionId, first.sessionId);
  assert.notEqual((await demoProvider.createCheckout({ ...request, idempotencyKey: 'k2' })).sessionId, first.sessionId);
});

test('paying a demo session gives one event id per session, with the amount', () => {
  const event = demoPaidEvent('demo_abc', 7650);
  assert.deepEqual(demoPaidEvent('demo_abc', 7650), event);
  assert.equal(event.kind, 'paid');
  assert.equal(event.amountCents, 7650);
  assert.ok(event.paymentRef);
});

test('a demo refund is answered once per key', async () => {
  const first = await demoProvider.refund('demo_pay_1', 100, 'r1');
  assert.deepEqual(await demoProvider.refund('demo_pay_1', 100, 'r1'), first);
  assert.notDeepEqual(await demoProvider.refund('demo_pay_1', 100, 'r2'), first);
});
