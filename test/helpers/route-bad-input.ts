// The bad input the matrix sends each form as its rightful owner: missing fields, lists for
// texts, 10 000 characters, impossible amounts, malformed ids, NUL characters.
import type { TSchema } from '@sinclair/typebox';
import { fill, propertiesOf, requiredOf, type Body } from './route-fill.ts';
import { ruleOf, type FoundRoute, type Who } from './route-table.ts';
import type { World } from './route-world.ts';

export const HUGE = 'x'.repeat(10_000);
export const MALFORMED_ID = 'pas-un-id';

/** Impossible amounts, by field; every amount field gets the default list. */
const BAD_NUMBERS: Record<string, readonly string[]> = {
  default: ['0', '0,00', '-1', '-0,01', '99999999999', '1e9', 'NaN', '12,345', '١٢'],
  quantity: ['0', '999999', '-1', '1.5', '1e3'],
  // No lead time (0 days) is a real answer.
  lead_time_days: ['-1', '999999', '1,5', '1e3', 'NaN'],
  latitude: ['91', '-91', '1e9', 'NaN', 'Infinity'],
  longitude: ['181', '-181', '1e9', 'NaN', 'Infinity'],
  slot_minutes: ['0', '7', '-30', '99999'],
  slot_capacity: ['0', '-5', '1e3', '9999999'],
};
const AMOUNT_FIELDS = new Set(['price', 'montant', 'amount', 'quantity', 'rate', 'vatRate', 'slot_minutes', 'slot_capacity', 'montant_cents', 'shown_cents', 'measure_amount', 'lead_time_days', 'latitude', 'longitude']);

/**
 * Forms that answer a forged body (one no page of the site sends) by starting their journey
 * again, without a message, each with why; what is asserted of them is that nothing is written.
 */
export const RESTART_ON_FORGED_BODY: Record<string, string> = {
  'POST /commande': 'a confirmation without a collection point or a slot goes back to the start of the checkout',
  'POST /gestion/commandes/nouvelle/:memberId/commande': 'an order without a collection point or a channel goes back to the member’s basket',
};

/** Forms that answer a refusal with a redirect to a page saying why, each with why. */
export const REFUSES_BY_REDIRECT: Record<string, string> = {
  'POST /connexion/code': 'without a password typed first there is no code to check: back to the password page, with the message',
};

/** Who sends a route its bad input: the first of those allowed (a visitor for public forms). */
export function ownerOf(route: FoundRoute): Who {
  return ruleOf(route)!.allow[0];
}

function isBounded(schema: TSchema): boolean {
  const s = schema as { maxLength?: number; enum?: unknown[]; const?: unknown; anyOf?: TSchema[]; type?: string; maxItems?: number; items?: TSchema };
  if (s.type === 'array') return s.maxItems !== undefined && s.items !== undefined && isBounded(s.items);
  return s.maxLength !== undefined || s.enum !== undefined || s.const !== undefined || (s.anyOf?.every(isBounded) ?? false);
}

function idFields(route: FoundRoute): string[] {
  return propertiesOf(route)
    .filter(([, schema]) => {
      const s = schema as { pattern?: string; items?: { pattern?: string } };
      return [s.pattern, s.items?.pattern].some((pattern) => pattern?.includes('[0-9a-f]{8}'));
    })
    .map(([name]) => name);
}

/** The bad bodies (and addresses) a form is sent, each named. */
export function badInputs(route: FoundRoute, url: string, valid: Body, world: World): Array<{ what: string; url: string; body: Body }> {
  const cases: Array<{ what: string; url: string; body: Body }> = [];
  const properties = propertiesOf(route);
  if (requiredOf(route).size > 0) cases.push({ what: 'no field at all', url, body: {} });
  cases.push({ what: 'an unknown field', url, body: { ...valid, champ_inconnu: 'valeur' } });
  if (properties.length > 0) {
    cases.push({ what: 'every field 10 000 characters long', url, body: Object.fromEntries(properties.map(([name, schema]) => [name, schema.type === 'array' ? [HUGE] : HUGE])) });
  }
  for (const [name, schema] of properties) {
    if (!isBounded(schema)) cases.push({ what: `« ${name} » 10 000 characters long (its schema sets no limit)`, url, body: { ...valid, [name]: HUGE } });
  }
  const scalars = Object.entries(valid).filter(([, value]) => typeof value === 'string');
  if (scalars.length > 0) cases.push({ what: 'every field sent twice (a list for a text)', url, body: Object.fromEntries(scalars.map(([name, value]) => [name, [String(value), `${String(value)}-bis`]])) });
  // No keyboard types a NUL, and PostgreSQL refuses one in any text: a refusal, never a 500.
  if (scalars.length > 0) cases.push({ what: 'a NUL character in every field', url, body: Object.fromEntries(scalars.map(([name, value]) => [name, `${String(value)}\u0000`])) });
  for (const [name] of properties.filter(([field]) => AMOUNT_FIELDS.has(field))) {
    for (const bad of BAD_NUMBERS[name] ?? BAD_NUMBERS.default) cases.push({ what: `« ${name} » = ${bad}`, url, body: { ...valid, [name]: bad } });
  }
  for (const name of idFields(route)) cases.push({ what: `« ${name} » a malformed id`, url, body: { ...valid, [name]: (properties.find(([field]) => field === name)![1].type === 'array' ? [MALFORMED_ID] : MALFORMED_ID) } });
  if (/:\w+/.test(route.url)) {
    const malformed = route.url.replace(/:(\w+)/, MALFORMED_ID);
    cases.push({ what: 'a malformed id in the address', url: fill(malformed, world) ?? malformed, body: valid });
  }
  return cases;
}

