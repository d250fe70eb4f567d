// Rules of items left for repair or alteration: where an item can be, the moves the counter
// makes (each one a step of the request as well), and the bonus réparation of Refashion with
// its scale of amounts. Pure functions and data only.
import type { Cents } from '../../platform/money.ts';
import type { StatusTables, Transitions } from '../../platform/transitions.ts';
import type { RequestStatus } from '../requests.rules.ts';

/** Where the item is. */
export type ItemStatus =
  /** on a shelf of the counter: before it goes to the provider, or back and ready */
  | 'at_counter'
  /** at the provider's workshop */
  | 'at_provider'
  /** given back to its member: final */
  | 'handed_back';

export const ITEM_STATUSES: readonly ItemStatus[] = ['at_counter', 'at_provider', 'handed_back'];

/** The provider may have to redo the work: an item goes back from the counter to the provider. */
export const ITEM_TRANSITIONS: Transitions<ItemStatus> = {
  at_counter: ['at_provider', 'handed_back'],
  at_provider: ['at_counter'],
  handed_back: [],
};

export const REPAIRS_STATUS_TABLES = {
  'repair_items.status': ITEM_TRANSITIONS,
} as const satisfies StatusTables;

/** The buttons of the counter: each moves the item and, through the one door, the request. */
export type ItemMove = 'to_provider' | 'back_at_counter' | 'hand_back';

export const ITEM_MOVES: Readonly<Record<ItemMove, { item: ItemStatus; request: RequestStatus }>> = {
  /** « Porter chez l'artisan » */
  to_provider: { item: 'at_provider', request: 'at_provider' },
  /** « Revenu au comptoir »: asks the shelf and the final price */
  back_at_counter: { item: 'at_counter', request: 'ready' },
  /** « Rendu à l'adhérent » */
  hand_back: { item: 'handed_back', request: 'handed_back' },
};

/** The moves the counter may offer for a request at this step. */
export function movesFrom(status: RequestStatus): ItemMove[] {
  if (status === 'at_counter') return ['to_provider'];
  if (status === 'at_provider') return ['back_at_counter'];
  if (status === 'ready') return ['hand_back', 'to_provider'];
  return [];
}

// ---- bonus réparation (Refashion) ----

/**
 * Barème Refashion, à tenir à jour (refashion.fr, « bonus réparation », in force since
 * November 2023): the deduction per repair, in cents. Alterations (a hem, shortened sleeves)
 * are not repairs and get none.
 */
export const REFASHION_SCALE = {
  shoe_heel_tip: { family: 'shoes', cents: 700 },
  shoe_sole_patch: { family: 'shoes', cents: 800 },
  shoe_stitch_glue: { family: 'shoes', cents: 800 },
  shoe_resole_rubber: { family: 'shoes', cents: 1800 },
  shoe_resole_leather: { family: 'shoes', cents: 2500 },
  shoe_zip_short: { family: 'shoes', cents: 1000 },
  shoe_zip_long: { family: 'shoes', cents: 1400 },
  clothes_hole_tear: { family: 'clothes', cents: 700 },
  clothes_seam: { family: 'clothes', cents: 600 },
  clothes_seam_lined: { family: 'clothes', cents: 800 },
  clothes_zip_small: { family: 'clothes', cents: 800 },
  clothes_zip_large: { family: 'clothes', cents: 1000 },
  clothes_lining_simple: { family: 'clothes', cents: 1000 },
  clothes_lining_complex: { family: 'clothes', cents: 2500 },
} as const satisfies Record<string, { family: 'shoes' | 'clothes'; cents: Cents }>;

export type BonusCode = keyof typeof REFASHION_SCALE;
export const BONUS_CODES = Object.keys(REFASHION_SCALE) as BonusCode[];

/** The scale's conditions: a repair of at least 12 €, and a bonus of at most 60 % of its price. */
export const BONUS_MIN_PRICE_CENTS: Cents = 1200;
const BONUS_MAX_SHARE_PERCENT = 60;

export function isBonusCode(code: string): code is BonusCode {
  return (BONUS_CODES as readonly string[]).includes(code);
}

/** The deduction for a repair at `priceCents`: 0 when the provider is not labelled, the repair not on the scale, or too cheap. */
export function bonusCents(priceCents: Cents, eligible: boolean, code: string | null): Cents {
  if (!eligible || code === null || !isBonusCode(code) || priceCents < BONUS_MIN_PRICE_CENTS) return 0;
  const cap = Math.floor((priceCents * BONUS_MAX_SHARE_PERCENT) / 100);
  return Math.min(REFASHION_SCALE[code].cents, cap);
}

/** VAT on a craftsman's repair work: the normal rate. */
export const REPAIR_VAT_RATE_BP = 2000;

/** A shelf as typed (« b3 », « étagère B3 ») stored the same way each time: « B3 ». */
export function normaliseShelf(input: string): string {
  return input
    .trim()
    .replace(/^[ée]tag[èe]re\s*/i, '')
    .replace(/\s+/g, ' ')
    .toLocaleUpperCase('fr-FR');
}
