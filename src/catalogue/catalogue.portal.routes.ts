// The merchant's storefront editor under /boutique. Every page names its shop in the path and
// the service checks the account may manage it: a foreign shop or offer answers 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainError } from '../platform/errors.ts';
import { Fields, formSchema, valuesOf, type FieldErrors } from '../platform/forms.ts';
import { currentAccount, domainErrorToFieldErrors, errorMessage, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { formatMegabytes, readPhotoField, type ProcessedImage } from '../platform/images/images.ts';
import { emptyForm } from '../ui/forms.tsx';
import { DESCRIPTION_MAX, FORM_AVAILABILITIES, TITLE_MAX, UNIT_MAX, VAT_RATES_BP } from './catalogue.rules.ts';
import {
  createOffer,
  managedOffer,
  managedShop,
  moveOffer,
  offerInputFromForm,
  pauseOffer,
  portalHomePath,
  resumeOffer,
  shopOverview,
  updateOffer,
  updateShopStorefront,
  withdrawOffer,
  type OfferForm,
  type StorefrontForm,
} from './catalogue.portal.service.ts';
import { OfferFormView, OverviewView, StorefrontFormView, WithdrawView, offerFormValues, storefrontFormValues } from './catalogue.portal.views.tsx';

const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });
const OfferParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }), offerId: Type.String({ pattern: ID_PATTERN }) });
type ShopRoute = { Params: { shopId: string } };
type OfferRoute = { Params: { shopId: string; offerId: string } };

/**
 * One of a list of strings, checked with `enum` so a refusal reads « Choisissez une des
 * valeurs proposées » (or the message named by `x-error`).
 */
function choice<T extends string>(values: readonly T[], error = 'field.choice') {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], 'x-error': error });
}

/** The uploaded file, as multipart hands it over (a Buffer); validated by `readPhotoField`. */
const PhotoField = Type.Optional(Type.Unsafe<Buffer>({}));

const offerFields = {
  title: Type.String({ minLength: 1, maxLength: TITLE_MAX, pattern: '\\S', 'x-error': 'field.required' }),
  description: Type.Optional(Fields.optionalText(DESCRIPTION_MAX)),
  price: Fields.price(),
  vat_rate: choice(VAT_RATES_BP.map(String), 'errors.offer_vat_rate'),
  unit: Type.String({ minLength: 1, maxLength: UNIT_MAX, pattern: '\\S', 'x-error': 'field.required' }),
  measure_amount: Type.Optional(Fields.optionalInteger()),
  measure_unit: Type.Optional(choice(['', 'g', 'ml'])),
  availability: choice(FORM_AVAILABILITIES),
  lead_time_days: Type.Optional(Fields.optionalInteger()),
  photo: PhotoField,
};
const NewOfferBody = formSchema({ ...offerFields, idempotency_key: Fields.idempotencyKey() });
const EditOfferBody = formSchema({ ...offerFields, remove_photo: Fields.checkbox() });
const StorefrontBody = formSchema({
  description: Type.Optional(Fields.optionalText(DESCRIPTION_MAX)),
  phone: Type.Optional(Fields.optionalPhone()),
  email: Type.Optional(Fields.optionalEmail()),
  photo: PhotoField,
  remove_photo: Fields.checkbox(),
});
const ActionBody = formSchema({});

type NewOfferForm = OfferForm & { idempotency_key: string };
type EditOfferForm = OfferForm & { remove_photo?: 'on' };

