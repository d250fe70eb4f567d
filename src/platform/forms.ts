// Form schemas and their French messages. HTML forms send strings: schemas describe those
// strings (patterns, lengths) and services convert them. A schema may name the message of
// a failed check with `x-error`.
import { Type, type TSchema } from '@sinclair/typebox';
import { t, type MessageKey } from './i18n/index.ts';
import { parseClock } from './clock.ts';

export type FieldErrors = Record<string, string>;
/** What was typed, sent back into the form so nothing is lost. */
export type FormValues = Record<string, string | undefined>;

/** The key under which an error that belongs to no single field is shown. */
export const FORM_ERROR = '_form';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  parentSchema?: Record<string, unknown>;
}

function fieldOf(error: AjvError): string {
  if (error.keyword === 'required') return String(error.params.missingProperty);
  return error.instancePath.replace(/^\//, '').split('/')[0] || FORM_ERROR;
}

function messageOf(error: AjvError): string {
  const custom = error.parentSchema?.['x-error'];
  const limit = error.params.limit as number;
  switch (error.keyword) {
    case 'required':
      return t('field.required');
    case 'additionalProperties':
      return t('errors.unknown_field');
    case 'minLength':
      return limit <= 1 ? t('field.required') : custom ? t(custom as MessageKey) : t('field.too_short', { min: limit });
    case 'maxLength':
      return t('field.too_long', { max: limit });
    case 'minimum':
      return t('field.too_small', { min: limit });
    case 'maximum':
      return t('field.too_big', { max: limit });
    case 'enum':
      return custom ? t(custom as MessageKey) : t('field.choice');
    default:
      return custom ? t(custom as MessageKey) : t('field.invalid');
  }
}

/** Turns fastify's validation error into one French message per field (the first wins). */
export function fieldErrorsOf(validationError: unknown): FieldErrors {
  const list = ((validationError as { validation?: AjvError[] })?.validation ?? []) as AjvError[];
  const errors: FieldErrors = {};
  for (const error of list) {
    const field = error.keyword === 'additionalProperties' ? FORM_ERROR : fieldOf(error);
    errors[field] ??= messageOf(error);
  }
  if (Object.keys(errors).length === 0) errors[FORM_ERROR] = t('errors.bad_request');
  return errors;
}

/** The first message of a refused form, for the small forms that show one message. */
export function firstError(errors: FieldErrors): string {
  return Object.values(errors)[0] ?? t('errors.bad_request');
}

/** Keeps only string values of a submitted body, for redisplay. */
export function valuesOf(body: unknown): FormValues {
  const values: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' && key !== '_csrf') values[key] = value;
    }
  }
  return values;
}

// ---- schema pieces for form fields ----

export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';
const PHONE_PATTERN = '^(?:(?:\\+|00)33[\\s.-]?|0)[1-9](?:[\\s.-]?\\d{2}){4}$';

export const Fields = {
  text: (max: number, min = 1) => Type.String({ minLength: min, maxLength: max }),
  optionalText: (max: number) => Type.String({ maxLength: max }),
  email: () => Type.String({ minLength: 1, maxLength: 254, pattern: EMAIL_PATTERN, 'x-error': 'field.email' }),
  optionalEmail: () =>
    Type.String({ maxLength: 254, pattern: `^$|${EMAIL_PATTERN}`, 'x-error': 'field.email' }),
  optionalPhone: () => Type.String({ maxLength: 30, pattern: `^\\s*$|${PHONE_PATTERN}`, 'x-error': 'field.phone' }),
  phone: () => Type.String({ minLength: 1, maxLength: 30, pattern: PHONE_PATTERN, 'x-error': 'field.phone' }),
  postalCode: () => Type.String({ minLength: 1, pattern: '^\\d{5}$', 'x-error': 'field.postal_code' }),
  price: () =>
    Type.String({ minLength: 1, maxLength: 20, pattern: '^\\s*\\d{1,7}([.,]\\d{1,2})?\\s*€?\\s*$', 'x-error': 'field.price' }),
  integer: (min: number, max: number) =>
    Type.String({ minLength: 1, maxLength: 6, pattern: '^\\s*\\d+\\s*$', 'x-error': 'field.number', 'x-min': min, 'x-max': max }),
  optionalInteger: () => Type.String({ maxLength: 6, pattern: '^\\s*\\d*\\s*$', 'x-error': 'field.number' }),
  // An enum rather than a union of literals, so the refusal is one "choose" message.
  choice: <T extends string>(values: readonly T[]) =>
    Type.Unsafe<T>({ type: 'string', enum: [...values], 'x-error': 'field.choice' }),
  time: () => Type.String({ maxLength: 5, pattern: '^$|^([01]\\d|2[0-3]):[0-5]\\d$', 'x-error': 'field.time' }),
  checkbox: () => Type.Optional(Type.Literal('on')),
  csrf: () => Type.String({ maxLength: 200 }),
  /** The 6 digits of an authenticator app, a space or a dot in the middle allowed. */
  oneTimeCode: () => Type.String({ maxLength: 20, pattern: '^\\s*\\d{3}[\\s.-]?\\d{3}\\s*$', 'x-error': 'field.totp_code' }),
  idempotencyKey: () => Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
};

/** A form body: unknown fields are refused, the CSRF token is allowed. */
export function formSchema<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object({ ...properties, _csrf: Type.Optional(Fields.csrf()) }, { additionalProperties: false });
}

/** Normalises a French phone number for storage: "04.42.55.00.00" → "04 42 55 00 00". */
export function normalisePhone(input: string): string | null {
  const digits = input.replace(/\D/g, '').replace(/^(?:0033|33)/, '0');
  if (digits.length === 0) return null;
  const national = digits.startsWith('0') ? digits : `0${digits}`;
  return national.replace(/(\d{2})(?=\d)/g, '$1 ');
}

export function emptyToNull(input: string | undefined): string | null {
  const trimmed = (input ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** Message keys for the three ways an opening/closing pair of time fields can be wrong. */
export interface TimeRangeMessages {
  opensMissing: MessageKey;
  closesMissing: MessageKey;
  order: MessageKey;
}

/**
 * Reads one opening–closing pair of a hours form. Both empty: no range. Otherwise each
 * problem is written on the field to correct (a missing or malformed time on itself, a
 * closing time not after the opening on the closing field) and undefined is returned.
 */
export function readTimeRange(
  values: FormValues,
  fields: { opens: string; closes: string },
  messages: TimeRangeMessages,
  errors: Record<string, MessageKey>,
): { opensAt: string; closesAt: string } | undefined {
  const rawOpens = (values[fields.opens] ?? '').trim();
  const rawCloses = (values[fields.closes] ?? '').trim();
  if (rawOpens === '' && rawCloses === '') return undefined;
  if (rawOpens === '') errors[fields.opens] = messages.opensMissing;
  if (rawCloses === '') errors[fields.closes] = messages.closesMissing;
  const opensAt = parseClock(rawOpens);
  const closesAt = parseClock(rawCloses);
  if (rawOpens !== '' && !opensAt) errors[fields.opens] = 'field.time';
  if (rawCloses !== '' && !closesAt) errors[fields.closes] = 'field.time';
  if (!opensAt || !closesAt) return undefined;
  if (opensAt >= closesAt) {
    errors[fields.closes] = messages.order;
    return undefined;
  }
  return { opensAt, closesAt };
}
