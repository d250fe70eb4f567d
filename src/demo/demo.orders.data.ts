// Figures behind the demo town's orders: which trades sell most (the article names food,
// clothing, chocolate and books as the most regular purchases), how busy each month is
// (December much busier, August quiet), how members order and pay, and what a shop writes
// when it cannot supply a line.
import type { Channel, CounterPaymentMethod } from '../orders/index.ts';

/** How often a trade's shops are chosen, relative to one another. */
export const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  alimentation: 3,
  habillement: 2.5,
  chocolaterie: 2.5,
  librairie: 2.5,
  fromagerie: 2.2,
  poissonnerie: 2,
  cave: 2,
  boulangerie: 1.5,
  boucherie: 1.5,
  primeur: 1.5,
  traiteur: 1.5,
  patisserie: 1.5,
  fleuriste: 1.2,
  chaussures: 1,
  jouets: 0.8,
  beaute: 0.8,
  papeterie: 0.7,
  maison: 0.7,
  bijouterie: 0.6,
  cordonnerie: 0.4,
  retouche: 0.4,
  sport: 0.4,
  optique: 0.3,
};

/** Activity by month, January first: Christmas shopping, a quiet August. */
export const MONTH_WEIGHTS: readonly number[] = [0.8, 0.85, 0.95, 1, 1, 0.95, 0.75, 0.6, 1, 1, 1.15, 1.8];

/** Activity by weekday, Monday first: more before the weekend. */
export const WEEKDAY_WEIGHTS: readonly number[] = [1, 1, 1, 1.05, 1.15, 0.9, 0.6];

/**
 * Orders a member might have placed over the year: [orders, chance]. More are drawn than
 * the year holds; the history stops at the yearly sales of the article (YEAR_SALES_CENTS).
 */
export const ORDERS_PER_MEMBER: ReadonlyArray<readonly [number, number]> = [
  [0, 0.3],
  [1, 0.26],
  [2, 0.15],
  [3, 0.1],
  [4, 0.05],
  [5, 0.04],
  [7, 0.03],
  [10, 0.02],
  [14, 0.01],
];

/** « Près de 400 adhérents, avec un panier moyen de 60 euros par an »: some 24 000 € a year. */
export const YEAR_SALES_CENTS = 400 * 6000;

/** Shops in one order: [shops, chance]. */
export const SHOPS_PER_ORDER: ReadonlyArray<readonly [number, number]> = [
  [1, 0.62],
  [2, 0.3],
  [3, 0.08],
];

export type Profile = 'working' | 'senior' | 'employee';

/** How each kind of member reaches the conciergerie: site most, the telephone for seniors. */
export const CHANNEL_MIX: Readonly<Record<Profile, ReadonlyArray<readonly [Channel, number]>>> = {
  working: [['site', 0.8], ['courriel', 0.1], ['comptoir', 0.06], ['telephone', 0.04]],
  senior: [['telephone', 0.6], ['comptoir', 0.25], ['courriel', 0.1], ['site', 0.05]],
  employee: [['site', 0.7], ['courriel', 0.25], ['telephone', 0.05]],
};

/** How each kind of member pays at the counter: the card most, seniors cash and cheques. */
export const PAYMENT_MIX: Readonly<Record<Profile, ReadonlyArray<readonly [CounterPaymentMethod, number]>>> = {
  working: [['card', 0.78], ['cash', 0.18], ['cheque', 0.04]],
  senior: [['cash', 0.4], ['card', 0.32], ['cheque', 0.28]],
  employee: [['card', 0.85], ['cash', 0.15]],
};

/** Trades whose goods wait in the fridge at the counter. */
export const CHILLED_CATEGORIES: ReadonlySet<string> = new Set(['poissonnerie', 'fromagerie', 'boucherie', 'traiteur']);
export const FRIDGES: readonly string[] = ['Frigo 1', 'Frigo 2'];
/** Shelves A to D, bins 1 to 6: « A1 » … « D6 ». */
export const SHELVES: readonly string[] = ['A', 'B', 'C', 'D'].flatMap((row) => [1, 2, 3, 4, 5, 6].map((bin) => `${row}${bin}`));

/** What a merchant writes when a line runs out. */
export const OUT_OF_STOCK_NOTES: readonly string[] = [
  'Dernière pièce vendue en boutique ce matin',
  'Arrivage manqué, plus rien avant la semaine prochaine',
  'Fournisseur en rupture',
  'Plus de stock dans cette taille',
  'Victime de son succès, épuisé',
];

/** Chances that, in the history, a member cancels, a shop runs out of a line, an order is never collected. */
export const CANCEL_SHARE = 0.025;
export const REFUSED_LINE_SHARE = 0.05;
export const REFUSED_PART_SHARE = 0.02;
export const NOT_COLLECTED_SHARE = 0.012;
