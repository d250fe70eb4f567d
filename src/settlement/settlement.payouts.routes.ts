// Pages of payouts: /gestion/virements (statements to pay, batches), one batch and its steps
// (approve, sent to the bank, paid), its pain.001 file, and /boutique/:shopId/virements.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { Fields, formSchema, type FieldErrors } from '../platform/forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { keyAfterRefusal, newIdempotencyKey } from '../platform/idempotency/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { batchDetail, batchesPage, batchFile, moveBatchStep, payoutProposal, prepareBatch, shopPayouts, type BatchMove } from './settlement.payouts.service.ts';
import { BatchPage, batchPath, PAYOUTS_PATH, PayoutsPage, ShopPayoutsPage, shopPayoutsPath, STEP_PATHS, type ProposalForm } from './settlement.payouts.views.tsx';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
type IdParamsT = Static<typeof IdParams>;
const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });
type PageQueryT = Static<typeof PageQuery>;
const PrepareBody = formSchema({
  // one value per ticked box; a single one arrives as a string and is made a list
  releves: Type.Optional(Type.Array(Type.String({ pattern: ID_PATTERN }), { maxItems: 500 })),
  idempotency_key: Fields.idempotencyKey(),
});
type PrepareBodyT = Static<typeof PrepareBody>;
const StepBody = formSchema({ idempotency_key: Fields.idempotencyKey() });
type StepBodyT = Static<typeof StepBody>;

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** The key a refused form carried, kept so its repeat is still recognised; a new one if it was unusable. */
function keptKey(body: unknown): string {
  const key = (body as { idempotency_key?: unknown } | undefined)?.idempotency_key;
  return typeof key === 'string' && KEY_PATTERN.test(key) ? key : newIdempotencyKey();
}

function tickedOf(body: unknown): string[] {
  const raw = (body as { releves?: unknown } | undefined)?.releves;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return list.filter((id): id is string => typeof id === 'string' && new RegExp(ID_PATTERN).test(id));
}

const FLASH_OF: Record<BatchMove, Parameters<typeof t>[0]> = { approve: 'payouts.flash.approved', send: 'payouts.flash.sent', pay: 'payouts.flash.paid' };

export async function payoutsRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const concierge = requireRole('concierge');

  async function renderList(request: FastifyRequest, reply: FastifyReply, page: number, form: ProposalForm, status = 200) {
    const [proposal, batches] = await Promise.all([payoutProposal(db, request.account), batchesPage(db, request.account, page)]);
    const thresholdCents = config.payoutSecondApprovalAboveCents;
    return sendPage(reply, PayoutsPage({ ctx: pageContext(request, reply), proposal, form, thresholdCents, batches }), status);
  }

  app.get<{ Querystring: PageQueryT }>(PAYOUTS_PATH, { preHandler: concierge, schema: { querystring: PageQuery } }, async (request, reply) =>
    renderList(request, reply, request.query.page ?? 1, { idempotencyKey: newIdempotencyKey(), errors: {} }),
  );

  app.post(PAYOUTS_PATH, { preHandler: concierge, schema: { body: PrepareBody }, attachValidation: true }, async (request, reply) => {
    const form = readForm<PrepareBodyT>(request);
    const refused = (errors: FieldErrors, key = keptKey(request.body)) => renderList(request, reply, 1, { selected: tickedOf(request.body), idempotencyKey: key, errors }, 422);
    if (!form.ok) return refused(form.errors);
    const releves = form.body.releves ?? [];
    try {
      const batchId = await prepareBatch(db, config, request.account, releves, form.body.idempotency_key);
      setFlash(request, t('payouts.flash.prepared'));
      return redirectAfterPost(reply, batchPath(batchId));
    } catch (error) {
      return refused(domainErrorToFieldErrors(error, 'releves'), keyAfterRefusal(error, form.body.idempotency_key));
    }
  });

  async function renderBatch(request: FastifyRequest<{ Params: IdParamsT }>, reply: FastifyReply, form: { key: string; errors: FieldErrors }, status = 200) {
    const detail = await batchDetail(db, config, request.account, request.params.id);
    const page = BatchPage({ ctx: pageContext(request, reply), detail, thresholdCents: config.payoutSecondApprovalAboveCents, idempotencyKey: form.key, errors: form.errors });
    return sendPage(reply, page, status);
  }

  app.get<{ Params: IdParamsT }>(`${PAYOUTS_PATH}/:id`, { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) =>
    renderBatch(request, reply, { key: newIdempotencyKey(), errors: {} }),
  );

  app.get<{ Params: IdParamsT }>(`${PAYOUTS_PATH}/:id/fichier.xml`, { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const file = await batchFile(db, config, request.account, request.params.id);
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.xml);
  });

  for (const [move, segment] of Object.entries(STEP_PATHS) as Array<[BatchMove, string]>) {
    app.post<{ Params: IdParamsT }>(
      `${PAYOUTS_PATH}/:id/${segment}`,
      { preHandler: concierge, schema: { params: IdParams, body: StepBody }, attachValidation: true },
      async (request, reply) => {
        const form = readForm<StepBodyT>(request);
        if (!form.ok) return renderBatch(request, reply, { key: keptKey(request.body), errors: { _form: t('field.invalid') } }, 422);
        try {
          await moveBatchStep(db, config, request.account, request.params.id, move, form.body.idempotency_key);
        } catch (error) {
          return renderBatch(request, reply, { key: newIdempotencyKey(), errors: domainErrorToFieldErrors(error) }, 422);
        }
        setFlash(request, t(FLASH_OF[move]));
        return redirectAfterPost(reply, batchPath(request.params.id));
      },
    );
  }

  app.get<{ Params: Static<typeof ShopParams>; Querystring: PageQueryT }>(
    shopPayoutsPath(':shopId'),
    { preHandler: requireRole('merchant', 'concierge'), schema: { params: ShopParams, querystring: PageQuery } },
    async (request, reply) => {
      const result = await shopPayouts(db, request.account, request.params.shopId, request.query.page ?? 1);
      return sendPage(reply, ShopPayoutsPage({ ctx: pageContext(request, reply), ...result }));
    },
  );
}
