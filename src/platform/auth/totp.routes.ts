// The back-office page where a concierge or town account sets up its second login step, and
// the guard that keeps such an account on it while the setting requires one.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { DomainError } from '../errors.ts';
import { Fields, formSchema } from '../forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../http.ts';
import { t } from '../i18n/index.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { TOTP_SETUP_PATH } from './auth.routes.ts';
import { confirmTotpSetup, mustSetUpTotp, startTotpSetup, totpSetupOf, turnOffTotp } from './totp.service.ts';
import { TotpPage } from './totp.views.tsx';

const CodeBody = formSchema({ code: Fields.oneTimeCode() });
const EmptyBody = formSchema({});

/** What an account that must set up its second step may still open: that page, logging out, the style sheet. */
function openWhileSettingUp(url: string): boolean {
  const path = url.split('?')[0];
  return path === TOTP_SETUP_PATH || path.startsWith(`${TOTP_SETUP_PATH}/`) || path === '/deconnexion' || path.startsWith('/static/');
}

/**
 * With REQUIRE_TOTP_FOR_STAFF, a concierge or town account without a second step is sent to
 * set it up, from any page: nothing of the back office opens before. Runs after the session's
 * account is loaded; costs one query per request of such accounts only while the setting is on.
 */
export function sendStaffToTotpSetup(db: Db, config: Config): onRequestHookHandler {
  return async (request, reply) => {
    if (!config.requireTotpForStaff || !request.account || openWhileSettingUp(request.url)) return;
    if (await mustSetUpTotp(db, config, request.account)) return reply.redirect(TOTP_SETUP_PATH, 303);
  };
}

export async function totpRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const staffOnly = { preHandler: requireRole('concierge', 'town') };

  async function render(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200): Promise<FastifyReply> {
    const setup = await totpSetupOf(db, config, request.account);
    // The key is on the page while it is set up: no cache keeps a copy.
    reply.header('cache-control', 'no-store');
    return sendPage(reply, TotpPage({ ctx: pageContext(request, reply), setup, state, required: config.requireTotpForStaff }), status);
  }

  async function onCode(request: FastifyRequest, reply: FastifyReply, run: (code: string) => Promise<void>, done: string, next: string): Promise<FastifyReply> {
    const form = readForm<{ code: string }>(request);
    if (!form.ok) return render(request, reply, { values: {}, errors: form.errors }, 422);
    try {
      await run(form.body.code);
    } catch (error) {
      const errors = domainErrorToFieldErrors(error, 'code');
      return render(request, reply, { values: {}, errors }, error instanceof DomainError ? error.status : 422);
    }
    setFlash(request, done);
    return redirectAfterPost(reply, next);
  }

  app.get(TOTP_SETUP_PATH, staffOnly, async (request, reply) => render(request, reply, emptyForm()));

  app.post(`${TOTP_SETUP_PATH}/nouveau-code`, { ...staffOnly, schema: { body: EmptyBody } }, async (request, reply) => {
    await startTotpSetup(db, config, request.account);
    return redirectAfterPost(reply, TOTP_SETUP_PATH);
  });

  app.post(`${TOTP_SETUP_PATH}/activer`, { ...staffOnly, schema: { body: CodeBody }, attachValidation: true }, async (request, reply) =>
    onCode(request, reply, (code) => confirmTotpSetup(db, config, request.account, code, request.session.sessionId), t('totp.enabled'), '/gestion'),
  );

  app.post(
    `${TOTP_SETUP_PATH}/desactiver`,
    { ...staffOnly, schema: { body: CodeBody }, attachValidation: true, config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => onCode(request, reply, (code) => turnOffTotp(db, config, request.account, code), t('totp.turned_off'), TOTP_SETUP_PATH),
  );
}
