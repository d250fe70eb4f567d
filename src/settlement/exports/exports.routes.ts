// Pages of the money exports: the concierge's accounting export (/gestion/comptabilite/export)
// and the town's money by month (/ville/argent). Downloads are plain GET forms (reading only,
// so no CSRF token and a link can be bookmarked); a file is streamed as it is written.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { localDateOf } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { fieldErrorsOf, valuesOf, type FieldErrors } from '../../platform/forms.ts';
import { pageContext, onlyRoles, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import type { SpreadsheetFormat } from '../../platform/spreadsheets.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { assertCanExport, assertTownOrConcierge, fecDownload, lastMonthRange, readRange, tableDownload, townMoney, townMoneyDownload, type DateRange, type Download, type TableKind } from './exports.service.ts';
import { EXPORT_FORMATS, ExportPage, TABLE_FORMATS, TownMoneyPage, rangeValues, type ExportFormat } from './exports.views.tsx';
import { EXPORT_FILE_PATH, EXPORT_PATH, TOWN_FILE_PATH, TOWN_MONEY_PATH, TOWN_MONTHS_FILE_PATH } from '../settlement.paths.ts';

const RangeQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 30 })),
    to: Type.Optional(Type.String({ maxLength: 30 })),
    format: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { additionalProperties: false },
);
type RangeQuery = Static<typeof RangeQuery>;

const MonthsQuery = Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) }, { additionalProperties: false });

const TABLE_OF: Readonly<Record<Exclude<ExportFormat, 'fec'>, [TableKind, SpreadsheetFormat]>> = {
  statements_csv: ['statements', 'csv'],
  statements_xlsx: ['statements', 'xlsx'],
  payouts_csv: ['payouts', 'csv'],
  payouts_xlsx: ['payouts', 'xlsx'],
};

type Checked = { ok: true; range: DateRange; format: ExportFormat } | { ok: false; state: FormState };

/** The range and the file asked for, or the form again with a message beside each field to correct. */
function checkQuery(request: FastifyRequest, query: RangeQuery, formats: readonly ExportFormat[]): Checked {
  const values = valuesOf(query);
  if (request.validationError) return { ok: false, state: { values, errors: fieldErrorsOf(request.validationError) } };
  const read = readRange(query);
  const errors: FieldErrors = 'errors' in read ? { ...read.errors } : {};
  const format = formats.find((candidate) => candidate === query.format);
  if (!format) errors.format = t('field.choice');
  if ('range' in read && format) return { ok: true, range: read.range, format };
  return { ok: false, state: { values, errors } };
}

function sendDownload(reply: FastifyReply, download: Download): FastifyReply {
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', `attachment; filename="${download.filename}"`)
    .header('cache-control', 'no-store')
    .send(download.body);
}

function lastMonth(request: FastifyRequest): DateRange {
  return lastMonthRange(localDateOf(nowIso(), request.server.config.timeZone));
}

export async function moneyRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  const townReaders = onlyRoles('town', 'concierge');

  app.get(EXPORT_PATH, { preHandler: concierge }, async (request, reply) => {
    assertCanExport(request.account);
    return sendPage(reply, ExportPage({ ctx: pageContext(request, reply), state: emptyForm(rangeValues(lastMonth(request), 'fec')) }));
  });

  app.get(EXPORT_FILE_PATH, { preHandler: concierge, schema: { querystring: RangeQuery }, attachValidation: true }, async (request, reply) => {
    assertCanExport(request.account);
    const checked = checkQuery(request, request.query, EXPORT_FORMATS);
    if (!checked.ok) return sendPage(reply, ExportPage({ ctx: pageContext(request, reply), state: checked.state }), 400);
    if (checked.format === 'fec') {
      return sendDownload(reply, await fecDownload(db, request.account, { siren: config.operator.siren, timeZone: config.timeZone }, checked.range));
    }
    const [table, format] = TABLE_OF[checked.format];
    return sendDownload(reply, tableDownload(db, request.account, table, format, checked.range));
  });

  async function townPage(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200): Promise<FastifyReply> {
    const money = await townMoney(db, request.account, config.timeZone);
    return sendPage(reply, TownMoneyPage({ ctx: pageContext(request, reply), money, state, budgetCents: config.townYearlyBudgetCents }), status);
  }

  app.get(TOWN_MONEY_PATH, { preHandler: townReaders }, async (request, reply) => townPage(request, reply, emptyForm(rangeValues(lastMonth(request), 'statements_xlsx'))));

  app.get(TOWN_MONTHS_FILE_PATH, { preHandler: townReaders, schema: { querystring: MonthsQuery } }, async (request, reply) =>
    sendDownload(reply, await townMoneyDownload(db, request.account, config.timeZone, request.query.format)),
  );

  app.get(TOWN_FILE_PATH, { preHandler: townReaders, schema: { querystring: RangeQuery }, attachValidation: true }, async (request, reply) => {
    assertTownOrConcierge(request.account);
    const checked = checkQuery(request, request.query, TABLE_FORMATS);
    if (!checked.ok) return townPage(request, reply, checked.state, 400);
    const [table, format] = TABLE_OF[checked.format as Exclude<ExportFormat, 'fec'>];
    return sendDownload(reply, tableDownload(db, request.account, table, format, checked.range));
  });
}
