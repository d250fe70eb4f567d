// Seeded randomness for the demo town: the same seed gives the same town, ids included, so
// two fresh databases seeded the same day hold identical shops, offers and members.

/** mulberry32: a tiny 32-bit generator, good enough to pick names and prices. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a label, so each part of the town draws from its own stream. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < label.length; index += 1) {
    hash ^= label.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export const DEMO_SEED = 13800;

export class Random {
  private readonly next: () => number;

  /** One independent stream per label: adding a shop does not reshuffle the residents. */
  constructor(label: string, seed = DEMO_SEED) {
    this.next = mulberry32(hashLabel(`${seed}:${label}`));
  }

  /** A number in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Fisher–Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.next() * (index + 1));
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  /** `count` decimal digits as text. */
  digits(count: number): string {
    let text = '';
    for (let index = 0; index < count; index += 1) text += String(Math.floor(this.next() * 10));
    return text;
  }
}

/**
 * UUIDv7-shaped ids from a seeded stream: the time part is the row's creation instant (so
 * ids still sort by creation time, as `newId()` ones do), the rest comes from the seed.
 */
export class SeededIds {
  private readonly random: Random;

  constructor(label: string) {
    this.random = new Random(`ids:${label}`);
  }

  next(atIso: string): string {
    const bytes = Buffer.alloc(16);
    bytes.writeUIntBE(Date.parse(atIso), 0, 6);
    for (let index = 6; index < 16; index += 1) bytes[index] = this.random.int(0, 255);
    bytes[6] = (bytes[6] & 0x0f) | 0x70;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Instants of the demo, all derived from the day it is seeded (never from the clock's seconds). */
export class DemoCalendar {
  /** Midnight UTC of the seeding day. */
  readonly todayMs: number;
  readonly year: number;

  constructor(today: Date) {
    this.todayMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    this.year = today.getUTCFullYear();
  }

  /** Midnight UTC of a calendar day (month 1–12). */
  day(year: number, month: number, dayOfMonth: number): number {
    return Date.UTC(year, month - 1, dayOfMonth);
  }

  daysAgo(days: number): number {
    return this.todayMs - days * DAY_MS;
  }

  /**
   * A random instant from the day of `fromMs` to the day before `toMs`, during a working
   * day's hours (8:00–18:59 UTC), never after today. The instant may fall earlier on the
   * first day than `fromMs` itself: callers that need "after" take the later of the two.
   */
  between(random: Random, fromMs: number, toMs: number): string {
    const end = Math.min(toMs, this.todayMs);
    const start = Math.floor(Math.min(fromMs, end - DAY_MS) / DAY_MS) * DAY_MS;
    const days = Math.max(1, Math.floor((end - start) / DAY_MS));
    const dayMs = start + random.int(0, days - 1) * DAY_MS;
    return new Date(dayMs + random.int(8 * 60, 18 * 60 + 59) * 60_000 + random.int(0, 59) * 1000).toISOString();
  }

  /**
   * This spring's canvassing campaign (March to May), or last year's while this year's has
   * not really begun; never later than today.
   */
  campaign(): { fromMs: number; toMs: number } {
    const year = this.todayMs < this.day(this.year, 3, 15) ? this.year - 1 : this.year;
    return { fromMs: this.day(year, 3, 1), toMs: Math.min(this.day(year, 6, 1), this.todayMs) };
  }

  /** The later of two instants. */
  static later(a: string, b: string): string {
    return a > b ? a : b;
  }

  static plusDays(iso: string, days: number): string {
    return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
  }
}
