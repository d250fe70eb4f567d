// Rules of providers (« prestataires »): craftsmen and service providers listed in the shops
// directory. Their trades, labels and ways of taking requests are small fixed tables of
// codes with French words; absences are ranges of local dates; whether an appointment fits
// is decided on local wall-clock times, so a change to summer time never moves an hour.
import { isLocalDate, parseLocalDate, weekdayOf } from '../platform/calendar.ts';
import type { ErrorCode } from '../platform/errors.ts';
import type { OpeningRange } from './shops.rules.ts';

/** What a shop sells: goods (a plain shop, every shop by default) or services (a provider). */
export type ShopKind = 'shop' | 'provider';
export const SHOP_KINDS: readonly ShopKind[] = ['shop', 'provider'];

/** The trades a provider may practise, in the order the pages list them. */
export const TRADES = {
  plumber: 'Plombier',
  electrician: 'Électricien',
  heating: 'Chauffagiste',
  locksmith: 'Serrurier',
  painter: 'Peintre',
  handyman: 'Petits travaux et bricolage',
  gardener: 'Jardinier',
  home_help: 'Aide à domicile',
  cleaning: 'Ménage et repassage',
  computer_help: 'Dépannage informatique',
  appliance_repair: 'Réparation d’électroménager',
  tailor: 'Couturière / retouches',
  cobbler: 'Cordonnier',
  watchmaker: 'Horloger',
} as const;
export type TradeCode = keyof typeof TRADES;
export const TRADE_CODES = Object.keys(TRADES) as TradeCode[];

/** Labels a provider may hold. */
export const PROVIDER_LABELS = {
  /** Refashion's repair bonus: a deduction on textile and shoe repairs. */
  repair_bonus: 'Bonus réparation',
  /** The repair bonus of household appliances and electronics. */
  qualirepar: 'QualiRépar',
  /** Registered « services à la personne »: the client gets a 50 % tax credit. */
  personal_services: 'Services à la personne',
} as const;
export type ProviderLabel = keyof typeof PROVIDER_LABELS;
export const PROVIDER_LABEL_CODES = Object.keys(PROVIDER_LABELS) as ProviderLabel[];

/** The repair bonus is paid on clothes and shoes only: it needs one of these trades. */
export const REPAIR_BONUS_TRADES: readonly TradeCode[] = ['tailor', 'cobbler'];

/** How a provider takes requests. */
export const REQUEST_CHANNELS = {
  phone: 'Par téléphone',
  email: 'Par courriel',
  walk_in: 'En passant à la boutique',
  link: 'Par un lien envoyé par la conciergerie',
} as const;
export type RequestChannel = keyof typeof REQUEST_CHANNELS;
export const REQUEST_CHANNEL_CODES = Object.keys(REQUEST_CHANNELS) as RequestChannel[];

/** A usual delay beyond this many days is surely a typing mistake. */
export const MAX_DELAY_DAYS = 365;

/** What makes a provider, beyond the identity every shop has. */
export interface ProviderProfile {
  kind: ShopKind;
  trades: TradeCode[];
  labels: ProviderLabel[];
  areaServed: string;
  requestChannels: RequestChannel[];
  makesQuotes: boolean;
  usualDelayDays: number | null;
}

/** A plain shop's profile: what every shop had before providers existed. */
export const SHOP_PROFILE: ProviderProfile = { kind: 'shop', trades: [], labels: [], areaServed: '', requestChannels: [], makesQuotes: false, usualDelayDays: null };

/** Codes kept in one text column, separated by spaces; unknown codes are dropped. */
export function encodeCodes(codes: readonly string[]): string {
  return codes.join(' ');
}

export function decodeCodes<C extends string>(text: string, known: readonly C[]): C[] {
  const words = new Set(text.split(/\s+/));
  return known.filter((code) => words.has(code));
}

export type ProfileErrors = Partial<Record<'trades' | 'labels' | 'usual_delay_days', ErrorCode>>;

/** The refused fields of a provider's profile; a plain shop has nothing to check. */
export function checkProviderProfile(profile: ProviderProfile): ProfileErrors {
  if (profile.kind !== 'provider') return {};
  const errors: ProfileErrors = {};
  if (profile.trades.length === 0) errors.trades = 'provider_trade_required';
  if (profile.labels.includes('repair_bonus') && !profile.trades.some((trade) => REPAIR_BONUS_TRADES.includes(trade))) errors.labels = 'provider_repair_bonus_trade';
  const delay = profile.usualDelayDays;
  if (delay !== null && (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_DAYS)) errors.usual_delay_days = 'provider_delay_range';
  return errors;
}

/** A plain shop keeps none of a provider's details, so switching back leaves nothing stale. */
export function profileToSave(profile: ProviderProfile): ProviderProfile {
  return profile.kind === 'provider' ? profile : SHOP_PROFILE;
}

/** Days a provider takes no appointment, local dates, both included. */
export interface Absence {
  id: string;
  startsOn: string;
  endsOn: string;
  note: string;
}

/** « 24/12/2026 » (typed) or « 2026-12-24 » → « 2026-12-24 »; other text is kept, for the check to refuse. */
export function readDay(text: string): string {
  return parseLocalDate(text) ?? text.trim();
}

export type AbsenceErrors = Partial<Record<'starts_on' | 'ends_on', ErrorCode>>;

export function checkAbsence(input: { startsOn: string; endsOn: string }): AbsenceErrors {
  const errors: AbsenceErrors = {};
  if (!isLocalDate(input.startsOn)) errors.starts_on = 'absence_date_format';
  if (!isLocalDate(input.endsOn)) errors.ends_on = 'absence_date_format';
  else if (!errors.starts_on && input.endsOn < input.startsOn) errors.ends_on = 'absence_end_before_start';
  return errors;
}

/** Whether a provider can come: inside its hours and outside its absences. */
export type Availability = 'open' | 'closed' | 'absent';

/**
 * An appointment from `start` to `end`, local wall-clock times of the town: absent when an
 * absence covers its day; open when it starts and ends on one day inside one opening range
 * of that weekday; closed otherwise (also when it ends before it starts, or past midnight).
 */
export function availabilityOf(
  ranges: readonly OpeningRange[],
  absences: ReadonlyArray<Pick<Absence, 'startsOn' | 'endsOn'>>,
  start: { date: string; time: string },
  end: { date: string; time: string },
): Availability {
  if (absences.some((absence) => absence.startsOn <= start.date && start.date <= absence.endsOn)) return 'absent';
  if (end.date !== start.date || end.time <= start.time) return 'closed';
  const weekday = weekdayOf(start.date);
  const fits = ranges.some((range) => range.weekday === weekday && range.opensAt <= start.time && end.time <= range.closesAt);
  return fits ? 'open' : 'closed';
}
