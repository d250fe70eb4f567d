// Back office of the town's shops: directory, identity, membership stage, merchant accounts.
// The concierge changes; the town reads the directory and the shops' pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../platform/errors.ts';
import { Fields, emptyToNull, formSchema, normalisePhone, type FieldErrors } from '../platform/forms.ts';
import { FormRefused, errorMessage, formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import { EditShopPage, NewShopPage, identityValues } from './shops.form.views.tsx';
import { hoursRoutes } from './shops.hours.routes.ts';
import { providersRoutes } from './providers.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { ProviderFields, profileFromValues, profileValues } from './providers.fields.ts';
import { getProviderProfile } from './providers.service.ts';
import { listCategories } from './shops.repository.ts';
import { EXIT_REASONS, SHOP_STAGES, parseCoordinate, type ExitReason } from './shops.rules.ts';
import {
  addMerchantAccount,
  changeStage,
  getShop,
  getShopRecord,
  listDirectory,
  registerShop,
  setMerchantAccountEnabled,
  updateShopIdentity,
  type ShopIdentityInput,
} from './shops.service.ts';
import { DIRECTORY_PATH, NEW_SHOP_PATH, editShopPath, shopPath } from './shops.paths.ts';
import { DirectoryPage, ShopPage, stageLabel } from './shops.views.tsx';
import { assertConcierge } from '../platform/actor.ts';
import { localDateOf } from '../platform/calendar.ts';
import { nowIso } from '../platform/clock.ts';
import { crmRoutes } from './crm/crm.routes.ts';
import { crmRecord } from './crm/crm.service.ts';
import { CrmSections } from './crm/crm.views.tsx';
import type { VNode } from 'preact';
import type { Db } from '../db/index.ts';
import type { CurrentAccount } from '../platform/page-context.ts';

const DirectoryQuerystring = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  etape: Type.Optional(Type.Union([...SHOP_STAGES.map((stage) => Type.Literal(stage)), Type.Literal('')])),
  genre: Type.Optional(Type.Union([Type.Literal('shop'), Type.Literal('provider'), Type.Literal('')])),
  categorie: Type.Optional(Type.String({ pattern: '^[a-z0-9_-]{0,40}$' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});

/** The identity fields, as the form sends them; the SIRET's Luhn check is the service's. */
const IdentityFields = {
  trade_name: Fields.text(120),
  legal_name: Fields.text(160),
  siret: Type.String({ maxLength: 24 }),
  category_code: Type.String({ minLength: 1, maxLength: 40 }),
  address_line: Fields.text(200),
  postal_code: Fields.postalCode(),
  city: Fields.text(80),
  latitude: Type.String({ maxLength: 20 }),
  longitude: Type.String({ maxLength: 20 }),
  phone: Fields.optionalPhone(),
  email: Fields.optionalEmail(),
  description: Fields.optionalText(2000),
};

type IdentityBody = { [K in keyof typeof IdentityFields]: string };

const REQUIRED_TEXTS = ['trade_name', 'legal_name', 'address_line', 'city'] as const;

/** Converts the checked strings: trimmed texts, normalised phone, coordinates in degrees. */
function identityFromBody(body: IdentityBody): { ok: true; input: ShopIdentityInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  for (const field of REQUIRED_TEXTS) if (body[field].trim() === '') errors[field] = t('field.required');
  const latitude = parseCoordinate(body.latitude, 90);
  const longitude = parseCoordinate(body.longitude, 180);
  if (latitude === undefined) errors.latitude = t('shops.form.coordinate_invalid');
  if (longitude === undefined) errors.longitude = t('shops.form.coordinate_invalid');
  if (Object.keys(errors).length > 0 || latitude === undefined || longitude === undefined) return { ok: false, errors };
  return {
    ok: true,
    input: {
      tradeName: body.trade_name.trim(),
      legalName: body.legal_name.trim(),
      siret: emptyToNull(body.siret),
      categoryCode: body.category_code,
      addressLine: body.address_line.trim(),
      postalCode: body.postal_code,
      city: body.city.trim(),
      latitude,
      longitude,
      phone: normalisePhone(body.phone),
      email: emptyToNull(body.email)?.toLowerCase() ?? null,
      description: body.description.trim(),
    },
  };
}

const NewShopBody = formSchema({ ...IdentityFields, ...ProviderFields, independent: Fields.choice(['oui', 'non']), idempotency_key: Fields.idempotencyKey() });
const EditShopBody = formSchema({ ...IdentityFields, ...ProviderFields });
const StageBody = formSchema({
  from: Fields.choice(SHOP_STAGES),
  to: Fields.choice(SHOP_STAGES),
  // An exit's reason: checked by the service, which says « choose a reason » next to the list.
  reason: Type.Optional(Type.Union([Fields.choice(EXIT_REASONS), Type.Literal('')])),
  note: Type.Optional(Fields.optionalText(1000)),
});
const AccountBody = formSchema({ display_name: Fields.text(120), email: Fields.email(), idempotency_key: Fields.idempotencyKey() });
const EmptyBody = formSchema({});
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const AccountParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), accountId: Type.String({ pattern: ID_PATTERN }) });

