// Log in (password, then a code for accounts with a second step), log out, forgotten
// password and invitation links.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/index.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { nowMs } from '../clock.ts';
import { DomainError, messageKeyOf } from '../errors.ts';
import { Fields, formSchema } from '../forms.ts';
import { FormRefused, formRoute, pageContext, redirectAfterPost, redirectTo, sendPage, setFlash } from '../http.ts';
import { t } from '../i18n/index.ts';
import type { CurrentAccount } from '../page-context.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { authenticate, authenticateCode, checkPasswordLink, requestPasswordReset, resetPassword, type PasswordOutcome } from './auth.service.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';
import { ChoosePasswordPage, LoginPage, ResetRequestPage } from './auth.views.tsx';
import { LoginCodePage } from './totp.views.tsx';
import { mustSetUpTotp } from './totp.service.ts';
import { DRIVER_PATH, HOME_PATH } from '../paths.ts';
import { LOGIN_CODE_PATH, LOGIN_PATH, LOGOUT_PATH, RESET_REQUEST_PATH, TOTP_SETUP_PATH, passwordLinkPath } from './auth.paths.ts';

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

export { TOTP_SETUP_PATH } from './auth.paths.ts';

const HOME_BY_ROLE = { resident: '/compte', merchant: '/boutique', concierge: '/gestion', town: '/gestion', driver: DRIVER_PATH } as const;

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
  return redirectAfterPost(reply, LOGIN_PATH);
}

/** Logs in after the password, or sends to the code page when the account has a second step. */
async function continueLogin(request: FastifyRequest, reply: FastifyReply, outcome: PasswordOutcome, back: string, hooks: readonly VisitorLoginHook[], flash?: string): Promise<FastifyReply> {
  if (outcome.codeRequired) {
    await awaitCode(request, outcome.account, back);
    if (flash) setFlash(request, flash);
    return redirectAfterPost(reply, LOGIN_CODE_PATH);
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
const EmptyBody = formSchema({});
const TokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });

export async function authRoutes(instance: FastifyInstance, options: AuthRoutesOptions = {}): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const hooks = options.onVisitorLogin ?? [];
  const rateLimit = { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } };

  app.get(LOGIN_PATH, { schema: { querystring: Type.Object({ retour: Type.Optional(Type.String({ maxLength: 500 })) }) } }, async (request, reply) => {
    const back = safeBack(request.query.retour) ?? '';
    return sendPage(reply, LoginPage({ ctx: pageContext(request, reply), state: emptyForm(), back }));
  });

  formRoute(app, LOGIN_PATH, {
    body: LoginBody,
    config: rateLimit,
    run: async (request, body, _params, { reply }) => continueLogin(request, reply, await authenticate(db, body.email, body.password), safeBack(body.retour) ?? '', hooks),
    // A refused login keeps only the e-mail, with the refusal's own status (401, 429…).
    render: (request, reply, { values, errors, error }) => {
      const state = error ? { values: { email: values.email }, errors } : { values, errors };
      return sendPage(reply, LoginPage({ ctx: pageContext(request, reply), state, back: safeBack(values.retour) ?? '' }), error ? error.status : 422);
    },
  });

  app.get(LOGIN_CODE_PATH, async (request, reply) => {
    // A GET writes nothing, not even a message: without a pending step it is the password page.
    if (!pendingLoginOf(request)) return reply.redirect(LOGIN_PATH, 303);
    return sendPage(reply, LoginCodePage({ ctx: pageContext(request, reply), state: emptyForm() }));
  });

  formRoute(app, LOGIN_CODE_PATH, {
    body: CodeBody,
    config: rateLimit,
    errorField: 'code',
    check: (request) => ({ pending: pendingLoginOf(request), errors: {} }),
    run: async (request, body, _params, { reply, checked: { pending } }) => {
      if (!pending) return restartLogin(request, reply);
      try {
        const account = await authenticateCode(db, config, pending.accountId, body.code);
        await logIn(request, account, hooks);
        return redirectTo(await landingOf(request, account, pending.back));
      } catch (error) {
        if (error instanceof DomainError && (error.code === 'login_code_expired' || error.code === 'account_disabled')) {
          return restartLogin(request, reply, t(messageKeyOf(error.code)));
        }
        throw error;
      }
    },
    render: (request, reply, { errors, error }) => {
      if (!pendingLoginOf(request)) return restartLogin(request, reply);
      return sendPage(reply, LoginCodePage({ ctx: pageContext(request, reply), state: { values: {}, errors } }), error ? error.status : 422);
    },
  });

  formRoute(app, LOGOUT_PATH, {
    body: EmptyBody,
    run: async (request) => {
      await request.session.regenerate();
      request.account = null;
      return redirectTo(HOME_PATH, t('logout.done'));
    },
  });

  app.get(RESET_REQUEST_PATH, async (request, reply) => sendPage(reply, ResetRequestPage({ ctx: pageContext(request, reply), state: emptyForm(), sent: false })));

  formRoute(app, RESET_REQUEST_PATH, {
    body: ResetRequestBody,
    config: rateLimit,
    run: async (request, body, _params, { reply }) => {
      await requestPasswordReset(db, config, body.email);
      return sendPage(reply, ResetRequestPage({ ctx: pageContext(request, reply), state: emptyForm(), sent: true }));
    },
    render: (request, reply, state) => sendPage(reply, ResetRequestPage({ ctx: pageContext(request, reply), state, sent: false }), 422),
  });

  app.get(passwordLinkPath(':token'), { schema: { params: TokenParams } }, async (request, reply) => {
    await checkPasswordLink(db, request.params.token);
    return sendPage(reply, ChoosePasswordPage({ ctx: pageContext(request, reply), state: emptyForm(), token: request.params.token }));
  });

  formRoute(app, passwordLinkPath(':token'), {
    body: ChoosePasswordBody,
    params: TokenParams,
    run: async (request, body, { token }, { reply }) => {
      if (body.password !== body.password_confirm) throw new FormRefused({ password_confirm: t('field.password_mismatch') });
      const outcome = await resetPassword(db, config, token, body.password);
      return continueLogin(request, reply, outcome, '', hooks, t(outcome.codeRequired ? 'reset.done_code' : 'reset.done'));
    },
    // A password is never sent back into the page.
    render: (request, reply, { errors }, { token }) => sendPage(reply, ChoosePasswordPage({ ctx: pageContext(request, reply), state: { values: {}, errors }, token }), 422),
  });
}
