// Pages of invoices: a statement's invoices for the concierge (/gestion/releves/:id/facture),
// the commission invoices and credit notes as PDF, and a shop's invoices for its merchants
// (/boutique/:shopId/factures). See the area's index.ts for the words.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { Fields, formSchema, valuesOf, type FieldErrors } from '../platform/forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import {
  acceptDifference,
  cancelCommissionInvoice,
  commissionInvoicePdf,
  invoiceToCancel,
  issueSelfBilledInvoice,
  recordShopInvoice,
  shopInvoiceFile,
  shopInvoicesPage,
  statementInvoicing,
} from './settlement.invoices.service.ts';
import {
  acceptDifferencePath,
  cancelInvoicePath,
  CancelInvoicePage,
  selfBillPath,
  shopInvoicesPath,
  ShopInvoicesView,
  statementInvoicePath,
  StatementInvoicePage,
  type StatementInvoiceForms,
} from './settlement.invoices.views.tsx';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });
const ShopIdParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }), id: Type.String({ pattern: ID_PATTERN }) });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }, { additionalProperties: false });
type IdRoute = { Params: Static<typeof IdParams> };
type ShopIdRoute = { Params: Static<typeof ShopIdParams> };

/** The uploaded PDF, as multipart hands it over (a Buffer); checked by the service. */
const FileValue = Type.Optional(Type.Unsafe<Buffer>({}));
const RecordBody = formSchema({
  idempotency_key: Fields.idempotencyKey(),
  number: Type.String({ minLength: 1, maxLength: 40, pattern: '^\\s*[A-Za-z0-9][A-Za-z0-9 ./_-]*\\s*$', 'x-error': 'errors.invoice_number' }),
  invoice_date: Type.String({ minLength: 1, maxLength: 10, 'x-error': 'errors.invoice_date_format' }),
  amount: Type.String({ minLength: 1, maxLength: 20, 'x-error': 'errors.invoice_amount' }),
  file: FileValue,
});
const ReasonBody = formSchema({ reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', 'x-error': 'field.required' }) });
const CancelBody = formSchema({ idempotency_key: Fields.idempotencyKey(), reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', 'x-error': 'field.required' }) });
const KeyBody = formSchema({ idempotency_key: Fields.idempotencyKey() });

type RecordForm = Static<typeof RecordBody>;

function sendPdf(reply: FastifyReply, file: { filename: string; bytes: Buffer }): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`)
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

export async function invoicesRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const concierge = requireRole('concierge');
  const portal = requireRole('merchant', 'concierge');
  // One byte over the limit so a heavy file comes back as a message next to its field.
  const upload = { multipartOptions: { limits: { fileSize: config.uploadMaxBytes + 1 }, throwFileSizeLimit: false } };

  async function renderStatement(request: FastifyRequest, reply: FastifyReply, id: string, forms: Partial<StatementInvoiceForms>, status = 200) {
    const data = await statementInvoicing(db, request.account, id);
    const all: StatementInvoiceForms = { record: forms.record ?? emptyForm(), accept: forms.accept ?? emptyForm(), selfBill: forms.selfBill ?? emptyForm(), idempotencyKey: forms.idempotencyKey ?? newIdempotencyKey() };
    return sendPage(reply, StatementInvoicePage({ ctx: pageContext(request, reply), data, forms: all }), status);
  }

  app.get<IdRoute>(statementInvoicePath(':id'), { schema: { params: IdParams }, preHandler: concierge }, (request, reply) => renderStatement(request, reply, request.params.id, {}));

  app.post<IdRoute>(
    statementInvoicePath(':id'),
    { schema: { params: IdParams, body: RecordBody }, attachValidation: true, preHandler: concierge, config: upload },
    async (request, reply) => {
      const { id } = request.params;
      const form = readForm<RecordForm>(request);
      // Only the typed fields are kept (a browser never keeps a chosen file anyway).
      const values = valuesOf(request.body);
      const key = values.idempotency_key;
      const again = (errors: FieldErrors) => renderStatement(request, reply, id, { record: { values, errors }, idempotencyKey: key }, 422);
      if (!form.ok) return again(form.errors);
      try {
        await recordShopInvoice(db, config, request.account, id, { number: form.body.number, invoiceDate: form.body.invoice_date, amount: form.body.amount, file: form.body.file }, form.body.idempotency_key);
      } catch (error) {
        return again(domainErrorToFieldErrors(error));
      }
      const data = await statementInvoicing(db, request.account, id);
      setFlash(request, data.current?.status === 'difference' ? t('invoices.recorded_difference') : t('invoices.recorded_matched'));
      return redirectAfterPost(reply, statementInvoicePath(id));
    },
  );

  app.post<IdRoute>(acceptDifferencePath(':id'), { schema: { params: IdParams, body: ReasonBody }, attachValidation: true, preHandler: concierge }, async (request, reply) => {
    const { id } = request.params;
    const form = readForm<{ reason: string }>(request);
    const again = (errors: FieldErrors) => renderStatement(request, reply, id, { accept: { values: valuesOf(request.body), errors } }, 422);
    if (!form.ok) return again(form.errors);
    try {
      await acceptDifference(db, request.account, id, form.body.reason);
    } catch (error) {
      return again(domainErrorToFieldErrors(error, 'reason'));
    }
    setFlash(request, t('invoices.accepted'));
    return redirectAfterPost(reply, statementInvoicePath(id));
  });

  app.post<IdRoute>(selfBillPath(':id'), { schema: { params: IdParams, body: KeyBody }, attachValidation: true, preHandler: concierge }, async (request, reply) => {
    const { id } = request.params;
    const form = readForm<{ idempotency_key: string }>(request);
    if (!form.ok) return renderStatement(request, reply, id, { selfBill: { values: {}, errors: form.errors } }, 422);
    try {
      await issueSelfBilledInvoice(db, config, request.account, id, form.body.idempotency_key);
    } catch (error) {
      return renderStatement(request, reply, id, { selfBill: { values: {}, errors: domainErrorToFieldErrors(error) } }, 422);
    }
    setFlash(request, t('invoices.self_billed'));
    return redirectAfterPost(reply, statementInvoicePath(id));
  });

  // ---- commission invoices: PDF, and cancellation by a credit note ----

  app.get<IdRoute>('/gestion/factures/:id.pdf', { schema: { params: IdParams }, preHandler: concierge }, async (request, reply) =>
    sendPdf(reply, await commissionInvoicePdf(db, config, request.account, request.params.id)),
  );

  app.get<IdRoute>('/gestion/factures-recues/:id.pdf', { schema: { params: IdParams }, preHandler: concierge }, async (request, reply) =>
    sendPdf(reply, await shopInvoiceFile(db, request.account, request.params.id)),
  );

  async function renderCancel(request: FastifyRequest, reply: FastifyReply, id: string, state: FormState, key: string | undefined, status = 200) {
    const { invoice, number } = await invoiceToCancel(db, request.account, id);
    const page = CancelInvoicePage({ ctx: pageContext(request, reply), invoice, number, state, idempotencyKey: key ?? newIdempotencyKey() });
    return sendPage(reply, page, status);
  }

  app.get<IdRoute>(cancelInvoicePath(':id'), { schema: { params: IdParams }, preHandler: concierge }, (request, reply) => renderCancel(request, reply, request.params.id, emptyForm(), undefined));

  app.post<IdRoute>(cancelInvoicePath(':id'), { schema: { params: IdParams, body: CancelBody }, attachValidation: true, preHandler: concierge }, async (request, reply) => {
    const { id } = request.params;
    const form = readForm<{ idempotency_key: string; reason: string }>(request);
    const values = valuesOf(request.body);
    const again = (errors: FieldErrors) => renderCancel(request, reply, id, { values, errors }, values.idempotency_key, 422);
    if (!form.ok) return again(form.errors);
    let statementId: string;
    try {
      ({ statementId } = await cancelCommissionInvoice(db, config, request.account, id, form.body.reason, form.body.idempotency_key));
    } catch (error) {
      return again(domainErrorToFieldErrors(error, 'reason'));
    }
    setFlash(request, t('invoices.cancelled'));
    return redirectAfterPost(reply, statementInvoicePath(statementId));
  });

  // ---- a merchant: its shop's invoices ----

  app.get<{ Params: Static<typeof ShopParams>; Querystring: Static<typeof PageQuery> }>(
    shopInvoicesPath(':shopId'),
    { schema: { params: ShopParams, querystring: PageQuery }, preHandler: portal },
    async (request, reply) => {
      const data = await shopInvoicesPage(db, request.account, request.params.shopId, request.query.page ?? 1);
      return sendPage(reply, ShopInvoicesView({ ctx: pageContext(request, reply), data }));
    },
  );

  app.get<ShopIdRoute>('/boutique/:shopId/factures/:id.pdf', { schema: { params: ShopIdParams }, preHandler: portal }, async (request, reply) =>
    sendPdf(reply, await commissionInvoicePdf(db, config, request.account, request.params.id, request.params.shopId)),
  );

  app.get<ShopIdRoute>('/boutique/:shopId/factures-envoyees/:id.pdf', { schema: { params: ShopIdParams }, preHandler: portal }, async (request, reply) =>
    sendPdf(reply, await shopInvoiceFile(db, request.account, request.params.id, request.params.shopId)),
  );
}