/** The identity's own checks, or the input for the service. */
function identityOf(body: IdentityBody): ShopIdentityInput {
  const identity = identityFromBody(body);
  if (!identity.ok) throw new FormRefused(identity.errors);
  return identity.input;
}

/**
 * What the shops area is given by app.ts. The health panel is drawn by the reports area, which
 * reads orders and offers; shops imports no area, so the panel comes in as a function rather
 * than as a link to another page: the concierge sees the health on the shop's own page.
 */
export interface ShopsRoutesOptions {
  healthPanel?: (db: Db, actor: CurrentAccount | null, shopId: string) => Promise<VNode | null>;
}

export async function shopsRoutes(instance: FastifyInstance, options: ShopsRoutesOptions = {}): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  const readers = onlyRoles('concierge', 'town');

  async function renderShopPage(request: FastifyRequest, reply: FastifyReply, id: string, extra: { accountForm?: FormState; stageForm?: FormState } = {}, status = 200) {
    const record = await getShopRecord(db, request.account, id);
    const accountForm = extra.accountForm ?? emptyForm({ idempotency_key: newIdempotencyKey() });
    const ctx = pageContext(request, reply);
    const crm = CrmSections({ ctx, shop: record.shop, record: await crmRecord(db, request.account, id), today: localDateOf(nowIso(), config.timeZone) });
    const health = options.healthPanel ? await options.healthPanel(db, request.account, id) : null;
    return sendPage(reply, ShopPage({ ctx, record, accountForm, stageForm: extra.stageForm, crm, health }), status);
  }

  app.get(DIRECTORY_PATH, { preHandler: readers, schema: { querystring: DirectoryQuerystring } }, async (request, reply) => {
    const { q, etape, genre, categorie, page } = request.query;
    const query = { query: q?.trim() || undefined, stage: etape || undefined, kind: genre || undefined, categoryCode: categorie || undefined, page };
    const directory = await listDirectory(db, request.account, query);
    return sendPage(reply, DirectoryPage({ ctx: pageContext(request, reply), directory, query: { ...query, page: directory.page } }));
  });

  app.get(NEW_SHOP_PATH, { preHandler: concierge }, async (request, reply) => {
    assertConcierge(request.account);
    const state = emptyForm({ idempotency_key: newIdempotencyKey() });
    return sendPage(reply, NewShopPage({ ctx: pageContext(request, reply), state, categories: await listCategories(db) }));
  });

  formRoute(app, NEW_SHOP_PATH, {
    body: NewShopBody,
    preHandler: concierge,
    // The refusal of chains is shown with the other mistakes, not after they are fixed.
    check: (_request, values) => {
      const { profile, errors: profileErrors } = profileFromValues(values);
      const errors: FieldErrors = values.independent === 'non' ? { independent: t('errors.shop_chain_refused'), ...profileErrors } : profileErrors;
      return { errors, profile };
    },
    run: async (request, body, _params, { checked }) => {
      const registration = { ...identityOf(body), independent: body.independent === 'oui', profile: checked.profile };
      const id = await registerShop(db, request.account, registration, body.idempotency_key);
      return redirectTo(shopPath(id), t('shops.form.created'));
    },
    render: async (request, reply, state) => sendPage(reply, NewShopPage({ ctx: pageContext(request, reply), state, categories: await listCategories(db) }), 422),
  });

  app.get(shopPath(':id'), { preHandler: readers, schema: { params: IdParams } }, async (request, reply) => renderShopPage(request, reply, request.params.id));

  app.get(editShopPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    assertConcierge(request.account);
    const shop = await getShop(db, request.params.id);
    const state = emptyForm({ ...identityValues(shop), ...profileValues(await getProviderProfile(db, shop.id)) });
    return sendPage(reply, EditShopPage({ ctx: pageContext(request, reply), shop, state, categories: await listCategories(db) }));
  });

  formRoute(app, editShopPath(':id'), {
    body: EditShopBody,
    params: IdParams,
    preHandler: concierge,
    check: (_request, values) => profileFromValues(values),
    run: async (request, body, { id }, { checked }) => {
      assertConcierge(request.account);
      const shop = await getShop(db, id);
      await updateShopIdentity(db, request.account, shop.id, identityOf(body), checked.profile);
      return redirectTo(shopPath(shop.id), t('shops.form.updated'));
    },
    render: async (request, reply, state, { id }) => {
      assertConcierge(request.account);
      const shop = await getShop(db, id);
      return sendPage(reply, EditShopPage({ ctx: pageContext(request, reply), shop, state, categories: await listCategories(db) }), 422);
    },
  });

  formRoute(app, `${shopPath(':id')}/etape`, {
    body: StageBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, { from, to, reason, note }, { id }, { reply }) => {
      const exit = reason ? { reason: reason as ExitReason, note: note ?? '' } : undefined;
      try {
        await changeStage(db, request.account, id, to, from, exit);
      } catch (error) {
        if (!(error instanceof DomainError) || !['stage', 'reason', 'note'].includes(error.field ?? '')) throw error;
        const stageForm = { values: { to, reason: reason ?? '', note: note ?? '' }, errors: { [error.field!]: errorMessage(error) } };
        return renderShopPage(request, reply, id, { stageForm }, error.field === 'stage' ? 409 : 422);
      }
      return redirectTo(shopPath(id), t('shops.move.done', { stage: stageLabel(to) }));
    },
  });

  formRoute(app, `${shopPath(':id')}/comptes`, {
    body: AccountBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const input = { displayName: body.display_name.trim(), email: body.email.trim().toLowerCase() };
      await addMerchantAccount(db, config, request.account, id, input, body.idempotency_key);
      return redirectTo(`${shopPath(id)}#comptes`, t('shops.accounts.created', { email: input.email }));
    },
    render: (request, reply, accountForm, { id }) => renderShopPage(request, reply, id, { accountForm }, 422),
  });

  for (const [segment, enabled] of [['desactiver', false], ['reactiver', true]] as const) {
    formRoute(app, `${shopPath(':id')}/comptes/:accountId/${segment}`, {
      body: EmptyBody,
      params: AccountParams,
      preHandler: concierge,
      run: async (request, _body, { id, accountId }) => {
        await setMerchantAccountEnabled(db, request.account, id, accountId, enabled);
        return redirectTo(`${shopPath(id)}#comptes`, t(enabled ? 'shops.accounts.enabled_done' : 'shops.accounts.disabled_done'));
      },
    });
  }

  await app.register(hoursRoutes);
  await app.register(crmRoutes);
  await app.register(providersRoutes);
  await app.register(importRoutes);
}
