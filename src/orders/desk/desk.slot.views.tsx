// The last page of the concierge's « Nouvelle commande » (the slot, the payment, the summary,
// then « Passer la commande »).
import type { InboundMail } from '../../notifications/index.ts';
import type { Member } from '../../members/index.ts';
import { formatClockRange, formatDate } from '../../platform/clock.ts';
import { t, tPlural } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { utcToLocal, type Slot } from '../../places/index.ts';
import { FieldError, Form, type FormState, HiddenField, RadioGroup, SubmitButton } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import type { SlotChoice } from '../site/checkout.service.ts';
import type { DestinationParams } from '../site/checkout.destinations.ts';
import { DestinationFields, destinationQuery, destinationText } from '../site/checkout.views.tsx';
import { DESK, deskMemberPath, orderPath } from '../orders.paths.ts';
import type { UpcomingOrder } from './desk.repository.ts';
import { deskHref, deskTrail, MailCarried, MemberFacts, memberName } from './desk.components.tsx';
import { DESK_PAYMENT_METHODS, type Channel } from '../orders.rules.ts';

// ---- 3. the slot, then « Passer la commande » ----

/** The destination as query fields of a link to the same page. */
function destinationLink(destination: DestinationParams): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(destinationQuery(destination)));
}

export interface DeskSlotProps {
  ctx: PageContext;
  member: Member;
  choice: SlotChoice;
  /** The destination as the pages carry it (a place's id, or home with its address). */
  destination: DestinationParams;
  channel: Channel;
  mail: InboundMail | undefined;
  from: string | undefined;
  idempotencyKey: string;
  state: FormState;
  /** The member's orders still to collect in one of the slots shown: a warning, not a refusal. */
  sameSlot: UpcomingOrder[];
}

/** « 18 h – 18 h 30 ». */
function spanTimes(startAt: string, endAt: string, timeZone: string): string {
  return formatClockRange(utcToLocal(startAt, timeZone).time, utcToLocal(endAt, timeZone).time);
}

/** « 18 h – 18 h 30 », with the places left when the slot has a limit. */
function slotTimes(slot: Slot, timeZone: string): string {
  const times = spanTimes(slot.startAt, slot.endAt, timeZone);
  return slot.remaining === null ? times : `${times} (${tPlural('checkout.slot_remaining', slot.remaining)})`;
}

/** « Jeanne Martin a déjà une commande à retirer jeudi 3 décembre, 12 h – 12 h 30 : n° K7P2. » */
function SameSlotWarning({ ctx, member, orders }: { ctx: PageContext; member: Member; orders: UpcomingOrder[] }) {
  if (orders.length === 0) return null;
  return (
    <section class="panel panel--warning" aria-labelledby="deja-prevue">
      <h2 id="deja-prevue">{t('desk.slot.already_title')}</h2>
      <ul>
        {orders.map((order) => (
          <li>
            {t('desk.slot.already', { name: memberName(member), date: formatDate(order.slotStartAt, ctx.timeZone), times: spanTimes(order.slotStartAt, order.slotEndAt, ctx.timeZone) })}{' '}
            <a href={orderPath(order.id)}>{order.collectionCode}</a>.
          </li>
        ))}
      </ul>
      <p>{t('desk.slot.already_hint')}</p>
    </section>
  );
}

function SlotField({ ctx, choice, state, sameSlot }: { ctx: PageContext; choice: SlotChoice; state: FormState; sameSlot: UpcomingOrder[] }) {
  const error = state.errors.slot;
  const taken = new Set(sameSlot.map((order) => order.slotStartAt));
  return (
    <fieldset class={error ? 'field field--error' : 'field'} id="champ-slot" aria-describedby={error ? 'erreur-slot' : undefined}>
      <legend>{t('checkout.slot_at', { place: choice.place.name })}</legend>
      <FieldError field="slot" message={error} />
      {choice.days.map((day) => (
        <fieldset class="slot-day">
          <legend>{formatDate(day.slots[0].startAt, ctx.timeZone)}</legend>
          {day.slots.map((slot) => {
            const id = `creneau-${slot.startAt.replace(/\D/g, '')}`;
            return (
              <div class="radio">
                <input type="radio" id={id} name="slot" value={slot.startAt} checked={slot.startAt === (state.values.slot ?? choice.days[0].slots[0].startAt)} />
                <label for={id}>
                  {slotTimes(slot, ctx.timeZone)}
                  {taken.has(slot.startAt) ? <strong class="slot-taken"> — {t('desk.slot.already_mark')}</strong> : null}
                </label>
              </div>
            );
          })}
        </fieldset>
      ))}
    </fieldset>
  );
}

