// Rules of the two deliveries, as pure functions.
//
// A delivery run (the van to the companies of the business park) is the weekly hours of a
// place of kind « company »: each range of an open day is one run, its window the range
// (« vendredi 11 décembre, entre 14 h et 17 h »). An order rides the first run whose cut-off
// is still ahead and whose window starts after the shops' goods reach the counter. The
// cut-off is data on the place: `days` before the run's local date at a local `time`. The
// default, the day before at 18 h, is when the counter closes its last evening slot: the
// concierge then packs the van's crates from the goods of the day's two collection rounds,
// and an order placed later could not be bought and packed before the van leaves.
//
// The home-delivery zone is a list of streets with their postcode, not a polygon: addresses
// are typed by seniors and checked against the town's own street list, which the town can
// read and edit; a polygon would need geocoding, which we do not have offline. Streets are
// compared folded (case, accents, hyphens) with the usual abbreviations spelt out.
import { addDays, localDateOf, localToUtc, minutesOf, timeOf, type PlaceCalendar, rangesOn } from './places.slots.rules.ts';

/** When orders for a run close: `days` days before its local date, at local `time` ("HH:MM"). */
export interface RunCutoff {
  days: number;
  time: string;
}

export const DEFAULT_RUN_CUTOFF: RunCutoff = { days: 1, time: '18:00' };

/** One run: its local date and window, and the UTC instants they stand for. */
export interface RunTime {
  localDate: string;
  opensAt: string;
  closesAt: string;
  startAt: string;
  endAt: string;
  /** The last instant an order may be placed for it. */
  cutoffAt: string;
}

/** How far ahead a run is looked for (two months covers a summer closure). */
export const RUN_SEARCH_DAYS = 62;

/** The cut-off instant of a run on `date`; a time skipped by the change to summer time moves to the next existing minute. */
export function cutoffOf(date: string, cutoff: RunCutoff, timeZone: string): string {
  const day = addDays(date, -cutoff.days);
  for (let minutes = minutesOf(cutoff.time); minutes < 24 * 60; minutes += 1) {
    const at = localToUtc(day, timeOf(minutes), timeZone);
    if (at) return at;
  }
  return localToUtc(addDays(day, 1), '00:00', timeZone)!;
}

/** The runs of a calendar from the local date of `nowAt`, in time order, over RUN_SEARCH_DAYS days. */
export function runsFrom(calendar: PlaceCalendar, cutoff: RunCutoff, nowAt: string, timeZone: string): RunTime[] {
  const today = localDateOf(nowAt, timeZone);
  const runs: RunTime[] = [];
  for (let day = 0; day < RUN_SEARCH_DAYS; day += 1) {
    const date = addDays(today, day);
    for (const range of rangesOn(calendar, date)) {
      const startAt = localToUtc(date, range.opensAt, timeZone);
      const endAt = localToUtc(date, range.closesAt, timeZone);
      if (startAt && endAt) runs.push({ localDate: date, opensAt: range.opensAt, closesAt: range.closesAt, startAt, endAt, cutoffAt: cutoffOf(date, cutoff, timeZone) });
    }
  }
  return runs;
}

/**
 * The run an order placed at `nowAt` rides: the first whose cut-off is still ahead and whose
 * window starts no earlier than `notBeforeAt` (the shops' goods at the counter).
 */
export function nextRun(calendar: PlaceCalendar, cutoff: RunCutoff, options: { nowAt: string; notBeforeAt: string; timeZone: string }): RunTime | undefined {
  const now = Date.parse(options.nowAt);
  const notBefore = Date.parse(options.notBeforeAt);
  return runsFrom(calendar, cutoff, options.nowAt, options.timeZone).find((run) => now < Date.parse(run.cutoffAt) && Date.parse(run.startAt) >= notBefore);
}

// ---------- the home-delivery zone ----------

/** Abbreviations people write for the kinds of French streets, spelt out before comparing. */
const STREET_WORDS: Readonly<Record<string, string>> = {
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  boul: 'boulevard',
  bvd: 'boulevard',
  ch: 'chemin',
  chem: 'chemin',
  crs: 'cours',
  imp: 'impasse',
  pl: 'place',
  pte: 'petite',
  r: 'rue',
  rte: 'route',
  all: 'allee',
  sq: 'square',
  qu: 'quai',
  st: 'saint',
  ste: 'sainte',
  fg: 'faubourg',
  fbg: 'faubourg',
  res: 'residence',
  gal: 'general',
  gen: 'general',
  mal: 'marechal',
  pdt: 'president',
};

