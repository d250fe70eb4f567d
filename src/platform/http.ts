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
    /** A visitor's basket or other pre-login state, handed to the account at log-in (then unset). */
    visitorId?: string;
    /** When the expiry last moved forward (epoch ms); see `slideSession`. */
    slidAt?: number;
  }
}

/** How often a session's expiry moves forward: reading pages writes nothing in between. */
const SESSION_SLIDE_MS = 60 * 60 * 1000;

/**
 * A session lives `sessionMaxAgeSeconds` without activity. Saving it on every request (the
 * plugin's « rolling » mode) would cost a durable write per page read; instead the expiry
 * moves forward at most once an hour, which marks the session changed so the plugin saves it.
 */
export function slideSession(request: FastifyRequest): void {
  const session = request.session;
  if (!session || (!session.accountId && !session.visitorId)) return;
  const now = Date.now();
  if (session.slidAt !== undefined && now - session.slidAt < SESSION_SLIDE_MS) return;
  session.slidAt = now;
  session.touch();
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
  return sendHtml(reply, renderPage(page), status);
}

export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/**
 * The page context of a visitor who is not logged in and has no message waiting, whose
 * page is the same for everyone: such a page may be served from a cache. Undefined otherwise.
 * A page rendered with it that asks for a CSRF token (a form) throws: a token belongs to one session.
 */
export function sharedPageContext(request: FastifyRequest, reply: FastifyReply): PageContext | undefined {
  if (request.account || request.session?.flash) return undefined;
  return {
    ...pageContext(request, reply),
    csrfToken: () => {
      throw new Error('a page shared by every visitor cannot hold a CSRF token');
    },
  };
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
