// Routes of the yearly review, for the town and the concierge: the page to ask for a year,
// the form that asks, a request's page (its progress, then its file), and the PDF.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Fields, formSchema } from '../../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { REVIEW_PATH, reviewPath, reviewPdfPath } from './review.paths.ts';
import { askForReview, currentYear, recentReviews, reviewFile, reviewRequest, type AskOutcome } from './review.service.ts';
import { ReviewPage, ReviewsPage } from './review.views.tsx';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
/** `actualiser=non`: the reader turned the page's reloading off. */
const RefreshQuery = Type.Object({ actualiser: Type.Optional(Type.Literal('non')) }, { additionalProperties: false });

const AskBody = formSchema({
  year: Type.String({ minLength: 1, maxLength: 10, pattern: '^\\s*\\d{4}\\s*$', 'x-error': 'yearly_review.error.year_digits' }),
  again: Fields.checkbox(),
});

const FLASH_OF: Record<AskOutcome, 'yearly_review.flash.queued' | 'yearly_review.flash.exists' | 'yearly_review.flash.under_way'> = {
  queued: 'yearly_review.flash.queued',
  exists: 'yearly_review.flash.exists',
  under_way: 'yearly_review.flash.under_way',
};

export async function reviewRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const townReaders = onlyRoles('town', 'concierge');

  async function listPage(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200): Promise<FastifyReply> {
    const requests = await recentReviews(db, request.account);
    const lastYear = currentYear(config.timeZone) - 1;
    return sendPage(reply, ReviewsPage({ ctx: pageContext(request, reply), state, requests, exampleYear: lastYear }), status);
  }

  app.get(REVIEW_PATH, { preHandler: townReaders }, async (request, reply) => listPage(request, reply, emptyForm({ year: String(currentYear(config.timeZone) - 1) })));

  formRoute(app, REVIEW_PATH, {
    body: AskBody,
    preHandler: townReaders,
    run: async (request, body) => {
      const { request: asked, outcome } = await askForReview(db, request.account, { year: body.year, again: body.again === 'on' }, config.timeZone);
      return redirectTo(reviewPath(asked.id), t(FLASH_OF[outcome], { year: asked.year }));
    },
    render: async (request, reply, form) => listPage(request, reply, { values: form.values, errors: form.errors }, 422),
  });

  app.get(reviewPath(':id'), { preHandler: townReaders, schema: { params: IdParams, querystring: RefreshQuery } }, async (request, reply) => {
    const asked = await reviewRequest(db, request.account, request.params.id);
    return sendPage(reply, ReviewPage({ ctx: pageContext(request, reply), request: asked, refreshes: request.query.actualiser !== 'non' }));
  });

  app.get(reviewPdfPath(':id'), { preHandler: townReaders, schema: { params: IdParams } }, async (request, reply) => {
    const file = await reviewFile(db, request.account, request.params.id);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`)
      .header('cache-control', 'private, no-store')
      .send(file.bytes);
  });
}
