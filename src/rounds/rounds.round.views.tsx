// The collection round of a day: the shops in visiting order, each with its purchase orders,
// their pick lists and the reception form. One purchase order's form among many: its fields
// carry the purchase order's id, so labels and errors never collide.
import { formatDate } from '../platform/clock.ts';
import { FORM_ERROR, type FieldErrors, type FormValues } from '../platform/forms.ts';
import { t, tDynamic, tPlural } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { FieldError, HiddenField, SubmitButton } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import { arrivalText, BOARD_PATH, closedText, dateText, Phone, planNotes, PRINT_PATH, receptionPath, ROUND_PATH, roundHref, roundLead, trail } from './rounds.components.tsx';
import { shiftDate, STORAGE_LOCATION_MAX } from './rounds.rules.ts';
import type { CollectionRound, RoundPurchaseOrderItem, RoundStop } from './rounds.service.ts';

/** A reception form sent back with errors: whose it is, what was typed, what is wrong. */
export interface ReceptionState {
  purchaseOrderId: string;
  values: FormValues;
  errors: FieldErrors;
}

function PickList({ po }: { po: RoundPurchaseOrderItem }) {
  return (
    <ul class="pick-list">
      {po.lines.map((line) => (
        <li>
          <strong>{line.quantity} ×</strong> {line.title} {line.unit ? <span class="muted">({line.unit})</span> : null}
        </li>
      ))}
    </ul>
  );
}

function PurchaseOrderTitle({ ctx, po }: { ctx: PageContext; po: RoundPurchaseOrderItem }) {
  return (
    <h3 id={`bon-${po.id}`}>
      {t('rounds.round.po_title')} <span class="code">{po.collectionCode}</span>{' '}
      <span class={`badge ${po.status === 'ready' ? 'badge--stock' : 'badge--order'}`}>{tDynamic(`orders.po_status.${po.status}`)}</span>
      {po.late ? (
        <>
          {' '}
          <span class="badge badge--paused">{t('rounds.round.late', { round: formatDate(po.collectionRoundAt, ctx.timeZone) })}</span>
        </>
      ) : null}
    </h3>
  );
}

function ReceptionForm({ ctx, po, date, state }: { ctx: PageContext; po: RoundPurchaseOrderItem; date: string; state?: ReceptionState }) {
  const mine = state?.purchaseOrderId === po.id ? state : undefined;
  const fieldId = `rangement-${po.id}`;
  const error = mine?.errors.storage_location ?? mine?.errors[FORM_ERROR];
  if (po.status === 'sent') {
    return (
      <>
        <FieldError message={error} alert />
        <p class="field__notice">{t('rounds.round.not_accepted')}</p>
      </>
    );
  }
  const checked = mine ? mine.values.chilled === 'on' : false;
  return (
    <form method="post" action={receptionPath(po.id)} class="reception-form" noValidate>
      <HiddenField name="_csrf" value={ctx.csrfToken()} />
      <HiddenField name="date" value={date} />
      <div class={error ? 'field field--error' : 'field'}>
        <label for={fieldId}>
          {t('rounds.form.storage')}
          <span aria-hidden="true"> *</span>
        </label>
        <p class="field__hint" id={`aide-${fieldId}`}>
          {t('rounds.form.storage_hint', { max: STORAGE_LOCATION_MAX })}
        </p>
        <FieldError field={fieldId} message={error} alert />
        <input
          id={fieldId}
          name="storage_location"
          type="text"
          class="input input--short"
          value={mine?.values.storage_location ?? ''}
          maxLength={STORAGE_LOCATION_MAX * 2}
          autocomplete="off"
          required
          aria-required="true"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `aide-${fieldId} erreur-${fieldId}` : `aide-${fieldId}`}
        />
      </div>
      <div class="field field--checkbox">
        <input id={`frais-${po.id}`} name="chilled" type="checkbox" checked={checked} />
        <label for={`frais-${po.id}`}>{t('rounds.form.chilled')}</label>
      </div>
      <SubmitButton>
        {t('rounds.form.submit')}
        <span class="visually-hidden"> — {t('rounds.round.po_title')} {po.collectionCode}</span>
      </SubmitButton>
    </form>
  );
}

