// The concierge's day: /gestion/aujourdhui (the board), /gestion/tournee (the collection round
// of a date, with a reception form per purchase order) and its sheet to print.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { dateAsked, todayOf } from './rounds.dates.ts';
import { nowIso } from '../platform/clock.ts';
import { Fields, formSchema, valuesOf, type FormValues } from '../platform/forms.ts';
import { formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { TodayPage } from './rounds.board.views.tsx';
import { BOARD_PATH, PRINT_PATH, receptionPath, ROUND_PATH, roundHref } from './rounds.paths.ts';
import { PrintRoundPage } from './rounds.print.views.tsx';
import { RoundPage, type ReceptionState } from './rounds.round.views.tsx';
import { isLocalDate, STORAGE_LOCATION_MAX } from './rounds.rules.ts';
import { collectionRound, receive, todayBoard } from './rounds.service.ts';
import { runsRoutes } from './runs/runs.routes.ts';
import { driverRoutes } from './runs/runs.driver.routes.ts';
import { runPapersRoutes } from './runs/runs.sheet.routes.ts';

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const DateQuery = Type.Object({ date: Type.Optional(Type.String({ pattern: DATE_PATTERN })) });
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ReceptionBody = formSchema({
  storage_location: Fields.text(STORAGE_LOCATION_MAX),
  chilled: Fields.checkbox(),
  date: Type.Optional(Type.String({ pattern: DATE_PATTERN })),
});


/** The round's date a form came from, today's when it has none or a wrong one. */
function formDateOf(request: FastifyRequest, values: FormValues): string {
  return typeof values.date === 'string' && isLocalDate(values.date) ? values.date : todayOf(request);
}

export async function roundsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  await app.register(runsRoutes);
  await app.register(driverRoutes);
  await app.register(runPapersRoutes);

  app.get(BOARD_PATH, { preHandler: concierge }, async (request, reply) => {
    const board = await todayBoard(db, config, request.account, nowIso());
    return sendPage(reply, TodayPage({ ctx: pageContext(request, reply), board }));
  });

  app.get(ROUND_PATH, { preHandler: concierge, schema: { querystring: DateQuery } }, async (request, reply) => {
    const round = await collectionRound(db, config, request.account, dateAsked(request, request.query.date));
    return sendPage(reply, RoundPage({ ctx: pageContext(request, reply), round, today: todayOf(request) }));
  });

  app.get(PRINT_PATH, { preHandler: concierge, schema: { querystring: DateQuery } }, async (request, reply) => {
    const round = await collectionRound(db, config, request.account, dateAsked(request, request.query.date));
    return sendPage(reply, PrintRoundPage({ ctx: pageContext(request, reply), round, today: todayOf(request) }));
  });

  formRoute(app, receptionPath(':id'), {
    body: ReceptionBody,
    params: IdParams,
    preHandler: concierge,
    errorField: 'storage_location',
    run: async (request, body, { id }) => {
      const result = await receive(db, config, request.account, id, { storageLocation: body.storage_location, chilled: body.chilled === 'on' });
      const stored = t('rounds.flash.received', { code: result.collectionCode, place: body.storage_location.trim() });
      const complete = result.orderComplete ? ` ${t(result.memberMailed ? 'rounds.flash.ready_mailed' : 'rounds.flash.ready_call')}` : '';
      return redirectTo(roundHref(formDateOf(request, valuesOf(body)), todayOf(request)), stored + complete);
    },
    // The round page again, with one purchase order's form showing what went wrong.
    render: async (request, reply, { values, errors }, { id }) => {
      const round = await collectionRound(db, config, request.account, formDateOf(request, values));
      const state: ReceptionState = { purchaseOrderId: id, values, errors };
      return sendPage(reply, RoundPage({ ctx: pageContext(request, reply), round, today: todayOf(request), state }), 422);
    },
  });
}
