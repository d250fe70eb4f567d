import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  frenchVatKey,
  groupIban,
  isRateInRange,
  isValidSiren,
  maskIban,
  normaliseBic,
  normaliseFrenchVatNumber,
  normaliseIban,
  parsePercent,
  passesLuhn,
  rateOnDate,
  type DatedRate,
} from './terms.rules.ts';

const history: DatedRate<number>[] = [
  { startsOn: '2026-01-01', rate: 500, recordedAt: '2025-12-01T10:00:00.000Z' },
  { startsOn: '2026-07-01', rate: 450, recordedAt: '2026-05-01T10:00:00.000Z' },
  // the same day typed again later: the later one wins
  { startsOn: '2026-07-01', rate: 400, recordedAt: '2026-05-02T10:00:00.000Z' },
];

test('the rate in force is the latest started on or before the day', () => {
  assert.equal(rateOnDate(history, '2025-12-31'), undefined);
  assert.equal(rateOnDate(history, '2026-01-01')?.rate, 500);
  assert.equal(rateOnDate(history, '2026-06-30')?.rate, 500);
  assert.equal(rateOnDate(history, '2026-07-01')?.rate, 400);
  assert.equal(rateOnDate([...history].reverse(), '2027-03-15')?.rate, 400);
});

test('the order of the history never changes the rate in force', () => {
  const step = fc.record({
    startsOn: fc.integer({ min: 0, max: 60 }).map((day) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10)),
    rate: fc.integer({ min: 0, max: 10_000 }),
    recordedAt: fc.integer({ min: 0, max: 1e6 }).map((second) => new Date(Date.UTC(2025, 0, 1) + second * 1000).toISOString()),
  });
  fc.assert(
    fc.property(fc.uniqueArray(step, { selector: (s) => `${s.startsOn}${s.recordedAt}` }), fc.integer({ min: 0, max: 70 }), (steps, day) => {
      const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
      const found = rateOnDate(steps, date);
      assert.deepEqual(rateOnDate([...steps].reverse(), date), found);
      for (const other of steps) if (other.startsOn <= date) assert.ok(found && other.startsOn <= found.startsOn);
    }),
  );
});

test('a rate typed in percent becomes basis points; the range is 0–100 %', () => {
  assert.equal(parsePercent('5'), 500);
  assert.equal(parsePercent('4,5'), 450);
  assert.equal(parsePercent('4.75 %'), 475);
  assert.equal(parsePercent(' 0 '), 0);
  assert.equal(parsePercent('150'), 15_000);
  assert.equal(isRateInRange(15_000), false);
  assert.equal(isRateInRange(10_000), true);
  assert.equal(parsePercent('4,555'), undefined);
  assert.equal(parsePercent('-1'), undefined);
  assert.equal(parsePercent('cinq'), undefined);
  assert.equal(parsePercent(''), undefined);
});

test('an IBAN is stored without spaces and refused with a wrong checksum', () => {
  assert.equal(normaliseIban('fr76 3000 6000 0112 3456 7890 189'), 'FR7630006000011234567890189');
  assert.equal(normaliseIban('FR7630006000011234567890188'), undefined);
  assert.equal(normaliseIban('FR76'), undefined);
  assert.equal(groupIban('FR7630006000011234567890189'), 'FR76 3000 6000 0112 3456 7890 189');
  assert.equal(maskIban('FR7630006000011234567890189'), '•••• 0189');
});

test('a BIC has 8 or 11 characters', () => {
  assert.equal(normaliseBic('bnpa fr pp xxx'), 'BNPAFRPPXXX');
  assert.equal(normaliseBic('BNPAFRPP'), 'BNPAFRPP');
  assert.equal(normaliseBic('BNPAFR'), undefined);
});

test('SIREN and SIRET pass the Luhn check; a French VAT number carries the SIREN key', () => {
  assert.equal(passesLuhn('732829320'), true);
  assert.equal(isValidSiren('732 829 320'), true);
  assert.equal(isValidSiren('732829321'), false);
  assert.equal(passesLuhn('73282932000074'), true);
  assert.equal(frenchVatKey('732829320'), '44');
  assert.equal(normaliseFrenchVatNumber('fr 44 732 829 320'), 'FR44732829320');
  assert.equal(normaliseFrenchVatNumber('FR45732829320'), undefined);
  assert.equal(normaliseFrenchVatNumber('FR44732829321'), undefined);
  assert.equal(normaliseFrenchVatNumber('DE123456789'), undefined);
});