function ShopFacts({ round, stop }: { round: CollectionRound; stop: RoundStop }) {
  const { shop } = stop;
  return (
    <dl class="facts">
      <dt>{t('rounds.round.arrival')}</dt>
      <dd>{arrivalText(round, stop)}</dd>
      <dt>{t('rounds.round.address')}</dt>
      <dd>
        {shop.addressLine}, {shop.postalCode} {shop.city}
      </dd>
      <dt>{t('rounds.col.phone')}</dt>
      <dd>
        <Phone phone={shop.phone} />
      </dd>
      <dt>{t('rounds.round.hours')}</dt>
      <dd>{stop.hoursText}</dd>
    </dl>
  );
}

function StopSection({ ctx, round, stop, state }: { ctx: PageContext; round: CollectionRound; stop: RoundStop; state?: ReceptionState }) {
  const date = round.date;
  const closed = closedText(stop);
  return (
    <li class="round-stop">
      <section aria-labelledby={`arret-${stop.number}`}>
        <h2 id={`arret-${stop.number}`}>
          <span class="round-stop__number">{stop.number}.</span> {stop.shop.tradeName}
        </h2>
        {closed ? <p class="field__notice">{closed}</p> : null}
        <ShopFacts round={round} stop={stop} />
        {stop.purchaseOrders.map((po) => (
          <article aria-labelledby={`bon-${po.id}`} class="round-po">
            <PurchaseOrderTitle ctx={ctx} po={po} />
            <PickList po={po} />
            <ReceptionForm ctx={ctx} po={po} date={date} state={state} />
          </article>
        ))}
      </section>
    </li>
  );
}

function DayLinks({ ctx, date, today }: { ctx: PageContext; date: string; today: string }) {
  return (
    <nav aria-label={t('rounds.round.days')} class="actions">
      <a href={roundHref(shiftDate(date, -1), today)} class="button button--secondary" rel="prev">
        {t('rounds.round.previous_day')}
      </a>
      {date !== today ? (
        <a href={ROUND_PATH} class="button button--secondary">
          {t('rounds.round.today')}
        </a>
      ) : null}
      <a href={roundHref(shiftDate(date, 1), today)} class="button button--secondary" rel="next">
        {t('rounds.round.next_day')}
      </a>
      <a href={roundHref(date, today, PRINT_PATH)} class="button button--secondary">
        {t('rounds.print')}
        <span class="visually-hidden"> — {dateText(ctx, date)}</span>
      </a>
    </nav>
  );
}

/** An error for a purchase order no longer on the round (received meanwhile by someone else). */
function OrphanError({ round, state }: { round: CollectionRound; state?: ReceptionState }) {
  if (!state) return null;
  const listed = round.stops.some((stop) => stop.purchaseOrders.some((po) => po.id === state.purchaseOrderId));
  if (listed) return null;
  return (
    <div class="error-summary" role="alert">
      {Object.values(state.errors).map((message) => (
        <p>{message}</p>
      ))}
    </div>
  );
}

/** When the tricycle leaves and is back, its trips, and what it will find closed. */
function PlanNotes({ round }: { round: CollectionRound }) {
  const { schedule, warnings } = planNotes(round);
  return (
    <>
      {schedule.map((line) => (
        <p>{line}</p>
      ))}
      {warnings.map((line) => (
        <p class="field__notice">{line}</p>
      ))}
    </>
  );
}

export function RoundPage({ ctx, round, today, state }: { ctx: PageContext; round: CollectionRound; today: string; state?: ReceptionState }) {
  const title = t('rounds.round.title', { date: dateText(ctx, round.date) });
  return (
    <Page ctx={ctx} title={title} trail={trail([t('rounds.today.title'), BOARD_PATH], [t('rounds.board.round_title')])} noindex>
      <h1>{title}</h1>
      <OrphanError round={round} state={state} />
      <DayLinks ctx={ctx} date={round.date} today={today} />
      {round.stops.length === 0 ? <p class="lead">{t('rounds.round.empty')}</p> : <p class="lead">{roundLead(round)}</p>}
      <PlanNotes round={round} />
      {round.unlocatedCount > 0 ? <p class="field__notice">{tPlural('rounds.round.unlocated', round.unlocatedCount)}</p> : null}
      {round.truncated ? <p class="field__notice">{t('rounds.round.truncated')}</p> : null}
      <ol class="round-stops">
        {round.stops.map((stop) => (
          <StopSection ctx={ctx} round={round} stop={stop} state={state} />
        ))}
      </ol>
    </Page>
  );
}
