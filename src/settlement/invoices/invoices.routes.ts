// Pages of invoices: a statement's invoices for the concierge (/gestion/releves/:id/facture),
// the commission invoices and credit notes as PDF, and a shop's invoices for its merchants
// (/boutique/:shopId/factures). See the area's index.ts for the words.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Fields, formSchema } from '../../platform/forms.ts';
import { FormRefused, formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import {
  acceptDifference,
  cancelCommissionInvoice,
  commissionInvoicePdf,
  invoiceToCancel,
  issueSelfBilledInvoice,
  shopInvoiceFile,
  shopInvoicesPage,
  statementInvoicing,
} from './invoices.service.ts';
import { InvoiceFieldsMissing, recordUploadedShopInvoice } from './invoices.upload.service.ts';
import { CancelInvoicePage, ShopInvoicesView, StatementInvoicePage, type StatementInvoiceForms } from './invoices.views.tsx';
import { acceptDifferencePath, cancelInvoicePath, commissionPdfPath, receivedPdfPath, selfBillPath, shopCommissionPdfPath, shopInvoicesPath, shopOwnPdfPath, statementInvoicePath } from '../settlement.paths.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });
const ShopIdParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }), id: Type.String({ pattern: ID_PATTERN }) });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }, { additionalProperties: false });

