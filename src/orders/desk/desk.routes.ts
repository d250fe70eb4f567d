// The concierge's « Nouvelle commande » pages (/gestion/commandes/nouvelle…) and the
// confirmation of an estimated price on an order's record. Each page carries `courriel`,
// the mail of the inbox the order comes from, through its links and hidden fields.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../platform/errors.ts';
import { emptyToNull, Fields, firstError, formSchema, normalisePhone, type FieldErrors, type FormValues } from '../../platform/forms.ts';
import { errorMessage, eurosOf, formRoute, pageContext, redirectTo, onlyRoles, sendPage, setFlash } from '../../platform/http.ts';
import { t, tPlural } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { countMembershipRequests, membershipRequestWithBasket, type MembershipRequest } from '../site/membership.service.ts';
import { formatBasketNumber, parseBasketNumber, splitName } from '../site/membership.rules.ts';
import { slotChoice, type SlotChoice } from '../site/checkout.service.ts';
import { nowIso } from '../../platform/clock.ts';
import { HOME, runSlot, type DestinationParams } from '../site/checkout.destinations.ts';
import { DeskBasketPage, type DeskForms } from './desk.basket.views.tsx';
import { deskActionPath, deskHref, offerAnchor } from './desk.components.tsx';
import { DESK, DESK_NEW_MEMBER_PATH, deskLinePath, deskMemberPath, orderPath } from '../orders.paths.ts';
import {
  DESK_CHANNELS,
  acceptDeskChanges,
  addFreeTextForMember,
  addOfferForMember,
  changeDeskQuantity,
  deskBasket,
  deskBuyer,
  deskMail,
  findMembers,
  placeDeskOrder,
  deskDestinations,
  registerDeskMember,
  removeDeskLine,
  emptyDeskBasket,
  ordersInSameSlots,
  takeUpForMember,
} from './desk.service.ts';
import { DeskSlotPage } from './desk.slot.views.tsx';
import { FindMemberPage } from './desk.views.tsx';
import { DESK_PAYMENT_METHODS, FREE_TEXT_MAX, MAX_QUANTITY, MIN_QUANTITY, type Channel } from '../orders.rules.ts';
import { orderRecord } from '../orders.service.ts';

const SLOT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$';
const mailField = () => Type.Optional(Type.String({ pattern: ID_PATTERN }));
const name = () => Type.String({ minLength: 1, maxLength: 80, pattern: '\\S', 'x-error': 'field.required' });

const requestField = () => Type.Optional(Type.String({ pattern: ID_PATTERN }));
const FindQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  courriel: mailField(),
  demande: requestField(),
});
const BasketQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  courriel: mailField(),
  demande: requestField(),
  // « appel »: the page opened for a new call, where a basket left from an earlier one is asked about
  appel: Type.Optional(Type.Literal('1')),
});
/** The typed address of a home delivery, as the checkout takes it. */
const ADDRESS_MAX = 200;
/** A place's id, or HOME for a home delivery. */
const DESTINATION_PATTERN = `(${ID_PATTERN})|^${HOME}$`;

/**
 * What the slot page's GET takes at most: an over-long address is refused beside its field,
 * typed kept, rather than as a malformed request (the input itself sets no limit).
 */
const TYPED_MAX = 20_000;
const SlotQuery = Type.Object({
  place_id: Type.Optional(Type.String({ maxLength: 64 })),
  address: Type.Optional(Type.String({ maxLength: TYPED_MAX })),
  postal_code: Type.Optional(Type.String({ maxLength: TYPED_MAX })),
  canal: Type.Optional(Type.String({ maxLength: 20 })),
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  courriel: mailField(),
});
const NewMemberBody = formSchema({
  last_name: name(),
  first_name: name(),
  phone: Fields.optionalPhone(),
  email: Fields.optionalEmail(),
  idempotency_key: Fields.idempotencyKey(),
  courriel: mailField(),
  demande: requestField(),
});
const TakeUpBody = formSchema({ basket_number: Type.String({ minLength: 1, maxLength: 20, 'x-error': 'field.basket_number' }), courriel: mailField() });
const AddBody = formSchema({ offer_id: Type.String({ pattern: ID_PATTERN }), quantity: Fields.integer(MIN_QUANTITY, MAX_QUANTITY), q: Type.Optional(Type.String({ maxLength: 100 })), courriel: mailField() });
const FreeTextBody = formSchema({
  shop_id: Type.String({ maxLength: 64, pattern: ID_PATTERN, 'x-error': 'errors.desk_shop_unknown' }),
  title: Type.String({ minLength: 1, maxLength: FREE_TEXT_MAX, pattern: '\\S', 'x-error': 'field.required' }),
  price: Fields.price(),
  quantity: Fields.integer(MIN_QUANTITY, MAX_QUANTITY),
  courriel: mailField(),
});
const QuantityBody = formSchema({ quantity: Fields.integer(MIN_QUANTITY, MAX_QUANTITY), courriel: mailField() });
const MailOnlyBody = formSchema({ courriel: mailField() });
const PlaceBody = formSchema({
  // a place's id, or HOME for a home delivery
  place_id: Type.String({ pattern: DESTINATION_PATTERN, 'x-error': 'field.choice' }),
  address: Type.Optional(Type.String({ maxLength: ADDRESS_MAX })),
  postal_code: Type.Optional(Type.String({ maxLength: 10 })),
  slot: Type.String({ pattern: SLOT_PATTERN, 'x-error': 'field.choice' }),
  canal: Fields.choice(DESK_CHANNELS),
  payment: Fields.choice(DESK_PAYMENT_METHODS),
  idempotency_key: Fields.idempotencyKey(),
  courriel: mailField(),
});

