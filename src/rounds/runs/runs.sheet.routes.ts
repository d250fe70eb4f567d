// The papers of a delivery run: the run sheet as PDF (with prices, or `?prix=non` without),
// for the concierge and the run's own driver; a drop-off point's list as PDF; and the screen
// where the concierge ticks that list back in (runs.signoff.routes.ts).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { onlyRoles } from '../../platform/http.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { runSheetPath, signOffSheetPath } from './runs.paths.ts';
import { runSheetPdf, signOffSheetPdf, type PdfFile } from './runs.sheet.service.ts';
import { signOffRoutes } from './runs.signoff.routes.ts';

const RunParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const StopParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), stopId: Type.String({ pattern: ID_PATTERN }) });
const SheetQuery = Type.Object({ prix: Type.Optional(Type.Literal('non')) }, { additionalProperties: false });

function sendPdf(reply: FastifyReply, file: PdfFile): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`)
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

/** The papers of delivery runs; registers the tick-back screen too. */
export async function runPapersRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  // The driver prints their own run's papers; runDetail answers « not found » for another's.
  const crew = onlyRoles('concierge', 'driver');

  app.get(runSheetPath(':id'), { preHandler: crew, schema: { params: RunParams, querystring: SheetQuery } }, async (request, reply) =>
    sendPdf(reply, await runSheetPdf(db, config, request.account, request.params.id, request.query.prix !== 'non')),
  );

  app.get(signOffSheetPath(':id', ':stopId'), { preHandler: crew, schema: { params: StopParams } }, async (request, reply) =>
    sendPdf(reply, await signOffSheetPdf(db, config, request.account, request.params.id, request.params.stopId)),
  );

  await app.register(signOffRoutes);
}
