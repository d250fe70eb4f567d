// The counter's pages for repairs, all the concierge's: taking an item in, its moves (to the
// provider, back at the counter with its shelf and price, handed back), its label and the
// member's receipt as PDF, the provider's photos and invoice, and « Objets au comptoir ».
// Each form answers with the request's page; refused, it comes back on a page of its own
// with the message beside its field and what was typed kept.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Fields, formSchema, type FormValues } from '../../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage, type SubmittedForm } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { parseEuros } from '../../platform/money.ts';
import { MessageSummary, type FormState } from '../../ui/forms.tsx';
import { requestPath } from '../requests.paths.ts';
import { requestNumberLabel } from '../requests.rules.ts';
import { COUNTER_ITEMS_PATH, repairInvoicePath, repairPath } from './repairs.paths.ts';
import { repairLabel, repairReceipt, type Paper } from './repairs.papers.service.ts';
import { attachToRepair, itemsAtCounter, repairInvoice, repairRequestView } from './repairs.read.service.ts';
import { BONUS_CODES, isBonusCode, normaliseShelf } from './repairs.rules.ts';
import { backAtCounter, handBackItem, providerChoices, sendToProvider, takeInItem } from './repairs.service.ts';
import { AttachmentForm, CounterItemsPage, IntakeForm, RepairFormPage, ReturnForm } from './repairs.views.tsx';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const InvoiceParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), attachmentId: Type.String({ pattern: ID_PATTERN }) });

const required = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S', 'x-error': 'field.required' });
/** A price that may be left blank; when typed, it must read as euros. */
const optionalPrice = () => Type.Optional(Type.String({ maxLength: 20, pattern: '^\\s*$|^\\s*\\d{1,7}([.,]\\d{1,2})?\\s*€?\\s*$', 'x-error': 'field.price' }));

const IntakeBody = formSchema({
  idempotency_key: Fields.idempotencyKey(),
  description: required(200),
  provider: Type.String({ minLength: 1, pattern: ID_PATTERN, 'x-error': 'errors.repair_provider_unknown' }),
  shelf: required(20),
  price: optionalPrice(),
  bonus_eligible: Fields.checkbox(),
  bonus_code: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: ['', ...BONUS_CODES], 'x-error': 'errors.repair_bonus_code' })),
});
const ReturnBody = formSchema({ idempotency_key: Fields.idempotencyKey(), shelf: required(20), price: optionalPrice() });
const AttachBody = formSchema({
  idempotency_key: Fields.idempotencyKey(),
  kind: Fields.choice(['photo_before', 'photo_after', 'invoice'] as const),
  /** the uploaded file, as multipart hands it over; checked by the service */
  file: Type.Optional(Type.Unsafe<Buffer>({})),
});
const ButtonBody = formSchema({});

/** A price typed (or blank): cents, or null. The schema already refused what does not read as euros. */
function centsOrNull(input: string | undefined): number | null {
  return input && input.trim() !== '' ? (parseEuros(input) ?? null) : null;
}

function sendPdf(reply: FastifyReply, paper: Paper): FastifyReply {
  return reply.type('application/pdf').header('content-disposition', `inline; filename="${paper.filename}"`).header('cache-control', 'private, no-store').send(paper.bytes);
}

