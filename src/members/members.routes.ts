// Members: the concierge's directory of residents and the resident's own account page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Db } from '../db/index.ts';
import type { CurrentAccount, PageContext } from '../platform/page-context.ts';
import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { emptyToNull, Fields, formSchema, normalisePhone, type FormValues } from '../platform/forms.ts';
import { formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../platform/http.ts';
import { notFound } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import { ACCOUNT_PATH, EDIT_OWN_DETAILS_PATH, MEMBERS_PATH, NEW_MEMBER_PATH, editMemberPath, memberAccessPath, memberPath } from './members.paths.ts';
import type { Member } from './members.repository.ts';
import { MEMBER_KINDS } from './members.rules.ts';
import {
  disableSiteAccess,
  enableSiteAccess,
  getMemberCard,
  getOwnMember,
  openSiteAccess,
  printInvitation,
  registerMember,
  searchMembers,
  updateMember,
  updateOwnDetails,
  type MemberInput,
  type OwnDetailsInput,
} from './members.service.ts';
import { AccountPage, EditMemberPage, EditOwnDetailsPage, MemberCardPage, MembersListPage, NewMemberPage } from './members.views.tsx';
import { InvitationSheetPage } from './members.invitation.views.tsx';
import { companiesRoutes, type CompanyStops } from './members.companies.routes.ts';
import { companyContactOf, companyOfMember } from './members.companies.service.ts';
import type { PersonalDataHolder } from '../platform/personal-data.ts';
import { privacyRoutes } from './members.privacy.routes.ts';
import { newsRoutes } from './members.news.routes.ts';
import { segmentFilter, type SegmentSettings } from './members.news.service.ts';
import { SEGMENTS } from './members.segments.ts';
import { AccountPrivacySection, MemberPrivacySections } from './members.privacy.views.tsx';

const name = () => Type.String({ minLength: 1, maxLength: 80, pattern: '\\S', 'x-error': 'field.required' });
const identityFields = {
  first_name: name(),
  last_name: name(),
  phone: Fields.optionalPhone(),
  address_line: Fields.optionalText(200),
  postal_code: Type.String({ maxLength: 10, pattern: '^\\s*(\\d{5})?\\s*$', 'x-error': 'field.postal_code' }),
  city: Fields.optionalText(100),
};
const memberFields = { ...identityFields, email: Fields.optionalEmail(), kind: Fields.choice(MEMBER_KINDS), notes: Fields.optionalText(2000), needs_delivery: Fields.checkbox() };

const MemberBody = formSchema(memberFields);
const NewMemberBody = formSchema({ ...memberFields, open_access: Fields.checkbox(), idempotency_key: Fields.idempotencyKey() });
const OwnDetailsBody = formSchema(identityFields);
const EmptyBody = formSchema({});
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  groupe: Type.Optional(Fields.choice(SEGMENTS)),
});

type MemberBodyT = Static<typeof MemberBody>;
type OwnDetailsBodyT = Static<typeof OwnDetailsBody>;

function ownDetailsOf(body: OwnDetailsBodyT): OwnDetailsInput {
  return {
    firstName: body.first_name.trim(),
    lastName: body.last_name.trim(),
    phone: normalisePhone(body.phone),
    addressLine: body.address_line.trim(),
    postalCode: body.postal_code.trim(),
    city: body.city.trim(),
  };
}

function memberInputOf(body: MemberBodyT): MemberInput {
  return { ...ownDetailsOf(body), email: emptyToNull(body.email)?.toLowerCase() ?? null, kind: body.kind, notes: body.notes.trim(), needsDelivery: body.needs_delivery === 'on' };
}

function formValuesOf(member: Member): FormValues {
  return {
    first_name: member.firstName,
    last_name: member.lastName,
    phone: member.phone ?? '',
    email: member.email ?? '',
    address_line: member.addressLine,
    postal_code: member.postalCode,
    city: member.city,
    kind: member.kind,
    notes: member.notes,
    ...(member.needsDelivery ? { needs_delivery: 'on' } : {}),
  };
}

/** What shows at the top of « Mon compte » from other areas (the next order to collect): app.ts gives it, as members import no area. */
export type AccountHighlight = (db: Db, account: CurrentAccount, ctx: PageContext) => Promise<ComponentChildren>;

export interface MembersRoutesOptions {
  accountHighlight?: AccountHighlight;
  /** The places where the van stops, for the companies' form. */
  companyStops?: CompanyStops;
  /** Every area that keeps something about a member (app.ts lists them): export, erasure, segments. */
  personalData?: readonly PersonalDataHolder[];
}

