// Fastify glue shared by every area's routes: rendering a page, the page context, flash
// messages, guards by role, and reading validated forms.
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { DomainError, messageKeyOf } from './errors.ts';
import { t } from './i18n/index.ts';
import { fieldErrorsOf, valuesOf, type FieldErrors, type FormValues } from './forms.ts';
import type { CurrentAccount, PageContext, Role } from './page-context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
  }
  interface FastifyRequest {
    account: CurrentAccount | null;
  }
}

declare module 'fastify' {
  interface Session {
    accountId?: string;
    flash?: string;
    /** A visitor's basket or other pre-login state survives log-in through this id. */
    visitorId?: string;
  }
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const session = request.session;
  const flash = session?.flash;
  if (flash) session.flash = undefined;
  let token: string | undefined;
  return {
    account: request.account,
    csrfToken: () => (token ??= reply.generateCsrf()),
    path: request.url.split('?')[0],
    conciergerie: request.server.config.conciergerie,
    timeZone: request.server.config.timeZone,
    flash,
  };
}

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${renderToString(page)}`);
}

export function setFlash(request: FastifyRequest, message: string): void {
  request.session.flash = message;
}

/** Redirect after a successful POST (303, so a reload does not resubmit). */
export function redirectAfterPost(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(location, 303);
}

/** Only the listed roles pass; a visitor is sent to the login page, a wrong role gets 404. */
export function requireRole(...roles: Role[]): preHandlerHookHandler {
  return async (request, reply) => {
    if (!request.account) {
      const back = encodeURIComponent(request.url);
      return reply.redirect(`/connexion?retour=${back}`, 303);
    }
    if (!roles.includes(request.account.role)) throw new DomainError('not_found');
  };
}

export function currentAccount(request: FastifyRequest): CurrentAccount {
  if (!request.account) throw new DomainError('login_required');
  return request.account;
}

/**
 * The outcome of a form submission: either the valid body, or the field errors and the
 * typed values to redisplay.
 */
export type FormResult<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors; values: FormValues };

export function readForm<T>(request: FastifyRequest): FormResult<T> {
  if (request.validationError) {
    return { ok: false, errors: fieldErrorsOf(request.validationError), values: valuesOf(request.body) };
  }
  return { ok: true, body: request.body as T };
}

/** Turns a DomainError tied to a field into form errors; rethrows anything else. */
export function domainErrorToFieldErrors(error: unknown, fallbackField = '_form'): FieldErrors {
  if (error instanceof DomainError && error.status !== 404 && error.status !== 403) {
    return { [error.field ?? fallbackField]: errorMessage(error) };
  }
  throw error;
}


export function errorMessage(error: DomainError): string {
  return t(messageKeyOf(error.code), error.params);
}
