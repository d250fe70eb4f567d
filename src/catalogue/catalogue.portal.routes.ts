// The merchant's storefront editor under /boutique. Every page names its shop in the path and
// the service checks the account may manage it: a foreign shop or offer answers 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../platform/errors.ts';
import { Fields, formSchema, type FieldErrors } from '../platform/forms.ts';
import { currentAccount, errorMessage, formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../platform/http.ts';
import { t, type MessageKey } from '../platform/i18n/index.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { formatMegabytes, readPhotoField, type ProcessedImage } from '../platform/images/images.ts';
import { emptyForm } from '../ui/forms.tsx';
import { DESCRIPTION_MAX, FORM_AVAILABILITIES, LOAD_CLASSES, TITLE_MAX, UNIT_MAX, VAT_RATES_BP } from './catalogue.rules.ts';
import {
  createOffer,
  managedOffer,
  managedShop,
  moveOffer,
  offerInputFromForm,
  pauseOffer,
  portalHomePath,
  resumeOffer,
  updateOffer,
  updateShopStorefront,
  withdrawOffer,
} from './catalogue.portal.service.ts';
import { newOfferPath, offerActionPath, offerAnchorPath, offerEditPath, portalShopPath, storefrontEditPath, type OfferAction } from './catalogue.paths.ts';
import { OfferFormView, StorefrontFormView, WithdrawView, offerFormValues, storefrontFormValues } from './catalogue.portal.views.tsx';

const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });
const OfferParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }), offerId: Type.String({ pattern: ID_PATTERN }) });

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
  // Optional for clients that predate it: a new offer is then small, a changed one keeps its class.
  load_class: Type.Optional(choice(LOAD_CLASSES, 'errors.offer_load_class')),
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

