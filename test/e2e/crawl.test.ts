// The browser-quality crawl (scripts/proof/crawl.ts) as a CI test: logged in as each role of
// the demo town, every address pattern it reaches passes axe, has one h1 and lang="fr", does
// not scroll sideways at 320 px nor at 200 % zoom, logs no console error and stays within
// 30 Ko of JavaScript and 100 Ko transferred. Screenshots of each role's first pages at 320 and
// 640 px go to test-results/. CRAWL_ALL=1 checks every page reached, not one per address pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CRAWL_ROLES, crawlDemoTown, describeFailure } from '../../scripts/proof/crawl.ts';

test('every page each role reaches on the demo town passes the browser checks', async (t) => {
  const result = await crawlDemoTown({ all: process.env.CRAWL_ALL === '1', screenshotsPerRole: 1, log: (line) => t.diagnostic(line) });
  const patterns = result.roles.reduce((sum, role) => sum + role.patterns, 0);
  const pages = result.roles.reduce((sum, role) => sum + role.checked, 0);
  t.diagnostic(`crawl: ${result.roles.length} roles, ${patterns} patterns, ${pages} pages, ${result.failures.length} failures in ${Math.round(result.durationMs / 1000)} s`);

  assert.deepEqual(
    result.roles.map((role) => role.role),
    [...CRAWL_ROLES],
  );
  // Each role reaches more than its home page: a walk stopped at the door would prove nothing.
  for (const role of result.roles) assert.ok(role.checked >= 5, `${role.role} checked ${role.checked} page(s)`);
  // The back office is the largest part of the app: its walk must reach it.
  const concierge = result.roles.find((role) => role.role === 'concierge')!;
  assert.ok(concierge.patternList.some((pattern) => pattern.startsWith('/gestion/commandes')), 'the concierge reaches the orders');
  assert.deepEqual(result.failures.map(describeFailure), []);
});
