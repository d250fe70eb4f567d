// The concierge's pages of delivery runs: the runs of a date and « Préparer les tournées »,
// one run, moving a stop or an order, choosing the driver. Refusals come back on the page
// they were made from, in French.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { dateAsked, todayOf } from '../rounds.dates.ts';
import { Type } from '@sinclair/typebox';
import { DomainError } from '../../platform/errors.ts';
import { Fields, formSchema, type FieldErrors } from '../../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t, tPlural } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { isLocalDate } from '../rounds.rules.ts';
import { orderMovePath, PREPARE_RUNS_PATH, runDriverPath, runPath, RUNS_PATH, stopMovePath } from './runs.paths.ts';
import { assignDriver, moveOrderToRun, moveStop } from './runs.hand.service.ts';
import { prepareRuns, runDetail, runsOn } from './runs.service.ts';
import { RunPage, RunsDayPage } from './runs.views.tsx';

const DateQuery = Type.Object({ date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) });
const RunParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const StopParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), stopId: Type.String({ pattern: ID_PATTERN }) });
const PrepareBody = formSchema({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });
const MoveStopBody = formSchema({ direction: Fields.choice(['up', 'down'] as const) });
const DriverBody = formSchema({ driver: Type.Union([Type.Literal(''), Type.String({ pattern: ID_PATTERN })]) });
const MoveOrderBody = formSchema({ order_id: Type.String({ pattern: ID_PATTERN }), run_id: Type.String({ pattern: ID_PATTERN }) });


export async function runsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  async function renderDay(request: FastifyRequest, reply: FastifyReply, date: string, errors?: FieldErrors) {
    const day = await runsOn(db, request.account, date);
    return sendPage(reply, RunsDayPage({ ctx: pageContext(request, reply), day, today: todayOf(request), errors }), errors ? 422 : 200);
  }

  async function renderRun(request: FastifyRequest, reply: FastifyReply, runId: string, errors?: FieldErrors) {
    const detail = await runDetail(db, request.account, runId);
    const day = await runsOn(db, request.account, detail.run.runDate);
    return sendPage(reply, RunPage({ ctx: pageContext(request, reply), day, detail, errors }), errors ? 422 : 200);
  }

  app.get(RUNS_PATH, { preHandler: concierge, schema: { querystring: DateQuery } }, async (request, reply) => renderDay(request, reply, dateAsked(request, request.query.date)));

  app.get(runPath(':id'), { preHandler: concierge, schema: { params: RunParams } }, async (request, reply) => renderRun(request, reply, request.params.id));

  formRoute(app, PREPARE_RUNS_PATH, {
    body: PrepareBody,
    preHandler: concierge,
    run: async (request, body) => {
      if (!isLocalDate(body.date)) throw new DomainError('not_found');
      const prepared = await prepareRuns(db, config, request.account, body.date);
      const notes = [tPlural('runs.flash.prepared', prepared.runCount), ...(prepared.lateCount > 0 ? [tPlural('runs.flash.late', prepared.lateCount)] : []), ...(prepared.overCapacity ? [t('runs.flash.over_capacity')] : [])];
      return redirectTo(`${RUNS_PATH}?date=${body.date}`, notes.join(' '));
    },
    render: (request, reply, { values, errors }) => renderDay(request, reply, typeof values.date === 'string' && isLocalDate(values.date) ? values.date : todayOf(request), errors),
  });

  formRoute(app, stopMovePath(':id', ':stopId'), {
    body: MoveStopBody,
    params: StopParams,
    preHandler: concierge,
    run: async (request, body, { id, stopId }) => {
      const moved = await moveStop(db, config, request.account, id, stopId, body.direction);
      return redirectTo(`${runPath(id)}#arret-${stopId}`, moved ? t('runs.flash.stop_moved') : undefined);
    },
    render: (request, reply, { errors }, { id }) => renderRun(request, reply, id, errors),
  });

  formRoute(app, runDriverPath(':id'), {
    body: DriverBody,
    params: RunParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await assignDriver(db, request.account, id, body.driver === '' ? null : body.driver);
      return redirectTo(runPath(id), t('runs.flash.driver_saved'));
    },
    render: (request, reply, { errors }, { id }) => renderRun(request, reply, id, errors),
  });

  formRoute(app, orderMovePath(':id'), {
    body: MoveOrderBody,
    params: RunParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await moveOrderToRun(db, config, request.account, body.order_id, body.run_id, id);
      return redirectTo(runPath(id), t('runs.flash.order_moved'));
    },
    render: (request, reply, { errors }, { id }) => renderRun(request, reply, id, errors),
  });
}
