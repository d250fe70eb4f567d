// Importing the town's list of shops (concierge only): upload, mapping and preview, import;
// and the directory as a CSV in the same format. The uploaded file is kept in the database
// between the steps (tied to the account, refused after a day) rather than sent back and forth
// in hidden fields: a town's list may weigh a megabyte, and the steps then need no JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { assertConcierge } from '../../platform/actor.ts';
import { Fields, formSchema } from '../../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { csvStream } from '../../platform/spreadsheets.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { DIRECTORY_PATH, EXPORT_SHOPS_PATH, IMPORT_SHOPS_PATH, shopImportPath } from '../shops.paths.ts';
import { stageLabel } from '../shops.views.tsx';
import type { ShopStage } from '../shops.rules.ts';
import { IMPORT_FIELDS, IMPORT_MAX_BYTES } from './import.rules.ts';
import { directoryForExport, exportColumns, getImport, importShopList, previewImport, uploadShopList, type MappingChoice } from './import.service.ts';
import { ImportedPage, PreviewPage, UploadPage } from './import.views.tsx';

const COLUMN = Type.String({ pattern: '^\\d{0,3}$' });
const MappingFields = {
  col_trade_name: Type.Optional(COLUMN),
  col_legal_name: Type.Optional(COLUMN),
  col_siret: Type.Optional(COLUMN),
  col_address_line: Type.Optional(COLUMN),
  col_postal_code: Type.Optional(COLUMN),
  col_city: Type.Optional(COLUMN),
  col_phone: Type.Optional(COLUMN),
  col_email: Type.Optional(COLUMN),
  col_category: Type.Optional(COLUMN),
  categorie_defaut: Type.Optional(Type.String({ pattern: '^[a-z0-9_-]{0,40}$' })),
};
const MappingQuery = Type.Object(MappingFields, { additionalProperties: false });
const ImportBody = formSchema({ ...MappingFields, idempotency_key: Fields.idempotencyKey() });
/** The uploaded file, as multipart hands it over (a Buffer); checked by the service. */
const UploadBody = formSchema({ file: Type.Optional(Type.Unsafe<Buffer>({})) });
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

/** The mapping as the selects (or the hidden fields) sent it. */
function choiceOf(values: Partial<Record<string, string>>): MappingChoice {
  const sent = IMPORT_FIELDS.some((field) => values[`col_${field}`] !== undefined);
  const columns = sent ? Object.fromEntries(IMPORT_FIELDS.map((field) => [field, values[`col_${field}`] ?? ''])) : undefined;
  return { columns, defaultCategory: values.categorie_defaut || undefined };
}

/** The directory's filename, dated so two exports do not overwrite each other. */
function exportFileName(): string {
  return `commerces-${new Date().toISOString().slice(0, 10)}.csv`;
}

export async function importRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const concierge = onlyRoles('concierge');
  // Two bytes over the limit so a heavy file reaches the service, which says so next to the field.
  const upload = { multipartOptions: { limits: { fileSize: IMPORT_MAX_BYTES + 2 }, throwFileSizeLimit: false } };

  async function renderPreview(request: FastifyRequest, reply: FastifyReply, id: string, state: FormState, status = 200) {
    const file = await getImport(db, request.account, id);
    if (file.importedAt) return sendPage(reply, ImportedPage({ ctx: pageContext(request, reply), created: file.createdCount ?? 0, known: file.knownCount ?? 0 }), status);
    const preview = await previewImport(db, request.account, id, choiceOf(state.values));
    return sendPage(reply, PreviewPage({ ctx: pageContext(request, reply), preview, state }), status);
  }

  app.get(IMPORT_SHOPS_PATH, { preHandler: concierge }, async (request, reply) => {
    assertConcierge(request.account);
    return sendPage(reply, UploadPage({ ctx: pageContext(request, reply), state: emptyForm() }));
  });

  formRoute(app, IMPORT_SHOPS_PATH, {
    body: UploadBody,
    preHandler: concierge,
    config: upload,
    errorField: 'file',
    run: async (request, body) => {
      const id = await uploadShopList(db, request.account, Buffer.isBuffer(body.file) ? body.file : undefined);
      return redirectTo(shopImportPath(id));
    },
    render: (request, reply, { errors }) => sendPage(reply, UploadPage({ ctx: pageContext(request, reply), state: { values: {}, errors } }), 422),
  });

  app.get(shopImportPath(':id'), { preHandler: concierge, schema: { params: IdParams, querystring: MappingQuery } }, (request, reply) =>
    renderPreview(request, reply, request.params.id, emptyForm({ ...request.query, idempotency_key: newIdempotencyKey() })),
  );

  formRoute(app, shopImportPath(':id'), {
    body: ImportBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const outcome = await importShopList(db, request.account, id, choiceOf(body), body.idempotency_key);
      return redirectTo(`${DIRECTORY_PATH}?etape=prospect`, doneMessage(outcome));
    },
    render: (request, reply, state, { id }) => renderPreview(request, reply, id, state, 422),
  });

  app.get(EXPORT_SHOPS_PATH, { preHandler: concierge }, async (request, reply) => {
    const rows = directoryForExport(db, request.account, (stage) => stageLabel(stage as ShopStage));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName()}"`)
      .header('cache-control', 'private, no-store')
      .send(csvStream(exportColumns(t('shop_import.stage_header')), rows));
  });
}

function doneMessage({ created, known }: { created: number; known: number }): string {
  const stage = stageLabel('prospect');
  if (created === 0) return t('shop_import.done_nothing', { known });
  const done = created === 1 ? t('shop_import.done_one', { stage }) : t('shop_import.done', { created, stage });
  return known > 0 ? `${done} ${t('shop_import.done_known', { known })}` : done;
}
