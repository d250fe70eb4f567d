import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availabilityOf, checkAbsence, checkProviderProfile, decodeCodes, encodeCodes, readDay, SHOP_PROFILE, TRADE_CODES, TRADES, type ProviderProfile } from './providers.rules.ts';

const PLUMBER: ProviderProfile = { ...SHOP_PROFILE, kind: 'provider', trades: ['plumber'] };
// Monday to Friday, 8:00–12:00 and 14:00–18:00.
const HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opensAt: '08:00', closesAt: '12:00' },
  { weekday, opensAt: '14:00', closesAt: '18:00' },
]);

test('the trades table lists the usual trades in French, in display order', () => {
  assert.equal(TRADES.plumber, 'Plombier');
  assert.equal(TRADES.tailor, 'Couturière / retouches');
  assert.equal(TRADES.computer_help, 'Dépannage informatique');
  assert.deepEqual(TRADE_CODES.slice(0, 3), ['plumber', 'electrician', 'heating']);
});

test('a provider needs a trade; a plain shop needs nothing', () => {
  assert.deepEqual(checkProviderProfile(SHOP_PROFILE), {});
  assert.deepEqual(checkProviderProfile({ ...PLUMBER, trades: [] }), { trades: 'provider_trade_required' });
  assert.deepEqual(checkProviderProfile(PLUMBER), {});
});

test('the repair bonus goes with clothes or shoe repairs only', () => {
  assert.deepEqual(checkProviderProfile({ ...PLUMBER, labels: ['repair_bonus'] }), { labels: 'provider_repair_bonus_trade' });
  assert.deepEqual(checkProviderProfile({ ...PLUMBER, trades: ['cobbler'], labels: ['repair_bonus'] }), {});
  assert.deepEqual(checkProviderProfile({ ...PLUMBER, trades: ['home_help'], labels: ['personal_services'] }), {});
});

test('a usual delay is a whole number of days up to a year', () => {
  assert.deepEqual(checkProviderProfile({ ...PLUMBER, usualDelayDays: 400 }), { usual_delay_days: 'provider_delay_range' });
  assert.deepEqual(checkProviderProfile({ ...PLUMBER, usualDelayDays: 0 }), {});
});

test('codes kept as words come back in table order, unknown ones dropped', () => {
  assert.equal(encodeCodes(['phone', 'email']), 'phone email');
  assert.deepEqual(decodeCodes('link phone bogus', ['phone', 'email', 'link']), ['phone', 'link']);
  assert.deepEqual(decodeCodes('', ['phone']), []);
});

test('an absence ends on or after its first day, dates as typed in France', () => {
  assert.equal(readDay(' 24/12/2026 '), '2026-12-24');
  assert.equal(readDay('2026-12-24'), '2026-12-24');
  assert.deepEqual(checkAbsence({ startsOn: '2026-12-24', endsOn: '2026-12-24' }), {});
  assert.deepEqual(checkAbsence({ startsOn: '2026-12-24', endsOn: '2026-12-23' }), { ends_on: 'absence_end_before_start' });
  assert.deepEqual(checkAbsence({ startsOn: readDay('31/02/2026'), endsOn: 'demain' }), { starts_on: 'absence_date_format', ends_on: 'absence_date_format' });
});

test('an appointment fits when it starts and ends inside one opening range of its weekday', () => {
  // 2026-11-16 is a Monday, 2026-11-21 a Saturday.
  const at = (date: string, time: string) => ({ date, time });
  assert.equal(availabilityOf(HOURS, [], at('2026-11-16', '09:00'), at('2026-11-16', '10:30')), 'open');
  assert.equal(availabilityOf(HOURS, [], at('2026-11-16', '08:00'), at('2026-11-16', '12:00')), 'open', 'both ends included');
  assert.equal(availabilityOf(HOURS, [], at('2026-11-16', '11:30'), at('2026-11-16', '14:30')), 'closed', 'across the lunch break');
  assert.equal(availabilityOf(HOURS, [], at('2026-11-21', '09:00'), at('2026-11-21', '10:00')), 'closed', 'on a closed day');
  assert.equal(availabilityOf(HOURS, [], at('2026-11-16', '10:00'), at('2026-11-16', '09:00')), 'closed', 'ending before it starts');
});

test('an absence covering the day wins over the hours', () => {
  const absences = [{ startsOn: '2026-11-16', endsOn: '2026-11-20' }];
  assert.equal(availabilityOf(HOURS, absences, { date: '2026-11-18', time: '09:00' }, { date: '2026-11-18', time: '10:00' }), 'absent');
  assert.equal(availabilityOf(HOURS, absences, { date: '2026-11-23', time: '09:00' }, { date: '2026-11-23', time: '10:00' }), 'open');
});
