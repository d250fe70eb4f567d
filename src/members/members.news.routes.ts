// The concierge's news mail (write → preview → send) and the retention job's dry run.
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Fields, formSchema } from '../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../platform/http.ts';
import { t, tPlural } from '../platform/i18n/index.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import type { PersonalDataHolder } from '../platform/personal-data.ts';
import { emptyForm } from '../ui/forms.tsx';
import { MEMBERS_PATH, NEWS_PATH, NEWS_PREVIEW_PATH, NEWS_SEND_PATH, RETENTION_PATH } from './members.paths.ts';
import { SEGMENTS } from './members.segments.ts';
import { countNewsRecipients, sendNews, type NewsDraft, type SegmentSettings } from './members.news.service.ts';
import { retentionReportForConcierge } from './members.privacy.service.ts';
import { listErasures } from './members.privacy.repository.ts';
import { NewsFormPage, NewsPreviewPage, RetentionPage } from './members.news.views.tsx';

const draftFields = {
  segment: Fields.choice(SEGMENTS),
  subject: Type.String({ minLength: 1, maxLength: 150, pattern: '\\S', 'x-error': 'field.required' }),
  body: Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S', 'x-error': 'field.required' }),
};
/** The preview writes nothing; the key of the sending is drawn with the preview, so a double click on « Envoyer » sends once. */
const DraftBody = formSchema(draftFields);
const NewsBody = formSchema({ ...draftFields, idempotency_key: Fields.idempotencyKey() });

function draftOf(body: Static<typeof DraftBody>): NewsDraft {
  return { segment: body.segment, subject: body.subject.trim(), body: body.body.trim() };
}

export async function newsRoutes(instance: FastifyInstance, holders: readonly PersonalDataHolder[]): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  const settings: SegmentSettings = { hamletName: config.hamletName, activity: holders.flatMap((holder) => (holder.activeSince ? [holder.activeSince] : [])) };
  const renderForm = (request: Parameters<typeof pageContext>[0], reply: Parameters<typeof pageContext>[1], state = emptyForm({ segment: 'all' })) =>
    sendPage(reply, NewsFormPage({ ctx: pageContext(request, reply), state }), Object.keys(state.errors).length > 0 ? 422 : 200);

  app.get(NEWS_PATH, { preHandler: concierge }, async (request, reply) => renderForm(request, reply));

  // A POST that only shows: nothing is written until « Envoyer la lettre ».
  formRoute(app, NEWS_PREVIEW_PATH, {
    body: DraftBody,
    preHandler: concierge,
    run: async (request, body, _params, { reply }) => {
      const recipients = await countNewsRecipients(db, request.account, body.segment, settings);
      const state = emptyForm({ idempotency_key: newIdempotencyKey(), segment: body.segment, subject: body.subject, body: body.body });
      return sendPage(reply, NewsPreviewPage({ ctx: pageContext(request, reply), state, recipients }));
    },
    render: (request, reply, state) => renderForm(request, reply, state),
  });

  formRoute(app, NEWS_SEND_PATH, {
    body: NewsBody,
    preHandler: concierge,
    run: async (request, body) => {
      const recipients = await sendNews(db, config, request.account, body.idempotency_key, draftOf(body), settings);
      return redirectTo(MEMBERS_PATH, tPlural('news.sent', recipients));
    },
    render: (request, reply, state) => renderForm(request, reply, state),
  });

  app.get(RETENTION_PATH, { preHandler: concierge }, async (request, reply) => {
    const report = await retentionReportForConcierge(db, config, holders, request.account);
    const log = await listErasures(db, 20);
    return sendPage(reply, RetentionPage({ ctx: pageContext(request, reply), report, years: config.retentionYears, jobLabel: t('jobs.label.member_retention'), log }));
  });
}
