// The back-office page where a concierge or town account sets up its second login step, and
// the guard that keeps such an account on it while the setting requires one.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { Fields, formSchema } from '../forms.ts';
import { formRoute, pageContext, redirectTo, onlyRoles, sendPage, type SubmittedForm } from '../http.ts';
import { t } from '../i18n/index.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { LOGOUT_PATH, TOTP_SETUP_PATH, totpActionPath } from './auth.paths.ts';
import { confirmTotpSetup, mustSetUpTotp, startTotpSetup, totpSetupOf, turnOffTotp } from './totp.service.ts';
import { TotpPage } from './totp.views.tsx';

const CodeBody = formSchema({ code: Fields.oneTimeCode() });
// The password again: a screen left unattended must not let someone tie the account to their own phone.
const ActivateBody = formSchema({ password: Fields.text(200), code: Fields.oneTimeCode() });
const EmptyBody = formSchema({});

/** What an account that must set up its second step may still open: that page, logging out, the style sheet. */
function openWhileSettingUp(url: string): boolean {
  const path = url.split('?')[0];
  return path === TOTP_SETUP_PATH || path.startsWith(`${TOTP_SETUP_PATH}/`) || path === LOGOUT_PATH || path.startsWith('/static/');
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

export async function totpRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const staffOnly = onlyRoles('concierge', 'town');

  async function render(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200): Promise<FastifyReply> {
    const setup = await totpSetupOf(db, config, request.account);
    // The key is on the page while it is set up: no cache keeps a copy.
    reply.header('cache-control', 'no-store');
    return sendPage(reply, TotpPage({ ctx: pageContext(request, reply), setup, state, required: config.requireTotpForStaff }), status);
  }

  /** The code and the password are never sent back into the page; a refusal keeps its own status (a wrong code is 401). */
  const renderCode = (request: FastifyRequest, reply: FastifyReply, { errors, error }: SubmittedForm) => render(request, reply, { values: {}, errors }, error ? error.status : 422);

  app.get(TOTP_SETUP_PATH, { preHandler: staffOnly }, async (request, reply) => render(request, reply, emptyForm()));

  formRoute(app, totpActionPath('nouveau-code'), {
    body: EmptyBody,
    preHandler: staffOnly,
    run: async (request) => {
      await startTotpSetup(db, config, request.account);
      return redirectTo(TOTP_SETUP_PATH);
    },
  });

  formRoute(app, totpActionPath('activer'), {
    body: ActivateBody,
    preHandler: staffOnly,
    config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    errorField: 'code',
    run: async (request, { password, code }) => {
      await confirmTotpSetup(db, config, request.account, { password, code }, request.session.sessionId);
      return redirectTo('/gestion', t('totp.enabled'));
    },
    render: renderCode,
  });

  formRoute(app, totpActionPath('desactiver'), {
    body: CodeBody,
    preHandler: staffOnly,
    config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    errorField: 'code',
    run: async (request, { code }) => {
      await turnOffTotp(db, config, request.account, code);
      return redirectTo(TOTP_SETUP_PATH, t('totp.turned_off'));
    },
    render: renderCode,
  });
}
