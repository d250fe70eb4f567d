// Back office of the town's shops: directory, identity, membership stage, merchant accounts.
// The concierge changes; the town reads the directory and the shops' pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainError, notFound } from '../platform/errors.ts';
import { Fields, emptyToNull, formSchema, normalisePhone, type FieldErrors, type FormValues } from '../platform/forms.ts';
import { domainErrorToFieldErrors, errorMessage, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { isId } from '../platform/ids.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import { EditShopPage, NewShopPage, identityValues } from './shops.form.views.tsx';
import { hoursRoutes } from './shops.hours.routes.ts';
import { listCategories } from './shops.repository.ts';
import { SHOP_STAGES, parseCoordinate, type ShopStage } from './shops.rules.ts';
import { addMerchantAccount, changeStage, getShop, getShopRecord, listDirectory, registerShop, setMerchantAccountEnabled, updateShopIdentity, type ShopIdentityInput } from './shops.service.ts';
import { DIRECTORY_PATH, DirectoryPage, ShopPage, shopPath, stageLabel } from './shops.views.tsx';
import { assertConcierge } from '../platform/actor.ts';

const DirectoryQuerystring = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  etape: Type.Optional(Type.Union([...SHOP_STAGES.map((stage) => Type.Literal(stage)), Type.Literal('')])),
  categorie: Type.Optional(Type.String({ maxLength: 40 })),
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

const NewShopBody = formSchema({ ...IdentityFields, independent: Fields.choice(['oui', 'non']), idempotency_key: Fields.idempotencyKey() });
const EditShopBody = formSchema(IdentityFields);
const StageBody = formSchema({ from: Fields.choice(SHOP_STAGES), to: Fields.choice(SHOP_STAGES) });
const AccountBody = formSchema({ display_name: Fields.text(120), email: Fields.email(), idempotency_key: Fields.idempotencyKey() });
const EmptyBody = formSchema({});

/** A malformed id is a page that does not exist. */
function idParam(request: FastifyRequest, name = 'id'): string {
  const value = (request.params as Record<string, string>)[name];
  if (!isId(value)) throw notFound();
  return value;
}

/** Keeps the form's idempotency key across redisplays, or gives it one. */
function withKey(values: FormValues): FormValues {
  const key = values.idempotency_key;
  return { ...values, idempotency_key: key && /^[A-Za-z0-9_-]{8,64}$/.test(key) ? key : newIdempotencyKey() };
}

export async function shopsRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const concierge = requireRole('concierge');
  const readers = requireRole('concierge', 'town');

  async function renderShopPage(request: FastifyRequest, reply: FastifyReply, id: string, extra: { accountForm?: FormState; stageError?: string } = {}, status = 200) {
    const record = await getShopRecord(db, request.account, id);
    const accountForm = extra.accountForm ?? emptyForm({ idempotency_key: newIdempotencyKey() });
    return sendPage(reply, ShopPage({ ctx: pageContext(request, reply), record, accountForm, stageError: extra.stageError }), status);
  }

  app.get<{ Querystring: { q?: string; etape?: ShopStage | ''; categorie?: string; page?: number } }>(
    DIRECTORY_PATH,
    { preHandler: readers, schema: { querystring: DirectoryQuerystring } },
    async (request, reply) => {
      const { q, etape, categorie, page } = request.query;
      const query = { query: q?.trim() || undefined, stage: etape || undefined, categoryCode: categorie || undefined, page };
      const directory = await listDirectory(db, request.account, query);
      return sendPage(reply, DirectoryPage({ ctx: pageContext(request, reply), directory, query: { ...query, page: directory.page } }));
    },
  );

  app.get(`${DIRECTORY_PATH}/nouveau`, { preHandler: concierge }, async (request, reply) => {
    assertConcierge(request.account);
    const state = emptyForm({ idempotency_key: newIdempotencyKey() });
    return sendPage(reply, NewShopPage({ ctx: pageContext(request, reply), state, categories: await listCategories(db) }));
  });

  app.post(`${DIRECTORY_PATH}/nouveau`, { preHandler: concierge, schema: { body: NewShopBody }, attachValidation: true }, async (request, reply) => {
    const render = async (values: FormValues, errors: FieldErrors) =>
      sendPage(reply, NewShopPage({ ctx: pageContext(request, reply), state: { values: withKey(values), errors }, categories: await listCategories(db) }), 422);
    const form = readForm<IdentityBody & { independent: 'oui' | 'non'; idempotency_key: string }>(request);
    if (!form.ok) {
      // The refusal of chains is shown with the other mistakes, not after they are fixed.
      if (form.values.independent === 'non') form.errors.independent = t('errors.shop_chain_refused');
      return render(form.values, form.errors);
    }
    const identity = identityFromBody(form.body);
    if (!identity.ok) return render(form.body as unknown as FormValues, identity.errors);
    try {
      const id = await registerShop(db, request.account, { ...identity.input, independent: form.body.independent === 'oui' }, form.body.idempotency_key);
      setFlash(request, t('shops.form.created'));
      return redirectAfterPost(reply, shopPath(id));
    } catch (error) {
      return render(form.body as unknown as FormValues, domainErrorToFieldErrors(error));
    }
  });

  app.get(`${DIRECTORY_PATH}/:id`, { preHandler: readers }, async (request, reply) => renderShopPage(request, reply, idParam(request)));

  app.get(`${DIRECTORY_PATH}/:id/modifier`, { preHandler: concierge }, async (request, reply) => {
    assertConcierge(request.account);
    const shop = await getShop(db, idParam(request));
    const state = emptyForm(identityValues(shop));
    return sendPage(reply, EditShopPage({ ctx: pageContext(request, reply), shop, state, categories: await listCategories(db) }));
  });

  app.post(`${DIRECTORY_PATH}/:id/modifier`, { preHandler: concierge, schema: { body: EditShopBody }, attachValidation: true }, async (request, reply) => {
    assertConcierge(request.account);
    const shop = await getShop(db, idParam(request));
    const render = async (values: FormValues, errors: FieldErrors) =>
      sendPage(reply, EditShopPage({ ctx: pageContext(request, reply), shop, state: { values, errors }, categories: await listCategories(db) }), 422);
    const form = readForm<IdentityBody>(request);
    if (!form.ok) return render(form.values, form.errors);
    const identity = identityFromBody(form.body);
    if (!identity.ok) return render(form.body as unknown as FormValues, identity.errors);
    try {
      await updateShopIdentity(db, request.account, shop.id, identity.input);
      setFlash(request, t('shops.form.updated'));
      return redirectAfterPost(reply, shopPath(shop.id));
    } catch (error) {
      return render(form.body as unknown as FormValues, domainErrorToFieldErrors(error));
    }
  });

  app.post(`${DIRECTORY_PATH}/:id/etape`, { preHandler: concierge, schema: { body: StageBody } }, async (request, reply) => {
    const id = idParam(request);
    const { from, to } = request.body as { from: ShopStage; to: ShopStage };
    try {
      await changeStage(db, request.account, id, to, from);
    } catch (error) {
      if (!(error instanceof DomainError) || error.field !== 'stage') throw error;
      return renderShopPage(request, reply, id, { stageError: errorMessage(error) }, 409);
    }
    setFlash(request, t('shops.move.done', { stage: stageLabel(to) }));
    return redirectAfterPost(reply, shopPath(id));
  });

  app.post(`${DIRECTORY_PATH}/:id/comptes`, { preHandler: concierge, schema: { body: AccountBody }, attachValidation: true }, async (request, reply) => {
    const id = idParam(request);
    const form = readForm<{ display_name: string; email: string; idempotency_key: string }>(request);
    const retry = (values: FormValues, errors: FieldErrors) => renderShopPage(request, reply, id, { accountForm: { values: withKey(values), errors } }, 422);
    if (!form.ok) return retry(form.values, form.errors);
    const input = { displayName: form.body.display_name.trim(), email: form.body.email.trim().toLowerCase() };
    try {
      await addMerchantAccount(db, config, request.account, id, input, form.body.idempotency_key);
    } catch (error) {
      return retry(form.body, domainErrorToFieldErrors(error));
    }
    setFlash(request, t('shops.accounts.created', { email: input.email }));
    return redirectAfterPost(reply, `${shopPath(id)}#comptes`);
  });

  for (const [segment, enabled] of [['desactiver', false], ['reactiver', true]] as const) {
    app.post(`${DIRECTORY_PATH}/:id/comptes/:accountId/${segment}`, { preHandler: concierge, schema: { body: EmptyBody } }, async (request, reply) => {
      const id = idParam(request);
      await setMerchantAccountEnabled(db, request.account, id, idParam(request, 'accountId'), enabled);
      setFlash(request, t(enabled ? 'shops.accounts.enabled_done' : 'shops.accounts.disabled_done'));
      return redirectAfterPost(reply, `${shopPath(id)}#comptes`);
    });
  }

  await app.register(hoursRoutes);
}
