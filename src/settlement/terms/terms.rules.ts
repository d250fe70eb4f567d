// Rules of a shop's settlement terms: which rate is in force on a date, and whether the bank
// details and identifiers typed by the concierge are well formed. No I/O here.
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { BasisPoints } from '../../platform/money.ts';

/** The town's commission rate when none was ever recorded: 5 %. */
export const DEFAULT_COMMISSION_BP: BasisPoints = 500;
/** VAT on the commission when none was ever recorded: 20 %. */
export const DEFAULT_VAT_BP: BasisPoints = 2000;
/** A rate, commission or VAT, is between 0 and 100 %. */
export const MAX_RATE_BP: BasisPoints = 10_000;

/** One step of a rate's history: from `startsOn` (a local date) on, until the next step. */
export interface DatedRate<R> {
  startsOn: string;
  rate: R;
  /** Orders two steps starting the same day: the one recorded last wins. */
  recordedAt: string;
}

/** The rate of the latest step started on or before `date`; undefined before the first step. */
export function rateOnDate<R>(history: readonly DatedRate<R>[], date: string): DatedRate<R> | undefined {
  let found: DatedRate<R> | undefined;
  for (const step of history) {
    if (step.startsOn > date) continue;
    if (!found || step.startsOn > found.startsOn || (step.startsOn === found.startsOn && step.recordedAt > found.recordedAt)) found = step;
  }
  return found;
}

/**
 * A rate typed in percent (« 5 », « 4,5 », « 4.75 % ») → basis points; undefined when it is
 * not a number with at most two decimals. The range is checked apart (`isRateInRange`), so
 * « 150 » gets its own message.
 */
export function parsePercent(input: string): BasisPoints | undefined {
  const cleaned = input.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
  const match = /^(\d{1,5})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function isRateInRange(rate: BasisPoints): boolean {
  return Number.isInteger(rate) && rate >= 0 && rate <= MAX_RATE_BP;
}

/** « FR76 3000 6000 0112 3456 7890 189 » → « FR7630006000011234567890189 », or undefined when invalid. */
export function normaliseIban(input: string): string | undefined {
  const iban = electronicFormatIBAN(input.trim());
  if (!iban || !isValidIBAN(iban)) return undefined;
  return iban;
}

/** « bnpa fr pp xxx » → « BNPAFRPPXXX », or undefined when it is not a BIC. */
export function normaliseBic(input: string): string | undefined {
  const bic = input.replace(/\s/g, '').toUpperCase();
  if (!isValidBIC(bic)) return undefined;
  return bic;
}

/** Luhn checksum over digits (SIREN and SIRET use it). */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function isValidSiren(input: string): boolean {
  const siren = input.replace(/\s/g, '');
  return /^\d{9}$/.test(siren) && passesLuhn(siren);
}

/** The two-digit key of a French VAT number: (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchVatKey(siren: string): string {
  return String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');
}

/** « fr 40 303 265 045 » → « FR40303265045 », or undefined when the key or the SIREN is wrong. */
export function normaliseFrenchVatNumber(input: string): string | undefined {
  const vat = input.replace(/[\s.\-]/g, '').toUpperCase();
  const match = /^FR(\d{2})(\d{9})$/.exec(vat);
  if (!match) return undefined;
  const [, key, siren] = match;
  if (!isValidSiren(siren) || frenchVatKey(siren) !== key) return undefined;
  return vat;
}

/** The SIREN inside a French VAT number. */
export function sirenOfVatNumber(vat: string): string {
  return vat.slice(4);
}

/** « FR7630006000011234567890189 » → « •••• 0189 »: a merchant sees only the end of its IBAN. */
export function maskIban(iban: string): string {
  return `•••• ${iban.slice(-4)}`;
}

/** « FR7630006000011234567890189 » → « FR76 3000 6000 0112 3456 7890 189 ». */
export function groupIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}
