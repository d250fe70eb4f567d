// Routes of personal data and consent: « Mes données » (page and JSON), asking for erasure,
// the mailed link that confirms it, the unsubscribe link of news mail, and the concierge's
// actions on a member's card (erase, consent given by phone, « senior » mark).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { formSchema } from '../platform/forms.ts';
import { errorMessage, formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../platform/http.ts';
import { DomainError } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { nowIso } from '../platform/clock.ts';
import type { PersonalDataHolder } from '../platform/personal-data.ts';
import { SIGNED_TOKEN_PATTERN } from '../platform/signed-links.ts';
import { ACCOUNT_PATH, OWN_CONSENT_GIVE_PATH, OWN_CONSENT_WITHDRAW_PATH, OWN_DATA_JSON_PATH, OWN_DATA_PATH, OWN_ERASURE_PATH, memberPath, memberPrivacyPath } from './members.paths.ts';
import {
  checkErasureLink,
  confirmOwnErasure,
  erasureLinkPath,
  erasureObstacles,
  eraseMemberByConcierge,
  ownPersonalData,
  requestOwnErasure,
} from './members.privacy.service.ts';
import { checkUnsubscribeLink, setConsentByPhone, setOwnConsent, unsubscribe, unsubscribePath } from './members.news.service.ts';
import { getMember, setSeniorMarkFor } from './members.service.ts';
import { memberFacts, ConciergeErasurePage, ErasureLinkPage, OwnDataPage, OwnErasurePage, UnsubscribePage } from './members.privacy.views.tsx';

const EmptyBody = formSchema({});
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ErasureLinkParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), expires: Type.Integer({ minimum: 0, maximum: 99_999_999_999 }), token: Type.String({ pattern: SIGNED_TOKEN_PATTERN }) });
const UnsubscribeParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), token: Type.String({ pattern: SIGNED_TOKEN_PATTERN }) });