const MemberParams = Type.Object({ memberId: Type.String({ pattern: ID_PATTERN }) });


function isDestination(value: string): boolean {
  return new RegExp(DESTINATION_PATTERN).test(value);
}

/**
 * The address typed on the basket page, checked as the order's POST will check it: too long, or
 * holding a NUL no keyboard types (dropped, as the forms do), it is refused beside its field
 * rather than offered slots the order would then refuse.
 */
function typedAddress(query: { address?: string; postal_code?: string }, errors: FieldErrors): [string | undefined, string | undefined] {
  const limits = { address: ADDRESS_MAX, postal_code: 10 } as const;
  const [address, postalCode] = (['address', 'postal_code'] as const).map((field) => {
    const value = query[field];
    if (value === undefined) return value;
    if (value.length > limits[field]) errors[field] = t('field.too_long', { max: limits[field] });
    if (!value.includes('\u0000')) return value;
    errors[field] ??= t('field.invalid');
    return value.replace(/\u0000/g, '');
  });
  return [address, postalCode];
}

function destinationOf(placeId: string, address: string | undefined, postalCode: string | undefined): DestinationParams {
  return placeId === HOME ? { placeId, address: address ?? '', postalCode: postalCode ?? '' } : { placeId };
}

/** A company's run is not chosen but computed: it is the one « slot » offered. */
function withRunAsOnlySlot(choice: SlotChoice, timeZone: string): SlotChoice {
  const { run } = choice.destination;
  if (!run) return choice;
  const slot = runSlot(choice.place, run, nowIso(), timeZone);
  return { ...choice, days: [{ localDate: run.localDate, slots: [slot] }], laterFrom: undefined };
}
const LineParams = Type.Object({ memberId: Type.String({ pattern: ID_PATTERN }), lineId: Type.String({ pattern: ID_PATTERN }) });

/** The mail id a form carried, when it is a valid one. */
function mailOf(values: FormValues): string | undefined {
  const courriel = values.courriel;
  return courriel && new RegExp(ID_PATTERN).test(courriel) ? courriel : undefined;
}

/** The membership request id a form carried, when it is a valid one. */
function requestOf(values: FormValues): string | undefined {
  const demande = values.demande;
  return demande && new RegExp(ID_PATTERN).test(demande) ? demande : undefined;
}

/** The member form's fields from a membership request. */
function prefilledMember(request: MembershipRequest): FormValues {
  const { firstName, lastName } = splitName(request.name);
  return { last_name: lastName, first_name: firstName, phone: request.phone, email: request.email ?? '', demande: request.id };
}

/**
 * Where a basket change goes back to, with the mail and the search kept, at `anchor`: the
 * offer just added, so the concierge goes on down the same results rather than from the top.
 */
function basketHref(memberId: string, values: { q?: string; courriel?: string }, anchor?: string): string {
  const href = deskHref(deskMemberPath(memberId), { q: values.q?.trim() || undefined, courriel: values.courriel });
  return anchor ? `${href}#${anchor}` : href;
}

