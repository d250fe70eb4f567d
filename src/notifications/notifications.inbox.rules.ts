// Rules of the inbox: the statuses of a mail received, and whether it really comes from the
// address in its From line. Anyone can write
// any From; the mail server that received the mail checks DKIM, SPF and DMARC and writes what
// it found in an Authentication-Results header (RFC 8601) on top of the mail. Headers lower
// down were written by earlier hops or by the sender, who can write anything: only the topmost
// is read (and, when the receiving server's name is set, only if that server wrote it), and of
// it only the results about the From address's domain. The verdict informs the concierge; it
// never blocks a mail.

import type { StatusTables, Transitions } from '../platform/transitions.ts';

export type InboundMailStatus =
  /** waiting for the concierge */
  | 'new'
  /** turned into an order (orderId is set) */
  | 'converted'
  /** read and filed without an order */
  | 'archived';

/** A mail is handled once: turned into an order or filed, never both, never back. */
export const INBOUND_MAIL_TRANSITIONS: Transitions<InboundMailStatus> = {
  new: ['converted', 'archived'],
  converted: [],
  archived: [],
};

/** The status columns of the notifications area and their tables. */
export const NOTIFICATIONS_STATUS_TABLES = {
  'inbound_mails.status': INBOUND_MAIL_TRANSITIONS,
} as const satisfies StatusTables;

/** What the receiving server found for the From domain; null: it reported nothing for it. */
export interface SenderAuthentication {
  /** The DKIM signature of the From domain (or a parent or child of it): pass, fail, none… */
  dkim: string | null;
  /** DMARC for the From domain: pass, fail, none (the domain publishes no policy)… */
  dmarc: string | null;
  /** SPF of the envelope sender, when its domain is the From domain's: pass, softfail… */
  spf: string | null;
}

export const NO_AUTHENTICATION: SenderAuthentication = { dkim: null, dmarc: null, spf: null };

/** One `method=result property=value…` of the header. */
interface MethodResult {
  method: string;
  result: string;
  properties: Record<string, string>;
}

/** A result word as RFC 8601 spells them (pass, softfail, temperror…); anything else is dropped. */
const RESULT_WORD = /^[a-z][a-z0-9_-]{0,31}$/;

/** The text without its (comments), which may nest; quoted strings are left as they are. */
function withoutComments(text: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += text.slice(index, index + 2);
      index += 1;
    } else if (quoted) {
      out += char;
      if (char === '"') quoted = false;
    } else if (char === '(') depth += 1;
    else if (char === ')' && depth > 0) depth -= 1;
    else if (depth === 0) {
      if (char === '"') quoted = true;
      out += char;
    }
  }
  return out;
}

/** Splits on `separator` outside quoted strings. */
function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let escaped = false;
  for (const char of text) {
    if (char === '"' && !escaped) quoted = !quoted;
    escaped = quoted && char === '\\' && !escaped;
    if (!quoted && separator.test(char)) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

function unquoted(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

/** `dkim=pass header.d=example.fr header.s=sel` (comments already removed), or undefined. */
function parseResult(resinfo: string): MethodResult | undefined {
  const [first, ...rest] = splitOutsideQuotes(resinfo.replace(/\s*=\s*/g, '='), /\s/);
  const match = /^([a-z0-9_-]+)(?:\/\d+)?=([a-z0-9_-]+)$/i.exec(first ?? '');
  if (!match || !RESULT_WORD.test(match[2].toLowerCase())) return undefined;
  const properties: Record<string, string> = {};
  for (const token of rest) {
    const equals = token.indexOf('=');
    if (equals > 0) properties[token.slice(0, equals).toLowerCase()] = unquoted(token.slice(equals + 1)).toLowerCase();
  }
  return { method: match[1].toLowerCase(), result: match[2].toLowerCase(), properties };
}

/** The authserv-id (the name of the server that wrote the header) and its results. */
export function parseAuthenticationResults(value: string): { authservId: string; results: MethodResult[] } {
  const [head = '', ...resinfos] = splitOutsideQuotes(withoutComments(value.replace(/\r?\n[ \t]+/g, ' ')), /;/);
  const authservId = unquoted(head.split(/\s+/)[0] ?? '').toLowerCase();
  const results = resinfos.map(parseResult).filter((result): result is MethodResult => result !== undefined);
  return { authservId, results };
}

function domainOf(addressOrDomain: string | undefined): string | undefined {
  if (!addressOrDomain) return undefined;
  const domain = addressOrDomain.slice(addressOrDomain.lastIndexOf('@') + 1).replace(/\.$/, '').toLowerCase();
  return domain.includes('.') ? domain : undefined;
}

/**
 * DMARC's relaxed alignment, without the public-suffix list: the same domain, or one a
 * subdomain of the other (`mail.exemple.fr` signs for `exemple.fr`). Two sister subdomains
 * are not recognised: the mail then shows as not verified, never the other way round.
 */
function aligned(domain: string | undefined, fromDomain: string): boolean {
  if (!domain) return false;
  return domain === fromDomain || fromDomain.endsWith(`.${domain}`) || domain.endsWith(`.${fromDomain}`);
}

/** The domain each method's result is about, by the properties RFC 8601 gives it. */
const DOMAIN_OF: Record<'dkim' | 'dmarc' | 'spf', (properties: Record<string, string>) => string | undefined> = {
  dkim: (properties) => domainOf(properties['header.d'] ?? properties['header.i']),
  dmarc: (properties) => domainOf(properties['header.from']),
  spf: (properties) => domainOf(properties['smtp.mailfrom']),
};

/**
 * The method's result for the From domain, a pass first when several signatures are. A DKIM
 * or SPF result must name its domain to count; DMARC is about the From domain by definition,
 * so a DMARC result that names none counts.
 */
function resultFor(method: 'dkim' | 'dmarc' | 'spf', results: MethodResult[], fromDomain: string): string | null {
  const mine = results.filter((result) => {
    if (result.method !== method) return false;
    const domain = DOMAIN_OF[method](result.properties);
    return method === 'dmarc' && !domain ? true : aligned(domain, fromDomain);
  });
  return (mine.find((result) => result.result === 'pass') ?? mine[0])?.result ?? null;
}

/**
 * The receiving server's verdict on the From address, from the mail's Authentication-Results
 * headers in their order in the mail (the topmost first). With `trustedAuthservId`, a topmost
 * header written under another name says nothing.
 */
export function senderAuthenticationOf(headers: readonly string[], fromAddress: string, trustedAuthservId?: string): SenderAuthentication {
  const fromDomain = domainOf(fromAddress);
  if (headers.length === 0 || !fromDomain) return NO_AUTHENTICATION;
  const { authservId, results } = parseAuthenticationResults(headers[0]);
  if (trustedAuthservId && authservId !== trustedAuthservId.toLowerCase()) return NO_AUTHENTICATION;
  return { dkim: resultFor('dkim', results, fromDomain), dmarc: resultFor('dmarc', results, fromDomain), spf: resultFor('spf', results, fromDomain) };
}

/**
 * Verified: DMARC passed for the From domain, or the domain has no DMARC policy and one of its
 * DKIM signatures passed. SPF alone is not enough: it vouches for the envelope, not the From.
 */
export function isSenderVerified(authentication: SenderAuthentication): boolean {
  if (authentication.dmarc === 'pass') return true;
  return (authentication.dmarc === null || authentication.dmarc === 'none') && authentication.dkim === 'pass';
}
