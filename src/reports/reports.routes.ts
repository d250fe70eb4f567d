// The town's dashboard (/ville/tableau-de-bord) and its tables as files. Both are GET (reading
// only: no CSRF token, and an address can be bookmarked with its period). The town and the
// concierge read them; the service checks it again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { fieldErrorsOf, valuesOf } from '../platform/forms.ts';
import { nowIso } from '../platform/clock.ts';
import { notFound } from '../platform/errors.ts';
import { onlyRoles, pageContext, sendPage } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { SPREADSHEET_TYPES, oneBatch, spreadsheetStream } from '../platform/spreadsheets.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import { TOWN_DASHBOARD_FILE_PATH, TOWN_DASHBOARD_PATH } from './reports.paths.ts';
import { lastTwelveMonths, monthInput, readPeriod, type MonthPeriod } from './reports.rules.ts';
import { monthOf, townDashboard } from './reports.service.ts';
import { TABLE_CODES, tableByCode } from './reports.tables.ts';
import { DashboardPage } from './reports.views.tsx';

const FORMATS = ['csv', 'xlsx'] as const;

const PeriodQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 30 })),
    to: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { additionalProperties: false },
);

const FileQuery = Type.Object(
  {
    table: Type.Union(TABLE_CODES.map((code) => Type.Literal(code))),
    format: Type.Union(FORMATS.map((one) => Type.Literal(one))),
    from: Type.Optional(Type.String({ maxLength: 30 })),
    to: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { additionalProperties: false },
);

type Checked = { ok: true; period: MonthPeriod; state: FormState } | { ok: false; state: FormState };

/** The period asked for; none asked: the last twelve months; a wrong one: the form again with its messages. */
function checkPeriod(request: FastifyRequest, query: { from?: string; to?: string }): Checked {
  const values = valuesOf(query);
  if (request.validationError) return { ok: false, state: { values, errors: fieldErrorsOf(request.validationError) } };
  if (query.from === undefined && query.to === undefined) {
    const period = lastTwelveMonths(monthOf(nowIso(), request.server.config.timeZone));
    return { ok: true, period, state: emptyForm({ from: monthInput(period.fromMonth), to: monthInput(period.toMonth) }) };
  }
  const read = readPeriod(query);
  if ('errors' in read) return { ok: false, state: { values, errors: read.errors } };
  return { ok: true, period: read.period, state: emptyForm(values) };
}

export async function reportsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const readers = onlyRoles('town', 'concierge');

  async function page(request: FastifyRequest, reply: FastifyReply, checked: Checked): Promise<FastifyReply> {
    const ctx = pageContext(request, reply);
    if (!checked.ok) return sendPage(reply, DashboardPage({ ctx, state: checked.state, figures: undefined }), 400);
    const figures = await townDashboard(db, request.account, config, checked.period);
    return sendPage(reply, DashboardPage({ ctx, state: checked.state, figures }));
  }

  app.get(TOWN_DASHBOARD_PATH, { preHandler: readers, schema: { querystring: PeriodQuery }, attachValidation: true }, async (request, reply) =>
    page(request, reply, checkPeriod(request, request.query)),
  );

  app.get(TOWN_DASHBOARD_FILE_PATH, { preHandler: readers, schema: { querystring: FileQuery }, attachValidation: true }, async (request, reply) => {
    const query = request.query;
    // A table or a format that does not exist is an address that does not exist.
    const table = tableByCode(String(query?.table ?? ''));
    const format = FORMATS.find((one) => one === query?.format);
    if (!table || !format) throw notFound();
    const checked = checkPeriod(request, query);
    if (!checked.ok) return page(request, reply, checked);
    const figures = await townDashboard(db, request.account, config, checked.period);
    const title = t(table.titleKey);
    const filename = `${table.code}-${checked.period.fromMonth}-${checked.period.toMonth}.${format}`;
    return reply
      .header('content-type', SPREADSHEET_TYPES[format])
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(spreadsheetStream(format, title, table.columns, oneBatch(table.rows(figures))));
  });
}
