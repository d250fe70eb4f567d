// Fastify glue shared by every area's routes: rendering a page, the page context, flash
// messages, guards by role, and the one way a form POST is answered (`formRoute`).
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, preHandlerHookHandler, preValidationHookHandler, RouteOptions } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../config.ts';
import type { Assets } from './assets.ts';
import type { Db } from '../db/index.ts';
import { DomainError, messageKeyOf, notFound } from './errors.ts';
import { t } from './i18n/index.ts';
import { FORM_ERROR, fieldErrorsOf, valuesOf, type FieldErrors, type FormValues } from './forms.ts';
import { keyAfterRefusal, newIdempotencyKey } from './idempotency/index.ts';
import { parseEuros, type Cents } from './money.ts';
import type { CurrentAccount, PageContext, Role, StaffGlance } from './page-context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    /** The stylesheet, fonts and icons, read at start (platform/assets.ts). */
    assets: Assets;
  }
  interface FastifyRequest {
    account: CurrentAccount | null;
    /** Lines in this request's basket (resident or visitor), counted by the page shell's hook. */
    basketCount: number;
    /** Filled for the concierge's pages by a hook of app.ts (platform imports no area). */
    staff?: StaffGlance;
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
    assets: request.server.assets.urls,
    basketCount: request.basketCount,
    staff: request.staff,
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
 * The page context of a visitor who is not logged in, has no message waiting and an empty
 * basket, whose page is the same for everyone: such a page may be served from a cache.
 * Undefined otherwise (a visitor's « Panier (2) » must never reach another visitor).
 * A page rendered with it that asks for a CSRF token (a form) throws: a token belongs to one session.
 */
export function sharedPageContext(request: FastifyRequest, reply: FastifyReply): PageContext | undefined {
  if (request.account || request.session?.flash || request.basketCount > 0) return undefined;
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

/** The guards `onlyRoles` made, so that `guardBeforeValidation` finds them among a route's handlers. */
const ROLE_GUARDS = new WeakSet<preHandlerHookHandler>();

/**
 * Only the listed roles pass; a visitor is sent to the login page, a wrong role gets 404.
 * Given as a route's `preHandler`, it runs before the request is validated (see `guardBeforeValidation`).
 */
export function onlyRoles(...roles: Role[]): preHandlerHookHandler {
  const guard: preHandlerHookHandler = async (request, reply) => {
    if (!request.account) {
      const back = encodeURIComponent(request.url);
      return reply.redirect(`/connexion?retour=${back}`, 303);
    }
    if (!roles.includes(request.account.role)) throw new DomainError('not_found');
  };
  ROLE_GUARDS.add(guard);
  return guard;
}

/**
 * An `onRoute` hook: a route's role guard moves ahead of the schema's checks (fastify validates
 * before `preHandler`), so someone who may not use a page gets the same answer (log in, or
 * 404) whatever query or body they send, and learns nothing of what the page would accept.
 */
export function guardBeforeValidation(route: RouteOptions): void {
  const listOf = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);
  const handlers = listOf(route.preHandler);
  const guards = handlers.filter((handler) => ROLE_GUARDS.has(handler as preHandlerHookHandler));
  if (guards.length === 0) return;
  route.preValidation = [...(guards as preValidationHookHandler[]), ...listOf(route.preValidation)];
  route.preHandler = handlers.filter((handler) => !ROLE_GUARDS.has(handler as preHandlerHookHandler));
}

export function currentAccount(request: FastifyRequest): CurrentAccount {
  if (!request.account) throw new DomainError('login_required');
  return request.account;
}

/** A refusal the form can show: a missing or forbidden object is an error page, not a message. */
function isFormRefusal(error: unknown): error is DomainError {
  return error instanceof DomainError && error.status !== 404 && error.status !== 403;
}

/** A form refused by a check that is not a DomainError (a price that does not read as euros…). */
export class FormRefused extends Error {
  constructor(readonly errors: FieldErrors) {
    super('form refused');
    this.name = 'FormRefused';
  }
}

/** An amount typed in euros, in cents; a refusal next to its field when it does not read as one. */
export function eurosOf(input: string, field: string): Cents {
  const cents = parseEuros(input);
  if (cents === undefined) throw new FormRefused({ [field]: t('field.price') });
  return cents;
}

/** Where a successful POST goes, and the message shown there. */
export class Redirect {
  constructor(
    readonly location: string,
    readonly flash?: string,
  ) {}
}

export function redirectTo(location: string, flash?: string): Redirect {
  return new Redirect(location, flash);
}

/** A form sent back: what was typed (never a password or a file), the French messages by field, and the refusal when a service refused. */
export interface SubmittedForm {
  values: FormValues;
  errors: FieldErrors;
  error?: DomainError;
}

type NoParams = TObject<{}>;

export interface FormRouteSpec<B extends TObject, P extends TSchema, C extends { errors: FieldErrors }> {
  body: B;
  params?: P;
  preHandler?: preHandlerHookHandler;
  onRequest?: onRequestHookHandler;
  config?: Record<string, unknown>;
  /**
   * Checks that go with the schema's (rules on the typed text, an uploaded file): their errors
   * are shown together with the schema's, whose message wins on a field. What it returns
   * besides its errors is handed to `run`.
   */
  check?: (request: FastifyRequest, values: FormValues, params: Static<P>) => C | Promise<C>;
  /** Calls the service: a redirect (with its message), or a reply it sent itself (through `reply`). */
  run: (request: FastifyRequest, body: Static<B>, params: Static<P>, with_: { reply: FastifyReply; checked: C }) => Promise<Redirect | FastifyReply>;
  /**
   * The form again with its errors and what was typed, answered 422 unless it says otherwise.
   * Without it (one-button forms), a refused body or a DomainError is the error page.
   */
  render?: (request: FastifyRequest, reply: FastifyReply, form: SubmittedForm, params: Static<P>) => FastifyReply | Promise<FastifyReply>;
  /** The field where a DomainError that names none is shown; the top of the form by default. */
  errorField?: string;
}

/**
 * One form POST: the schema checks the body (its types are inferred from the schema), `run`
 * calls the service, and every refusal comes back as the form with French messages next to
 * their fields and everything typed kept: the schema's (with `check`'s), a DomainError's on
 * its field (or the form's), a `FormRefused`'s. A success is a flash message and a 303.
 * A form carrying an idempotency key comes back with a usable one: the same key, so the
 * corrected form still creates one thing, unless the refusal was the key's.
 */
export function formRoute<B extends TObject, P extends TSchema = NoParams, C extends { errors: FieldErrors } = { errors: FieldErrors }>(
  app: FastifyInstance,
  path: string,
  spec: FormRouteSpec<B, P, C>,
): void {
  const { body, params, render } = spec;
  const keyed = 'idempotency_key' in body.properties;
  const options = {
    schema: params ? { body, params } : { body },
    attachValidation: Boolean(render),
    ...(spec.preHandler ? { preHandler: spec.preHandler } : {}),
    ...(spec.onRequest ? { onRequest: spec.onRequest } : {}),
    ...(spec.config ? { config: spec.config } : {}),
  };
  app.withTypeProvider<TypeBoxTypeProvider>().post(path, options, async (request, reply) => {
    const validation = request.validationError as { validationContext?: string } | undefined;
    // A malformed id in the path names nothing, whatever the form holds.
    if (validation?.validationContext === 'params') throw notFound();
    const routeParams = request.params as Static<P>;
    const values = valuesOf(request.body);
    const sendBack = (errors: FieldErrors, error?: DomainError) => {
      if (!render) throw error ?? new DomainError('bad_request');
      if (keyed) values.idempotency_key = error ? keyAfterRefusal(error, values.idempotency_key ?? '') : usableKey(values.idempotency_key);
      reply.code(422);
      return render(request, reply, { values, errors, error }, routeParams);
    };
    const withNul = fieldsWithNul(request.body, values);
    const checked = withNul.length > 0 ? ({ errors: {} } as C) : spec.check ? await spec.check(request, values, routeParams) : ({ errors: {} } as C);
    if (request.validationError || withNul.length > 0 || Object.keys(checked.errors).length > 0) {
      const errors: FieldErrors = request.validationError ? fieldErrorsOf(request.validationError) : {};
      for (const field of withNul) errors[field] ??= t('field.invalid');
      for (const [field, message] of Object.entries(checked.errors)) errors[field] ??= message;
      return sendBack(errors);
    }
    let outcome: Redirect | FastifyReply;
    try {
      outcome = await spec.run(request, request.body as Static<B>, routeParams, { reply, checked });
    } catch (error) {
      if (error instanceof FormRefused) return sendBack(error.errors);
      if (!render || !isFormRefusal(error)) throw error;
      return sendBack({ [error.field ?? spec.errorField ?? FORM_ERROR]: errorMessage(error) }, error);
    }
    if (!(outcome instanceof Redirect)) return outcome;
    if (outcome.flash) setFlash(request, outcome.flash);
    return redirectAfterPost(reply, outcome.location);
  });
}

/**
 * The fields of a body holding a NUL character, which no keyboard types and PostgreSQL
 * refuses in any text (the query would fail): they are refused like a malformed field, before
 * `check` or the service reads them, and dropped from what is shown again.
 */
function fieldsWithNul(body: unknown, values: FormValues): string[] {
  if (!body || typeof body !== 'object') return [];
  const fields = Object.entries(body)
    .filter(([, value]) => (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'string' && item.includes('\u0000')))
    .map(([field]) => field);
  for (const field of fields) if (values[field] !== undefined) values[field] = values[field]!.replace(/\u0000/g, '');
  return fields;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** The key a refused form carried when it can serve again; a fresh one otherwise. */
export function usableKey(key: string | undefined): string {
  return key && KEY_PATTERN.test(key) ? key : newIdempotencyKey();
}

export function errorMessage(error: DomainError): string {
  return t(messageKeyOf(error.code), error.params);
}
