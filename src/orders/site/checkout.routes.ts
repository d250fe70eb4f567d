// Checkout pages: /commande (check the basket), /commande/lieu, /commande/creneau,
// /commande/paiement, /commande/confirmer, then POST /commande and the thank-you page. A
// visitor is sent to log in and comes back here with their basket; a session that expired
// before the confirmation is sent to log in too, and finds the basket unchanged.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../platform/errors.ts';
import { Fields, formSchema, type FieldErrors, type FormValues } from '../../platform/forms.ts';
import { errorMessage, formRoute, pageContext, redirectTo, onlyRoles, sendPage, setFlash } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { readBasket } from './basket.service.ts';
import { checkChoice, checkoutDestinations, checkoutPlan, placeOrder, residentBuyer, slotChoice, type Buyer, type CheckoutPlan } from './checkout.service.ts';
import { HOME, type DestinationParams } from './checkout.destinations.ts';
import { orderDestinationOf } from './order-destination.service.ts';
import { onlineBlockedByWeighing, paymentMethodsFor } from '../money/payments.service.ts';
import { SLOT_DAYS_ON_PAGE } from './checkout.rules.ts';
import { ConfirmPage, destinationQuery, DonePage, PaymentPage, PlacePage, ReviewPage, SlotPage } from './checkout.views.tsx';
import { ownOrderDetail } from '../orders.service.ts';
import { PAYMENT_METHODS } from '../orders.rules.ts';
import { BASKET_PATH, CHECKOUT_CONFIRM_PATH, CHECKOUT_PATH, CHECKOUT_PAYMENT_PATH, CHECKOUT_PLACE_PATH, CHECKOUT_SLOT_PATH, OWN_ORDERS_PATH, payPath, thanksPath } from '../orders.paths.ts';

