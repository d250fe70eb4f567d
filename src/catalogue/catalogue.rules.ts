// Rules of the catalogue: what an offer is made of, how its availability and its price per
// kilo or litre read, and where it sits on the storefront.
import type { ErrorCode } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import { formatEuros, formatRate, parseEuros, pricePerKiloOrLitre, type BasisPoints, type Cents } from '../platform/money.ts';

/** Where an offer stands; only the first two are listed to the public. */
export type Availability =
  /** ready on the shelf: can be collected on the next round */
  | 'in_stock'
  /** prepared on demand, ready `leadTimeDays` days after the order */
  | 'made_to_order'
  /** taken off the lists by the merchant for a while; its page says it is unavailable */
  | 'paused'
  /** removed by the merchant: hidden everywhere, kept for the orders that name it */
  | 'withdrawn';

/** The availabilities a merchant chooses in the offer form. */
export const FORM_AVAILABILITIES = ['in_stock', 'made_to_order', 'paused'] as const;
export type FormAvailability = (typeof FORM_AVAILABILITIES)[number];
/** Shown in public lists (home, storefront, category, search, API). */
export const LISTED_AVAILABILITIES: readonly Availability[] = ['in_stock', 'made_to_order'];
/** Still managed by the merchant (and counted in the storefront's limit). */
export const ACTIVE_AVAILABILITIES: readonly Availability[] = ['in_stock', 'made_to_order', 'paused'];