export async function privacyRoutes(instance: FastifyInstance, holders: readonly PersonalDataHolder[]): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  const resident = onlyRoles('resident');

  app.get(OWN_DATA_PATH, { preHandler: resident }, async (request, reply) => {
    const data = await ownPersonalData(db, holders, request.account);
    return sendPage(reply.header('cache-control', 'no-store'), OwnDataPage({ ctx: pageContext(request, reply), data }));
  });

  app.get(OWN_DATA_JSON_PATH, { preHandler: resident }, async (request, reply) => {
    const data = await ownPersonalData(db, holders, request.account);
    const document = { [t('mydata.section.member')]: memberFacts(data.member), ...Object.fromEntries(data.sections.map((section) => [section.name, section.rows])), exporté_le: nowIso() };
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="mes-donnees.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(document, null, 2));
  });

  app.get(OWN_ERASURE_PATH, { preHandler: resident }, async (request, reply) => {
    const reasons = await erasureObstacles(db, holders, request.account!.memberId ?? '');
    return sendPage(reply, OwnErasurePage({ ctx: pageContext(request, reply), reasons }));
  });

  formRoute(app, OWN_ERASURE_PATH, {
    body: EmptyBody,
    preHandler: resident,
    run: async (request, _body, _params, { reply }) => {
      try {
        await requestOwnErasure(db, config, holders, request.account);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'erasure_refused') throw error;
        const reasons = await erasureObstacles(db, holders, request.account!.memberId ?? '');
        return sendPage(reply, OwnErasurePage({ ctx: pageContext(request, reply), reasons, error: errorMessage(error) }), 422);
      }
      return redirectTo(OWN_DATA_PATH, t('mydata.erase_mail_sent'));
    },
  });

  const linkPath = '/effacement/:id/:expires/:token';
  app.get(linkPath, { schema: { params: ErasureLinkParams } }, async (request, reply) => {
    const { id, expires, token } = request.params;
    checkErasureLink(config, id, expires, token);
    const reasons = await erasureObstacles(db, holders, id);
    return sendPage(reply.header('cache-control', 'no-store'), ErasureLinkPage({ ctx: pageContext(request, reply), action: erasureLinkPath(id, expires, token), reasons }));
  });

  formRoute(app, linkPath, {
    body: EmptyBody,
    params: ErasureLinkParams,
    run: async (request, _body, { id, expires, token }) => {
      await confirmOwnErasure(db, config, holders, id, expires, token);
      // Whoever followed the link is logged out: the account no longer exists for them.
      await request.session.regenerate();
      request.account = null;
      return redirectTo('/', t('erasure.page.done'));
    },
  });

  const unsubscribeRoute = '/desabonnement/:id/:token';
  app.get(unsubscribeRoute, { schema: { params: UnsubscribeParams } }, async (request, reply) => {
    const { id, token } = request.params;
    const { subscribed } = await checkUnsubscribeLink(db, config, id, token);
    return sendPage(reply.header('cache-control', 'no-store'), UnsubscribePage({ ctx: pageContext(request, reply), action: unsubscribePath(id, token), subscribed }));
  });

  // RFC 8058's one-click POST comes from the mail program, which holds no CSRF token: the
  // signed token in the path is the proof, and the only thing it can do is stop news mail.
  // The page's own button posts here too (its form's token is then simply not needed).
  app.post(unsubscribeRoute, { schema: { params: UnsubscribeParams }, config: { csrf: false } }, async (request, reply) => {
    const { id, token } = request.params;
    await unsubscribe(db, config, id, token);
    return sendPage(reply, UnsubscribePage({ ctx: pageContext(request, reply), action: unsubscribePath(id, token), subscribed: false }));
  });

  const ownConsent = [
    [OWN_CONSENT_GIVE_PATH, true, 'consent.given'],
    [OWN_CONSENT_WITHDRAW_PATH, false, 'consent.withdrawn'],
  ] as const;
  for (const [path, agree, done] of ownConsent) {
    formRoute(app, path, {
      body: EmptyBody,
      preHandler: resident,
      run: async (request) => {
        await setOwnConsent(db, request.account, agree);
        return redirectTo(ACCOUNT_PATH, t(done));
      },
    });
  }

  app.get(memberPrivacyPath(':id', 'effacer'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const member = await getMember(db, request.account, request.params.id);
    if (member.erasedAt) return reply.redirect(memberPath(member.id));
    const reasons = await erasureObstacles(db, holders, member.id);
    return sendPage(reply, ConciergeErasurePage({ ctx: pageContext(request, reply), member, reasons, backHref: memberPath(member.id) }));
  });

  formRoute(app, memberPrivacyPath(':id', 'effacer'), {
    body: EmptyBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, _body, { id }) => {
      await eraseMemberByConcierge(db, holders, request.account, id);
      return redirectTo(memberPath(id), t('erasure.concierge.done'));
    },
  });

  const cardActions = [
    ['nouvelles/accord', (request: FastifyRequest, id: string) => setConsentByPhone(db, request.account, id, true), 'consent.card.recorded'],
    ['nouvelles/retrait', (request: FastifyRequest, id: string) => setConsentByPhone(db, request.account, id, false), 'consent.card.withdrawn'],
    ['senior', (request: FastifyRequest, id: string) => setSeniorMarkFor(db, request.account, id, true), 'senior.card.marked'],
    ['senior/retirer', (request: FastifyRequest, id: string) => setSeniorMarkFor(db, request.account, id, false), 'senior.card.unmarked'],
  ] as const;
  for (const [action, act, done] of cardActions) {
    formRoute(app, memberPrivacyPath(':id', action), {
      body: EmptyBody,
      params: IdParams,
      preHandler: concierge,
      run: async (request, _body, { id }) => {
        await act(request, id);
        return redirectTo(memberPath(id), t(done));
      },
    });
  }
}
