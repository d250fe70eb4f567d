import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  availabilityLabel,
  hasPublicPage,
  isListed,
  measureLabel,
  LOAD_CLASSES,
  LOAD_OF_ONE,
  loadClassLabel,
  loadOfClass,
  movedPositions,
  offerInputFromForm,
  offerProblem,
  pageCount,
  resumedAvailability,
  storedLeadTime,
  unitPrice,
  unitPriceLabel,
  type OfferInput,
} from './catalogue.rules.ts';
import { plain } from '../../test/helpers/text.ts';

const valid: OfferInput = {
  title: 'Plateau de fruits de mer',
  description: 'Huîtres, crevettes, bulots.',
  priceCents: 4500,
  vatRateBp: 550,
  unit: 'le plateau pour 4',
  measureAmount: null,
  measureUnit: null,
  availability: 'made_to_order',
  leadTimeDays: 2,
  loadClass: 'large',
};

test('price per kilo and per litre from the net quantity', () => {
  assert.deepEqual(unitPrice(1200, 500, 'g'), { cents: 2400, per: 'kg' });
  assert.deepEqual(unitPrice(800, 750, 'ml'), { cents: 1067, per: 'l' });
  assert.equal(unitPrice(1200, null, null), null);
  assert.equal(plain(unitPriceLabel(1200, 500, 'g')!), '24,00 € le kg');
  assert.equal(plain(unitPriceLabel(800, 750, 'ml')!), '10,67 € le litre');
  assert.equal(unitPriceLabel(800, null, null), null);
});

test('the price per kilo is an integer and never far from the exact value', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 100_000 }), (price, grams) => {
      const result = unitPrice(price, grams, 'g')!;
      assert.ok(Number.isInteger(result.cents));
      assert.ok(Math.abs(result.cents - (price * 1000) / grams) <= 0.5);
    }),
  );
});

test('net quantities read as a person would say them', () => {
  assert.equal(measureLabel(500, 'g'), '500 g');
  assert.equal(measureLabel(750, 'ml'), '750 ml');
  assert.equal(measureLabel(1500, 'g'), '1,5 kg');
  assert.equal(measureLabel(1000, 'ml'), '1 L');
  assert.equal(measureLabel(null, null), null);
});

test('availability labels', () => {
  assert.equal(plain(availabilityLabel('in_stock', 0)), 'En stock');
  assert.equal(plain(availabilityLabel('made_to_order', 2)), 'Sur commande : prêt en 2 jours');
  assert.equal(plain(availabilityLabel('made_to_order', 1)), 'Sur commande : prêt en 1 jour');
  assert.equal(plain(availabilityLabel('paused', 3)), 'Momentanément indisponible');
});

test('only in-stock and made-to-order offers are listed; a paused one keeps its page', () => {
  assert.equal(isListed('in_stock'), true);
  assert.equal(isListed('made_to_order'), true);
  assert.equal(isListed('paused'), false);
  assert.equal(isListed('withdrawn'), false);
  assert.equal(hasPublicPage('paused'), true);
  assert.equal(hasPublicPage('withdrawn'), false);
});

test('lead time: required from 1 to 30 days when made to order, dropped when in stock, kept while paused', () => {
  assert.equal(offerProblem(valid), undefined);
  assert.deepEqual(offerProblem({ ...valid, leadTimeDays: 0 }), { code: 'offer_lead_time', field: 'lead_time_days' });
  assert.deepEqual(offerProblem({ ...valid, leadTimeDays: 31 }), { code: 'offer_lead_time', field: 'lead_time_days' });
  assert.equal(offerProblem({ ...valid, availability: 'in_stock', leadTimeDays: 0 }), undefined);
  assert.equal(storedLeadTime({ ...valid, availability: 'in_stock', leadTimeDays: 3 }), 0);
  assert.equal(storedLeadTime({ ...valid, availability: 'paused', leadTimeDays: 3 }), 3);
  assert.equal(resumedAvailability(3), 'made_to_order');
  assert.equal(resumedAvailability(0), 'in_stock');
});

test('an offer needs a price above zero, a listed VAT rate and a complete net quantity', () => {
  assert.deepEqual(offerProblem({ ...valid, priceCents: 0 }), { code: 'offer_price', field: 'price' });
  assert.deepEqual(offerProblem({ ...valid, priceCents: Number.NaN }), { code: 'offer_price', field: 'price' });
  assert.deepEqual(offerProblem({ ...valid, vatRateBp: 1960 }), { code: 'offer_vat_rate', field: 'vat_rate' });
  for (const rate of [550, 1000, 2000, 210]) assert.equal(offerProblem({ ...valid, vatRateBp: rate }), undefined);
  assert.deepEqual(offerProblem({ ...valid, measureAmount: 500 }), { code: 'offer_measure', field: 'measure_unit' });
  assert.deepEqual(offerProblem({ ...valid, measureUnit: 'g' }), { code: 'offer_measure', field: 'measure_amount' });
  assert.deepEqual(offerProblem({ ...valid, measureAmount: 0, measureUnit: 'g' }), { code: 'offer_measure', field: 'measure_amount' });
  assert.deepEqual(offerProblem({ ...valid, title: '' }), { code: 'bad_request', field: 'title' });
  assert.deepEqual(offerProblem({ ...valid, title: 'x'.repeat(200) }), { code: 'bad_request', field: 'title' });
});