export async function cataloguePortalRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const maxPhotoLabel = formatMegabytes(config.uploadMaxBytes);
  const portal = onlyRoles('merchant', 'concierge');
  // The file may exceed the limit by one byte, so a heavy photo comes back as a message next
  // to its field with the other fields kept, rather than as an aborted request.
  const upload = { multipartOptions: { limits: { fileSize: config.uploadMaxBytes + 1 }, throwFileSizeLimit: false } };

  /**
   * The photo of a multipart form, or the French message that goes next to its field, shown
   * with the other fields' errors; it counts against the sending account's hourly allowance of photos.
   */
  async function photoOf(request: FastifyRequest): Promise<{ image?: ProcessedImage; errors: FieldErrors }> {
    const body: { photo?: unknown } = request.body ?? {};
    try {
      const upload = { db, accountId: currentAccount(request).id, maxBytes: config.uploadMaxBytes, maxPerHour: config.uploadMaxPerHour };
      return { image: await readPhotoField(body.photo, upload), errors: {} };
    } catch (error) {
      if (error instanceof DomainError) return { errors: { photo: errorMessage(error) } };
      throw error;
    }
  }

  app.get('/boutique', { preHandler: portal }, async (request, reply) => reply.redirect(portalHomePath(request.account), 303));

  // The shop's overview (/boutique/:shopId) is served by orders' portal, which adds what waits on top.

  // ---- the storefront's presentation ----

  app.get(storefrontEditPath(':shopId'), { schema: { params: ShopParams }, preHandler: portal }, async (request, reply) => {
    const shop = await managedShop(db, request.account, request.params.shopId);
    const state = emptyForm(storefrontFormValues(shop));
    return sendPage(reply, StorefrontFormView({ ctx: pageContext(request, reply), shop, state, maxPhotoLabel }));
  });

  formRoute(app, storefrontEditPath(':shopId'), {
    body: StorefrontBody,
    params: ShopParams,
    preHandler: portal,
    config: upload,
    check: async (request, _values, { shopId }) => ({ shop: await managedShop(db, request.account, shopId), ...(await photoOf(request)) }),
    run: async (request, body, { shopId }, { checked }) => {
      await updateShopStorefront(db, request.account, shopId, body, { photo: checked.image, remove: body.remove_photo === 'on' });
      return redirectTo(portalShopPath(shopId), t('portal.storefront_saved'));
    },
    render: async (request, reply, state, { shopId }) => {
      const shop = await managedShop(db, request.account, shopId);
      return sendPage(reply, StorefrontFormView({ ctx: pageContext(request, reply), shop, state, maxPhotoLabel }), 422);
    },
  });

  // ---- offers ----

  app.get(newOfferPath(':shopId'), { schema: { params: ShopParams }, preHandler: portal }, async (request, reply) => {
    const shop = await managedShop(db, request.account, request.params.shopId);
    const view = OfferFormView({ ctx: pageContext(request, reply), shop, state: emptyForm(), idempotencyKey: newIdempotencyKey(), maxPhotoLabel });
    return sendPage(reply, view);
  });

  formRoute(app, newOfferPath(':shopId'), {
    body: NewOfferBody,
    params: ShopParams,
    preHandler: portal,
    config: upload,
    check: async (request, _values, { shopId }) => ({ shop: await managedShop(db, request.account, shopId), ...(await photoOf(request)) }),
    run: async (request, body, { shopId }, { checked }) => {
      await createOffer(db, request.account, shopId, offerInputFromForm(body), body.idempotency_key, checked.image);
      return redirectTo(portalShopPath(shopId), t('portal.created'));
    },
    // The same key again: a corrected form still creates a single offer.
    render: async (request, reply, state, { shopId }) => {
      const shop = await managedShop(db, request.account, shopId);
      const view = OfferFormView({ ctx: pageContext(request, reply), shop, state, idempotencyKey: state.values.idempotency_key ?? newIdempotencyKey(), maxPhotoLabel });
      return sendPage(reply, view, 422);
    },
  });

  app.get(offerEditPath(':shopId', ':offerId'), { schema: { params: OfferParams }, preHandler: portal }, async (request, reply) => {
    const { shop, offer } = await managedOffer(db, request.account, request.params.shopId, request.params.offerId);
    const view = OfferFormView({ ctx: pageContext(request, reply), shop, offer, state: emptyForm(offerFormValues(offer)), maxPhotoLabel });
    return sendPage(reply, view);
  });

  formRoute(app, offerEditPath(':shopId', ':offerId'), {
    body: EditOfferBody,
    params: OfferParams,
    preHandler: portal,
    config: upload,
    check: async (request, _values, { shopId, offerId }) => ({ ...(await managedOffer(db, request.account, shopId, offerId)), ...(await photoOf(request)) }),
    run: async (request, body, { shopId, offerId }, { checked }) => {
      await updateOffer(db, request.account, shopId, offerId, offerInputFromForm(body, checked.offer.loadClass), { photo: checked.image, remove: body.remove_photo === 'on' });
      return redirectTo(offerAnchorPath(shopId, offerId), t('portal.saved'));
    },
    render: async (request, reply, state, { shopId, offerId }) => {
      const { shop, offer } = await managedOffer(db, request.account, shopId, offerId);
      return sendPage(reply, OfferFormView({ ctx: pageContext(request, reply), shop, offer, state, maxPhotoLabel }), 422);
    },
  });

  app.get(offerActionPath(':shopId', ':offerId', 'retirer'), { schema: { params: OfferParams }, preHandler: portal }, async (request, reply) => {
    const { shop, offer } = await managedOffer(db, request.account, request.params.shopId, request.params.offerId);
    return sendPage(reply, WithdrawView({ ctx: pageContext(request, reply), shop, offer }));
  });

  /** A one-button action on an offer, then back to the overview with a confirmation. */
  function offerAction(action: OfferAction, act: (account: FastifyRequest['account'], shopId: string, offerId: string) => Promise<void>, done: MessageKey, anchor: boolean) {
    formRoute(app, offerActionPath(':shopId', ':offerId', action), {
      body: ActionBody,
      params: OfferParams,
      preHandler: portal,
      run: async (request, _body, { shopId, offerId }) => {
        await act(request.account, shopId, offerId);
        return redirectTo(anchor ? offerAnchorPath(shopId, offerId) : portalShopPath(shopId), t(done));
      },
    });
  }

  offerAction('pause', (account, shopId, offerId) => pauseOffer(db, account, shopId, offerId), 'portal.paused', true);
  offerAction('reprendre', (account, shopId, offerId) => resumeOffer(db, account, shopId, offerId), 'portal.resumed', true);
  offerAction('monter', (account, shopId, offerId) => moveOffer(db, account, shopId, offerId, 'up'), 'portal.moved', true);
  offerAction('descendre', (account, shopId, offerId) => moveOffer(db, account, shopId, offerId, 'down'), 'portal.moved', true);
  offerAction('retirer', (account, shopId, offerId) => withdrawOffer(db, account, shopId, offerId), 'portal.withdrawn', false);
}