export async function repairsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  const upload = { multipartOptions: { limits: { fileSize: config.uploadMaxBytes + 1 }, throwFileSizeLimit: false } };

  /** The refused form on its own page. */
  async function formPage(request: FastifyRequest, reply: FastifyReply, id: string, action: string, form: (ctx: ReturnType<typeof pageContext>, view: Awaited<ReturnType<typeof repairRequestView>>) => preact.ComponentChildren) {
    const view = await repairRequestView(db, request.account, id);
    const ctx = pageContext(request, reply);
    return sendPage(reply, RepairFormPage({ ctx, number: view.request.number, requestId: id, action, children: form(ctx, view) }), 422);
  }

  const stateOf = (submitted: SubmittedForm): FormState => ({ values: submitted.values, errors: submitted.errors });

  formRoute(app, repairPath(':id', 'depot'), {
    body: IntakeBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const shelf = normaliseShelf(body.shelf);
      const bonusCode = body.bonus_code && isBonusCode(body.bonus_code) ? body.bonus_code : null;
      const input = { description: body.description.trim(), providerShopId: body.provider, shelf, agreedPriceCents: centsOrNull(body.price), bonusEligible: body.bonus_eligible === 'on', bonusCode };
      await takeInItem(db, config, request.account, id, input, body.idempotency_key);
      const view = await repairRequestView(db, request.account, id);
      return redirectTo(requestPath(id), t('repairs.intake.done', { number: requestNumberLabel(view.request.number), shelf }));
    },
    render: async (request, reply, submitted, { id }) => {
      const providers = await providerChoices(db);
      return formPage(request, reply, id, t('repairs.intake.title'), (ctx) => IntakeForm({ ctx, requestId: id, providers, state: stateOf(submitted) }));
    },
  });

  formRoute(app, repairPath(':id', 'retour'), {
    body: ReturnBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const shelf = normaliseShelf(body.shelf);
      await backAtCounter(db, config, request.account, id, { shelf, finalPriceCents: centsOrNull(body.price) }, body.idempotency_key);
      const view = await repairRequestView(db, request.account, id);
      return redirectTo(requestPath(id), t('repairs.actions.moved_back', { number: requestNumberLabel(view.request.number), shelf }));
    },
    render: (request, reply, submitted, { id }) =>
      formPage(request, reply, id, t('repairs.actions.back'), (ctx, view) =>
        view.item ? ReturnForm({ ctx, requestId: id, item: view.item, state: stateOf(submitted) }) : MessageSummary({ errors: submitted.errors }),
      ),
  });

  /** A one-button move: done, back to the request; refused, the message on a page of its own. */
  function buttonRoute(action: 'chez-artisan' | 'rendu', title: () => string, move: typeof sendToProvider, done: 'repairs.actions.moved_to_provider' | 'repairs.actions.handed_back') {
    formRoute(app, repairPath(':id', action), {
      body: ButtonBody,
      params: IdParams,
      preHandler: concierge,
      run: async (request, _body, { id }) => {
        await move(db, config, request.account, id);
        const view = await repairRequestView(db, request.account, id);
        return redirectTo(requestPath(id), t(done, { number: requestNumberLabel(view.request.number) }));
      },
      render: (request, reply, submitted, { id }) => formPage(request, reply, id, title(), () => MessageSummary({ errors: submitted.errors })),
    });
  }
  buttonRoute('chez-artisan', () => t('repairs.actions.to_provider'), sendToProvider, 'repairs.actions.moved_to_provider');
  buttonRoute('rendu', () => t('repairs.actions.hand_back'), handBackItem, 'repairs.actions.handed_back');

  formRoute(app, repairPath(':id', 'pieces'), {
    body: AttachBody,
    params: IdParams,
    preHandler: concierge,
    config: upload,
    run: async (request, body, { id }) => {
      await attachToRepair(db, config, request.account, id, { kind: body.kind, file: body.file }, body.idempotency_key);
      return redirectTo(requestPath(id), t('repairs.attachments.added'));
    },
    render: (request, reply, submitted, { id }) =>
      formPage(request, reply, id, t('repairs.attachments.title'), (ctx) => AttachmentForm({ ctx, requestId: id, state: { values: typedOnly(submitted.values), errors: submitted.errors } })),
  });

  app.get(repairPath(':id', 'etiquette.pdf'), { schema: { params: IdParams }, preHandler: concierge }, async (request, reply) =>
    sendPdf(reply, await repairLabel(db, config, request.account, request.params.id)),
  );
  app.get(repairPath(':id', 'recu.pdf'), { schema: { params: IdParams }, preHandler: concierge }, async (request, reply) =>
    sendPdf(reply, await repairReceipt(db, config, request.account, request.params.id)),
  );
  app.get(repairInvoicePath(':id', ':attachmentId'), { schema: { params: InvoiceParams }, preHandler: concierge }, async (request, reply) =>
    sendPdf(reply, await repairInvoice(db, request.account, request.params.id, request.params.attachmentId)),
  );

  app.get(COUNTER_ITEMS_PATH, { preHandler: concierge }, async (request, reply) =>
    sendPage(reply, CounterItemsPage({ ctx: pageContext(request, reply), shelves: await itemsAtCounter(db, request.account) })),
  );
}

/** What a refused upload form shows again: the typed fields, never the file. */
function typedOnly(values: FormValues): FormValues {
  const { file: _file, ...rest } = values;
  return rest;
}