const SLOT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$';
/** A place's id, or « domicile » for a home delivery. */
const DESTINATION_PATTERN = `^${HOME}$|${ID_PATTERN}`;
const StepQuery = Type.Object({
  place_id: Type.Optional(Type.String({ pattern: DESTINATION_PATTERN })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  postal_code: Type.Optional(Type.String({ maxLength: 10 })),
  slot: Type.Optional(Type.String({ maxLength: 40 })),
  payment: Type.Optional(Type.String({ maxLength: 40 })),
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
});
type StepQueryT = Static<typeof StepQuery>;
const PlaceBody = formSchema({
  place_id: Type.String({ pattern: DESTINATION_PATTERN }),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  postal_code: Type.Optional(Type.String({ maxLength: 10 })),
  slot: Type.String({ pattern: SLOT_PATTERN }),
  payment: Fields.choice(PAYMENT_METHODS),
  idempotency_key: Fields.idempotencyKey(),
});
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

/** The destination the step's fields name (a home delivery carries its typed address). */
function paramsOf(values: { place_id?: string; address?: string; postal_code?: string }): DestinationParams | undefined {
  if (!values.place_id) return undefined;
  if (values.place_id !== HOME) return { placeId: values.place_id };
  return { placeId: HOME, address: (values.address ?? '').trim(), postalCode: (values.postal_code ?? '').trim() };
}

/** Refusals that belong on the first step, next to the destination or the address. */
const DESTINATION_ERRORS = new Set(['destination_not_allowed', 'no_run_ahead', 'address_outside_zone', 'address_required']);

/** Before anything else (the form's token belongs to a session that may be gone): log in first. */
const loginFirst: onRequestAsyncHookHandler = async (request, reply) => {
  if (!request.account) return reply.redirect(`/connexion?retour=${encodeURIComponent(CHECKOUT_PATH)}`, 303);
  if (request.account.role !== 'resident') throw new DomainError('not_found');
};

export async function checkoutRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const resident = onlyRoles('resident');

  /** How this basket may be paid, and whether a weighed price keeps online payment out. */
  function paymentChoices(plan: CheckoutPlan) {
    const lines = plan.basket.items.map((item) => ({ priceIsEstimate: item.line.priceIsEstimate }));
    return { methods: paymentMethodsFor(config, lines), weighed: onlineBlockedByWeighing(config, lines) };
  }

  /** The resident's buyer (the basket they filled as a visitor joined theirs at login). */
  async function buyerOf(request: FastifyRequest): Promise<Buyer> {
    return residentBuyer(request.account);
  }

  /** A basket that cannot be ordered as it is goes back to where it can be fixed. */
  function sendBack(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
    if (!(error instanceof DomainError)) throw error;
    switch (error.code) {
      case 'basket_empty':
        return reply.redirect(BASKET_PATH, 303);
      case 'basket_needs_review':
        return reply.redirect(CHECKOUT_PATH, 303);
      case 'no_collection_round':
        setFlash(request, errorMessage(error));
        return reply.redirect(BASKET_PATH, 303);
      default:
        throw error;
    }
  }

  app.get(CHECKOUT_PATH, { preHandler: resident }, async (request, reply) => {
    const buyer = await buyerOf(request);
    const basket = await readBasket(db, buyer.ownerKey);
    if (basket.items.length === 0) return reply.redirect(BASKET_PATH, 303);
    if (basket.needsReview) return sendPage(reply, ReviewPage({ ctx: pageContext(request, reply), basket }));
    try {
      await checkoutPlan(db, config, request.account, buyer);
    } catch (error) {
      return sendBack(request, reply, error);
    }
    return reply.redirect(CHECKOUT_PLACE_PATH, 303);
  });

  async function renderPlaces(request: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, values: FormValues = {}) {
    const buyer = await buyerOf(request);
    let destinations;
    try {
      destinations = await checkoutDestinations(db, config, request.account, buyer);
    } catch (error) {
      return sendBack(request, reply, error);
    }
    const state = { values, errors };
    return sendPage(reply, PlacePage({ ctx: pageContext(request, reply), destinations, state }), Object.keys(errors).length ? 422 : 200);
  }

  /** A destination refused: the first step again, the message next to its field, what was typed kept. */
  function refuseDestination(request: FastifyRequest, reply: FastifyReply, error: unknown, values: FormValues) {
    if (!(error instanceof DomainError) || !DESTINATION_ERRORS.has(error.code)) return undefined;
    const field = error.field === 'address' ? 'address' : 'place_id';
    return renderPlaces(request, reply, { [field]: errorMessage(error) }, { place_id: values.place_id, address: values.address, postal_code: values.postal_code });
  }

  app.get(CHECKOUT_PLACE_PATH, { preHandler: resident }, async (request, reply) => renderPlaces(request, reply));

  async function renderSlots(request: FastifyRequest, reply: FastifyReply, params: DestinationParams, options: { from?: string; slot?: string; errors?: FieldErrors }) {
    const buyer = await buyerOf(request);
    let choice;
    try {
      choice = await slotChoice(db, config, request.account, buyer, params, options.from, SLOT_DAYS_ON_PAGE);
    } catch (error) {
      return refuseDestination(request, reply, error, { place_id: params.placeId, address: params.address, postal_code: params.postalCode }) ?? sendBack(request, reply, error);
    }
    // A company's run is not chosen among slots: it is the next one, straight on to payment.
    if (choice.destination.run) return reply.redirect(`${CHECKOUT_PAYMENT_PATH}?${destinationQuery(params)}&slot=${encodeURIComponent(choice.destination.run.startAt)}`, 303);
    const errors = options.errors ?? {};
    const view = SlotPage({ ctx: pageContext(request, reply), choice, params, state: { values: { slot: options.slot }, errors }, from: options.from });
    return sendPage(reply, view, Object.keys(errors).length ? 422 : 200);
  }

  app.get(CHECKOUT_SLOT_PATH, { preHandler: resident, schema: { querystring: StepQuery } }, async (request, reply) => {
    const params = paramsOf(request.query);
    if (!params) return renderPlaces(request, reply, { place_id: t('checkout.error.place') });
    return renderSlots(request, reply, params, { from: request.query.from });
  });

  /** The destination and slot of a step, checked again; a slot no longer possible goes back to the slot page. */
  async function checkedStep(request: FastifyRequest, reply: FastifyReply, query: StepQueryT) {
    const { slot, from } = query;
    const params = paramsOf(query);
    if (!params) return { reply: await renderPlaces(request, reply, { place_id: t('checkout.error.place') }) };
    // No slot chosen: the same days again, with the message next to them (no browser validation).
    if (!slot) return { reply: await renderSlots(request, reply, params, { from, errors: { slot: t('checkout.error.slot') } }) };
    try {
      return { params, checked: await checkChoice(db, config, request.account, await buyerOf(request), params, slot) };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'slot_unavailable') {
        return { reply: await renderSlots(request, reply, params, { from, errors: { slot: errorMessage(error) } }) };
      }
      return { reply: refuseDestination(request, reply, error, query) ?? sendBack(request, reply, error) };
    }
  }

  app.get(CHECKOUT_PAYMENT_PATH, { preHandler: resident, schema: { querystring: StepQuery } }, async (request, reply) => {
    const step = await checkedStep(request, reply, request.query);
    if (!step.checked) return step.reply;
    const view = PaymentPage({ ctx: pageContext(request, reply), params: step.params, slot: step.checked.slot.startAt, state: emptyForm(), ...paymentChoices(step.checked.plan) });
    return sendPage(reply, view);
  });

  app.get(CHECKOUT_CONFIRM_PATH, { preHandler: resident, schema: { querystring: StepQuery } }, async (request, reply) => {
    const step = await checkedStep(request, reply, request.query);
    if (!step.checked) return step.reply;
    const { plan, destination, slot } = step.checked;
    const { params } = step;
    const payment = request.query.payment;
    const choices = paymentChoices(plan);
    const chosen = choices.methods.find((method) => method === payment);
    if (!chosen) {
      const state = { values: {}, errors: { payment: t('checkout.error.payment') } };
      return sendPage(reply, PaymentPage({ ctx: pageContext(request, reply), params, slot: slot.startAt, state, ...choices }), 422);
    }
    const view = ConfirmPage({ ctx: pageContext(request, reply), plan, params, destination, slot, payment: chosen, idempotencyKey: newIdempotencyKey(), state: emptyForm() });
    return sendPage(reply, view);
  });

  formRoute(app, CHECKOUT_PATH, {
    body: PlaceBody,
    onRequest: loginFirst,
    run: async (request, body, _params, { reply }) => {
      const buyer = await buyerOf(request);
      const { slot, payment, idempotency_key: key } = body;
      const params = paramsOf(body)!;
      let orderId: string;
      try {
        orderId = await placeOrder(db, config, request.account, buyer, { ...params, slotStartAt: slot, paymentMethod: payment }, key);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code === 'slot_unavailable') return renderSlots(request, reply, params, { errors: { slot: errorMessage(error) } });
        const refused = refuseDestination(request, reply, error, body);
        if (refused) return refused;
        if (error.code === 'basket_empty') return redirectTo(OWN_ORDERS_PATH, t('checkout.already_placed'));
        if (error.code === 'basket_needs_review') setFlash(request, errorMessage(error));
        return sendBack(request, reply, error);
      }
      // Paying online: straight on to the provider's page; its return page leads to the order.
      return redirectTo(payment === 'online' ? payPath(orderId) : thanksPath(orderId));
    },
    render: async (request, reply, { values, errors }) => refuseConfirmation(request, reply, await buyerOf(request), values, errors),
  });

  /** A confirmation whose fields were refused (a forged or unknown field): the summary again, with the message. */
  async function refuseConfirmation(request: FastifyRequest, reply: FastifyReply, buyer: Buyer, values: FormValues, errors: FieldErrors) {
    const params = paramsOf(values);
    if (!params || !new RegExp(DESTINATION_PATTERN).test(params.placeId) || !values.slot) return reply.redirect(CHECKOUT_PATH, 303);
    try {
      const { plan, destination, slot } = await checkChoice(db, config, request.account, buyer, params, values.slot);
      const payment = paymentChoices(plan).methods.find((method) => method === values.payment) ?? 'at_counter';
      const view = ConfirmPage({ ctx: pageContext(request, reply), plan, params, destination, slot, payment, idempotencyKey: newIdempotencyKey(), state: { values: {}, errors } });
      return sendPage(reply, view, 422);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'slot_unavailable') return renderSlots(request, reply, params, { errors: { slot: errorMessage(error) } });
      return refuseDestination(request, reply, error, values) ?? sendBack(request, reply, error);
    }
  }

  app.get(thanksPath(':id'), { preHandler: resident, schema: { params: IdParams } }, async (request, reply) => {
    const detail = await ownOrderDetail(db, request.account, request.params.id);
    const destination = await orderDestinationOf(db, detail.order, detail.place);
    return sendPage(reply, DonePage({ ctx: pageContext(request, reply), detail, destination }));
  });
}