export async function membersRoutes(instance: FastifyInstance, options: MembersRoutesOptions = {}): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  const resident = onlyRoles('resident');
  await companiesRoutes(instance, options.companyStops ?? (async () => []));
  const holders = options.personalData ?? [];
  await privacyRoutes(instance, holders);
  await newsRoutes(instance, holders);
  const segments: SegmentSettings = { hamletName: config.hamletName, activity: holders.flatMap((holder) => (holder.activeSince ? [holder.activeSince] : [])) };

  app.get(MEMBERS_PATH, { preHandler: concierge, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = (request.query.q ?? '').trim();
    const segment = request.query.groupe ?? 'all';
    const result = await searchMembers(db, request.account, query, request.query.page ?? 1, segmentFilter(segment, segments));
    return sendPage(reply, MembersListPage({ ctx: pageContext(request, reply), query, segment, ...result }));
  });

  app.get(NEW_MEMBER_PATH, { preHandler: concierge }, async (request, reply) => {
    const state = emptyForm({ city: config.conciergerie.town, idempotency_key: newIdempotencyKey() });
    return sendPage(reply, NewMemberPage({ ctx: pageContext(request, reply), state }));
  });

  formRoute(app, NEW_MEMBER_PATH, {
    body: NewMemberBody,
    preHandler: concierge,
    run: async (request, body) => {
      const withAccess = body.open_access === 'on';
      const id = await registerMember(db, config, request.account, body.idempotency_key, memberInputOf(body), withAccess);
      return redirectTo(memberPath(id), withAccess ? t('members.new.done_with_access') : t('members.new.done'));
    },
    render: (request, reply, state) => sendPage(reply, NewMemberPage({ ctx: pageContext(request, reply), state }), 422),
  });

  app.get(memberPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const card = await getMemberCard(db, request.account, request.params.id);
    const company = await companyOfMember(db, card.member.id);
    const ctx = pageContext(request, reply);
    const privacy = card.member.erasedAt ? null : MemberPrivacySections({ ctx, member: card.member });
    return sendPage(reply, MemberCardPage({ ctx, ...card, company, privacy }));
  });

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, id: string, form?: FormState) => {
    const { member, access } = await getMemberCard(db, request.account, id);
    const state = form ?? emptyForm(formValuesOf(member));
    return sendPage(reply, EditMemberPage({ ctx: pageContext(request, reply), member, state, hasAccess: access !== null }), form ? 422 : 200);
  };

  app.get(editMemberPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => renderEdit(request, reply, request.params.id));

  formRoute(app, editMemberPath(':id'), {
    body: MemberBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await updateMember(db, request.account, id, memberInputOf(body));
      return redirectTo(memberPath(id), t('members.edit.done'));
    },
    render: (request, reply, state, { id }) => renderEdit(request, reply, id, state),
  });

  const accessActions = [
    ['acces', (request: FastifyRequest, id: string) => openSiteAccess(db, config, request.account, id), 'members.card.access_opened'],
    ['acces/desactiver', (request: FastifyRequest, id: string) => disableSiteAccess(db, request.account, id), 'members.card.access_disabled_done'],
    ['acces/reactiver', (request: FastifyRequest, id: string) => enableSiteAccess(db, request.account, id), 'members.card.access_enabled_done'],
  ] as const;
  for (const [action, act, done] of accessActions) {
    formRoute(app, memberAccessPath(':id', action), {
      body: EmptyBody,
      params: IdParams,
      preHandler: concierge,
      run: async (request, _body, { id }) => {
        await act(request, id);
        return redirectTo(memberPath(id), t(done));
      },
    });
  }

  // A POST that answers with the page itself: the link exists only in this response, which
  // no cache may keep (a GET never writes, and this one creates a link).
  formRoute(app, memberAccessPath(':id', 'acces/invitation'), {
    body: EmptyBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, _body, { id }, { reply }) => {
      const { member, invitation } = await printInvitation(db, config, request.account, id);
      reply.header('cache-control', 'no-store');
      return sendPage(reply, InvitationSheetPage({ ctx: pageContext(request, reply), member, invitation }));
    },
  });

  app.get(ACCOUNT_PATH, { preHandler: resident }, async (request, reply) => {
    const member = await getOwnMember(db, request.account);
    const ctx = pageContext(request, reply);
    const highlight = member && options.accountHighlight ? await options.accountHighlight(db, request.account!, ctx) : null;
    const contactOf = member ? await companyContactOf(db, member.id) : null;
    const privacy = member ? AccountPrivacySection({ ctx, member }) : null;
    return sendPage(reply, AccountPage({ ctx, member, highlight, contactOf, privacy }));
  });

  const renderOwnEdit = async (request: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const member = await getOwnMember(db, request.account);
    if (!member) throw notFound();
    const state = form ?? emptyForm(formValuesOf(member));
    return sendPage(reply, EditOwnDetailsPage({ ctx: pageContext(request, reply), state }), form ? 422 : 200);
  };

  app.get(EDIT_OWN_DETAILS_PATH, { preHandler: resident }, async (request, reply) => renderOwnEdit(request, reply));

  formRoute(app, EDIT_OWN_DETAILS_PATH, {
    body: OwnDetailsBody,
    preHandler: resident,
    run: async (request, body) => {
      await updateOwnDetails(db, request.account, ownDetailsOf(body));
      return redirectTo(ACCOUNT_PATH, t('account.edit_done'));
    },
    render: (request, reply, state) => renderOwnEdit(request, reply, state),
  });
}
