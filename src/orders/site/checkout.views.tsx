// The checkout, one question per page: where to collect, when, how to pay, then a summary
// to confirm. The first three steps are GET forms carrying the answers so far, so « Retour »
// and « Modifier » simply work; only the confirmation posts.
import { formatClockRange, formatDate } from '../../platform/clock.ts';
import { t, tPlural } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { utcToLocal, type CollectionPoint, type Slot } from '../../places/index.ts';
import { ErrorSummary, FieldError, Form, type FormState, HiddenField, RadioGroup, SubmitButton } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { ChangesPanel } from './basket.views.tsx';
import type { Basket } from './basket.service.ts';
import type { CheckoutPlan, SlotChoice } from './checkout.service.ts';
import { BasketTotal, ShopSubtotal, slotText } from '../orders.components.tsx';
import type { OrderDetail } from '../orders.service.ts';
import type { PaymentMethod } from '../orders.rules.ts';
import { BASKET_PATH, CHECKOUT_CONFIRM_PATH, CHECKOUT_PATH, CHECKOUT_PAYMENT_PATH, CHECKOUT_PLACE_PATH, CHECKOUT_SLOT_PATH, ownOrderPath } from '../orders.paths.ts';

const TRAIL: Array<[string, string?]> = [[t('nav.home'), '/'], [t('basket.title'), BASKET_PATH], [t('checkout.title')]];

function Step({ step }: { step: number }) {
  return <p class="muted checkout-step">{t('checkout.step', { step })}</p>;
}

function placeText(place: CollectionPoint): string {
  return `${place.name} — ${place.addressLine}, ${place.postalCode} ${place.city}`;
}

export function ReviewPage({ ctx, basket }: { ctx: PageContext; basket: Basket }) {
  const title = t('checkout.review_title');
  return (
    <Page ctx={ctx} title={title} trail={TRAIL} noindex>
      <h1>{title}</h1>
      <ChangesPanel ctx={ctx} basket={basket} next="commande" />
      <p>
        <a href={BASKET_PATH}>{t('checkout.back_basket')}</a>
      </p>
    </Page>
  );
}

export function PlacePage({ ctx, points, state }: { ctx: PageContext; points: CollectionPoint[]; state: FormState }) {
  const title = t('checkout.place_title');
  return (
    <Page ctx={ctx} title={title} trail={TRAIL} noindex>
      <Step step={1} />
      <h1>{title}</h1>
      {points.length === 0 ? (
        <p class="panel">{t('checkout.place_none')}</p>
      ) : (
        <Form ctx={ctx} action={CHECKOUT_SLOT_PATH} method="get" state={state} labels={{ place_id: t('checkout.place_label') }}>
          <RadioGroup name="place_id" label={t('checkout.place_label')} state={state} options={points.map((point) => [point.id, placeText(point)])} defaultValue={points[0].id} />
          <SubmitButton>{t('checkout.next')}</SubmitButton>
        </Form>
      )}
      <p>
        <a href={BASKET_PATH}>{t('checkout.back_basket')}</a>
      </p>
    </Page>
  );
}

/** « de 18 h à 18 h 30 », with the places left when the slot has a limit. */
function slotTimes(slot: Slot, timeZone: string): string {
  const times = formatClockRange(utcToLocal(slot.startAt, timeZone).time, utcToLocal(slot.endAt, timeZone).time);
  return slot.remaining === null ? times : `${times} (${tPlural('checkout.slot_remaining', slot.remaining)})`;
}

export function SlotPage({ ctx, choice, state, from }: { ctx: PageContext; choice: SlotChoice; state: FormState; from?: string }) {
  const title = t('checkout.slot_title');
  const error = state.errors.slot;
  const selected = state.values.slot;
  const base = `${CHECKOUT_SLOT_PATH}?place_id=${choice.place.id}`;
  const first = choice.days[0]?.slots[0];
  return (
    <Page ctx={ctx} title={title} trail={TRAIL} noindex>
      <Step step={2} />
      <h1>{title}</h1>
      {first && !from ? <p>{t('checkout.slot_lead', { earliest: first.label })}</p> : null}
      {choice.days.length === 0 ? <p class="panel">{t('checkout.slot_none')}</p> : null}
      <form method="get" action={CHECKOUT_PAYMENT_PATH} class="form" noValidate>
        <ErrorSummary errors={state.errors} labels={{ slot: t('checkout.when') }} />
        <HiddenField name="place_id" value={choice.place.id} />
        {choice.days.length > 0 ? (
          <fieldset class={error ? 'field field--error' : 'field'} id="champ-slot" aria-describedby={error ? 'erreur-slot' : undefined}>
            <legend>{t('checkout.slot_at', { place: choice.place.name })}</legend>
            <FieldError field="slot" message={error} />
            {choice.days.map((day) => (
              <fieldset class="slot-day">
                <legend>{formatDate(day.slots[0].startAt, ctx.timeZone)}</legend>
                {day.slots.map((slot) => (
                  <div class="radio">
                    <input type="radio" id={`creneau-${slot.startAt.replace(/\D/g, '')}`} name="slot" value={slot.startAt} checked={slot.startAt === selected} />
                    <label for={`creneau-${slot.startAt.replace(/\D/g, '')}`}>{slotTimes(slot, ctx.timeZone)}</label>
                  </div>
                ))}
              </fieldset>
            ))}
          </fieldset>
        ) : null}
        {choice.days.length > 0 ? <SubmitButton>{t('checkout.next')}</SubmitButton> : null}
      </form>
      <div class="actions">
        {choice.laterFrom ? <a href={`${base}&from=${choice.laterFrom}`}>{t('checkout.slot_later')}</a> : null}
        {from ? <a href={base}>{t('checkout.slot_earlier')}</a> : null}
        <a href={CHECKOUT_PLACE_PATH}>{t('checkout.other_place')}</a>
      </div>
    </Page>
  );
}

