// The mails about a member: those sent to them (the outbox, read as « Courriels envoyés ») and
// those they sent to the conciergerie (the inbox). A mail to the member is theirs entirely:
// on erasure its address, subject and text go; a mail to someone else that quotes them (a
// shop told « commande de Lucie Martin ») keeps its text with their name replaced.
import type { Executor } from '../db/index.ts';
import type { DataSubject, ErasedPerson, PersonalDataHolder } from '../platform/personal-data.ts';
import { scrubText } from '../platform/personal-data.repository.ts';
import { t } from '../platform/i18n/index.ts';

function addressesOf(person: Pick<ErasedPerson, 'email' | 'accountEmail'>): string[] {
  return [...new Set([person.email, person.accountEmail].filter((email): email is string => Boolean(email)))];
}

async function describeMails(trx: Executor, subject: DataSubject): Promise<Array<Record<string, unknown>>> {
  const memberId = subject.memberId;
  const addresses = addressesOf(subject);
  const sent = addresses.length === 0 ? [] : await trx.selectFrom('outbox').select(['recipient', 'subject', 'text_body', 'created_at', 'status']).where('recipient', 'in', addresses).orderBy('created_at').execute();
  const received = await trx
    .selectFrom('inbound_mails')
    .select(['from_address', 'subject', 'body_text', 'received_at'])
    .where((eb) => eb.or([eb('member_id', '=', memberId), ...(addresses.length ? [eb('from_address', 'in', addresses)] : [])]))
    .orderBy('received_at')
    .execute();
  return [
    ...sent.map((mail) => ({ sens: t('mydata.mail.sent'), à: mail.recipient, le: mail.created_at, objet: mail.subject, texte: mail.text_body })),
    ...received.map((mail) => ({ sens: t('mydata.mail.received'), de: mail.from_address, le: mail.received_at, objet: mail.subject, texte: mail.body_text })),
  ];
}

async function eraseMails(trx: Executor, person: ErasedPerson): Promise<number> {
  const addresses = addressesOf(person);
  let changed = 0;
  if (addresses.length > 0) {
    // A mail not sent yet is withdrawn with its sealed link: it must not reach the address later.
    const outbox = await trx
      .updateTable('outbox')
      .set({ recipient: '', subject: person.replacement, text_body: '', html_body: '', sealed_link: null, attachments: null, headers: null })
      .where('recipient', 'in', addresses)
      .executeTakeFirst();
    changed += Number(outbox.numUpdatedRows);
  }
  const inbox = await trx
    .updateTable('inbound_mails')
    .set({ from_address: '', from_name: person.replacement, subject: '', body_text: '' })
    .where((eb) => eb.or([eb('member_id', '=', person.memberId), ...(addresses.length ? [eb('from_address', 'in', addresses)] : [])]))
    .executeTakeFirst();
  changed += Number(inbox.numUpdatedRows);
  changed += await scrubText(trx, 'outbox', ['subject', 'text_body', 'html_body'], person);
  changed += await scrubText(trx, 'inbound_mails', ['from_name', 'subject', 'body_text'], person);
  return changed;
}

export const NOTIFICATIONS_PERSONAL_DATA: PersonalDataHolder = {
  name: t('mydata.section.mails'),
  describe: describeMails,
  openReasons: async () => [],
  erase: eraseMails,
};
