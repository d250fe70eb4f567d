import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyRate, centsToInput, formatEuros, formatRate, parseEuros, pricePerKiloOrLitre, roundHalfUp } from './money.ts';

/** amount × rate / 10 000 rounded half away from zero, computed exactly with BigInt. */
function referenceApplyRate(amount: number, rate: number): number {
  const scaled = BigInt(amount) * BigInt(rate);
  const quotient = scaled / 10_000n;
  const remainder = scaled % 10_000n;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  const sign = scaled < 0n ? -1n : 1n;
  return Number(quotient + (absRemainder * 2n >= 10_000n ? sign : 0n));
}

// Up to ten million euros either way and rates up to 1 000 %: amount × rate stays an exact double.
const amounts = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
const rates = fc.integer({ min: 0, max: 100_000 });
/** What a price field accepts: at most 7 digits of euros and 2 of cents. */
const fieldAmounts = fc.integer({ min: 0, max: 999_999_999 });

test('applyRate rounds half-up exactly like an integer reference', () => {
  fc.assert(
    fc.property(amounts, rates, (amount, rate) => applyRate(amount, rate) === referenceApplyRate(amount, rate)),
    { numRuns: 2000 },
  );
});

test('applyRate sends exact halves away from zero and keeps a full rate whole', () => {
  assert.equal(applyRate(5, 1000), 1); // 0,5 centime
  assert.equal(applyRate(-5, 1000), -1);
  assert.equal(applyRate(4, 1000), 0);
  assert.equal(applyRate(1999, 550), 110); // 109,945 → 110
  assert.equal(applyRate(1000, 2000), 200); // 20 % of 10 €
  fc.assert(fc.property(amounts, (amount) => applyRate(amount, 10_000) === amount && applyRate(amount, 0) === 0));
});

test('applyRate never decreases when the amount grows', () => {
  fc.assert(fc.property(amounts, amounts, rates, (a, b, rate) => (a <= b ? applyRate(a, rate) <= applyRate(b, rate) : true)));
});

test('roundHalfUp rounds halves away from zero', () => {
  assert.equal(roundHalfUp(2.5), 3);
  assert.equal(roundHalfUp(-2.5), -3);
  assert.equal(roundHalfUp(2.4999), 2);
  assert.ok(roundHalfUp(-0.4) === 0); // may be -0, which Intl prints as "-0,00 €"
});

test('a price shown in a form field reads back as the same cents', () => {
  fc.assert(fc.property(fieldAmounts, (cents) => parseEuros(centsToInput(cents)) === cents), { numRuns: 2000 });
});

test('a price printed with formatEuros reads back as the same cents', () => {
  fc.assert(fc.property(fieldAmounts, (cents) => parseEuros(formatEuros(cents)) === cents), { numRuns: 500 });
});

test('formatEuros writes French amounts with the spaces Intl uses', () => {
  // U+00A0 (no-break space) before the euro sign, U+202F (narrow no-break space) between thousands.
  assert.equal(formatEuros(1250), '12,50\u00a0€');
  assert.equal(formatEuros(123456), '1\u202f234,56\u00a0€');
  assert.equal(formatEuros(0), '0,00\u00a0€');
  assert.equal(formatEuros(5), '0,05\u00a0€');
});

test('parseEuros reads what people type and refuses what is not an amount', () => {
  const cases: Array<[string, number | undefined]> = [
    ['12', 1200],
    ['12,5', 1250],
    ['12.50', 1250],
    [' 12,50 € ', 1250],
    ['1 234,56 €', 123456],
    ['1\u202f234,56\u00a0€', 123456],
    ['0,05', 5],
    ['', undefined],
    ['abc', undefined],
    ['12,505', undefined],
    ['-3', undefined],
    ['1e3', undefined],
    ['12,50,1', undefined],
    ['12345678', undefined],
  ];
  for (const [input, expected] of cases) assert.equal(parseEuros(input), expected, `parseEuros(${JSON.stringify(input)})`);
});

test('centsToInput writes a comma and two decimals', () => {
  assert.equal(centsToInput(1250), '12,50');
  assert.equal(centsToInput(5), '0,05');
  assert.equal(centsToInput(100000), '1000,00');
});

test('formatRate writes basis points as a French percentage', () => {
  assert.equal(formatRate(550), '5,5\u00a0%');
  assert.equal(formatRate(2000), '20\u00a0%');
  assert.equal(formatRate(1234), '12,34\u00a0%');
});

test('pricePerKiloOrLitre scales to 1 000 g or ml and rounds half-up', () => {
  assert.equal(pricePerKiloOrLitre(450, 250), 1800); // 4,50 € for 250 g → 18,00 € / kg
  assert.equal(pricePerKiloOrLitre(1299, 750), 1732); // 12,99 € for 75 cl → 17,32 € / l
  assert.equal(pricePerKiloOrLitre(100, 3), 33333);
  assert.equal(pricePerKiloOrLitre(1, 2000), 1); // 0,5 centime rounds up
});
