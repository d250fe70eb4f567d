import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bonusCents, BONUS_MIN_PRICE_CENTS, ITEM_MOVES, ITEM_TRANSITIONS, movesFrom, normaliseShelf, REFASHION_SCALE } from './repairs.rules.ts';
import { canMoveRequest } from '../requests.rules.ts';

test('the bonus is the scale’s amount, nothing for an alteration, an unlabelled provider or a repair under 12 €', () => {
  assert.equal(bonusCents(2000, true, 'shoe_heel_tip'), 700);
  assert.equal(bonusCents(4000, true, 'shoe_resole_leather'), 2400, 'at most 60 % of the price');
  assert.equal(bonusCents(2000, false, 'shoe_heel_tip'), 0);
  assert.equal(bonusCents(2000, true, null), 0);
  assert.equal(bonusCents(2000, true, 'ourlet'), 0);
  assert.equal(bonusCents(BONUS_MIN_PRICE_CENTS - 1, true, 'clothes_seam'), 0);
});

test('whatever the price and the repair, the member pays something and the bonus never passes its amount nor 60 %', () => {
  const codes = Object.keys(REFASHION_SCALE) as Array<keyof typeof REFASHION_SCALE>;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(...codes), (price, code) => {
      const bonus = bonusCents(price, true, code);
      return Number.isInteger(bonus) && bonus >= 0 && bonus <= REFASHION_SCALE[code].cents && bonus * 100 <= price * 60 && price - bonus > 0;
    }),
  );
});

test('a shelf is written the same however it is typed', () => {
  assert.equal(normaliseShelf(' b3 '), 'B3');
  assert.equal(normaliseShelf('Étagère  b 3'), 'B 3');
  assert.equal(normaliseShelf('etagere C1'), 'C1');
});

test('every move the counter offers is allowed by the item’s table and the request’s', () => {
  for (const status of ['at_counter', 'at_provider', 'ready'] as const) {
    for (const move of movesFrom(status)) {
      assert.ok(canMoveRequest('repair', status, ITEM_MOVES[move].request), `${status} → ${move}`);
    }
  }
  assert.deepEqual(ITEM_TRANSITIONS.handed_back, []);
  assert.deepEqual(movesFrom('handed_back'), []);
});
