// Members: the concierge's directory of residents and the resident's own account page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { emptyToNull, Fields, formSchema, normalisePhone, valuesOf, type FieldErrors, type FormValues } from '../platform/forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { notFound } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { emptyForm } from '../ui/forms.tsx';
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

const name = () => Type.String({ minLength: 1, maxLength: 80, pattern: '\\S', 'x-error': 'field.required' });
const identityFields = {
  first_name: name(),
  last_name: name(),
  phone: Fields.optionalPhone(),
  address_line: Fields.optionalText(200),
  postal_code: Type.String({ maxLength: 10, pattern: '^\\s*(\\d{5})?\\s*$', 'x-error': 'field.postal_code' }),
  city: Fields.optionalText(100),
};
const memberFields = { ...identityFields, email: Fields.optionalEmail(), kind: Fields.choice(MEMBER_KINDS), notes: Fields.optionalText(2000) };

const MemberBody = formSchema(memberFields);
const NewMemberBody = formSchema({ ...memberFields, open_access: Fields.checkbox(), idempotency_key: Fields.idempotencyKey() });
const OwnDetailsBody = formSchema(identityFields);
const EmptyBody = formSchema({});
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

type MemberBodyT = Static<typeof MemberBody>;
type NewMemberBodyT = Static<typeof NewMemberBody>;
type OwnDetailsBodyT = Static<typeof OwnDetailsBody>;
type IdRequest = FastifyRequest<{ Params: { id: string } }>;

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
  return { ...ownDetailsOf(body), email: emptyToNull(body.email)?.toLowerCase() ?? null, kind: body.kind, notes: body.notes.trim() };
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
  };
}

/** A form shown again keeps its key, so the corrected submission still creates one member. */
function withKey(values: FormValues): FormValues {
  const key = values.idempotency_key;
  return { ...values, idempotency_key: key && /^[A-Za-z0-9_-]{8,64}$/.test(key) ? key : newIdempotencyKey() };
}

