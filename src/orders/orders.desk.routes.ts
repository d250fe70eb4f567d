// The concierge's « Nouvelle commande » pages (/gestion/commandes/nouvelle…) and the
// confirmation of an estimated price on an order's record. Each page carries `courriel`,
// the mail of the inbox the order comes from, through its links and hidden fields.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { DomainError } from '../platform/errors.ts';
import { emptyToNull, Fields, formSchema, normalisePhone, valuesOf, type FieldErrors } from '../platform/forms.ts';
import { domainErrorToFieldErrors, errorMessage, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { formatEuros, parseEuros } from '../platform/money.ts';
import { emptyForm } from '../ui/forms.tsx';
import { OrderRecordPage } from './orders.backoffice.views.tsx';
import { collectionPoints, slotChoice } from './orders.checkout.service.ts';
import { DeskBasketPage, type DeskForms } from './orders.desk.basket.views.tsx';
import { DESK, deskHref } from './orders.desk.components.tsx';
import {
  DESK_CHANNELS,
  acceptDeskChanges,
  addFreeTextForMember,
  addOfferForMember,
  changeDeskQuantity,
  confirmLinePrice,
  deskBasket,
  deskBuyer,
  deskMail,
  findMembers,
  placeDeskOrder,
  registerDeskMember,
  removeDeskLine,
} from './orders.desk.service.ts';
import { DeskSlotPage, type PriceFormState } from './orders.desk.slot.views.tsx';
import { FindMemberPage } from './orders.desk.views.tsx';
import { DESK_PAYMENT_METHODS, FREE_TEXT_MAX, MAX_QUANTITY, MIN_QUANTITY, type Channel } from './orders.rules.ts';
import { orderRecord } from './orders.service.ts';

const SLOT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$';
const mailField = () => Type.Optional(Type.String({ pattern: ID_PATTERN }));
const name = () => Type.String({ minLength: 1, maxLength: 80, pattern: '\\S', 'x-error': 'field.required' });

const FindQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  courriel: mailField(),
});
const BasketQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), courriel: mailField() });
const SlotQuery = Type.Object({
  place_id: Type.Optional(Type.String({ maxLength: 64 })),
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
});
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
  place_id: Type.String({ pattern: ID_PATTERN }),
  slot: Type.String({ pattern: SLOT_PATTERN, 'x-error': 'field.choice' }),
  canal: Fields.choice(DESK_CHANNELS),
  payment: Fields.choice(DESK_PAYMENT_METHODS),
  idempotency_key: Fields.idempotencyKey(),
  courriel: mailField(),
});
const PriceBody = formSchema({ price: Fields.price() });

const MemberParams = Type.Object({ memberId: Type.String({ pattern: ID_PATTERN }) });
const LineParams = Type.Object({ memberId: Type.String({ pattern: ID_PATTERN }), lineId: Type.String({ pattern: ID_PATTERN }) });
const OrderLineParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), lineId: Type.String({ pattern: ID_PATTERN }) });
type MemberRoute = { Params: Static<typeof MemberParams> };
type LineRoute = { Params: Static<typeof LineParams> };

/** The first message of a refused form, for the small one-field forms. */
function firstError(errors: FieldErrors): string {
  return Object.values(errors)[0] ?? t('errors.bad_request');
}

