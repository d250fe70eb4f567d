import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usageDateRange, usageMonths, usageRows } from './company-usage.rules.ts';

test('twelve months back from today, across the new year, newest first', () => {
  const months = usageMonths('2027-02-28');
  assert.equal(months.length, 12);
  assert.deepEqual(months.slice(0, 3), ['2027-02', '2027-01', '2026-12']);
  assert.equal(months[11], '2026-03');
  assert.deepEqual(usageDateRange(months), { fromDate: '2026-03-01', untilDate: '2027-03-01' });
  assert.deepEqual(usageDateRange(usageMonths('2026-12-08')), { fromDate: '2026-01-01', untilDate: '2027-01-01' });
});

test('an empty month reads as zeros; a month of one or two employees is withheld, three are shown', () => {
  const rows = usageRows(
    ['2026-12', '2026-11', '2026-10', '2026-09'],
    [
      { month: '2026-12', orderCount: 4, employeeCount: 3, totalCents: 6500 },
      { month: '2026-11', orderCount: 5, employeeCount: 2, totalCents: 9900 },
      { month: '2026-09', orderCount: 1, employeeCount: 1, totalCents: 1200 },
    ],
  );
  assert.deepEqual(rows, [
    { shown: true, month: '2026-12', orderCount: 4, employeeCount: 3, totalCents: 6500 },
    { shown: false, month: '2026-11' },
    { shown: true, month: '2026-10', orderCount: 0, employeeCount: 0, totalCents: 0 },
    { shown: false, month: '2026-09' },
  ]);
});
