// Log in (password, then a code for accounts with a second step), log out, forgotten
// password and invitation links.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/index.ts';
import { nowMs } from '../clock.ts';
import { DomainError, messageKeyOf } from '../errors.ts';
import { Fields, formSchema } from '../forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, sendPage, setFlash } from '../http.ts';
import { t } from '../i18n/index.ts';
import type { CurrentAccount } from '../page-context.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { authenticate, authenticateCode, checkPasswordLink, requestPasswordReset, resetPassword, type PasswordOutcome } from './auth.service.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';
import { ChoosePasswordPage, LoginPage, ResetRequestPage } from './auth.views.tsx';
import { LoginCodePage } from './totp.views.tsx';
import { mustSetUpTotp } from './totp.service.ts';

declare module 'fastify' {
  interface Session {
    /**
     * Between a right password and the code of an account with a second step: who is to be
     * logged in, until when (app clock, epoch ms) and where to go then. Grants nothing:
     * `accountId` stays unset until the code is right.
     */
    pendingLogin?: { accountId: string; untilMs: number; back: string };
  }
}

/** Time to type the code after the password. */
const PENDING_LOGIN_MS = 5 * 60 * 1000;

/** Where a concierge or town account that must set up its second step is sent first. */
export const TOTP_SETUP_PATH = '/gestion/securite';

const HOME_BY_ROLE = { resident: '/compte', merchant: '/boutique', concierge: '/gestion', town: '/gestion' } as const;

const THIS_SITE = 'http://conciergerie.invalid';

/**
 * Only a path of this site, never another host. Read as a browser reads it (URL parsing drops
 * tabs and newlines and turns « \\ » into « / », so « /<TAB>/evil.example » is another site):
 * what resolves outside this origin is refused, what stays is given back normalised.
 */
export function safeBack(back: string | undefined): string | undefined {
  if (!back || !back.startsWith('/')) return undefined;
  let url: URL;
  try {
    url = new URL(back, THIS_SITE);
  } catch {
    return undefined;
  }
  if (url.origin !== THIS_SITE) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? undefined : path;
}

/**
 * What an area does with a visitor's state when they log in (their basket joins the
 * account's). The areas give these to `authRoutes` through app.ts: platform imports no area.
 */
export type VisitorLoginHook = (db: Db, login: { account: CurrentAccount; visitorId: string }) => Promise<void>;

export interface AuthRoutesOptions {
  onVisitorLogin?: readonly VisitorLoginHook[];
}

async function logIn(request: FastifyRequest, account: CurrentAccount, hooks: readonly VisitorLoginHook[]): Promise<void> {
  const visitorId = request.session.visitorId;
  // A new session id at login, so an id planted before login is worthless after.
  await request.session.regenerate();
  // The visitor's state is handed over here, once: after login the session holds the account alone.
  if (visitorId) for (const hook of hooks) await hook(request.server.db, { account, visitorId });
  request.session.accountId = account.id;
  request.account = account;
}

/** The password was right; the session only remembers who may give a code, for a few minutes. */
async function awaitCode(request: FastifyRequest, account: CurrentAccount, back: string): Promise<void> {
  const visitorId = request.session.visitorId;
  await request.session.regenerate();
  request.session.visitorId = visitorId;
  request.session.pendingLogin = { accountId: account.id, untilMs: nowMs() + PENDING_LOGIN_MS, back };
}

function pendingLoginOf(request: FastifyRequest): { accountId: string; back: string } | undefined {
  const pending = request.session.pendingLogin;
  return pending && pending.untilMs > nowMs() ? pending : undefined;
}

/** The pending step is over (expired, or the account changed): back to the password. */
function restartLogin(request: FastifyRequest, reply: FastifyReply, message = t('errors.login_code_expired')): FastifyReply {
  request.session.pendingLogin = undefined;
  setFlash(request, message);
  return redirectAfterPost(reply, '/connexion');
}

/** Logs in after the password, or sends to the code page when the account has a second step. */
async function continueLogin(request: FastifyRequest, reply: FastifyReply, outcome: PasswordOutcome, back: string, hooks: readonly VisitorLoginHook[], flash?: string): Promise<FastifyReply> {
  if (outcome.codeRequired) {
    await awaitCode(request, outcome.account, back);
    if (flash) setFlash(request, flash);
    return redirectAfterPost(reply, '/connexion/code');
  }
  await logIn(request, outcome.account, hooks);
  if (flash) setFlash(request, flash);
  return redirectAfterPost(reply, await landingOf(request, outcome.account, back));
}

async function landingOf(request: FastifyRequest, account: CurrentAccount, back: string): Promise<string> {
  if (await mustSetUpTotp(request.server.db, request.server.config, account)) return TOTP_SETUP_PATH;
  return back || HOME_BY_ROLE[account.role];
}