test('the form strings become an offer: "12,50" is 1250 cents', () => {
  const input = offerInputFromForm({
    title: '  Bouteille de rosé ',
    price: '12,50',
    vat_rate: '2000',
    unit: 'la bouteille 75 cl',
    measure_amount: '750',
    measure_unit: 'ml',
    availability: 'in_stock',
    lead_time_days: '',
  });
  assert.deepEqual(input, {
    title: 'Bouteille de rosé',
    description: '',
    priceCents: 1250,
    vatRateBp: 2000,
    unit: 'la bouteille 75 cl',
    measureAmount: 750,
    measureUnit: 'ml',
    availability: 'in_stock',
    leadTimeDays: 0,
    loadClass: 'small',
  });
  assert.ok(Number.isNaN(offerInputFromForm({ title: 'x', price: '12,505', vat_rate: '550', unit: 'u', availability: 'in_stock' }).priceCents));
});

test('moving an offer swaps it with its neighbour and renumbers from 1', () => {
  assert.deepEqual(movedPositions(['a', 'b', 'c'], 'b', 'up'), [
    { id: 'b', position: 1 },
    { id: 'a', position: 2 },
    { id: 'c', position: 3 },
  ]);
  assert.deepEqual(movedPositions(['a', 'b', 'c'], 'b', 'down')?.map((entry) => entry.id), ['a', 'c', 'b']);
  assert.equal(movedPositions(['a', 'b'], 'a', 'up'), undefined);
  assert.equal(movedPositions(['a', 'b'], 'b', 'down'), undefined);
  assert.equal(movedPositions(['a', 'b'], 'z', 'up'), undefined);
});

test('page count is at least one', () => {
  assert.equal(pageCount(0, 20), 1);
  assert.equal(pageCount(20, 20), 1);
  assert.equal(pageCount(21, 20), 2);
});

test('a load class is read from the form, kept when an older form leaves it out, and checked', () => {
  const form = { title: 'Pack d’eau', price: '3,20', vat_rate: '550', unit: 'le pack de 6', availability: 'in_stock' };
  assert.equal(offerInputFromForm({ ...form, load_class: 'heavy' }).loadClass, 'heavy');
  assert.equal(offerInputFromForm(form).loadClass, 'small', 'a new offer is small unless told otherwise');
  assert.equal(offerInputFromForm(form, 'large').loadClass, 'large', 'a changed offer keeps its class');
  const forged = offerInputFromForm({ ...form, load_class: 'enormous' });
  assert.deepEqual(offerProblem({ ...valid, loadClass: forged.loadClass }), { code: 'offer_load_class', field: 'load_class' });
  for (const loadClass of LOAD_CLASSES) assert.equal(offerProblem({ ...valid, loadClass }), undefined, loadClass);
});

test('the load of some items is the load of one times their number', () => {
  assert.deepEqual(loadOfClass('small', 1), { volumeUnits: 1, weightGrams: 500 });
  assert.deepEqual(loadOfClass('heavy', 2), { volumeUnits: 6, weightGrams: 24_000 });
  assert.deepEqual(loadOfClass('large', 0), { volumeUnits: 0, weightGrams: 0 });
  assert.throws(() => loadOfClass('medium', 1.5), RangeError);
  assert.throws(() => loadOfClass('medium', -1), RangeError);
  fc.assert(
    fc.property(fc.constantFrom(...LOAD_CLASSES), fc.nat(1000), fc.nat(1000), (loadClass, a, b) => {
      const sum = loadOfClass(loadClass, a + b);
      const parts = [loadOfClass(loadClass, a), loadOfClass(loadClass, b)];
      return sum.volumeUnits === parts[0].volumeUnits + parts[1].volumeUnits && sum.weightGrams === parts[0].weightGrams + parts[1].weightGrams;
    }),
  );
});

test('the classes read as a merchant would say them, and a heavy item is the heaviest for its room', () => {
  assert.deepEqual(LOAD_CLASSES.map(loadClassLabel), ['petit', 'moyen', 'encombrant', 'lourd']);
  const densest = [...LOAD_CLASSES].sort((a, b) => LOAD_OF_ONE[b].weightGrams / LOAD_OF_ONE[b].volumeUnits - LOAD_OF_ONE[a].weightGrams / LOAD_OF_ONE[a].volumeUnits);
  assert.equal(densest[0], 'heavy');
  assert.ok(LOAD_OF_ONE.large.volumeUnits > LOAD_OF_ONE.medium.volumeUnits && LOAD_OF_ONE.medium.volumeUnits > LOAD_OF_ONE.small.volumeUnits);
});