/** The uploaded PDF, as multipart hands it over (a Buffer); checked by the service. */
const FileValue = Type.Optional(Type.Unsafe<Buffer>({}));
const RecordBody = formSchema({
  idempotency_key: Fields.idempotencyKey(),
  // Empty when the PDF is a Factur-X: its XML fills them (invoices.upload.service.ts).
  number: Type.Optional(Type.String({ maxLength: 40, pattern: '^(\\s*|\\s*[A-Za-z0-9][A-Za-z0-9 ./_-]*\\s*)$', 'x-error': 'errors.invoice_number' })),
  invoice_date: Type.Optional(Type.String({ maxLength: 10, 'x-error': 'errors.invoice_date_format' })),
  amount: Type.Optional(Type.String({ maxLength: 20, 'x-error': 'errors.invoice_amount' })),
  file: FileValue,
});
const ReasonBody = formSchema({ reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', 'x-error': 'field.required' }) });
const CancelBody = formSchema({ idempotency_key: Fields.idempotencyKey(), reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', 'x-error': 'field.required' }) });
const KeyBody = formSchema({ idempotency_key: Fields.idempotencyKey() });

function sendPdf(reply: FastifyReply, file: { filename: string; bytes: Buffer }): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`)
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

export async function invoicesRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  const portal = onlyRoles('merchant', 'concierge');
  // One byte over the limit so a heavy file comes back as a message next to its field.
  const upload = { multipartOptions: { limits: { fileSize: config.uploadMaxBytes + 1 }, throwFileSizeLimit: false } };

  async function renderStatement(request: FastifyRequest, reply: FastifyReply, id: string, forms: Partial<StatementInvoiceForms>, status = 200) {
    const data = await statementInvoicing(db, request.account, id);
    const all: StatementInvoiceForms = { record: forms.record ?? emptyForm(), accept: forms.accept ?? emptyForm(), selfBill: forms.selfBill ?? emptyForm(), idempotencyKey: forms.idempotencyKey ?? newIdempotencyKey() };
    return sendPage(reply, StatementInvoicePage({ ctx: pageContext(request, reply), data, forms: all }), status);
  }

  app.get(statementInvoicePath(':id'), { schema: { params: IdParams }, preHandler: concierge }, (request, reply) => renderStatement(request, reply, request.params.id, {}));

  formRoute(app, statementInvoicePath(':id'), {
    body: RecordBody,
    params: IdParams,
    preHandler: concierge,
    config: upload,
    run: async (request, body, { id }) => {
      const input = { number: body.number, invoiceDate: body.invoice_date, amount: body.amount, file: body.file };
      const recorded = await recordUploadedShopInvoice(db, config, request.account, id, input, body.idempotency_key).catch((error: unknown) => {
        if (!(error instanceof InvoiceFieldsMissing)) throw error;
        throw new FormRefused(Object.fromEntries(error.fields.map((field) => [field, t(`invoices.missing.${field}`)])));
      });
      const data = await statementInvoicing(db, request.account, id);
      const outcome = data.current?.status === 'difference' ? t('invoices.recorded_difference') : t('invoices.recorded_matched');
      return redirectTo(statementInvoicePath(id), recorded.readFromXml && data.current ? `${outcome} ${t('invoices.recorded_from_facturx', { number: data.current.number })}` : outcome);
    },
    // Only the typed fields are kept (a browser never keeps a chosen file anyway).
    render: (request, reply, { values, errors }, { id }) => renderStatement(request, reply, id, { record: { values, errors }, idempotencyKey: values.idempotency_key }, 422),
  });

  formRoute(app, acceptDifferencePath(':id'), {
    body: ReasonBody,
    params: IdParams,
    preHandler: concierge,
    errorField: 'reason',
    run: async (request, body, { id }) => {
      await acceptDifference(db, request.account, id, body.reason);
      return redirectTo(statementInvoicePath(id), t('invoices.accepted'));
    },
    render: (request, reply, { values, errors }, { id }) => renderStatement(request, reply, id, { accept: { values, errors } }, 422),
  });

  formRoute(app, selfBillPath(':id'), {
    body: KeyBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await issueSelfBilledInvoice(db, config, request.account, id, body.idempotency_key);
      return redirectTo(statementInvoicePath(id), t('invoices.self_billed'));
    },
    render: (request, reply, { errors }, { id }) => renderStatement(request, reply, id, { selfBill: { values: {}, errors } }, 422),
  });

  // ---- commission invoices: PDF, and cancellation by a credit note ----

  app.get(commissionPdfPath(':id'), { schema: { params: IdParams }, preHandler: concierge }, async (request, reply) =>
    sendPdf(reply, await commissionInvoicePdf(db, config, request.account, request.params.id)),
  );

  app.get(receivedPdfPath(':id'), { schema: { params: IdParams }, preHandler: concierge }, async (request, reply) =>
    sendPdf(reply, await shopInvoiceFile(db, request.account, request.params.id)),
  );

  async function renderCancel(request: FastifyRequest, reply: FastifyReply, id: string, state: FormState, key: string | undefined, status = 200) {
    const { invoice, number } = await invoiceToCancel(db, request.account, id);
    const page = CancelInvoicePage({ ctx: pageContext(request, reply), invoice, number, state, idempotencyKey: key ?? newIdempotencyKey() });
    return sendPage(reply, page, status);
  }

  app.get(cancelInvoicePath(':id'), { schema: { params: IdParams }, preHandler: concierge }, (request, reply) => renderCancel(request, reply, request.params.id, emptyForm(), undefined));

  formRoute(app, cancelInvoicePath(':id'), {
    body: CancelBody,
    params: IdParams,
    preHandler: concierge,
    errorField: 'reason',
    run: async (request, body, { id }) => {
      const { statementId } = await cancelCommissionInvoice(db, config, request.account, id, body.reason, body.idempotency_key);
      return redirectTo(statementInvoicePath(statementId), t('invoices.cancelled'));
    },
    render: (request, reply, state, { id }) => renderCancel(request, reply, id, state, state.values.idempotency_key, 422),
  });

  // ---- a merchant: its shop's invoices ----

  app.get(shopInvoicesPath(':shopId'), { schema: { params: ShopParams, querystring: PageQuery }, preHandler: portal }, async (request, reply) => {
    const data = await shopInvoicesPage(db, request.account, request.params.shopId, request.query.page ?? 1);
    return sendPage(reply, ShopInvoicesView({ ctx: pageContext(request, reply), data }));
  });

  app.get(shopCommissionPdfPath(':shopId', ':id'), { schema: { params: ShopIdParams }, preHandler: portal }, async (request, reply) =>
    sendPdf(reply, await commissionInvoicePdf(db, config, request.account, request.params.id, request.params.shopId)),
  );

  app.get(shopOwnPdfPath(':shopId', ':id'), { schema: { params: ShopIdParams }, preHandler: portal }, async (request, reply) =>
    sendPdf(reply, await shopInvoiceFile(db, request.account, request.params.id, request.params.shopId)),
  );
}
