// What the route matrix and the fuzzer check of an answer and of the database: a snapshot of
// every table to tell whether a request wrote, and refusals in the French of the dictionary.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './app.ts';
import type { Refusal } from './route-table.ts';
import { plain, visibleText } from './text.ts';
import { messages } from '../../src/platform/i18n/fr/index.ts';

// ---------- what the database holds ----------

/** Tables a refused request may still write: the session store, login throttling, the rate-limited forms' request counts, job leases. */
export const NOT_COMPARED = new Set(['sessions', 'login_throttles', 'rate_limit_windows', 'jobs']);

let tables: string[] | undefined;

export async function snapshot(ctx: TestApp): Promise<Map<string, string>> {
  tables ??= (await ctx.db.introspection.getTables()).map((table) => table.name).filter((name) => !NOT_COMPARED.has(name)).sort();
  const result = new Map<string, string>();
  for (const table of tables) {
    const rows = await ctx.db.selectFrom(table as 'shops').selectAll().execute();
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    result.set(table, `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`);
  }
  return result;
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).map((name) => `${name} (${before.get(name)?.split(':')[0]} → ${after.get(name)?.split(':')[0]} rows)`);
}

// ---------- French refusals ----------

export const TEMPLATES: RegExp[] = Object.values(messages as Record<string, string>)
  .filter((template) => template.length >= 12)
  .map((template) => {
    const parts = template.replace(/\u00a0|\u202f/g, ' ').split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(parts.join('.+?'));
  });

/** The refusal messages a page shows: beside fields, in the summary, or as an error page’s lead. */
export function refusalMessages(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<p class="field__error"[^>]*>([\s\S]*?)<\/p>/g)) found.push(visibleText(match[1].replace(/<span class="visually-hidden">[\s\S]*?<\/span>/, '')));
  for (const match of html.matchAll(/<div class="error-summary"[\s\S]*?<ul>([\s\S]*?)<\/ul>/g)) {
    for (const item of match[1].matchAll(/<li>([\s\S]*?)<\/li>/g)) found.push(visibleText(item[1]));
  }
  for (const match of html.matchAll(/<p class="lead">([\s\S]*?)<\/p>/g)) found.push(visibleText(match[1]));
  return found.filter((text) => text !== '');
}

/** A refusal in French: at least one message, each one of the dictionary’s. */
export function assertFrenchRefusal(response: LightMyRequestResponse, what: string): void {
  const json = String(response.headers['content-type']).startsWith('application/json');
  const shown = json ? [String((JSON.parse(response.body) as { message?: string }).message ?? '')].filter(Boolean) : refusalMessages(response.body);
  assert.ok(shown.length > 0, `${what}: no refusal message on the page (status ${response.statusCode})`);
  for (const text of shown) assert.ok(TEMPLATES.some((template) => template.test(text)), `${what}: « ${text} » is not a message of the French dictionary`);
}

/** How someone refused is answered: sent to log in, the French « not found » page, or a French message. */
export function assertRefused(response: LightMyRequestResponse, refusal: Refusal, what: string): void {
  if (refusal === 'login') {
    assert.equal(response.statusCode, 303, `${what}: a visitor is sent to log in (got ${response.statusCode})`);
    assert.match(String(response.headers.location), /^\/connexion(\?|$)/, `${what}: sent to /connexion`);
    return;
  }
  if (refusal === 'not_found') {
    assert.equal(response.statusCode, 404, `${what}: answers 404 (got ${response.statusCode})`);
    assert.ok(visibleText(response.body).includes(plain(messages['errors.not_found'])), `${what}: the French « not found » page`);
    return;
  }
  assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${what}: refused (got ${response.statusCode})`);
  assertFrenchRefusal(response, what);
}
