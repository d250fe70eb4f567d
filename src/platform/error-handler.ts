// One place turns every failure into an answer: a DomainError becomes its status and French
// message, a malformed id a 404, anything unexpected a plain French page with a reference
// (the request id) that is also in the log. Never a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './errors.ts';
import { ErrorPage } from './errors.views.tsx';
import { errorMessage, pageContext, sendPage } from './http.ts';
import { t } from './i18n/index.ts';

interface Answer {
  status: number;
  code: string;
  title: string;
  message: string;
  reference?: string;
}

function answerFor(error: FastifyError | DomainError, request: FastifyRequest): Answer {
  if (error instanceof DomainError) {
    const title = error.status === 404 ? t('page.not_found_title') : error.status === 403 ? t('page.forbidden_title') : t('page.error_title');
    return { status: error.status, code: error.code, title, message: errorMessage(error) };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    // A malformed id in a path is a page that does not exist.
    if (fastifyError.validationContext === 'params') return { status: 404, code: 'not_found', title: t('page.not_found_title'), message: t('errors.not_found') };
    return { status: 400, code: 'bad_request', title: t('page.error_title'), message: t('errors.bad_request') };
  }
  if (fastifyError.code?.startsWith('FST_CSRF')) return { status: 403, code: 'csrf', title: t('page.error_title'), message: t('errors.csrf') };
  if (fastifyError.statusCode === 429) return { status: 429, code: 'too_many_requests', title: t('page.error_title'), message: t('errors.too_many_requests') };
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, code: 'bad_request', title: t('page.error_title'), message: t('errors.bad_request') };
  }
  request.log.error({ err: error }, 'unexpected error');
  return { status: 500, code: 'unexpected', title: t('page.error_title'), message: t('errors.unexpected'), reference: String(request.id) };
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, answer: Answer): FastifyReply {
  if (wantsJson(request)) return reply.code(answer.status).send({ error: answer.code, message: answer.message });
  const page = ErrorPage({ ctx: pageContext(request, reply), title: answer.title, message: answer.message, reference: answer.reference });
  return sendPage(reply, page, answer.status);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(request, reply, answerFor(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, { status: 404, code: 'not_found', title: t('page.not_found_title'), message: t('errors.not_found') }),
  );
}