export interface PaymentProps {
  ctx: PageContext;
  placeId: string;
  slot: string;
  state: FormState;
  /** the ways this basket may be paid */
  methods: readonly PaymentMethod[];
  /** online payment is on but a weighed price keeps it out of this basket */
  weighed: boolean;
}

export function PaymentPage({ ctx, placeId, slot, state, methods, weighed }: PaymentProps) {
  const title = t('checkout.payment_title');
  const hint = methods.includes('online') ? t('payments.choice_hint') : t('orders.payment.at_counter_hint');
  return (
    <Page ctx={ctx} title={title} trail={TRAIL} noindex>
      <Step step={3} />
      <h1>{title}</h1>
      <Form ctx={ctx} action={CHECKOUT_CONFIRM_PATH} method="get" state={state} labels={{ payment: t('checkout.payment_label') }}>
        <HiddenField name="place_id" value={placeId} />
        <HiddenField name="slot" value={slot} />
        <RadioGroup
          name="payment"
          label={t('checkout.payment_label')}
          hint={hint}
          state={state}
          options={methods.map((method) => [method, method === 'online' ? t('payments.choice_online') : t(`orders.payment.${method}`)])}
          defaultValue="at_counter"
        />
        <SubmitButton>{t('checkout.next')}</SubmitButton>
      </Form>
      {weighed ? <p class="panel">{t('payments.checkout_weighed')}</p> : null}
    </Page>
  );
}

function BasketSummary({ basket }: { basket: Basket }) {
  return (
    <>
      {basket.groups.map((group) => (
        <section aria-labelledby={`commerce-${group.shopId}`}>
          <h2 id={`commerce-${group.shopId}`}>{t('basket.from_shop', { shop: group.shopName })}</h2>
          <ul class="order-lines">
            {group.items.map((item) => (
              <li class="order-line">
                <span>
                  {item.line.quantity} × {item.line.title} {item.line.unit ? <span class="muted">({item.line.unit})</span> : null}
                </span>{' '}
                <span class="nowrap">{formatEuros(item.totalCents)}</span>
              </li>
            ))}
          </ul>
          <ShopSubtotal shopName={group.shopName} cents={group.subtotalCents} />
        </section>
      ))}
      <BasketTotal cents={basket.totalCents} />
    </>
  );
}

export interface ConfirmProps {
  ctx: PageContext;
  plan: CheckoutPlan;
  place: CollectionPoint;
  slot: Slot;
  payment: PaymentMethod;
  idempotencyKey: string;
  state: FormState;
}

export function ConfirmPage({ ctx, plan, place, slot, payment, idempotencyKey, state }: ConfirmProps) {
  const title = t('checkout.confirm_title');
  const slotHref = `${CHECKOUT_SLOT_PATH}?place_id=${place.id}`;
  const paymentHref = `${CHECKOUT_PAYMENT_PATH}?place_id=${place.id}&slot=${encodeURIComponent(slot.startAt)}`;
  return (
    <Page ctx={ctx} title={title} trail={TRAIL} noindex>
      <Step step={4} />
      <h1>{title}</h1>
      <p class="lead">{t('checkout.confirm_lead')}</p>
      <dl class="facts">
        <dt>{t('checkout.where')}</dt>
        <dd>
          {placeText(place)} <a href={CHECKOUT_PLACE_PATH}>{t('checkout.change')}<span class="visually-hidden"> : {t('checkout.where')}</span></a>
        </dd>
        <dt>{t('checkout.when')}</dt>
        <dd>
          {slot.label} <a href={slotHref}>{t('checkout.change')}<span class="visually-hidden"> : {t('checkout.when')}</span></a>
        </dd>
        <dt>{t('checkout.payment')}</dt>
        <dd>
          {t(`orders.payment.${payment}`)} <a href={paymentHref}>{t('checkout.change')}<span class="visually-hidden"> : {t('checkout.payment')}</span></a>
        </dd>
      </dl>
      <BasketSummary basket={plan.basket} />
      <p class="muted">{t('checkout.prices_note')}</p>
      <Form ctx={ctx} action={CHECKOUT_PATH} state={state}>
        <HiddenField name="place_id" value={place.id} />
        <HiddenField name="slot" value={slot.startAt} />
        <HiddenField name="payment" value={payment} />
        <HiddenField name="idempotency_key" value={idempotencyKey} />
        <SubmitButton>{t('checkout.confirm')}</SubmitButton>
      </Form>
    </Page>
  );
}

export function DonePage({ ctx, detail }: { ctx: PageContext; detail: OrderDetail }) {
  const { order, place } = detail;
  const title = t('checkout.done_title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('nav.home'), '/'], [title]]} noindex>
      <h1>{title}</h1>
      <div class="panel">
        <p>{t('checkout.done_code')}&nbsp;:</p>
        <p class="collection-code">{order.collectionCode}</p>
        <p>{t('checkout.done_code_hint')}</p>
      </div>
      <dl class="facts">
        <dt>{t('checkout.when')}</dt>
        <dd>{slotText(order.slotStartAt, order.slotEndAt, ctx.timeZone)}</dd>
        <dt>{t('checkout.where')}</dt>
        <dd>{placeText(place)}</dd>
        <dt>{t('myorders.total')}</dt>
        <dd>
          {formatEuros(order.totalCents)} — {t('myorders.payment_due')}
        </dd>
      </dl>
      <p>{t('checkout.done_next')}</p>
      <p>
        <a href={ownOrderPath(order.id)} class="button">
          {t('checkout.done_orders')}
        </a>
      </p>
    </Page>
  );
}
