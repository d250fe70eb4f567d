// The demo town's providers: a dozen, members and not, with their trades, labels, hours and
// one absence ahead; its repair shops' statements take the 8 % services rate set from the
// start of the history. Seeded on a fixed day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemoTown } from '../../src/demo/seed.ts';
import { listProviders, providerAvailability } from '../../src/shops/index.ts';
import { buildTestApp } from '../helpers/app.ts';

test('the demo town has a dozen providers of the usual trades, and their statements use the services rate', async (t) => {
  const { db, config, close } = await buildTestApp({ CLOCK_START: '2026-11-18T09:00:00Z' });
  t.after(close);
  assert.equal(await seedDemoTown(db, config, { onlyIfEmpty: true }), true);

  const providers = await listProviders(db);
  assert.equal(providers.length, 12);
  assert.ok(providers.some((provider) => provider.isMember) && providers.some((provider) => !provider.isMember), 'members and non-members');
  const byName = new Map(providers.map((provider) => [provider.tradeName, provider]));
  for (const trade of ['plumber', 'electrician', 'locksmith', 'tailor', 'cobbler', 'gardener', 'home_help', 'computer_help'] as const) {
    assert.ok(providers.some((provider) => provider.trades.includes(trade)), `a provider for ${trade}`);
  }
  assert.deepEqual(byName.get('Retouches Nadia')!.labels, ['repair_bonus']);
  assert.deepEqual(byName.get('Cordonnerie du Centre')!.labels, ['repair_bonus']);
  assert.ok(byName.get('Lou Cantoun, aide à domicile')!.labels.includes('personal_services'));
  assert.ok(byName.get('Clic et Dépannage')!.labels.includes('personal_services'));
  assert.ok(providers.every((provider) => provider.trades.length > 0 && provider.areaServed !== ''));

  // The plumber works weekdays 8:00–12:00 and is away a week from 28 November.
  const plumber = byName.get('Plomberie Rey')!;
  assert.equal(await providerAvailability(db, plumber.shopId, '2026-11-19T08:00:00Z', '2026-11-19T09:00:00Z', config.timeZone), 'open');
  assert.equal(await providerAvailability(db, plumber.shopId, '2026-11-30T08:00:00Z', '2026-11-30T09:00:00Z', config.timeZone), 'absent');

  const codes = await db.selectFrom('shops').select('account_code').execute();
  assert.equal(new Set(codes.map((row) => row.account_code)).size, codes.length, 'every shop its own accounting code');

  const services = await db.selectFrom('commission_rates').select(['rate_bp', 'starts_on']).where('shop_id', 'is', null).where('applies_to', '=', 'services').execute();
  assert.equal(services.length, 1);
  assert.equal(services[0].rate_bp, 800);
  const statements = await db
    .selectFrom('statements as st')
    .innerJoin('shops as s', 's.id', 'st.shop_id')
    .select(['s.kind', 'st.commission_bp', 'st.sales_cents'])
    .where('st.sales_cents', '>', 0)
    .execute();
  const ofProviders = statements.filter((row) => row.kind === 'provider');
  assert.ok(ofProviders.length > 0, 'the repair shops sold');
  assert.ok(ofProviders.every((row) => Number(row.commission_bp) === 800));
  assert.ok(statements.filter((row) => row.kind === 'shop').every((row) => Number(row.commission_bp) !== 800));
});
