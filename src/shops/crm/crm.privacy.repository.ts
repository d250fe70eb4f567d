// What the shops CRM may hold about a member: nothing by design (it is about shops and their
// people), but a concierge's free notes can name a resident (« rappeler Mme Roux, cliente »).
// Erasure scrubs those notes; there is nothing to export and nothing that blocks erasure.
import type { Executor } from '../../db/index.ts';
import { t } from '../../platform/i18n/index.ts';
import type { ErasedPerson, PersonalDataHolder } from '../../platform/personal-data.ts';
import { scrubText } from '../../platform/personal-data.repository.ts';

async function scrubCrmNotes(trx: Executor, person: ErasedPerson): Promise<number> {
  return (
    (await scrubText(trx, 'shop_interactions', ['met', 'notes'], person)) +
    (await scrubText(trx, 'shop_tasks', ['title', 'note'], person)) +
    (await scrubText(trx, 'shop_stage_events', ['note'], person)) +
    (await scrubText(trx, 'shop_contacts', ['person'], person))
  );
}

export const CRM_PERSONAL_DATA: PersonalDataHolder = {
  name: t('mydata.section.crm'),
  describe: async () => [],
  openReasons: async () => [],
  erase: scrubCrmNotes,
};