const LoginBody = formSchema({ email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 200 }), retour: Type.Optional(Type.String({ maxLength: 500 })) });
const ResetRequestBody = formSchema({ email: Fields.email() });
const ChoosePasswordBody = formSchema({
  password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200, 'x-error': 'field.password' }),
  password_confirm: Type.String({ maxLength: 200 }),
});
const CodeBody = formSchema({ code: Fields.oneTimeCode() });
const TokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions = {}): Promise<void> {
  const { db, config } = app;
  const hooks = options.onVisitorLogin ?? [];

  app.get<{ Querystring: { retour?: string } }>(
    '/connexion',
    { schema: { querystring: Type.Object({ retour: Type.Optional(Type.String({ maxLength: 500 })) }) } },
    async (request, reply) => {
      const back = safeBack(request.query.retour) ?? '';
      return sendPage(reply, LoginPage({ ctx: pageContext(request, reply), state: emptyForm(), back }));
    },
  );

  app.post(
    '/connexion',
    {
      schema: { body: LoginBody },
      attachValidation: true,
      config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const form = readForm<{ email: string; password: string; retour?: string }>(request);
      const back = safeBack((request.body as { retour?: string } | undefined)?.retour) ?? '';
      if (!form.ok) return sendPage(reply, LoginPage({ ctx: pageContext(request, reply), state: form, back }), 422);
      try {
        return await continueLogin(request, reply, await authenticate(db, form.body.email, form.body.password), back, hooks);
      } catch (error) {
        const errors = domainErrorToFieldErrors(error);
        const state = { values: { email: form.body.email }, errors };
        return sendPage(reply, LoginPage({ ctx: pageContext(request, reply), state, back }), error instanceof DomainError ? error.status : 401);
      }
    },
  );

  app.get('/connexion/code', async (request, reply) => {
    // A GET writes nothing, not even a message: without a pending step it is the password page.
    if (!pendingLoginOf(request)) return reply.redirect('/connexion', 303);
    return sendPage(reply, LoginCodePage({ ctx: pageContext(request, reply), state: emptyForm() }));
  });

  app.post(
    '/connexion/code',
    { schema: { body: CodeBody }, attachValidation: true, config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const pending = pendingLoginOf(request);
      if (!pending) return restartLogin(request, reply);
      const form = readForm<{ code: string }>(request);
      if (!form.ok) return sendPage(reply, LoginCodePage({ ctx: pageContext(request, reply), state: { values: {}, errors: form.errors } }), 422);
      try {
        const account = await authenticateCode(db, config, pending.accountId, form.body.code);
        await logIn(request, account, hooks);
        return redirectAfterPost(reply, await landingOf(request, account, pending.back));
      } catch (error) {
        if (error instanceof DomainError && (error.code === 'login_code_expired' || error.code === 'account_disabled')) {
          return restartLogin(request, reply, t(messageKeyOf(error.code)));
        }
        const state = { values: {}, errors: domainErrorToFieldErrors(error, 'code') };
        return sendPage(reply, LoginCodePage({ ctx: pageContext(request, reply), state }), error instanceof DomainError ? error.status : 401);
      }
    },
  );

  app.post('/deconnexion', async (request, reply) => {
    await request.session.regenerate();
    request.account = null;
    setFlash(request, t('logout.done'));
    return redirectAfterPost(reply, '/');
  });

  app.get('/mot-de-passe-oublie', async (request, reply) =>
    sendPage(reply, ResetRequestPage({ ctx: pageContext(request, reply), state: emptyForm(), sent: false })),
  );

  app.post(
    '/mot-de-passe-oublie',
    { schema: { body: ResetRequestBody }, attachValidation: true, config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const form = readForm<{ email: string }>(request);
      if (!form.ok) return sendPage(reply, ResetRequestPage({ ctx: pageContext(request, reply), state: form, sent: false }), 422);
      await requestPasswordReset(db, config, form.body.email);
      return sendPage(reply, ResetRequestPage({ ctx: pageContext(request, reply), state: emptyForm(), sent: true }));
    },
  );

  app.get<{ Params: { token: string } }>('/mot-de-passe/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    await checkPasswordLink(db, request.params.token);
    return sendPage(reply, ChoosePasswordPage({ ctx: pageContext(request, reply), state: emptyForm(), token: request.params.token }));
  });

  app.post<{ Params: { token: string } }>(
    '/mot-de-passe/:token',
    { schema: { params: TokenParams, body: ChoosePasswordBody }, attachValidation: true },
    async (request, reply) => {
      const token = request.params.token;
      const form = readForm<{ password: string; password_confirm: string }>(request);
      const render = (errors: Record<string, string>) =>
        sendPage(reply, ChoosePasswordPage({ ctx: pageContext(request, reply), state: { values: {}, errors }, token }), 422);
      if (!form.ok) return render(form.errors);
      if (form.body.password !== form.body.password_confirm) return render({ password_confirm: t('field.password_mismatch') });
      try {
        const outcome = await resetPassword(db, config, token, form.body.password);
        return await continueLogin(request, reply, outcome, '', hooks, t(outcome.codeRequired ? 'reset.done_code' : 'reset.done'));
      } catch (error) {
        if (error instanceof DomainError && error.code === 'reset_link_invalid') return render({ _form: t('errors.reset_link_invalid') });
        return render(domainErrorToFieldErrors(error));
      }
    },
  );
}
