// Typical opening hours of a French town-centre shop, by trade: closed on Monday (or open
// only in its afternoon), a lunch break, bakeries from 7:00, food shops also on Sunday
// morning, nobody on Sunday afternoon. Weekday 1 = Monday … 7 = Sunday.
import type { OpeningRange } from '../shops/index.ts';
import type { Random } from './demo.random.ts';

interface Profile {
  morning: readonly [readonly string[], readonly string[]];
  afternoon: readonly [readonly string[], readonly string[]];
  /** Chance of opening on Sunday morning, and until when. */
  sunday: number;
  sundayCloses: string;
  /** Chance of opening on Monday afternoon (when closed on Monday morning). */
  mondayAfternoon: number;
}

const BAKERY: Profile = {
  morning: [['06:30', '07:00'], ['13:00', '13:30']],
  afternoon: [['15:30', '16:00'], ['19:30']],
  sunday: 0.8,
  sundayCloses: '12:30',
  mondayAfternoon: 0,
};

const FOOD: Profile = {
  morning: [['08:00', '08:30'], ['12:30']],
  afternoon: [['15:30', '16:00'], ['19:00', '19:30']],
  sunday: 0.5,
  sundayCloses: '12:30',
  mondayAfternoon: 0,
};

const RETAIL: Profile = {
  morning: [['09:00', '09:30', '10:00'], ['12:00', '12:30']],
  afternoon: [['14:00', '14:30', '15:00'], ['19:00']],
  sunday: 0,
  sundayCloses: '12:00',
  mondayAfternoon: 0.4,
};

const CRAFT: Profile = {
  morning: [['08:30', '09:00'], ['12:00']],
  afternoon: [['14:00', '14:30'], ['18:30', '19:00']],
  sunday: 0,
  sundayCloses: '12:00',
  mondayAfternoon: 0.2,
};

const PROFILES: Readonly<Record<string, Profile>> = {
  boulangerie: BAKERY,
  patisserie: { ...BAKERY, morning: [['07:30', '08:00'], ['12:30', '13:00']] },
  boucherie: FOOD,
  poissonnerie: { ...FOOD, sunday: 0.7 },
  fromagerie: FOOD,
  primeur: { ...FOOD, sunday: 0.7 },
  traiteur: FOOD,
  alimentation: { ...FOOD, sunday: 0.4 },
  cave: { ...RETAIL, morning: [['09:30'], ['12:30']], afternoon: [['15:00'], ['19:30']], sunday: 0.3, sundayCloses: '12:30' },
  fleuriste: { ...RETAIL, morning: [['09:00'], ['12:30']], afternoon: [['14:30'], ['19:00']], sunday: 0.6, sundayCloses: '12:30' },
  cordonnerie: CRAFT,
  retouche: CRAFT,
};

export function openingHoursOf(random: Random, categoryCode: string): OpeningRange[] {
  const profile = PROFILES[categoryCode] ?? RETAIL;
  const morning = { opensAt: random.pick(profile.morning[0]), closesAt: random.pick(profile.morning[1]) };
  const afternoon = { opensAt: random.pick(profile.afternoon[0]), closesAt: random.pick(profile.afternoon[1]) };
  const ranges: OpeningRange[] = [];
  // Tuesday to Saturday, with a lunch break; some close on Saturday at 18:00.
  const earlySaturday = profile === RETAIL && random.chance(0.2);
  for (let weekday = 2; weekday <= 6; weekday += 1) {
    ranges.push({ weekday, ...morning });
    ranges.push({ weekday, opensAt: afternoon.opensAt, closesAt: weekday === 6 && earlySaturday ? '18:00' : afternoon.closesAt });
  }
  if (random.chance(profile.mondayAfternoon)) ranges.push({ weekday: 1, ...afternoon });
  if (random.chance(profile.sunday)) ranges.push({ weekday: 7, opensAt: morning.opensAt, closesAt: profile.sundayCloses });
  return ranges;
}
