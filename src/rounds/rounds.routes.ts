// The concierge's day: /gestion/aujourdhui (the board), /gestion/tournee (the collection round
// of a date, with a reception form per purchase order) and its sheet to print.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { localDateOf } from '../places/index.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError } from '../platform/errors.ts';
import { Fields, formSchema, valuesOf } from '../platform/forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN, isId } from '../platform/ids.ts';
import { TodayPage } from './rounds.board.views.tsx';
import { BOARD_PATH, PRINT_PATH, receptionPath, ROUND_PATH, roundHref } from './rounds.components.tsx';
import { PrintRoundPage } from './rounds.print.views.tsx';
import { RoundPage, type ReceptionState } from './rounds.round.views.tsx';
import { isLocalDate, STORAGE_LOCATION_MAX } from './rounds.rules.ts';
import { collectionRound, receive, todayBoard } from './rounds.service.ts';

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const DateQuery = Type.Object({ date: Type.Optional(Type.String({ pattern: DATE_PATTERN })) });
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ReceptionBody = formSchema({
  storage_location: Fields.text(STORAGE_LOCATION_MAX),
  chilled: Fields.checkbox(),
  date: Type.Optional(Type.String({ pattern: DATE_PATTERN })),
});
type ReceptionForm = Static<typeof ReceptionBody>;

function today(request: FastifyRequest): string {
  return localDateOf(nowIso(), request.server.config.timeZone);
}

/** The date asked for, today by default; an impossible date (2026-02-30) is a missing page. */
function dateOf(request: FastifyRequest, asked: string | undefined): string {
  if (asked === undefined) return today(request);
  if (!isLocalDate(asked)) throw new DomainError('not_found');
  return asked;
}

export async function roundsRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const concierge = requireRole('concierge');

  app.get(BOARD_PATH, { preHandler: concierge }, async (request, reply) => {
    const board = await todayBoard(db, config, request.account, nowIso());
    return sendPage(reply, TodayPage({ ctx: pageContext(request, reply), board }));
  });

  app.get<{ Querystring: Static<typeof DateQuery> }>(ROUND_PATH, { preHandler: concierge, schema: { querystring: DateQuery } }, async (request, reply) => {
    const round = await collectionRound(db, config, request.account, dateOf(request, request.query.date));
    return sendPage(reply, RoundPage({ ctx: pageContext(request, reply), round, today: today(request) }));
  });

  app.get<{ Querystring: Static<typeof DateQuery> }>(PRINT_PATH, { preHandler: concierge, schema: { querystring: DateQuery } }, async (request, reply) => {
    const round = await collectionRound(db, config, request.account, dateOf(request, request.query.date));
    return sendPage(reply, PrintRoundPage({ ctx: pageContext(request, reply), round, today: today(request) }));
  });

  /** The round page again, with one purchase order's form showing what went wrong. */
  async function roundWithErrors(request: FastifyRequest, reply: FastifyReply, date: string, state: ReceptionState): Promise<FastifyReply> {
    const round = await collectionRound(db, config, request.account, date);
    return sendPage(reply, RoundPage({ ctx: pageContext(request, reply), round, today: today(request), state }), 422);
  }

  app.post<{ Params: { id: string }; Body: ReceptionForm }>(
    receptionPath(':id'),
    { preHandler: concierge, schema: { params: IdParams, body: ReceptionBody }, attachValidation: true },
    async (request, reply) => {
      const purchaseOrderId = request.params.id;
      // A malformed id names no purchase order: the page does not exist, whatever the form holds.
      if (!isId(purchaseOrderId)) throw new DomainError('not_found');
      const values = valuesOf(request.body);
      const date = typeof values.date === 'string' && isLocalDate(values.date) ? values.date : today(request);
      const form = readForm<ReceptionForm>(request);
      if (!form.ok) return roundWithErrors(request, reply, date, { purchaseOrderId, values: form.values, errors: form.errors });
      try {
        const result = await receive(db, config, request.account, purchaseOrderId, {
          storageLocation: form.body.storage_location,
          chilled: form.body.chilled === 'on',
        });
        const stored = t('rounds.flash.received', { code: result.collectionCode, place: form.body.storage_location.trim() });
        const complete = result.orderComplete ? ` ${t(result.memberMailed ? 'rounds.flash.ready_mailed' : 'rounds.flash.ready_call')}` : '';
        setFlash(request, stored + complete);
        return redirectAfterPost(reply, roundHref(date, today(request)));
      } catch (error) {
        return roundWithErrors(request, reply, date, { purchaseOrderId, values, errors: domainErrorToFieldErrors(error, 'storage_location') });
      }
    },
  );
}
