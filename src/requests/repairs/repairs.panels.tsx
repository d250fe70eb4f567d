// What repairs add to a request's pages: the concierge's intake, moves, papers, bonus and
// attachments; the member's and the follow page's « where is my item », without staff names.
import type { KindPanels, PanelInput } from '../requests.panels.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { repairOf } from './repairs.read.service.ts';
import { providerChoices } from './repairs.service.ts';
import { ConciergeRepair, ItemWhereabouts, type ConciergeForms } from './repairs.views.tsx';

/** Fresh forms, each with its own idempotency key. */
export function freshForms(): ConciergeForms {
  return {
    intake: emptyForm({ idempotency_key: newIdempotencyKey() }),
    back: emptyForm({ idempotency_key: newIdempotencyKey() }),
    attach: emptyForm({ idempotency_key: newIdempotencyKey() }),
  };
}

export const repairPanels: KindPanels = {
  concierge: async ({ db, ctx, file }: PanelInput) => {
    const [view, providers] = await Promise.all([repairOf(db, file.request), providerChoices(db)]);
    return ConciergeRepair({ ctx, view, providers, forms: freshForms() });
  },
  member: async ({ db, ctx, file }: PanelInput) => ItemWhereabouts({ view: await repairOf(db, file.request), timeZone: ctx.timeZone, heading: t('repairs.where.member_title') }),
  follow: async ({ db, ctx, file }: PanelInput) => ItemWhereabouts({ view: await repairOf(db, file.request), timeZone: ctx.timeZone, heading: t('repairs.where.member_title') }),
};
