// The concierge's pages about companies (/gestion/entreprises…), registered by membersRoutes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from '../db/index.ts';
import { emptyToNull, Fields, formSchema, normalisePhone, type FormValues } from '../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import type { Company } from './members.companies.repository.ts';
import {
  addEmployee,
  createCompany,
  getCompany,
  listCompaniesForBackOffice,
  removeEmployee,
  updateCompany,
  type CompanyInput,
  type CompanyStop,
} from './members.companies.service.ts';
import { CompaniesListPage, CompanyCardPage, CompanyFormPage } from './members.companies.views.tsx';
import { COMPANIES_PATH, NEW_COMPANY_PATH, companyEmployeesPath, companyPath, editCompanyPath, removeEmployeePath } from './members.paths.ts';
import { fullName } from './members.rules.ts';

/** The places of kind « company », given by app.ts (members import no area). */
export type CompanyStops = (db: Db) => Promise<CompanyStop[]>;

const required = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S', 'x-error': 'field.required' });
const companyFields = {
  name: required(120),
  // Checked in the service, so the refusal says why an address is needed.
  address_line: Fields.optionalText(200),
  postal_code: Type.String({ maxLength: 10, pattern: '^\\s*(\\d{5})?\\s*$', 'x-error': 'field.postal_code' }),
  city: Fields.optionalText(100),
  contact_name: required(120),
  contact_phone: Fields.optionalPhone(),
  contact_email: Fields.optionalEmail(),
  place_id: Type.String({ maxLength: 40, 'x-error': 'field.choice' }),
  pays_delivery_fee: Fields.checkbox(),
};
const CompanyBody = formSchema(companyFields);
const NewCompanyBody = formSchema({ ...companyFields, idempotency_key: Fields.idempotencyKey() });
const EmployeeBody = formSchema({ member: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', 'x-error': 'field.required' }) });
const EmptyBody = formSchema({});
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const EmployeeParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), memberId: Type.String({ pattern: ID_PATTERN }) });

function inputOf(body: Static<typeof CompanyBody>): CompanyInput {
  return {
    name: body.name,
    addressLine: body.address_line,
    postalCode: body.postal_code,
    city: body.city,
    contactName: body.contact_name,
    contactPhone: normalisePhone(body.contact_phone),
    contactEmail: emptyToNull(body.contact_email)?.toLowerCase() ?? null,
    paysDeliveryFee: body.pays_delivery_fee === 'on',
    placeId: body.place_id,
  };
}

function valuesOf(company: Company): FormValues {
  return {
    name: company.name,
    address_line: company.addressLine,
    postal_code: company.postalCode,
    city: company.city,
    contact_name: company.contactName,
    contact_phone: company.contactPhone ?? '',
    contact_email: company.contactEmail ?? '',
    place_id: company.placeId,
    ...(company.paysDeliveryFee ? { pays_delivery_fee: 'on' } : {}),
  };
}

export async function companiesRoutes(instance: FastifyInstance, companyStops: CompanyStops): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  app.get(COMPANIES_PATH, { preHandler: concierge }, async (request, reply) => {
    const companies = await listCompaniesForBackOffice(db, request.account);
    return sendPage(reply, CompaniesListPage({ ctx: pageContext(request, reply), companies }));
  });

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) =>
    sendPage(reply, CompanyFormPage({ ctx: pageContext(request, reply), state, stops: await companyStops(db) }), status);

  app.get(NEW_COMPANY_PATH, { preHandler: concierge }, async (request, reply) =>
    renderNew(request, reply, emptyForm({ city: config.conciergerie.town, idempotency_key: newIdempotencyKey() })),
  );

  formRoute(app, NEW_COMPANY_PATH, {
    body: NewCompanyBody,
    preHandler: concierge,
    run: async (request, body) => {
      const id = await createCompany(db, request.account, body.idempotency_key, inputOf(body), await companyStops(db));
      return redirectTo(companyPath(id), t('delivery.company.created'));
    },
    render: (request, reply, state) => renderNew(request, reply, state, 422),
  });

  const renderCard = async (request: FastifyRequest, reply: FastifyReply, id: string, state: FormState = emptyForm(), status = 200) => {
    const { company, employees } = await getCompany(db, request.account, id);
    const stopName = (await companyStops(db)).find((stop) => stop.id === company.placeId)?.name ?? '';
    return sendPage(reply, CompanyCardPage({ ctx: pageContext(request, reply), company, employees, stopName, state }), status);
  };

  app.get(companyPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => renderCard(request, reply, request.params.id));

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, id: string, form?: FormState) => {
    const { company } = await getCompany(db, request.account, id);
    const state = form ?? emptyForm(valuesOf(company));
    return sendPage(reply, CompanyFormPage({ ctx: pageContext(request, reply), state, stops: await companyStops(db), company }), form ? 422 : 200);
  };

  app.get(editCompanyPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => renderEdit(request, reply, request.params.id));

  formRoute(app, editCompanyPath(':id'), {
    body: CompanyBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await updateCompany(db, request.account, id, inputOf(body), await companyStops(db));
      return redirectTo(companyPath(id), t('delivery.company.saved'));
    },
    render: (request, reply, state, { id }) => renderEdit(request, reply, id, state),
  });

  formRoute(app, companyEmployeesPath(':id'), {
    body: EmployeeBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const member = await addEmployee(db, request.account, id, body.member);
      return redirectTo(companyPath(id), t('delivery.company.added', { name: fullName(member) }));
    },
    render: (request, reply, state, { id }) => renderCard(request, reply, id, state, 422),
  });

  formRoute(app, removeEmployeePath(':id', ':memberId'), {
    body: EmptyBody,
    params: EmployeeParams,
    preHandler: concierge,
    run: async (request, _body, { id, memberId }) => {
      await removeEmployee(db, request.account, id, memberId);
      return redirectTo(companyPath(id), t('delivery.company.removed'));
    },
  });
}
