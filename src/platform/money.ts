// Money is integer cents; VAT and commission rates are basis points (2000 = 20 %).
import { NBSP } from './typography.ts';

export type Cents = number;
export type BasisPoints = number;

/** Rounds a non-integer amount of cents half away from zero, once, here only. */
export function roundHalfUp(value: number): Cents {
  // `|| 0` turns -0 into 0, which would print as « -0,00 € ».
  return (value < 0 ? -Math.round(-value) : Math.round(value)) || 0;
}

/** Cents × rate in basis points, rounded half-up once. */
export function applyRate(amount: Cents, rate: BasisPoints): Cents {
  // Integer arithmetic first, so 0.5 boundaries are exact.
  const scaled = amount * rate;
  const quotient = Math.trunc(scaled / 10_000);
  const remainder = Math.abs(scaled % 10_000);
  const sign = scaled < 0 ? -1 : 1;
  return quotient + (remainder >= 5_000 ? sign : 0);
}

const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** 1250 → "12,50 €" (with the French narrow no-break spaces). */
export function formatEuros(amount: Cents): string {
  return euroFormat.format(amount / 100);
}

/** 550 → "5,5 %", the sign glued to its number. */
export function formatRate(rate: BasisPoints): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(rate / 100)}${NBSP}%`;
}

/**
 * Parses what a person types as an amount in euros ("12", "12,5", "12.50", "1 234,56 €")
 * into cents; undefined when it is not an amount with at most two decimals.
 */
export function parseEuros(input: string): Cents | undefined {
  const cleaned = input.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Cents → "12,50" for a form field. */
export function centsToInput(amount: Cents): string {
  return (amount / 100).toFixed(2).replace('.', ',');
}

/** Price per kg or per litre from a price and a net quantity in grams or millilitres. */
export function pricePerKiloOrLitre(price: Cents, measureAmount: number): Cents {
  return roundHalfUp((price * 1000) / measureAmount);
}