/** French VAT rates a shop may charge, in basis points, in the order of the form. */
export const VAT_RATES_BP = [550, 1000, 2000, 210] as const;
export const MEASURE_UNITS = ['g', 'ml'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

/**
 * How much room one item of an offer takes in the tricycle or the van, in a few classes a
 * merchant can pick without weighing anything. A volume unit is about 10 litres, a
 * shopping bag's worth: a small item (a cheese, a book, a box of chocolates) fills one at
 * most; a medium one fills a cabas (30 L, a platter, a basket of vegetables); a bulky one is
 * a large box, a big plant or a small piece of furniture (80 L); a heavy one is compact but
 * weighs like a pack of six 1,5 L bottles (9 kg) or a 20 L bag of compost (10 to 15 kg).
 * The weights are generous typical figures, on purpose: a capacity check that errs makes a
 * second trip rather than an overloaded tricycle.
 */
export const LOAD_CLASSES = ['small', 'medium', 'large', 'heavy'] as const;
export type LoadClass = (typeof LOAD_CLASSES)[number];
/** What an offer is until its merchant says otherwise: most of what shops sell fits in a bag. */
export const DEFAULT_LOAD_CLASS: LoadClass = 'small';

/** The room a number of items takes. */
export interface Load {
  volumeUnits: number;
  weightGrams: number;
}

export const LOAD_OF_ONE: Readonly<Record<LoadClass, Load>> = {
  small: { volumeUnits: 1, weightGrams: 500 },
  medium: { volumeUnits: 3, weightGrams: 2_000 },
  large: { volumeUnits: 8, weightGrams: 6_000 },
  heavy: { volumeUnits: 3, weightGrams: 12_000 },
};

export function isLoadClass(value: unknown): value is LoadClass {
  return (LOAD_CLASSES as readonly unknown[]).includes(value);
}

/** The room `quantity` items of a class take (a whole number of items, 0 or more). */
export function loadOfClass(loadClass: LoadClass, quantity: number): Load {
  if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError(`not a number of items: ${quantity}`);
  const one = LOAD_OF_ONE[loadClass];
  return { volumeUnits: one.volumeUnits * quantity, weightGrams: one.weightGrams * quantity };
}

/** « petit », « moyen », « encombrant », « lourd ». */
export function loadClassLabel(loadClass: LoadClass): string {
  return t(`offer.load.${loadClass}`);
}

/** A storefront shows a few offers, not a shop's whole stock. */
export const MAX_OFFERS_PER_SHOP = 12;
export const MAX_LEAD_TIME_DAYS = 30;
export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const UNIT_MAX = 60;
/** 100 kg or 100 L: more is a typing mistake. */
export const MEASURE_MAX = 100_000;

export interface OfferInput {
  title: string;
  description: string;
  priceCents: Cents;
  vatRateBp: BasisPoints;
  unit: string;
  measureAmount: number | null;
  measureUnit: MeasureUnit | null;
  availability: FormAvailability;
  /** Days to prepare a made-to-order offer; kept while paused so resuming restores it. */
  leadTimeDays: number;
  loadClass: LoadClass;
}

/** The strings of the offer form, as its schema lets them through. */
export interface OfferForm {
  title: string;
  description?: string;
  price: string;
  vat_rate: string;
  unit: string;
  measure_amount?: string;
  measure_unit?: string;
  availability: string;
  lead_time_days?: string;
  load_class?: string;
}

function optionalNumber(input: string | undefined): number | null {
  const trimmed = (input ?? '').trim();
  return trimmed === '' ? null : Number(trimmed);
}

/**
 * Converts the form's strings; `offerProblem` then says what is wrong, if anything. A form
 * without a load class (an older client) keeps the offer's `currentLoadClass`.
 */
export function offerInputFromForm(form: OfferForm, currentLoadClass: LoadClass = DEFAULT_LOAD_CLASS): OfferInput {
  return {
    title: form.title.trim(),
    description: (form.description ?? '').trim(),
    priceCents: parseEuros(form.price) ?? Number.NaN,
    vatRateBp: Number(form.vat_rate),
    unit: form.unit.trim(),
    measureAmount: optionalNumber(form.measure_amount),
    measureUnit: form.measure_unit === 'g' || form.measure_unit === 'ml' ? form.measure_unit : null,
    availability: form.availability as FormAvailability,
    leadTimeDays: optionalNumber(form.lead_time_days) ?? 0,
    loadClass: (form.load_class ?? currentLoadClass) as LoadClass,
  };
}

function isWholeBetween(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** The first thing wrong with an offer, with the field it belongs to; undefined when valid. */
export function offerProblem(input: OfferInput): { code: ErrorCode; field: string } | undefined {
  if (input.title.length === 0 || input.title.length > TITLE_MAX) return { code: 'bad_request', field: 'title' };
  if (input.description.length > DESCRIPTION_MAX) return { code: 'bad_request', field: 'description' };
  if (input.unit.length === 0 || input.unit.length > UNIT_MAX) return { code: 'bad_request', field: 'unit' };
  if (!isWholeBetween(input.priceCents, 1, 99_999_999)) return { code: 'offer_price', field: 'price' };
  if (!(VAT_RATES_BP as readonly number[]).includes(input.vatRateBp)) return { code: 'offer_vat_rate', field: 'vat_rate' };
  if ((input.measureAmount === null) !== (input.measureUnit === null)) {
    return { code: 'offer_measure', field: input.measureAmount === null ? 'measure_amount' : 'measure_unit' };
  }
  if (input.measureAmount !== null && !isWholeBetween(input.measureAmount, 1, MEASURE_MAX)) {
    return { code: 'offer_measure', field: 'measure_amount' };
  }
  if (!(FORM_AVAILABILITIES as readonly string[]).includes(input.availability)) return { code: 'bad_request', field: 'availability' };
  if (input.availability === 'made_to_order' && !isWholeBetween(input.leadTimeDays, 1, MAX_LEAD_TIME_DAYS)) {
    return { code: 'offer_lead_time', field: 'lead_time_days' };
  }
  if (!isWholeBetween(input.leadTimeDays, 0, MAX_LEAD_TIME_DAYS)) return { code: 'offer_lead_time', field: 'lead_time_days' };
  if (!isLoadClass(input.loadClass)) return { code: 'offer_load_class', field: 'load_class' };
  return undefined;
}

/** An in-stock offer needs no preparation time. */
export function storedLeadTime(input: OfferInput): number {
  return input.availability === 'in_stock' ? 0 : input.leadTimeDays;
}

/** A paused offer comes back made to order when it had a lead time, in stock otherwise. */
export function resumedAvailability(leadTimeDays: number): Availability {
  return leadTimeDays > 0 ? 'made_to_order' : 'in_stock';
}

export function isListed(availability: Availability): boolean {
  return LISTED_AVAILABILITIES.includes(availability);
}

/** Whether the offer's own page exists for the public (a paused one says it is unavailable). */
export function hasPublicPage(availability: Availability): boolean {
  return availability !== 'withdrawn';
}

/** « En stock », « Sur commande : prêt en 2 jours », « Momentanément indisponible ». */
export function availabilityLabel(availability: Availability, leadTimeDays: number): string {
  switch (availability) {
    case 'in_stock':
      return t('offer.availability.in_stock');
    case 'made_to_order':
      return leadTimeDays === 1 ? t('offer.availability.made_to_order_one') : t('offer.availability.made_to_order', { days: leadTimeDays });
    case 'paused':
      return t('offer.availability.paused');
    case 'withdrawn':
      return t('offer.availability.withdrawn');
  }
}

/** The CSS badge of an availability. */
export function availabilityBadge(availability: Availability): string {
  return { in_stock: 'badge--stock', made_to_order: 'badge--order', paused: 'badge--paused', withdrawn: 'badge--paused' }[availability];
}

/** Price per kilo (grams) or per litre (millilitres), when a net quantity is given. */
export function unitPrice(priceCents: Cents, measureAmount: number | null, measureUnit: MeasureUnit | null): { cents: Cents; per: 'kg' | 'l' } | null {
  if (measureAmount === null || measureUnit === null || measureAmount <= 0) return null;
  return { cents: pricePerKiloOrLitre(priceCents, measureAmount), per: measureUnit === 'g' ? 'kg' : 'l' };
}

/** « 24,00 € le kg », « 10,67 € le litre ». */
export function unitPriceLabel(priceCents: Cents, measureAmount: number | null, measureUnit: MeasureUnit | null): string | null {
  const price = unitPrice(priceCents, measureAmount, measureUnit);
  if (!price) return null;
  return t(price.per === 'kg' ? 'offer.per_kg' : 'offer.per_litre', { price: formatEuros(price.cents) });
}

/** « 500 g », « 750 ml », « 1,5 kg ». */
export function measureLabel(measureAmount: number | null, measureUnit: MeasureUnit | null): string | null {
  if (measureAmount === null || measureUnit === null) return null;
  const number = (value: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 }).format(value);
  if (measureAmount >= 1000) return `${number(measureAmount / 1000)} ${measureUnit === 'g' ? 'kg' : 'L'}`;
  return `${number(measureAmount)} ${measureUnit}`;
}

export function vatRateLabel(rate: BasisPoints): string {
  return formatRate(rate);
}

/**
 * New positions after moving `id` one step up or down in `orderedIds` (storefront order);
 * undefined when it is already at that end or not in the list.
 */
export function movedPositions(orderedIds: readonly string[], id: string, direction: 'up' | 'down'): Array<{ id: string; position: number }> | undefined {
  const index = orderedIds.indexOf(id);
  const target = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= orderedIds.length) return undefined;
  const order = [...orderedIds];
  [order[index], order[target]] = [order[target], order[index]];
  return order.map((offerId, position) => ({ id: offerId, position: position + 1 }));
}

/** Page count of a list, at least 1 so an empty list still has its page. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