export async function deskRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  // ---- 1. the member ----

  async function renderFind(request: FastifyRequest, reply: FastifyReply, input: { q?: string; page?: number; courriel?: string; demande?: string }, submitted?: FormState, status = 200) {
    const [mail, requestCount, fromRequest] = await Promise.all([
      deskMail(db, request.account, input.courriel),
      countMembershipRequests(db, request.account),
      input.demande ? membershipRequestWithBasket(db, request.account, input.demande) : undefined,
    ]);
    const query = (input.q ?? '').trim();
    const result = query ? await findMembers(db, request.account, query, input.page ?? 1) : undefined;
    // « Inscrire cet adhérent »: the member form starts from what the visitor wrote.
    const newMember = submitted ?? emptyForm(fromRequest ? prefilledMember(fromRequest.request) : {});
    const idempotencyKey = newMember.values.idempotency_key ?? newIdempotencyKey();
    const view = FindMemberPage({ ctx: pageContext(request, reply), query, result, newMember, idempotencyKey, mail, requestCount, fromRequest: fromRequest?.request });
    return sendPage(reply, view, status);
  }

  app.get(DESK, { preHandler: concierge, schema: { querystring: FindQuery } }, async (request, reply) => renderFind(request, reply, request.query));

  formRoute(app, DESK_NEW_MEMBER_PATH, {
    body: NewMemberBody,
    preHandler: concierge,
    run: async (request, body) => {
      const memberId = await registerDeskMember(db, config, request.account, body.idempotency_key, {
        firstName: body.first_name.trim(),
        lastName: body.last_name.trim(),
        phone: normalisePhone(body.phone),
        email: emptyToNull(body.email)?.toLowerCase() ?? null,
        addressLine: '',
        postalCode: '',
        city: '',
        kind: 'resident',
        notes: '',
      });
      const flash = t('desk.new.done', { name: `${body.first_name.trim()} ${body.last_name.trim()}` });
      return redirectTo(deskHref(deskMemberPath(memberId), { courriel: body.courriel, demande: body.demande }), flash);
    },
    render: (request, reply, state) => renderFind(request, reply, { courriel: mailOf(state.values), demande: requestOf(state.values) }, state, 422),
  });

  // ---- 2. the member's basket ----

  async function renderBasket(
    request: FastifyRequest,
    reply: FastifyReply,
    memberId: string,
    input: { q?: string; courriel?: string; demande?: string; appel?: string },
    forms: DeskForms = {},
    status = 200,
  ) {
    const [desk, mail, fromRequest] = await Promise.all([
      deskBasket(db, request.account, memberId, input.q),
      deskMail(db, request.account, input.courriel),
      input.demande ? membershipRequestWithBasket(db, request.account, input.demande) : undefined,
    ]);
    const destinations = await deskDestinations(db, config, request.account, memberId, desk.basket.items.length > 0);
    const takeUp = fromRequest?.request.status === 'open' ? fromRequest : undefined;
    const view = DeskBasketPage({ ctx: pageContext(request, reply), desk, query: (input.q ?? '').trim(), mail, destinations, forms, takeUp, newCall: input.appel === '1' });
    return sendPage(reply, view, status);
  }

  app.get(deskMemberPath(':memberId'), { preHandler: concierge, schema: { params: MemberParams, querystring: BasketQuery } }, async (request, reply) =>
    renderBasket(request, reply, request.params.memberId, request.query),
  );

  formRoute(app, deskMemberPath(':memberId', 'ajouter'), {
    body: AddBody,
    params: MemberParams,
    preHandler: concierge,
    errorField: 'quantity',
    run: async (request, body, { memberId }) => {
      await addOfferForMember(db, request.account, memberId, body.offer_id, Number(body.quantity));
      return redirectTo(basketHref(memberId, body, offerAnchor(body.offer_id)), t('desk.basket.added'));
    },
    render: (request, reply, { values, errors }, { memberId }) => {
      const input = { q: values.q?.slice(0, 100), courriel: mailOf(values) };
      return renderBasket(request, reply, memberId, input, { add: { offerId: values.offer_id ?? '', error: firstError(errors), quantity: values.quantity ?? '' } }, 422);
    },
  });

  formRoute(app, deskMemberPath(':memberId', 'achat-libre'), {
    body: FreeTextBody,
    params: MemberParams,
    preHandler: concierge,
    errorField: 'title',
    run: async (request, body, { memberId }) => {
      const estimatedPriceCents = eurosOf(body.price, 'price');
      await addFreeTextForMember(db, request.account, memberId, { shopId: body.shop_id, title: body.title, estimatedPriceCents, quantity: Number(body.quantity) });
      return redirectTo(basketHref(memberId, body, 'panier'), t('desk.basket.added'));
    },
    render: (request, reply, { values, errors }, { memberId }) => renderBasket(request, reply, memberId, { courriel: mailOf(values) }, { freeText: { values, errors } }, 422),
  });

  formRoute(app, deskLinePath(':memberId', ':lineId'), {
    body: QuantityBody,
    params: LineParams,
    preHandler: concierge,
    run: async (request, body, { memberId, lineId }) => {
      await changeDeskQuantity(db, request.account, memberId, lineId, Number(body.quantity));
      return redirectTo(basketHref(memberId, body, 'panier'), t('desk.basket.updated'));
    },
    render: (request, reply, { values, errors }, { memberId, lineId }) =>
      renderBasket(request, reply, memberId, { courriel: mailOf(values) }, { line: { lineId, error: firstError(errors), quantity: values.quantity ?? '' } }, 422),
  });

  formRoute(app, deskLinePath(':memberId', ':lineId', 'retirer'), {
    body: MailOnlyBody,
    params: LineParams,
    preHandler: concierge,
    run: async (request, body, { memberId, lineId }) => {
      await removeDeskLine(db, request.account, memberId, lineId);
      return redirectTo(basketHref(memberId, body, 'panier'), t('desk.basket.removed'));
    },
  });

  formRoute(app, deskMemberPath(':memberId', 'accepter'), {
    body: MailOnlyBody,
    params: MemberParams,
    preHandler: concierge,
    run: async (request, body, { memberId }) => {
      await acceptDeskChanges(db, request.account, memberId);
      return redirectTo(basketHref(memberId, body), t('desk.basket.accepted'));
    },
  });

  formRoute(app, deskActionPath(':memberId', 'vider'), {
    body: MailOnlyBody,
    params: MemberParams,
    preHandler: concierge,
    run: async (request, body, { memberId }) => {
      await emptyDeskBasket(db, request.account, memberId);
      return redirectTo(basketHref(memberId, body), t('desk.resume.emptied'));
    },
  });

  formRoute(app, deskActionPath(':memberId', 'reprendre'), {
    body: TakeUpBody,
    params: MemberParams,
    preHandler: concierge,
    errorField: 'basket_number',
    check: (_request, values): { errors: FieldErrors } => ({ errors: values.basket_number && !parseBasketNumber(values.basket_number) ? { basket_number: t('field.basket_number') } : {} }),
    run: async (request, body, { memberId }) => {
      const number = parseBasketNumber(body.basket_number)!;
      const { copied, missing } = await takeUpForMember(db, request.account, memberId, number);
      const done = tPlural('desk.takeup.done', copied, { number: formatBasketNumber(number) });
      return redirectTo(basketHref(memberId, body, 'panier'), missing > 0 ? `${done} ${tPlural('desk.takeup.missing', missing)}` : done);
    },
    render: (request, reply, state, { memberId }) => renderBasket(request, reply, memberId, { courriel: mailOf(state.values) }, { takeUp: state }, 422),
  });

  // ---- 3. the slot and the order ----

  /** A basket that cannot be ordered as it is goes back to the basket page, with why. */
  function backToBasket(request: FastifyRequest, reply: FastifyReply, memberId: string, courriel: string | undefined, error: unknown) {
    if (!(error instanceof DomainError) || error.status === 404) throw error;
    if (error.code !== 'basket_empty') setFlash(request, errorMessage(error));
    return reply.redirect(deskHref(deskMemberPath(memberId), { courriel }), 303);
  }

  /** An address outside the zone, a destination not offered, a run gone: the error beside its field. */
  function isDestinationRefusal(error: unknown): error is DomainError {
    return error instanceof DomainError && error.status !== 404 && (error.field === 'address' || error.field === 'place_id');
  }

  /** The basket page again with the destination as typed and the refusal next to its field. */
  function backToDestination(request: FastifyRequest, reply: FastifyReply, memberId: string, input: { destination: DestinationParams; channel: Channel; courriel?: string }, refused: DomainError | FieldErrors) {
    const values = { canal: input.channel, place_id: input.destination.placeId, address: input.destination.address, postal_code: input.destination.postalCode };
    const errors = refused instanceof DomainError ? { [refused.field!]: errorMessage(refused) } : refused;
    return renderBasket(request, reply, memberId, { courriel: input.courriel }, { next: { values, errors } }, 422);
  }

  async function renderSlots(
    request: FastifyRequest,
    reply: FastifyReply,
    memberId: string,
    input: { destination: DestinationParams; channel: Channel; from?: string; courriel?: string; key?: string; slot?: string; errors?: FieldErrors },
  ) {
    const mail = await deskMail(db, request.account, input.courriel);
    const { member } = await deskBasket(db, request.account, memberId);
    let choice;
    try {
      choice = await slotChoice(db, config, request.account, deskBuyer(member.id, input.channel), input.destination, input.from);
    } catch (error) {
      if (isDestinationRefusal(error)) return backToDestination(request, reply, memberId, input, error);
      return backToBasket(request, reply, memberId, input.courriel, error);
    }
    choice = withRunAsOnlySlot(choice, config.timeZone);
    const errors = input.errors ?? {};
    const state = { values: { slot: input.slot }, errors };
    const shownSlots = choice.days.flatMap((day) => day.slots.map((slot) => slot.startAt));
    const sameSlot = await ordersInSameSlots(db, request.account, member.id, shownSlots);
    const view = DeskSlotPage({ ctx: pageContext(request, reply), member, choice, destination: input.destination, channel: input.channel, mail, from: input.from, idempotencyKey: input.key ?? newIdempotencyKey(), state, sameSlot });
    return sendPage(reply, view, Object.keys(errors).length ? 422 : 200);
  }

  app.get(deskMemberPath(':memberId', 'creneau'), { preHandler: concierge, schema: { params: MemberParams, querystring: SlotQuery } }, async (request, reply) => {
    const { memberId } = request.params;
    const { place_id: placeId, canal, from, courriel } = request.query;
    const errors: FieldErrors = {};
    const [address, postalCode] = typedAddress(request.query, errors);
    if (!canal || !(DESK_CHANNELS as readonly string[]).includes(canal)) errors.canal = t('field.choice');
    if (!placeId || !isDestination(placeId)) errors.place_id = t('field.choice');
    if (Object.keys(errors).length > 0) {
      return renderBasket(request, reply, memberId, { courriel }, { next: { values: { canal, place_id: placeId, address, postal_code: postalCode }, errors } }, 422);
    }
    return renderSlots(request, reply, memberId, { destination: destinationOf(placeId!, address, postalCode), channel: canal as Channel, from, courriel });
  });

  formRoute(app, deskMemberPath(':memberId', 'commande'), {
    body: PlaceBody,
    params: MemberParams,
    preHandler: concierge,
    run: async (request, body, { memberId }, { reply }) => {
      const { place_id: placeId, slot, canal: channel, payment, idempotency_key: key, courriel } = body;
      const destination = destinationOf(placeId, body.address, body.postal_code);
      let orderId: string;
      try {
        orderId = await placeDeskOrder(db, config, request.account, { memberId, channel, choice: { ...destination, slotStartAt: slot, paymentMethod: payment }, idempotencyKey: key, mailId: courriel });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'slot_unavailable') {
          return renderSlots(request, reply, memberId, { destination, channel, courriel, errors: { slot: errorMessage(error) } });
        }
        // a destination changed in the form after the slots were shown: beside its field, not a flash that loses what was typed
        if (isDestinationRefusal(error)) return backToDestination(request, reply, memberId, { destination, channel, courriel }, error);
        return backToBasket(request, reply, memberId, courriel, error);
      }
      const record = await orderRecord(db, request.account, orderId);
      const name = record.member ? `${record.member.firstName} ${record.member.lastName}`.trim() : '';
      const mailNote = record.member?.email ? t('desk.placed_mail', { email: record.member.email }) : t('desk.placed_no_mail');
      return redirectTo(orderPath(orderId), `${t('desk.placed', { name, code: record.order.collectionCode })} ${mailNote}`);
    },
    render: (request, reply, { values, errors }, { memberId }) => {
      const courriel = mailOf(values);
      const channelOk = (DESK_CHANNELS as readonly string[]).includes(values.canal ?? '');
      if (!values.place_id || !isDestination(values.place_id) || !channelOk) return reply.redirect(deskHref(deskMemberPath(memberId), { courriel }), 303);
      const destination = destinationOf(values.place_id, values.address, values.postal_code);
      // the address fields are on the basket page: their message goes beside them there
      const typed = Object.fromEntries(Object.entries(errors).filter(([field]) => field === 'address' || field === 'postal_code'));
      if (Object.keys(typed).length > 0) return backToDestination(request, reply, memberId, { destination, channel: values.canal as Channel, courriel }, typed);
      return renderSlots(request, reply, memberId, { destination, channel: values.canal as Channel, courriel, key: values.idempotency_key, slot: values.slot, errors });
    },
  });
}
