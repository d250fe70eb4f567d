// The checkout, one question per page: where to collect, when, how to pay, then a summary
// to confirm. The first three steps are GET forms carrying the answers so far, so « Retour »
// and « Modifier » simply work; only the confirmation posts.
import { formatClock, formatDate } from '../../platform/clock.ts';
import { t, type MessageKey } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { utcToLocal, type CollectionPoint, type Slot } from '../../places/index.ts';
import { ErrorSummary, FieldError, Form, type FormState, HiddenField, RadioGroup, SubmitButton, TextField } from '../../ui/forms.tsx';
import { nowIso } from '../../platform/clock.ts';
import { HOME, runText, type Destination, type DestinationParams, type Destinations } from './checkout.destinations.ts';
import { Page } from '../../ui/layout.tsx';
import { ChangesPanel } from './basket.views.tsx';
import type { Basket } from './basket.service.ts';
import type { CheckoutPlan, SlotChoice, SlotDay } from './checkout.service.ts';
import { groupByDayPart, SLOT_DAYS_OPEN, stepNumber, type CheckoutStep, type DayPart } from './checkout.rules.ts';
import { BasketTotal, ShopSubtotal } from '../orders.components.tsx';
import type { OrderDetail } from '../orders.service.ts';
import { nextStepText, WhenWhereFacts } from './order-destination.components.tsx';
import type { OrderDestination } from './order-destination.service.ts';
import type { PaymentMethod } from '../orders.rules.ts';
import { BASKET_PATH, CHECKOUT_CONFIRM_PATH, CHECKOUT_PATH, CHECKOUT_PAYMENT_PATH, CHECKOUT_PLACE_PATH, CHECKOUT_SLOT_PATH, ownOrderPath } from '../orders.paths.ts';

const TRAIL: Array<[string, string?]> = [[t('nav.home'), '/'], [t('basket.title'), BASKET_PATH], [t('checkout.title')]];

const STEP_NAMES: Record<CheckoutStep, MessageKey> = {
  place: 'checkout.step.place',
  slot: 'checkout.step.slot',
  payment: 'checkout.step.payment',
  confirm: 'checkout.step.confirm',
};

/** « Étape 2 sur 4 : votre créneau », counted from the real list of steps. */
function stepText(step: CheckoutStep): string {
  const { number, count } = stepNumber(step);
  return t('checkout.step', { step: number, count, name: t(STEP_NAMES[step]) });
}

function Step({ step }: { step: CheckoutStep }) {
  return <p class="checkout-step">{stepText(step)}</p>;
}

/** Under every « Continuer »: the phone number and when someone answers it. */
function HelpLine({ ctx }: { ctx: PageContext }) {
  const { phone, phoneHours } = ctx.conciergerie;
  return (
    <p class="checkout-help">
      {t('checkout.help')}{' '}
      <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} class="nowrap">
        {phone}
      </a>{' '}
      {t('checkout.help_hours', { hours: phoneHours })}
    </p>
  );
}

function placeText(place: CollectionPoint): string {
  return `${place.name} — ${place.addressLine}, ${place.postalCode} ${place.city}`;
}

/** Where the order goes, in one line: the place, the company, or the home address. */
export function destinationText(destination: Destination): string {
  if (destination.kind === 'home') return t('delivery.checkout.home_where', { address: destination.address ?? '' });
  if (destination.kind === 'workplace') return `${t('delivery.checkout.run_title')} — ${destination.companyName ?? ''}`;
  return placeText(destination.place);
}

/** The choice so far as a query string, for links back to a step. */
export function destinationQuery(params: DestinationParams): string {
  const query = new URLSearchParams({ place_id: params.placeId });
  if (params.placeId === HOME) {
    query.set('address', params.address ?? '');
    query.set('postal_code', params.postalCode ?? '');
  }
  return query.toString();
}

