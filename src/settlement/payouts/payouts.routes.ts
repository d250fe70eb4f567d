// Pages of payouts: /gestion/virements (statements to pay, batches), one batch and its steps
// (approve, sent to the bank, paid), its pain.001 file, and /boutique/:shopId/virements.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Fields, formSchema, type FieldErrors } from '../../platform/forms.ts';
import { formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { batchDetail, batchesPage, batchFile, moveBatchStep, payoutProposal, prepareBatch, shopPayouts, type BatchMove } from './payouts.service.ts';
import { BatchPage, PayoutsPage, ShopPayoutsPage, type ProposalForm } from './payouts.views.tsx';
import { batchFilePath, batchPath, batchStepPath, PAYOUTS_PATH, shopPayoutsPath, STEP_PATHS } from '../settlement.paths.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });
const PrepareBody = formSchema({
  // one value per ticked box; a single one arrives as a string and is made a list
  releves: Type.Optional(Type.Array(Type.String({ pattern: ID_PATTERN }), { maxItems: 500 })),
  idempotency_key: Fields.idempotencyKey(),
});
const StepBody = formSchema({ idempotency_key: Fields.idempotencyKey() });

function tickedOf(body: unknown): string[] {
  const raw = (body as { releves?: unknown } | undefined)?.releves;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return list.filter((id): id is string => typeof id === 'string' && new RegExp(ID_PATTERN).test(id));
}

const FLASH_OF: Record<BatchMove, Parameters<typeof t>[0]> = { approve: 'payouts.flash.approved', send: 'payouts.flash.sent', pay: 'payouts.flash.paid' };

export async function payoutsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  async function renderList(request: FastifyRequest, reply: FastifyReply, page: number, form: ProposalForm, status = 200) {
    const [proposal, batches] = await Promise.all([payoutProposal(db, request.account), batchesPage(db, request.account, page)]);
    const thresholdCents = config.payoutSecondApprovalAboveCents;
    return sendPage(reply, PayoutsPage({ ctx: pageContext(request, reply), proposal, form, thresholdCents, batches }), status);
  }

  app.get(PAYOUTS_PATH, { preHandler: concierge, schema: { querystring: PageQuery } }, async (request, reply) =>
    renderList(request, reply, request.query.page ?? 1, { idempotencyKey: newIdempotencyKey(), errors: {} }),
  );

  formRoute(app, PAYOUTS_PATH, {
    body: PrepareBody,
    preHandler: concierge,
    errorField: 'releves',
    run: async (request, body) => {
      const batchId = await prepareBatch(db, config, request.account, body.releves ?? [], body.idempotency_key);
      return redirectTo(batchPath(batchId), t('payouts.flash.prepared'));
    },
    render: (request, reply, { values, errors }) => renderList(request, reply, 1, { selected: tickedOf(request.body), idempotencyKey: values.idempotency_key!, errors }, 422),
  });

  async function renderBatch(request: FastifyRequest, reply: FastifyReply, batchId: string, form: { key: string; errors: FieldErrors }, status = 200) {
    const detail = await batchDetail(db, config, request.account, batchId);
    const page = BatchPage({ ctx: pageContext(request, reply), detail, thresholdCents: config.payoutSecondApprovalAboveCents, idempotencyKey: form.key, errors: form.errors });
    return sendPage(reply, page, status);
  }

  app.get(batchPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => renderBatch(request, reply, request.params.id, { key: newIdempotencyKey(), errors: {} }));

  app.get(batchFilePath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const file = await batchFile(db, config, request.account, request.params.id);
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.xml);
  });

  for (const [move, segment] of Object.entries(STEP_PATHS) as Array<[BatchMove, (typeof STEP_PATHS)[BatchMove]]>) {
    formRoute(app, batchStepPath(':id', segment), {
      body: StepBody,
      params: IdParams,
      preHandler: concierge,
      run: async (request, body, { id }) => {
        await moveBatchStep(db, config, request.account, id, move, body.idempotency_key);
        return redirectTo(batchPath(id), t(FLASH_OF[move]));
      },
      // A broken form says so at the top; a refused step gets a new key, for a new attempt.
      render: (request, reply, { values, errors, error }, { id }) =>
        renderBatch(request, reply, id, error ? { key: newIdempotencyKey(), errors } : { key: values.idempotency_key!, errors: { _form: t('field.invalid') } }, 422),
    });
  }

  app.get(shopPayoutsPath(':shopId'), { preHandler: onlyRoles('merchant', 'concierge'), schema: { params: ShopParams, querystring: PageQuery } }, async (request, reply) => {
    const result = await shopPayouts(db, request.account, request.params.shopId, request.query.page ?? 1);
    return sendPage(reply, ShopPayoutsPage({ ctx: pageContext(request, reply), ...result }));
  });
}