export async function cataloguePortalRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const maxPhotoLabel = formatMegabytes(config.uploadMaxBytes);
  const portal = requireRole('merchant', 'concierge');
  // The file may exceed the limit by one byte, so a heavy photo comes back as a message next
  // to its field with the other fields kept, rather than as an aborted request.
  const upload = { multipartOptions: { limits: { fileSize: config.uploadMaxBytes + 1 }, throwFileSizeLimit: false } };

  /**
   * The photo of a multipart form, or the French message that goes next to its field; it
   * counts against the sending account's hourly allowance of photos.
   */
  async function photoOf(request: FastifyRequest): Promise<{ image?: ProcessedImage; errors: FieldErrors }> {
    try {
      const upload = { db, accountId: currentAccount(request).id, maxBytes: config.uploadMaxBytes, maxPerHour: config.uploadMaxPerHour };
      return { image: await readPhotoField((request.body as { photo?: unknown } | undefined)?.photo, upload), errors: {} };
    } catch (error) {
      if (error instanceof DomainError) return { errors: { photo: errorMessage(error) } };
      throw error;
    }
  }

  /** Validation errors of the fields and of the photo together, so all show at once. */
  async function readUpload<T>(request: FastifyRequest) {
    const form = readForm<T>(request);
    const photo = await photoOf(request);
    const errors = { ...(form.ok ? {} : form.errors), ...photo.errors };
    return { form, image: photo.image, errors, values: valuesOf(request.body) };
  }

  app.get('/boutique', { preHandler: portal }, async (request, reply) => reply.redirect(portalHomePath(request.account), 303));

  app.get<ShopRoute>('/boutique/:shopId', { schema: { params: ShopParams }, preHandler: portal }, async (request, reply) => {
    const overview = await shopOverview(db, request.account, request.params.shopId);
    return sendPage(reply, OverviewView({ ctx: pageContext(request, reply), overview }));
  });

  // ---- the storefront's presentation ----

  app.get<ShopRoute>('/boutique/:shopId/vitrine', { schema: { params: ShopParams }, preHandler: portal }, async (request, reply) => {
    const shop = await managedShop(db, request.account, request.params.shopId);
    const state = emptyForm(storefrontFormValues(shop));
    return sendPage(reply, StorefrontFormView({ ctx: pageContext(request, reply), shop, state, maxPhotoLabel }));
  });

  app.post<ShopRoute>(
    '/boutique/:shopId/vitrine',
    { schema: { params: ShopParams, body: StorefrontBody }, attachValidation: true, preHandler: portal, config: upload },
    async (request, reply) => {
      const { shopId } = request.params;
      const shop = await managedShop(db, request.account, shopId);
      const { form, image, errors, values } = await readUpload<StorefrontForm & { remove_photo?: 'on' }>(request);
      const render = (fieldErrors: FieldErrors) =>
        sendPage(reply, StorefrontFormView({ ctx: pageContext(request, reply), shop, state: { values, errors: fieldErrors }, maxPhotoLabel }), 422);
      if (!form.ok || Object.keys(errors).length > 0) return render(errors);
      try {
        await updateShopStorefront(db, request.account, shopId, form.body, { photo: image, remove: form.body.remove_photo === 'on' });
      } catch (error) {
        return render(domainErrorToFieldErrors(error));
      }
      setFlash(request, t('portal.storefront_saved'));
      return redirectAfterPost(reply, `/boutique/${shopId}`);
    },
  );

  // ---- offers ----

  app.get<ShopRoute>('/boutique/:shopId/offres/nouvelle', { schema: { params: ShopParams }, preHandler: portal }, async (request, reply) => {
    const shop = await managedShop(db, request.account, request.params.shopId);
    const view = OfferFormView({ ctx: pageContext(request, reply), shop, state: emptyForm(), idempotencyKey: newIdempotencyKey(), maxPhotoLabel });
    return sendPage(reply, view);
  });

  app.post<ShopRoute>(
    '/boutique/:shopId/offres/nouvelle',
    { schema: { params: ShopParams, body: NewOfferBody }, attachValidation: true, preHandler: portal, config: upload },
    async (request, reply) => {
      const { shopId } = request.params;
      const shop = await managedShop(db, request.account, shopId);
      const { form, image, errors, values } = await readUpload<NewOfferForm>(request);
      // The same key again: a corrected form still creates a single offer.
      const idempotencyKey = /^[A-Za-z0-9_-]{8,64}$/.test(values.idempotency_key ?? '') ? values.idempotency_key! : newIdempotencyKey();
      const render = (fieldErrors: FieldErrors) =>
        sendPage(reply, OfferFormView({ ctx: pageContext(request, reply), shop, state: { values, errors: fieldErrors }, idempotencyKey, maxPhotoLabel }), 422);
      if (!form.ok || Object.keys(errors).length > 0) return render(errors);
      try {
        await createOffer(db, request.account, shopId, offerInputFromForm(form.body), form.body.idempotency_key, image);
      } catch (error) {
        return render(domainErrorToFieldErrors(error));
      }
      setFlash(request, t('portal.created'));
      return redirectAfterPost(reply, `/boutique/${shopId}`);
    },
  );

  app.get<OfferRoute>('/boutique/:shopId/offres/:offerId', { schema: { params: OfferParams }, preHandler: portal }, async (request, reply) => {
    const { shop, offer } = await managedOffer(db, request.account, request.params.shopId, request.params.offerId);
    const view = OfferFormView({ ctx: pageContext(request, reply), shop, offer, state: emptyForm(offerFormValues(offer)), maxPhotoLabel });
    return sendPage(reply, view);
  });

  app.post<OfferRoute>(
    '/boutique/:shopId/offres/:offerId',
    { schema: { params: OfferParams, body: EditOfferBody }, attachValidation: true, preHandler: portal, config: upload },
    async (request, reply) => {
      const { shopId, offerId } = request.params;
      const { shop, offer } = await managedOffer(db, request.account, shopId, offerId);
      const { form, image, errors, values } = await readUpload<EditOfferForm>(request);
      const render = (fieldErrors: FieldErrors) =>
        sendPage(reply, OfferFormView({ ctx: pageContext(request, reply), shop, offer, state: { values, errors: fieldErrors }, maxPhotoLabel }), 422);
      if (!form.ok || Object.keys(errors).length > 0) return render(errors);
      try {
        const input = offerInputFromForm(form.body);
        await updateOffer(db, request.account, shopId, offerId, input, { photo: image, remove: form.body.remove_photo === 'on' });
      } catch (error) {
        return render(domainErrorToFieldErrors(error));
      }
      setFlash(request, t('portal.saved'));
      return redirectAfterPost(reply, `/boutique/${shopId}#offre-${offerId}`);
    },
  );

  app.get<OfferRoute>('/boutique/:shopId/offres/:offerId/retirer', { schema: { params: OfferParams }, preHandler: portal }, async (request, reply) => {
    const { shop, offer } = await managedOffer(db, request.account, request.params.shopId, request.params.offerId);
    return sendPage(reply, WithdrawView({ ctx: pageContext(request, reply), shop, offer }));
  });

  /** A one-button action on an offer, then back to the overview with a confirmation. */
  function offerAction(path: string, act: (request: FastifyRequest<OfferRoute>) => Promise<void>, done: Parameters<typeof t>[0], anchor: boolean) {
    app.post<OfferRoute>(`/boutique/:shopId/offres/:offerId/${path}`, { schema: { params: OfferParams, body: ActionBody }, preHandler: portal }, async (request, reply: FastifyReply) => {
      await act(request);
      setFlash(request, t(done));
      const { shopId, offerId } = request.params;
      return redirectAfterPost(reply, anchor ? `/boutique/${shopId}#offre-${offerId}` : `/boutique/${shopId}`);
    });
  }

  offerAction('pause', (r) => pauseOffer(db, r.account, r.params.shopId, r.params.offerId), 'portal.paused', true);
  offerAction('reprendre', (r) => resumeOffer(db, r.account, r.params.shopId, r.params.offerId), 'portal.resumed', true);
  offerAction('monter', (r) => moveOffer(db, r.account, r.params.shopId, r.params.offerId, 'up'), 'portal.moved', true);
  offerAction('descendre', (r) => moveOffer(db, r.account, r.params.shopId, r.params.offerId, 'down'), 'portal.moved', true);
  offerAction('retirer', (r) => withdrawOffer(db, r.account, r.params.shopId, r.params.offerId), 'portal.withdrawn', false);
}