export async function membersRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const concierge = { preHandler: requireRole('concierge') };
  const resident = { preHandler: requireRole('resident') };

  app.get<{ Querystring: Static<typeof ListQuery> }>('/gestion/adherents', { ...concierge, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = (request.query.q ?? '').trim();
    const result = await searchMembers(db, request.account, query, request.query.page ?? 1);
    return sendPage(reply, MembersListPage({ ctx: pageContext(request, reply), query, ...result }));
  });

  const renderNew = (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FieldErrors = {}, status = 200) =>
    sendPage(reply, NewMemberPage({ ctx: pageContext(request, reply), state: { values: withKey(values), errors } }), status);

  app.get('/gestion/adherents/nouveau', concierge, async (request, reply) => renderNew(request, reply, { city: config.conciergerie.town }));

  app.post('/gestion/adherents/nouveau', { ...concierge, schema: { body: NewMemberBody }, attachValidation: true }, async (request, reply) => {
    const form = readForm<NewMemberBodyT>(request);
    if (!form.ok) return renderNew(request, reply, form.values, form.errors, 422);
    const withAccess = form.body.open_access === 'on';
    try {
      const id = await registerMember(db, config, request.account, form.body.idempotency_key, memberInputOf(form.body), withAccess);
      setFlash(request, withAccess ? t('members.new.done_with_access') : t('members.new.done'));
      return redirectAfterPost(reply, `/gestion/adherents/${id}`);
    } catch (error) {
      return renderNew(request, reply, valuesOf(request.body), domainErrorToFieldErrors(error), 422);
    }
  });

  app.get('/gestion/adherents/:id', { ...concierge, schema: { params: IdParams } }, async (request: IdRequest, reply) => {
    const card = await getMemberCard(db, request.account, request.params.id);
    return sendPage(reply, MemberCardPage({ ctx: pageContext(request, reply), ...card }));
  });

  const renderEdit = async (request: IdRequest, reply: FastifyReply, values?: FormValues, errors: FieldErrors = {}, status = 200) => {
    const { member, access } = await getMemberCard(db, request.account, request.params.id);
    const state = { values: values ?? formValuesOf(member), errors };
    return sendPage(reply, EditMemberPage({ ctx: pageContext(request, reply), member, state, hasAccess: access !== null }), status);
  };

  app.get('/gestion/adherents/:id/modifier', { ...concierge, schema: { params: IdParams } }, async (request: IdRequest, reply) => renderEdit(request, reply));

  app.post(
    '/gestion/adherents/:id/modifier',
    { ...concierge, schema: { params: IdParams, body: MemberBody }, attachValidation: true },
    async (request: IdRequest, reply) => {
      const form = readForm<MemberBodyT>(request);
      if (!form.ok) return renderEdit(request, reply, form.values, form.errors, 422);
      try {
        await updateMember(db, request.account, request.params.id, memberInputOf(form.body));
      } catch (error) {
        return renderEdit(request, reply, valuesOf(request.body), domainErrorToFieldErrors(error), 422);
      }
      setFlash(request, t('members.edit.done'));
      return redirectAfterPost(reply, `/gestion/adherents/${request.params.id}`);
    },
  );

  const accessActions = [
    ['acces', (request: IdRequest) => openSiteAccess(db, config, request.account, request.params.id), 'members.card.access_opened'],
    ['acces/desactiver', (request: IdRequest) => disableSiteAccess(db, request.account, request.params.id), 'members.card.access_disabled_done'],
    ['acces/reactiver', (request: IdRequest) => enableSiteAccess(db, request.account, request.params.id), 'members.card.access_enabled_done'],
  ] as const;
  for (const [path, act, done] of accessActions) {
    app.post(`/gestion/adherents/:id/${path}`, { ...concierge, schema: { params: IdParams, body: EmptyBody } }, async (request: IdRequest, reply) => {
      await act(request);
      setFlash(request, t(done));
      return redirectAfterPost(reply, `/gestion/adherents/${request.params.id}`);
    });
  }

  // A POST that answers with the page itself: the link exists only in this response, which
  // no cache may keep (a GET never writes, and this one creates a link).
  app.post(
    '/gestion/adherents/:id/acces/invitation',
    { ...concierge, schema: { params: IdParams, body: EmptyBody } },
    async (request: IdRequest, reply) => {
      const { member, invitation } = await printInvitation(db, config, request.account, request.params.id);
      reply.header('cache-control', 'no-store');
      return sendPage(reply, InvitationSheetPage({ ctx: pageContext(request, reply), member, invitation }));
    },
  );

  app.get('/compte', resident, async (request, reply) => {
    const member = await getOwnMember(db, request.account);
    return sendPage(reply, AccountPage({ ctx: pageContext(request, reply), member }));
  });

  const renderOwnEdit = async (request: FastifyRequest, reply: FastifyReply, values?: FormValues, errors: FieldErrors = {}, status = 200) => {
    const member = await getOwnMember(db, request.account);
    if (!member) throw notFound();
    const state = { values: values ?? formValuesOf(member), errors };
    return sendPage(reply, EditOwnDetailsPage({ ctx: pageContext(request, reply), state }), status);
  };

  app.get('/compte/modifier', resident, async (request, reply) => renderOwnEdit(request, reply));

  app.post('/compte/modifier', { ...resident, schema: { body: OwnDetailsBody }, attachValidation: true }, async (request, reply) => {
    const form = readForm<OwnDetailsBodyT>(request);
    if (!form.ok) return renderOwnEdit(request, reply, form.values, form.errors, 422);
    try {
      await updateOwnDetails(db, request.account, ownDetailsOf(form.body));
    } catch (error) {
      return renderOwnEdit(request, reply, valuesOf(request.body), domainErrorToFieldErrors(error), 422);
    }
    setFlash(request, t('account.edit_done'));
    return redirectAfterPost(reply, '/compte');
  });
}