export function DeskSlotPage({ ctx, member, choice, destination, channel, mail, from, idempotencyKey, state, sameSlot }: DeskSlotProps) {
  const name = memberName(member);
  const title = t('desk.slot.title', { name });
  const basketHref = deskHref(deskMemberPath(member.id), { courriel: mail?.id });
  const here = deskMemberPath(member.id, 'creneau');
  const { basket } = choice.plan;
  return (
    <Page ctx={ctx} title={title} trail={deskTrail([t('desk.title'), deskHref(DESK, { courriel: mail?.id })], [name, basketHref], [t('checkout.when')])} noindex>
      <h1>{title}</h1>
      <MemberFacts member={member} />
      <SameSlotWarning ctx={ctx} member={member} orders={sameSlot} />
      {choice.days[0] && !from ? <p>{t('checkout.slot_lead', { earliest: choice.days[0].slots[0].label })}</p> : null}
      {choice.days.length === 0 ? <p class="panel">{t('checkout.slot_none')}</p> : null}
      <Form ctx={ctx} action={deskMemberPath(member.id, 'commande')} state={state} labels={{ slot: t('checkout.when'), payment: t('checkout.payment_label') }}>
        <DestinationFields params={destination} />
        <HiddenField name="canal" value={channel} />
        <HiddenField name="idempotency_key" value={idempotencyKey} />
        <MailCarried mailId={mail?.id} />
        {choice.days.length > 0 ? <SlotField ctx={ctx} choice={choice} state={state} sameSlot={sameSlot} /> : null}
        <RadioGroup name="payment" label={t('checkout.payment_label')} state={state} options={DESK_PAYMENT_METHODS.map((method) => [method, t(`orders.payment.${method}`)])} defaultValue="at_counter" />
        <h2>{t('desk.slot.summary')}</h2>
        <dl class="facts">
          <dt>{t('desk.slot.channel')}</dt>
          <dd>{t(`orders.channel.${channel}`)}</dd>
          <dt>{t('desk.slot.place')}</dt>
          <dd>{destinationText(choice.destination)}</dd>
        </dl>
        <ul class="order-lines">
          {basket.items.map((item) => (
            <li class="order-line">
              <span>
                {item.line.quantity} × {item.line.title} <span class="muted">({basket.groups.find((group) => group.shopId === item.line.shopId)?.shopName})</span>
              </span>{' '}
              <span class="nowrap">
                {formatEuros(item.totalCents)}
                {item.line.priceIsEstimate ? <span class="muted"> ({t('orders.estimate')})</span> : null}
              </span>
            </li>
          ))}
        </ul>
        <p class="basket-total">
          {t('basket.total')}&nbsp;: <strong>{formatEuros(basket.totalCents)}</strong>
        </p>
        {choice.days.length > 0 ? <SubmitButton>{t('desk.slot.submit')}</SubmitButton> : null}
      </Form>
      <div class="actions">
        {choice.laterFrom ? <a href={deskHref(here, { ...destinationLink(destination), canal: channel, from: choice.laterFrom, courriel: mail?.id })}>{t('checkout.slot_later')}</a> : null}
        {from ? <a href={deskHref(here, { ...destinationLink(destination), canal: channel, courriel: mail?.id })}>{t('checkout.slot_earlier')}</a> : null}
        <a href={basketHref}>{t('desk.slot.back')}</a>
      </div>
    </Page>
  );
}
