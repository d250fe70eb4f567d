// The driver's pages (/livraisons…) and the concierge's « Prévenir les adhérents » of a run:
// every tap is a form POST answered by a redirect, a refusal comes back on the page it was
// made from, in French. Who may act is checked by the services, against the run's driver.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { CounterPaymentMethod } from '../../orders/index.ts';
import { localDateOf } from '../../places/index.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { Fields, formSchema, type FieldErrors } from '../../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { DRIVER_PATH } from '../../platform/paths.ts';
import { dropAtStop, driverRuns, driverStop, finishRun, recordOutcome, startRun, undoOutcome, type OutcomeInput } from './runs.driver.service.ts';
import { DriverRunPage, DriverRunsPage, DriverStopPage } from './runs.driver.views.tsx';
import { notifyRun } from './runs.notify.service.ts';
import { NotifiedPage } from './runs.notify.views.tsx';
import { driverFinishPath, driverOutcomePath, driverRunPath, driverStartPath, driverStopPath, driverUndoPath, runNotifyPath } from './runs.paths.ts';
import { DELIVERY_REFUSALS } from './runs.rules.ts';
import { runDetail } from './runs.service.ts';

const RunParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const StopParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), stopId: Type.String({ pattern: ID_PATTERN }) });
const OrderParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), orderId: Type.String({ pattern: ID_PATTERN }) });
const PAYMENT_METHODS = ['cash', 'card', 'cheque'] as const satisfies readonly CounterPaymentMethod[];
const TapBody = formSchema({});
const OutcomeBody = formSchema({
  outcome: Type.Optional(Fields.choice(['delivered', 'absent'] as const)),
  refusal: Type.Optional(Fields.choice(DELIVERY_REFUSALS)),
  recipient: Type.Optional(Fields.optionalText(120)),
  payment: Type.Optional(Fields.choice(PAYMENT_METHODS)),
});

/** The buttons of the stop page say which outcome: a reason is a refusal, « Absent » and « Remis » name theirs. */
function outcomeOf(body: Static<typeof OutcomeBody>): OutcomeInput {
  if (body.refusal) return { outcome: 'refused', reason: body.refusal };
  if (body.outcome === 'absent') return { outcome: 'absent' };
  if (body.outcome === 'delivered') return { outcome: 'delivered', recipientName: body.recipient ?? '', paymentMethod: body.payment ?? null };
  throw new DomainError('bad_request');
}

export async function driverRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const drivers = onlyRoles('driver', 'concierge');
  const concierge = onlyRoles('concierge');

  async function renderRun(request: FastifyRequest, reply: FastifyReply, runId: string, errors?: FieldErrors) {
    const detail = await runDetail(db, request.account, runId);
    return sendPage(reply, DriverRunPage({ ctx: pageContext(request, reply), detail, errors }), errors ? 422 : 200);
  }

  async function renderStop(request: FastifyRequest, reply: FastifyReply, runId: string, stopId: string, errors?: FieldErrors) {
    const { detail, stop } = await driverStop(db, request.account, runId, stopId);
    return sendPage(reply, DriverStopPage({ ctx: pageContext(request, reply), detail, stop, nowAt: nowIso(), errors }), errors ? 422 : 200);
  }

  /** A refused tap on an order comes back on the order's stop. */
  async function renderStopOf(request: FastifyRequest, reply: FastifyReply, runId: string, orderId: string, errors: FieldErrors) {
    const detail = await runDetail(db, request.account, runId);
    const stop = detail.stops.find((candidate) => candidate.orders.some((order) => order.orderId === orderId));
    if (!stop) throw new DomainError('not_found');
    return renderStop(request, reply, runId, stop.id, errors);
  }

  app.get(DRIVER_PATH, { preHandler: drivers }, async (request, reply) => {
    const runs = await driverRuns(db, config, request.account);
    return sendPage(reply, DriverRunsPage({ ctx: pageContext(request, reply), runs, today: localDateOf(nowIso(), config.timeZone) }));
  });

  app.get(driverRunPath(':id'), { preHandler: drivers, schema: { params: RunParams } }, async (request, reply) => renderRun(request, reply, request.params.id));

  app.get(driverStopPath(':id', ':stopId'), { preHandler: drivers, schema: { params: StopParams } }, async (request, reply) =>
    renderStop(request, reply, request.params.id, request.params.stopId),
  );

  formRoute(app, driverStartPath(':id'), {
    body: TapBody,
    params: RunParams,
    preHandler: drivers,
    run: async (request, _body, { id }) => {
      await startRun(db, config, request.account, id);
      return redirectTo(driverRunPath(id), t('driver.run.flash_started'));
    },
    render: (request, reply, { errors }, { id }) => renderRun(request, reply, id, errors),
  });

  formRoute(app, driverFinishPath(':id'), {
    body: TapBody,
    params: RunParams,
    preHandler: drivers,
    run: async (request, _body, { id }) => {
      await finishRun(db, config, request.account, id);
      return redirectTo(driverRunPath(id), t('driver.run.flash_finished'));
    },
    render: (request, reply, { errors }, { id }) => renderRun(request, reply, id, errors),
  });

  // « Déposé au foyer »: the stop's own address takes the one tap for all its orders.
  formRoute(app, driverStopPath(':id', ':stopId'), {
    body: TapBody,
    params: StopParams,
    preHandler: drivers,
    run: async (request, _body, { id, stopId }) => {
      const count = await dropAtStop(db, request.account, id, stopId);
      return redirectTo(driverStopPath(id, stopId), t(count > 0 ? 'driver.order.flash_recorded' : 'driver.order.flash_already'));
    },
    render: (request, reply, { errors }, { id, stopId }) => renderStop(request, reply, id, stopId, errors),
  });

  formRoute(app, driverOutcomePath(':id', ':orderId'), {
    body: OutcomeBody,
    params: OrderParams,
    preHandler: drivers,
    run: async (request, body, { id, orderId }) => {
      const { recorded, stopId } = await recordOutcome(db, request.account, id, orderId, outcomeOf(body));
      return redirectTo(`${driverStopPath(id, stopId)}#commande-${orderId}`, t(recorded ? 'driver.order.flash_recorded' : 'driver.order.flash_already'));
    },
    render: (request, reply, { errors }, { id, orderId }) => renderStopOf(request, reply, id, orderId, errors),
  });

  formRoute(app, driverUndoPath(':id', ':orderId'), {
    body: TapBody,
    params: OrderParams,
    preHandler: drivers,
    run: async (request, _body, { id, orderId }) => {
      const { stopId } = await undoOutcome(db, request.account, id, orderId);
      return redirectTo(`${driverStopPath(id, stopId)}#commande-${orderId}`, t('driver.order.flash_undone'));
    },
    render: (request, reply, { errors }, { id, orderId }) => renderStopOf(request, reply, id, orderId, errors),
  });

  // The concierge's « Prévenir les adhérents »: the answer lists who to call, so it is a page, not a redirect (pressing again mails nobody twice).
  formRoute(app, runNotifyPath(':id'), {
    body: TapBody,
    params: RunParams,
    preHandler: concierge,
    run: async (request, _body, { id }, { reply }) => {
      const result = await notifyRun(db, config, request.account, id);
      return sendPage(reply, NotifiedPage({ ctx: pageContext(request, reply), result }));
    },
  });
}
