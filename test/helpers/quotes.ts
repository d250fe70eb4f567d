// A small town for quote rounds: the counter, a concierge, a resident with an e-mail address,
// providers (one without e-mail), and a quote request taken on the phone; plus reading a
// provider's link back from the outbox, as the mail it receives carries it.
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { openLink } from '../../src/platform/mail/sealed-link.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { askForService } from '../../src/requests/requests.service.ts';
import { makeAccount } from './accounts.ts';
import { makePlace, makeResident, type Resident } from './orders.ts';
import { makeProvider } from './shops.ts';

/** Thursday 3 December 2026, 10:00 in Istres: quotes are valid « until the end of » local days. */
export const QUOTES_DAY = '2026-12-03T09:00:00.000Z';
export const TODAY = '2026-12-03';

/** A minimal PDF: what a provider's quote looks like to the checks (its first bytes). */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export interface QuotesTown {
  concierge: CurrentAccount & { password: string };
  resident: Resident;
  /** three plumbers with an address, one without */
  providers: { id: string; email: string | null; name: string }[];
}

export async function makeQuotesTown(db: Db, config: Config): Promise<QuotesTown> {
  await makePlace(db);
  const made = await makeAccount(db, config, 'concierge', { displayName: 'Nadia' });
  const concierge = { id: made.id, email: made.email, role: 'concierge' as const, displayName: 'Nadia', shopId: null, memberId: null, password: made.password };
  const resident = await makeResident(db, config);
  const names = ['Plomberie Martin', 'Sanitaires du Canal', 'Eau Service Istres', 'Robinetterie Durand'];
  const providers = [];
  for (const [index, name] of names.entries()) {
    const email = index === 3 ? null : `artisan${index}-${Date.now()}@exemple.fr`;
    providers.push({ id: await makeProvider(db, { tradeName: name, email }), email, name });
  }
  return { concierge, resident, providers };
}

/** A plumber's quote asked on the phone for the town's resident. */
export async function makeQuoteRequest(db: Db, config: Config, town: QuotesTown, title = 'Fuite sous l’évier de la cuisine'): Promise<string> {
  return askForService(db, config, town.concierge, { kind: 'quote', title, details: 'Le robinet goutte depuis une semaine.', memberId: town.resident.memberId, channel: 'phone' }, newIdempotencyKey());
}

/** The path of the personal link in the last mail sent to `recipient` whose subject matches. */
export async function linkInMail(db: Db, config: Config, recipient: string, subject: RegExp): Promise<string> {
  const rows = await db.selectFrom('outbox').select(['id', 'recipient', 'subject', 'sealed_link']).where('recipient', '=', recipient).orderBy('created_at', 'desc').execute();
  const row = rows.find((mail) => subject.test(mail.subject) && mail.sealed_link);
  if (!row?.sealed_link) throw new Error(`no mail « ${subject} » with a link to ${recipient}`);
  const link = openLink(config.sessionSecret, row.sealed_link, { mailId: row.id, recipient: row.recipient });
  if (!link) throw new Error('the sealed link does not open');
  return new URL(link).pathname;
}

/** The mails to `recipient`, newest first. */
export async function mailsTo(db: Db, recipient: string) {
  return db.selectFrom('outbox').select(['subject', 'text_body', 'sealed_link']).where('recipient', '=', recipient).orderBy('created_at', 'desc').execute();
}