/** The choice so far as hidden fields of the next step's form. */
export function DestinationFields({ params }: { params: DestinationParams }) {
  return (
    <>
      <HiddenField name="place_id" value={params.placeId} />
      {params.placeId === HOME ? (
        <>
          <HiddenField name="address" value={params.address ?? ''} />
          <HiddenField name="postal_code" value={params.postalCode ?? ''} />
        </>
      ) : null}
    </>
  );
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

/** Every destination open to the member, as radio options: places, their company's run, home. */
export function destinationOptions(ctx: PageContext, destinations: Destinations): Array<[string, string]> {
  const options: Array<[string, string]> = destinations.points.map((point) => [point.id, placeText(point)]);
  const { work } = destinations;
  if (work) options.push([work.place.id, t('delivery.checkout.work_option', { company: work.companyName, run: runText(work.run, nowIso(), ctx.timeZone) })]);
  if (destinations.homeOpen) options.push([HOME, t('delivery.checkout.home_option')]);
  return options;
}

export const PLACE_LABELS = { place_id: t('checkout.place_label'), address: t('delivery.checkout.address'), postal_code: t('delivery.checkout.postal_code') };

/** The address of a home delivery, the member's own until another is typed; what was typed stays when refused. */
export function HomeAddressFields({ destinations, state }: { destinations: Destinations; state: FormState }) {
  if (!destinations.homeOpen) return null;
  const homeState: FormState = {
    values: { address: state.values.address ?? destinations.memberAddress.addressLine, postal_code: state.values.postal_code ?? destinations.memberAddress.postalCode },
    errors: state.errors,
  };
  return (
    <fieldset class="field">
      <legend>{t('delivery.checkout.home_option')}</legend>
      <p class="field__hint">{t('delivery.checkout.home_hint')}</p>
      <TextField name="address" label={PLACE_LABELS.address} autocomplete="street-address" state={homeState} />
      <TextField name="postal_code" label={PLACE_LABELS.postal_code} inputMode="numeric" autocomplete="postal-code" size="short" state={homeState} />
    </fieldset>
  );
}

export function PlacePage({ ctx, destinations, state }: { ctx: PageContext; destinations: Destinations; state: FormState }) {
  const title = t('checkout.place_title');
  const options = destinationOptions(ctx, destinations);
  return (
    <Page ctx={ctx} title={title} trail={TRAIL} noindex>
      <Step step="place" />
      <h1>{title}</h1>
      {options.length === 0 ? (
        <p class="panel">{t('checkout.place_none')}</p>
      ) : (
        <Form ctx={ctx} action={CHECKOUT_SLOT_PATH} method="get" state={state} labels={PLACE_LABELS}>
          <RadioGroup
            name="place_id"
            label={state.errors.address ? t('delivery.checkout.open_to_you') : t('checkout.place_label')}
            state={state}
            options={options}
            defaultValue={options[0][0]}
          />
          <HomeAddressFields destinations={destinations} state={state} />
          <SubmitButton>{t('checkout.next')}</SubmitButton>
          <HelpLine ctx={ctx} />
        </Form>
      )}
      <p>
        <a href={BASKET_PATH}>{t('checkout.back_basket')}</a>
      </p>
    </Page>
  );
}

/** A slot as a chip: its start time, and the places left when few remain. */
function SlotChip({ slot, timeZone, checked, describedBy }: { slot: Slot; timeZone: string; checked: boolean; describedBy?: string }) {
  const id = `creneau-${slot.startAt.replace(/\D/g, '')}`;
  const start = formatClock(utcToLocal(slot.startAt, timeZone).time);
  const end = formatClock(utcToLocal(slot.endAt, timeZone).time);
  const left = slot.remaining;
  return (
    <div class="chip">
      <input type="radio" id={id} name="slot" value={slot.startAt} checked={checked} aria-describedby={describedBy} />
      <label for={id}>
        <span class="chip__time">{start}</span>
        <span class="visually-hidden"> – {end}</span>
        {left !== null ? <span class="chip__left">{left === 1 ? t('checkout.slot_places_one') : t('checkout.slot_places_other', { count: left })}</span> : null}
      </label>
    </div>
  );
}

const DAY_PARTS: Record<DayPart, MessageKey> = {
  morning: 'checkout.period.morning',
  noon: 'checkout.period.noon',
  afternoon: 'checkout.period.afternoon',
  evening: 'checkout.period.evening',
};

/** « Jeudi 3 décembre », as the heading of its block. */
function dayHeading(iso: string, timeZone: string): string {
  const text = formatDate(iso, timeZone);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One day: its name as the legend, then « Midi », « Soir »… each with its chips. */
function SlotDayBlock({ day, timeZone, selected, error }: { day: SlotDay; timeZone: string; selected?: string; error: boolean }) {
  const parts = groupByDayPart(day.slots, (slot) => utcToLocal(slot.startAt, timeZone).time);
  return (
    <fieldset class="slot-day" aria-describedby={error ? 'erreur-slot' : undefined}>
      <legend>{dayHeading(day.slots[0].startAt, timeZone)}</legend>
      {parts.map(({ part, items }) => (
        <fieldset class="slot-part">
          <legend>{t(DAY_PARTS[part])}</legend>
          <div class="chips">
            {items.map((slot) => (
              <SlotChip slot={slot} timeZone={timeZone} checked={slot.startAt === selected} />
            ))}
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}

export function SlotPage({ ctx, choice, params, state, from }: { ctx: PageContext; choice: SlotChoice; params: DestinationParams; state: FormState; from?: string }) {
  const title = t('checkout.slot_title');
  const error = state.errors.slot;
  const selected = state.values.slot;
  const base = `${CHECKOUT_SLOT_PATH}?${destinationQuery(params)}`;
  const home = choice.destination.kind === 'home';
  const first = choice.days[0]?.slots[0];
  const open = choice.days.slice(0, SLOT_DAYS_OPEN);
  const more = choice.days.slice(SLOT_DAYS_OPEN);
  // A day chosen behind « Voir les jours suivants » stays in sight when the page comes back.
  const moreOpen = more.some((day) => day.slots.some((slot) => slot.startAt === selected));
  const block = (day: SlotDay) => <SlotDayBlock day={day} timeZone={ctx.timeZone} selected={selected} error={Boolean(error)} />;
  return (
    <Page ctx={ctx} title={title} trail={TRAIL} noindex>
      <Step step="slot" />
      <h1>{title}</h1>
      <p class="slot-lead">{home ? destinationText(choice.destination) : t('checkout.slot_place', { place: choice.place.name })}</p>
      {home ? <p>{t('delivery.checkout.home_slot')}</p> : null}
      {choice.days.length === 0 ? <p class="panel">{t('checkout.slot_none')}</p> : null}
      <form method="get" action={CHECKOUT_PAYMENT_PATH} class="form slot-form" noValidate>
        <ErrorSummary errors={state.errors} labels={{ slot: t('checkout.when') }} />
        <DestinationFields params={params} />
        {from ? <HiddenField name="from" value={from} /> : null}
        {choice.days.length > 0 ? (
          <div id="champ-slot" class={error ? 'slot-days field--error' : 'slot-days'}>
            <FieldError field="slot" message={error} />
            {open.map(block)}
            {more.length > 0 ? (
              <details class="slot-more" open={moreOpen}>
                <summary>{t('checkout.slot_later')}</summary>
                {more.map(block)}
              </details>
            ) : null}
          </div>
        ) : null}
        {choice.days.length > 0 ? (
          <>
            <SubmitButton>{t('checkout.next')}</SubmitButton>
            <HelpLine ctx={ctx} />
          </>
        ) : null}
      </form>
      {first && !from ? (
        <p class="muted slot-why">
          {t('checkout.slot_first', { earliest: first.label })} {t('checkout.slot_why')}
        </p>
      ) : null}
      <div class="actions">
        {choice.laterFrom ? <a href={`${base}&from=${choice.laterFrom}`}>{t('checkout.slot_further')}</a> : null}
        {from ? <a href={base}>{t('checkout.slot_earlier')}</a> : null}
        <a href={CHECKOUT_PLACE_PATH}>{t('checkout.other_place')}</a>
      </div>
    </Page>
  );
}

export interface PaymentProps {
  ctx: PageContext;
  params: DestinationParams;
  slot: string;
  state: FormState;
  /** the ways this basket may be paid */
  methods: readonly PaymentMethod[];
  /** online payment is on but a weighed price keeps it out of this basket */
  weighed: boolean;
}

export function PaymentPage({ ctx, params, slot, state, methods, weighed }: PaymentProps) {
  const title = t('checkout.payment_title');
  const hint = methods.includes('online') ? t('payments.choice_hint') : t('orders.payment.at_counter_hint');
  return (
    <Page ctx={ctx} title={title} trail={TRAIL} noindex>
      <Step step="payment" />
      <h1>{title}</h1>
      <Form ctx={ctx} action={CHECKOUT_CONFIRM_PATH} method="get" state={state} labels={{ payment: t('checkout.payment_label') }}>
        <DestinationFields params={params} />
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
        <HelpLine ctx={ctx} />
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
  params: DestinationParams;
  destination: Destination;
  slot: Slot;
  payment: PaymentMethod;
  idempotencyKey: string;
  state: FormState;
}

export function ConfirmPage({ ctx, plan, params, destination, slot, payment, idempotencyKey, state }: ConfirmProps) {
  const title = t('checkout.confirm_title');
  const query = destinationQuery(params);
  // A run is not chosen: « Modifier » goes back to the choice of destination.
  const slotHref = destination.run ? CHECKOUT_PLACE_PATH : `${CHECKOUT_SLOT_PATH}?${query}`;
  const paymentHref = `${CHECKOUT_PAYMENT_PATH}?${query}&slot=${encodeURIComponent(slot.startAt)}`;
  return (
    <Page ctx={ctx} title={title} trail={TRAIL} noindex>
      <Step step="confirm" />
      <h1>{title}</h1>
      <p class="lead">{t('checkout.confirm_lead')}</p>
      <dl class="facts">
        <dt>{t('checkout.where')}</dt>
        <dd>
          {destinationText(destination)} <a href={CHECKOUT_PLACE_PATH}>{t('checkout.change')}<span class="visually-hidden"> : {t('checkout.where')}</span></a>
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
        <DestinationFields params={params} />
        <HiddenField name="slot" value={slot.startAt} />
        <HiddenField name="payment" value={payment} />
        <HiddenField name="idempotency_key" value={idempotencyKey} />
        <SubmitButton>{t('checkout.confirm')}</SubmitButton>
        <HelpLine ctx={ctx} />
      </Form>
    </Page>
  );
}

export function DonePage({ ctx, detail, destination }: { ctx: PageContext; detail: OrderDetail; destination: OrderDestination }) {
  const { order, place } = detail;
  const title = t('checkout.done_title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('nav.home'), '/'], [title]]} noindex>
      <h1>{title}</h1>
      <div class="panel">
        <p>{t('checkout.done_code')}&nbsp;:</p>
        <p class="collection-code">{order.collectionCode}</p>
        <p>{destination.kind === 'collection' ? t('checkout.done_code_hint') : t('order_destination.done_code_hint')}</p>
      </div>
      <dl class="facts">
        <WhenWhereFacts ctx={ctx} order={order} place={place} destination={destination} />
        <dt>{t('myorders.total')}</dt>
        <dd>
          {formatEuros(order.totalCents)} — {t('myorders.payment_due')}
        </dd>
      </dl>
      <p>{nextStepText(order, destination, ctx.timeZone)}</p>
      <p>
        <a href={ownOrderPath(order.id)} class="button">
          {t('checkout.done_orders')}
        </a>
      </p>
    </Page>
  );
}
