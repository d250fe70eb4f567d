// The basket's pages: /panier, adding from an offer page, changing a quantity, removing a
// line, accepting changes. A visitor's basket lives under the session's visitor id (set when
// they add their first line); when they log in it joins their own (`joinVisitorBasket`, run
// by the login itself: reading a page never moves a basket).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { publicOffer } from '../catalogue/index.ts';
import type { Db } from '../db/index.ts';
import { DomainError } from '../platform/errors.ts';
import { Fields, formSchema, valuesOf } from '../platform/forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN, newId } from '../platform/ids.ts';
import { accountBasketKey, acceptChanges, addToBasket, changeQuantity, readBasket, removeLine, visitorBasketKey } from './orders.basket.service.ts';
import { AddToBasketPage, BasketPage, type LineErrors } from './orders.basket.views.tsx';
import { MAX_QUANTITY, MIN_QUANTITY } from './orders.rules.ts';

const AddBody = formSchema({ offer_id: Type.String({ pattern: ID_PATTERN }), quantity: Fields.integer(MIN_QUANTITY, MAX_QUANTITY) });
const QuantityBody = formSchema({ quantity: Fields.integer(MIN_QUANTITY, MAX_QUANTITY) });
const AcceptBody = formSchema({ next: Type.Optional(Fields.choice(['panier', 'commande'])) });
const EmptyBody = formSchema({});
const LineParams = Type.Object({ lineId: Type.String({ pattern: ID_PATTERN }) });
type LineRoute = { Params: { lineId: string } };

/**
 * The basket key of the request: the resident's, or the visitor's (created on demand). Other
 * accounts have no basket.
 */
export async function basketKeyOf(_db: Db, request: FastifyRequest, create = false): Promise<string | undefined> {
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

export async function basketRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  async function renderBasket(request: FastifyRequest, reply: FastifyReply, state: LineErrors = { errors: {}, values: {} }, status = 200) {
    const key = await basketKeyOf(db, request);
    const basket = key ? await readBasket(db, key) : { groups: [], items: [], totalCents: 0, needsReview: false };
    return sendPage(reply, BasketPage({ ctx: pageContext(request, reply), basket, state }), status);
  }

  app.get('/panier', async (request, reply) => renderBasket(request, reply));

  app.post('/panier/ajouter', { schema: { body: AddBody }, attachValidation: true }, async (request, reply) => {
    const form = readForm<Static<typeof AddBody>>(request);
    const values = valuesOf(request.body);
    const render = async (errors: Record<string, string>) => {
      // A forged or unknown offer id has no page to come back to.
      if (!values.offer_id || !new RegExp(ID_PATTERN).test(values.offer_id)) throw new DomainError('bad_request');
      const { offer } = await publicOffer(db, values.offer_id);
      return sendPage(reply, AddToBasketPage({ ctx: pageContext(request, reply), offer, state: { values, errors } }), 422);
    };
    if (!form.ok) return render(form.errors);
    try {
      const key = (await basketKeyOf(db, request, true))!;
      await addToBasket(db, key, form.body.offer_id, Number(form.body.quantity));
    } catch (error) {
      return render(domainErrorToFieldErrors(error, 'quantity'));
    }
    setFlash(request, t('basket.added'));
    return redirectAfterPost(reply, '/panier');
  });

  app.post<LineRoute>('/panier/lignes/:lineId', { schema: { params: LineParams, body: QuantityBody }, attachValidation: true }, async (request, reply) => {
    const { lineId } = request.params;
    const form = readForm<Static<typeof QuantityBody>>(request);
    const typed = valuesOf(request.body).quantity ?? '';
    const refuse = (message: string) => renderBasket(request, reply, { errors: { [lineId]: message }, values: { [lineId]: typed } }, 422);
    if (!form.ok) return refuse(Object.values(form.errors)[0]);
    const key = await basketKeyOf(db, request);
    if (!key) throw new DomainError('not_found');
    try {
      await changeQuantity(db, key, lineId, Number(form.body.quantity));
    } catch (error) {
      return refuse(Object.values(domainErrorToFieldErrors(error))[0]);
    }
    setFlash(request, t('basket.updated'));
    return redirectAfterPost(reply, '/panier');
  });

  app.post<LineRoute>('/panier/lignes/:lineId/retirer', { schema: { params: LineParams, body: EmptyBody } }, async (request, reply) => {
    const key = await basketKeyOf(db, request);
    if (!key) throw new DomainError('not_found');
    await removeLine(db, key, request.params.lineId);
    setFlash(request, t('basket.removed'));
    return redirectAfterPost(reply, '/panier');
  });

  app.post<{ Body: Static<typeof AcceptBody> }>('/panier/accepter', { schema: { body: AcceptBody } }, async (request, reply) => {
    const key = await basketKeyOf(db, request);
    if (key) await acceptChanges(db, key);
    setFlash(request, t('basket.changes_accepted'));
    return redirectAfterPost(reply, request.body.next === 'commande' ? '/commande' : '/panier');
  });
}
