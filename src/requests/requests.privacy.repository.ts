// What service requests keep about a member, for their data export and their erasure. The
// request rows stay for the town's figures (kind, status, dates); what the member wrote and
// what was written about them is cleared, and an item still at the counter or at a provider
// forbids erasure: it must be handed back first.
import type { Executor } from '../db/index.ts';
import type { DataSubject, ErasedPerson, PersonalDataHolder } from '../platform/personal-data.ts';
import { scrubText } from '../platform/personal-data.repository.ts';
import { t } from '../platform/i18n/index.ts';

async function describeRequests(trx: Executor, { memberId }: DataSubject): Promise<Array<Record<string, unknown>>> {
  const requests = await trx
    .selectFrom('service_requests')
    .select(['id', 'number', 'kind', 'status', 'title', 'details', 'answer', 'rating', 'rating_note', 'created_at'])
    .where('member_id', '=', memberId)
    .orderBy('created_at')
    .execute();
  if (requests.length === 0) return [];
  const messages = await trx
    .selectFrom('service_request_messages')
    .select(['request_id', 'author_label', 'body', 'at'])
    .where('request_id', 'in', requests.map((request) => request.id))
    .orderBy('at')
    .execute();
  return requests.map((request) => ({
    demande: request.number,
    type: request.kind,
    état: request.status,
    titre: request.title,
    détails: request.details,
    réponse: request.answer,
    note: request.rating,
    commentaire: request.rating_note,
    créée_le: request.created_at,
    messages: messages.filter((message) => message.request_id === request.id).map((message) => ({ de: message.author_label, le: message.at, texte: message.body })),
  }));
}

async function itemsNotHandedBack(trx: Executor, { memberId }: DataSubject): Promise<string[]> {
  const items = await trx
    .selectFrom('repair_items as i')
    .innerJoin('service_requests as r', 'r.id', 'i.request_id')
    .select(['r.number', 'i.description'])
    .where('r.member_id', '=', memberId)
    .where('i.status', '!=', 'handed_back')
    .execute();
  return items.map((item) => t('erasure.reason.repair_item', { number: String(item.number) }));
}

async function eraseRequests(trx: Executor, person: ErasedPerson): Promise<number> {
  const ids = trx.selectFrom('service_requests').select('id').where('member_id', '=', person.memberId);
  const own = await trx.updateTable('service_requests').set({ details: '', answer: null, rating_note: null }).where('member_id', '=', person.memberId).executeTakeFirst();
  const messages = await trx.updateTable('service_request_messages').set({ body: '' }).where('request_id', 'in', ids).executeTakeFirst();
  const notes = await trx.updateTable('service_request_events').set({ note: '' }).where('request_id', 'in', ids).executeTakeFirst();
  let changed = Number(own.numUpdatedRows) + Number(messages.numUpdatedRows) + Number(notes.numUpdatedRows);
  changed += await scrubText(trx, 'service_requests', ['title'], person);
  changed += await scrubText(trx, 'service_request_messages', ['author_label', 'body'], person);
  changed += await scrubText(trx, 'service_request_events', ['actor_label', 'note'], person);
  changed += await scrubText(trx, 'service_quotes', ['note', 'answered_by_label', 'accepted_by_label'], person);
  changed += await scrubText(trx, 'repair_items', ['description'], person);
  changed += await scrubText(trx, 'repair_item_moves', ['actor_label'], person);
  return changed;
}

export const REQUESTS_PERSONAL_DATA: PersonalDataHolder = {
  name: t('mydata.section.requests'),
  describe: describeRequests,
  openReasons: itemsNotHandedBack,
  erase: eraseRequests,
  activeSince: (db, sinceAt) => db.selectFrom('service_requests').select('member_id').where('created_at', '>=', sinceAt),
};