/** Words that change nothing in a street's name (« rue de la Paix » = « rue Paix »). */
const LINKING_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd']);

function fold(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒ]/g, 'oe')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** « Av. Hélène-Boucher » and « avenue helene boucher » give the same key. */
export function streetKey(street: string): string {
  return fold(street)
    .map((word) => STREET_WORDS[word] ?? word)
    .filter((word) => !LINKING_WORDS.has(word))
    .join(' ');
}

/** « 12 bis, av. Hélène Boucher » → its number (« 12 bis ») and street; undefined number when none was typed. */
export function splitStreetNumber(addressLine: string): { number: string | undefined; street: string } {
  const match = /^\s*(\d+\s*(?:bis|ter|quater|[a-d])?\b)\s*,?\s*(.*)$/i.exec(addressLine);
  if (!match) return { number: undefined, street: addressLine.trim() };
  return { number: match[1].replace(/\s+/g, ' ').trim(), street: match[2].trim() };
}

/** A street of the zone, as the town wrote it. */
export interface ZoneStreet {
  street: string;
  postalCode: string;
}

/** Whether an address (« 8 rue Frédéric-Mistral », « 13800 ») is one of the zone's streets. */
export function isInZone(zone: readonly ZoneStreet[], address: { addressLine: string; postalCode: string }): boolean {
  const key = streetKey(splitStreetNumber(address.addressLine).street);
  const postalCode = address.postalCode.trim();
  return key.length > 0 && zone.some((street) => street.postalCode === postalCode && streetKey(street.street) === key);
}

/** Spaces around one optional « , » or « ; »: what may stand between a street and its postcode. */
function trimSeparator(text: string, side: 'start' | 'end'): string {
  const trimmed = side === 'start' ? text.trimStart() : text.trimEnd();
  const edge = side === 'start' ? trimmed.charAt(0) : trimmed.charAt(trimmed.length - 1);
  if (edge !== ',' && edge !== ';') return trimmed;
  return side === 'start' ? trimmed.slice(1).trimStart() : trimmed.slice(0, -1).trimEnd();
}

/**
 * « 13800 rue … » or « rue …, 13800 » → [street, postcode]; ['', ''] when neither. Done by
 * hand, not by a regular expression: one with a lazy street before `\s*[,;]?\s*` backtracks
 * in cubic time on a long line of spaces, and the form takes 50 000 characters.
 */
function splitZoneLine(line: string): [string, string] {
  const isPostcode = (text: string) => /^\d{5}$/.test(text);
  if (isPostcode(line.slice(0, 5))) {
    const street = trimSeparator(line.slice(5), 'start');
    if (street) return [street, line.slice(0, 5)];
  }
  if (line.length > 5 && isPostcode(line.slice(-5))) return [trimSeparator(line.slice(0, -5), 'end'), line.slice(-5)];
  return ['', ''];
}

/**
 * The town's list as typed in its form, one street a line, its postcode first or last
 * (« 13800 rue Frédéric Mistral », « avenue Hélène Boucher, 13800 »). Returns the streets
 * and the lines that could not be read, so the form can say which.
 */
export function parseZoneLines(text: string): { streets: ZoneStreet[]; unreadable: string[] } {
  const streets: ZoneStreet[] = [];
  const unreadable: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const [street, postalCode] = splitZoneLine(line);
    if (streetKey(street).length === 0) {
      unreadable.push(line);
      continue;
    }
    const key = `${streetKey(street)}|${postalCode}`;
    if (seen.has(key)) continue;
    seen.add(key);
    streets.push({ street: street.trim(), postalCode });
  }
  return { streets, unreadable };
}

/** The list back as the form shows it: « rue Frédéric Mistral, 13800 », one a line. */
export function formatZoneLines(zone: readonly ZoneStreet[]): string {
  return zone.map((street) => `${street.street}, ${street.postalCode}`).join('\n');
}

/** Who may be delivered at home: nobody, only members marked as needing it, or everyone. */
export type HomeDeliveryAudience = 'nobody' | 'needs_delivery' | 'everyone';
export const HOME_DELIVERY_AUDIENCES: readonly HomeDeliveryAudience[] = ['nobody', 'needs_delivery', 'everyone'];

export function mayHaveHomeDelivery(audience: HomeDeliveryAudience, member: { needsDelivery: boolean }): boolean {
  return audience === 'everyone' || (audience === 'needs_delivery' && member.needsDelivery);
}