export async function deskRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const concierge = { preHandler: requireRole('concierge') };

  // ---- 1. the member ----

  async function renderFind(request: FastifyRequest, reply: FastifyReply, input: { q?: string; page?: number; courriel?: string }, newMember = emptyForm(), status = 200) {
    const mail = await deskMail(db, request.account, input.courriel);
    const query = (input.q ?? '').trim();
    const result = query ? await findMembers(db, request.account, query, input.page ?? 1) : undefined;
    const view = FindMemberPage({ ctx: pageContext(request, reply), query, result, newMember, idempotencyKey: newMember.values.idempotency_key ?? newIdempotencyKey(), mail });
    return sendPage(reply, view, status);
  }

  app.get<{ Querystring: Static<typeof FindQuery> }>(DESK, { ...concierge, schema: { querystring: FindQuery } }, async (request, reply) => renderFind(request, reply, request.query));

  app.post(`${DESK}/adherent`, { ...concierge, schema: { body: NewMemberBody }, attachValidation: true }, async (request, reply) => {
    const form = readForm<Static<typeof NewMemberBody>>(request);
    const values = valuesOf(request.body);
    const courriel = values.courriel && new RegExp(ID_PATTERN).test(values.courriel) ? values.courriel : undefined;
    if (!form.ok) return renderFind(request, reply, { courriel }, { values, errors: form.errors }, 422);
    const body = form.body;
    let memberId: string;
    try {
      memberId = await registerDeskMember(db, config, request.account, body.idempotency_key, {
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
    } catch (error) {
      return renderFind(request, reply, { courriel }, { values, errors: domainErrorToFieldErrors(error) }, 422);
    }
    setFlash(request, t('desk.new.done', { name: `${body.first_name.trim()} ${body.last_name.trim()}` }));
    return redirectAfterPost(reply, deskHref(`${DESK}/${memberId}`, { courriel }));
  });

  // ---- 2. the member's basket ----

  async function renderBasket(request: FastifyRequest, reply: FastifyReply, memberId: string, input: { q?: string; courriel?: string }, forms: DeskForms = {}, status = 200) {
    const [desk, mail, points] = await Promise.all([deskBasket(db, request.account, memberId, input.q), deskMail(db, request.account, input.courriel), collectionPoints(db)]);
    const view = DeskBasketPage({ ctx: pageContext(request, reply), desk, query: (input.q ?? '').trim(), mail, points, forms });
    return sendPage(reply, view, status);
  }

  /** Where a basket change goes back to, with the mail and the search kept. */
  function basketHref(memberId: string, body: unknown): string {
    const values = valuesOf(body);
    return deskHref(`${DESK}/${memberId}`, { q: values.q?.trim() || undefined, courriel: values.courriel });
  }

  /** The mail id of a refused form, when it has a valid one. */
  function mailOf(body: unknown): string | undefined {
    const courriel = valuesOf(body).courriel;
    return courriel && new RegExp(ID_PATTERN).test(courriel) ? courriel : undefined;
  }

  app.get<MemberRoute & { Querystring: Static<typeof BasketQuery> }>(`${DESK}/:memberId`, { ...concierge, schema: { params: MemberParams, querystring: BasketQuery } }, async (request, reply) =>
    renderBasket(request, reply, request.params.memberId, request.query),
  );

  app.post<MemberRoute>(`${DESK}/:memberId/ajouter`, { ...concierge, schema: { params: MemberParams, body: AddBody }, attachValidation: true }, async (request, reply) => {
    const { memberId } = request.params;
    const form = readForm<Static<typeof AddBody>>(request);
    const values = valuesOf(request.body);
    const input = { q: values.q?.slice(0, 100), courriel: mailOf(request.body) };
    const refuse = (error: string) => {
      const offerId = values.offer_id ?? '';
      return renderBasket(request, reply, memberId, input, { add: { offerId, error, quantity: values.quantity ?? '' } }, 422);
    };
    if (!form.ok) return refuse(firstError(form.errors));
    try {
      await addOfferForMember(db, request.account, memberId, form.body.offer_id, Number(form.body.quantity));
    } catch (error) {
      return refuse(firstError(domainErrorToFieldErrors(error, 'quantity')));
    }
    setFlash(request, t('desk.basket.added'));
    return redirectAfterPost(reply, basketHref(memberId, request.body));
  });

  app.post<MemberRoute>(`${DESK}/:memberId/achat-libre`, { ...concierge, schema: { params: MemberParams, body: FreeTextBody }, attachValidation: true }, async (request, reply) => {
    const { memberId } = request.params;
    const form = readForm<Static<typeof FreeTextBody>>(request);
    const values = valuesOf(request.body);
    const refuse = (errors: FieldErrors) => renderBasket(request, reply, memberId, { courriel: mailOf(request.body) }, { freeText: { values, errors } }, 422);
    if (!form.ok) return refuse(form.errors);
    const priceCents = parseEuros(form.body.price);
    if (priceCents === undefined) return refuse({ price: t('field.price') });
    try {
      await addFreeTextForMember(db, request.account, memberId, { shopId: form.body.shop_id, title: form.body.title, estimatedPriceCents: priceCents, quantity: Number(form.body.quantity) });
    } catch (error) {
      return refuse(domainErrorToFieldErrors(error, 'title'));
    }
    setFlash(request, t('desk.basket.added'));
    return redirectAfterPost(reply, basketHref(memberId, request.body));
  });

  app.post<LineRoute>(`${DESK}/:memberId/lignes/:lineId`, { ...concierge, schema: { params: LineParams, body: QuantityBody }, attachValidation: true }, async (request, reply) => {
    const { memberId, lineId } = request.params;
    const form = readForm<Static<typeof QuantityBody>>(request);
    const quantity = valuesOf(request.body).quantity ?? '';
    const refuse = (error: string) => renderBasket(request, reply, memberId, { courriel: mailOf(request.body) }, { line: { lineId, error, quantity } }, 422);
    if (!form.ok) return refuse(firstError(form.errors));
    try {
      await changeDeskQuantity(db, request.account, memberId, lineId, Number(form.body.quantity));
    } catch (error) {
      return refuse(firstError(domainErrorToFieldErrors(error)));
    }
    setFlash(request, t('desk.basket.updated'));
    return redirectAfterPost(reply, basketHref(memberId, request.body));
  });

  app.post<LineRoute>(`${DESK}/:memberId/lignes/:lineId/retirer`, { ...concierge, schema: { params: LineParams, body: MailOnlyBody } }, async (request, reply) => {
    await removeDeskLine(db, request.account, request.params.memberId, request.params.lineId);
    setFlash(request, t('desk.basket.removed'));
    return redirectAfterPost(reply, basketHref(request.params.memberId, request.body));
  });

  app.post<MemberRoute>(`${DESK}/:memberId/accepter`, { ...concierge, schema: { params: MemberParams, body: MailOnlyBody } }, async (request, reply) => {
    await acceptDeskChanges(db, request.account, request.params.memberId);
    setFlash(request, t('desk.basket.accepted'));
    return redirectAfterPost(reply, basketHref(request.params.memberId, request.body));
  });

  // ---- 3. the slot and the order ----

  /** A basket that cannot be ordered as it is goes back to the basket page, with why. */
  function backToBasket(request: FastifyRequest, reply: FastifyReply, memberId: string, courriel: string | undefined, error: unknown) {
    if (!(error instanceof DomainError) || error.status === 404) throw error;
    if (error.code !== 'basket_empty') setFlash(request, errorMessage(error));
    return reply.redirect(deskHref(`${DESK}/${memberId}`, { courriel }), 303);
  }

  async function renderSlots(
    request: FastifyRequest,
    reply: FastifyReply,
    memberId: string,
    input: { placeId: string; channel: Channel; from?: string; courriel?: string; key?: string; slot?: string; errors?: FieldErrors },
  ) {
    const mail = await deskMail(db, request.account, input.courriel);
    const { member } = await deskBasket(db, request.account, memberId);
    let choice;
    try {
      choice = await slotChoice(db, config, request.account, deskBuyer(member.id, input.channel), input.placeId, input.from);
    } catch (error) {
      return backToBasket(request, reply, memberId, input.courriel, error);
    }
    const errors = input.errors ?? {};
    const state = { values: { slot: input.slot }, errors };
    const view = DeskSlotPage({ ctx: pageContext(request, reply), member, choice, channel: input.channel, mail, from: input.from, idempotencyKey: input.key ?? newIdempotencyKey(), state });
    return sendPage(reply, view, Object.keys(errors).length ? 422 : 200);
  }

  app.get<MemberRoute & { Querystring: Static<typeof SlotQuery> }>(`${DESK}/:memberId/creneau`, { ...concierge, schema: { params: MemberParams, querystring: SlotQuery } }, async (request, reply) => {
    const { memberId } = request.params;
    const { place_id: placeId, canal, from, courriel } = request.query;
    const errors: FieldErrors = {};
    if (!canal || !(DESK_CHANNELS as readonly string[]).includes(canal)) errors.canal = t('field.choice');
    if (!placeId || !new RegExp(ID_PATTERN).test(placeId)) errors.place_id = t('field.choice');
    if (Object.keys(errors).length > 0) {
      return renderBasket(request, reply, memberId, { courriel }, { next: { values: { canal, place_id: placeId }, errors } }, 422);
    }
    return renderSlots(request, reply, memberId, { placeId: placeId!, channel: canal as Channel, from, courriel });
  });

  app.post<MemberRoute>(`${DESK}/:memberId/commande`, { ...concierge, schema: { params: MemberParams, body: PlaceBody }, attachValidation: true }, async (request, reply) => {
    const { memberId } = request.params;
    const form = readForm<Static<typeof PlaceBody>>(request);
    const values = valuesOf(request.body);
    const courriel = mailOf(request.body);
    if (!form.ok) {
      const channelOk = (DESK_CHANNELS as readonly string[]).includes(values.canal ?? '');
      if (!values.place_id || !new RegExp(ID_PATTERN).test(values.place_id) || !channelOk) return reply.redirect(deskHref(`${DESK}/${memberId}`, { courriel }), 303);
      return renderSlots(request, reply, memberId, { placeId: values.place_id, channel: values.canal as Channel, courriel, key: values.idempotency_key, slot: values.slot, errors: form.errors });
    }
    const { place_id: placeId, slot, canal: channel, payment, idempotency_key: key } = form.body;
    let orderId: string;
    try {
      orderId = await placeDeskOrder(db, config, request.account, { memberId, channel, choice: { placeId, slotStartAt: slot, paymentMethod: payment }, idempotencyKey: key, mailId: courriel });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'slot_unavailable') {
        return renderSlots(request, reply, memberId, { placeId, channel, courriel, errors: { slot: errorMessage(error) } });
      }
      return backToBasket(request, reply, memberId, courriel, error);
    }
    const record = await orderRecord(db, request.account, orderId);
    const name = record.member ? `${record.member.firstName} ${record.member.lastName}`.trim() : '';
    const mailNote = record.member?.email ? t('desk.placed_mail', { email: record.member.email }) : t('desk.placed_no_mail');
    setFlash(request, `${t('desk.placed', { name, code: record.order.collectionCode })} ${mailNote}`);
    return redirectAfterPost(reply, `/gestion/commandes/${orderId}`);
  });

  // ---- 4. the confirmed price of an estimated line ----

  app.post<{ Params: Static<typeof OrderLineParams> }>(
    '/gestion/commandes/:id/lignes/:lineId/prix',
    { ...concierge, schema: { params: OrderLineParams, body: PriceBody }, attachValidation: true },
    async (request, reply) => {
      const { id, lineId } = request.params;
      const form = readForm<Static<typeof PriceBody>>(request);
      const refuse = async (errors: FieldErrors) => {
        const record = await orderRecord(db, request.account, id);
        if (!record.lines.some((line) => line.id === lineId)) throw new DomainError('not_found');
        const priceForm: PriceFormState = { lineId, errors, value: valuesOf(request.body).price ?? '' };
        return sendPage(reply, OrderRecordPage({ ctx: pageContext(request, reply), record, priceForm }), 422);
      };
      if (!form.ok) return refuse(form.errors);
      const priceCents = parseEuros(form.body.price);
      if (priceCents === undefined) return refuse({ price: t('field.price') });
      try {
        await confirmLinePrice(db, config, request.account, id, lineId, priceCents);
      } catch (error) {
        // Confirmed meanwhile, or its part of the order is gone: the form is gone too, so the record says why.
        if (error instanceof DomainError && error.code === 'price_not_estimate') {
          setFlash(request, errorMessage(error));
          return redirectAfterPost(reply, `/gestion/commandes/${id}`);
        }
        return refuse(domainErrorToFieldErrors(error, 'price'));
      }
      const record = await orderRecord(db, request.account, id);
      const line = record.lines.find((candidate) => candidate.id === lineId);
      setFlash(request, t('desk.price.done', { title: line?.title ?? '', total: formatEuros(record.order.totalCents) }));
      return redirectAfterPost(reply, `/gestion/commandes/${id}`);
    },
  );
}
