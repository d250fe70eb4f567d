// The concierge's list of membership requests (/gestion/adhesions) and « Classer ».
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { formSchema } from '../../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { MEMBERSHIP_REQUESTS, membershipRequestPath } from '../site/membership.paths.ts';
import { closeMembershipRequest, pendingMembershipRequests } from '../site/membership.service.ts';
import { MembershipRequestsPage } from './requests.views.tsx';

const RequestParams = Type.Object({ requestId: Type.String({ pattern: ID_PATTERN }) });

export async function membershipRequestsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const concierge = onlyRoles('concierge');

  app.get(MEMBERSHIP_REQUESTS, { preHandler: concierge }, async (request, reply) => {
    const { requests, total } = await pendingMembershipRequests(db, request.account);
    return sendPage(reply, MembershipRequestsPage({ ctx: pageContext(request, reply), requests, total }));
  });

  formRoute(app, membershipRequestPath(':requestId', 'classer'), {
    body: formSchema({}),
    params: RequestParams,
    preHandler: concierge,
    run: async (request, _body, { requestId }) => {
      await closeMembershipRequest(db, request.account, requestId);
      return redirectTo(MEMBERSHIP_REQUESTS, t('join.list.closed'));
    },
  });
}
