// The basket's pages: /panier, adding from an offer page, changing a quantity, removing a
// line, accepting changes. A visitor's basket lives under the session's visitor id (set when
// they add their first line); when they log in it joins their own (`joinVisitorBasket`, run
// by the login itself: reading a page never moves a basket).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SHOPS_PATH, noteBasketAddition, publicOffer, publicShopPath, returnPathOr } from '../../catalogue/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { Fields, firstError, formSchema } from '../../platform/forms.ts';
import { formRoute, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN, newId } from '../../platform/ids.ts';
import { accountBasketKey, acceptChanges, addToBasket, changeQuantity, readBasket, removeLine, summarizeBasket, visitorBasketKey } from './basket.service.ts';
import { AddToBasketPage, BasketPage, type LineErrors } from './basket.views.tsx';
import { MAX_QUANTITY, MIN_QUANTITY } from '../orders.rules.ts';
import { ACCEPT_CHANGES_PATH, ADD_TO_BASKET_PATH, BASKET_PATH, CHECKOUT_PATH, basketLinePath } from '../orders.paths.ts';

// `retour`: the page to come back to; checked by `returnPathOr`, so any text is accepted here and an unsafe one ignored.
const AddBody = formSchema({
  offer_id: Type.String({ pattern: ID_PATTERN }),
  quantity: Fields.integer(MIN_QUANTITY, MAX_QUANTITY),
  retour: Type.Optional(Type.String({ maxLength: 300 })),
});
const QuantityBody = formSchema({ quantity: Fields.integer(MIN_QUANTITY, MAX_QUANTITY) });
const AcceptBody = formSchema({ next: Type.Optional(Fields.choice(['panier', 'commande'])) });
const EmptyBody = formSchema({});
const LineParams = Type.Object({ lineId: Type.String({ pattern: ID_PATTERN }) });

declare module 'fastify' {
  interface Session {
    /** The shop of the offer added last: « Continuer mes achats » goes back there (never read from the Referer). */
    lastShopId?: string;
  }
}

/**
 * The basket key of the request: the resident's, or the visitor's (created on demand). Other
 * accounts have no basket.
 */
export async function basketKeyOf(request: FastifyRequest, create = false): Promise<string | undefined> {
  const account = request.account;
  const visitorId = request.session.visitorId;
  if (account) {
    if (account.role !== 'resident') throw new DomainError('basket_residents_only');
    return accountBasketKey(account.id);
  }
  if (visitorId) return visitorBasketKey(visitorId);
  if (!create) return undefined;
  const created = newId();
  request.session.visitorId = created;
  return visitorBasketKey(created);
}

export async function basketRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  async function renderBasket(request: FastifyRequest, reply: FastifyReply, state: LineErrors = { errors: {}, values: {} }, status = 200) {
    const key = await basketKeyOf(request);
    const basket = key ? await readBasket(db, key) : { groups: [], items: [], totalCents: 0, needsReview: false };
    const continueHref = request.session.lastShopId ? publicShopPath(request.session.lastShopId) : SHOPS_PATH;
    return sendPage(reply, BasketPage({ ctx: pageContext(request, reply), basket, state, continueHref }), status);
  }

  app.get(BASKET_PATH, async (request, reply) => renderBasket(request, reply));

  formRoute(app, ADD_TO_BASKET_PATH, {
    body: AddBody,
    errorField: 'quantity',
    run: async (request, body) => {
      const key = (await basketKeyOf(request, true))!;
      const offer = await addToBasket(db, key, body.offer_id, Number(body.quantity));
      // Back to shopping, with what the basket now holds and the way to it (see catalogue.notice.ts).
      noteBasketAddition(request, summarizeBasket(await readBasket(db, key)));
      request.session.lastShopId = offer.shopId;
      return redirectTo(returnPathOr(body.retour, publicShopPath(offer.shopId)));
    },
    render: async (request, reply, state) => {
      const offerId = state.values.offer_id;
      // A forged or unknown offer id has no page to come back to.
      if (!offerId || !new RegExp(ID_PATTERN).test(offerId)) throw new DomainError('bad_request');
      const { offer } = await publicOffer(db, offerId);
      return sendPage(reply, AddToBasketPage({ ctx: pageContext(request, reply), offer, state }), 422);
    },
  });

  formRoute(app, basketLinePath(':lineId'), {
    body: QuantityBody,
    params: LineParams,
    run: async (request, body, { lineId }) => {
      const key = await basketKeyOf(request);
      if (!key) throw new DomainError('not_found');
      await changeQuantity(db, key, lineId, Number(body.quantity));
      return redirectTo(BASKET_PATH, t('basket.updated'));
    },
    // The line's own message, beside its quantity.
    render: (request, reply, { values, errors }, { lineId }) =>
      renderBasket(request, reply, { errors: { [lineId]: firstError(errors) }, values: { [lineId]: values.quantity ?? '' } }, 422),
  });

  formRoute(app, basketLinePath(':lineId', 'retirer'), {
    body: EmptyBody,
    params: LineParams,
    run: async (request, _body, { lineId }) => {
      const key = await basketKeyOf(request);
      if (!key) throw new DomainError('not_found');
      await removeLine(db, key, lineId);
      return redirectTo(BASKET_PATH, t('basket.removed'));
    },
  });

  formRoute(app, ACCEPT_CHANGES_PATH, {
    body: AcceptBody,
    run: async (request, body) => {
      const key = await basketKeyOf(request);
      if (key) await acceptChanges(db, key);
      return redirectTo(body.next === 'commande' ? CHECKOUT_PATH : BASKET_PATH, t('basket.changes_accepted'));
    },
  });
}
