// The driver's pages, for a phone held in one hand: the runs of the coming days as big links,
// a run (« Partir », its stops as big links, « Retour au comptoir »), and a stop where each
// order's outcome is one tap: « Remis » (the payment buttons are the delivered buttons when
// something is due), « Absent », « Refusé : <raison> »; a drop-off point takes all its orders
// in one « Déposé ». No script: every tap is a form.
import { formatClock } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { t, tDynamic, tPlural } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { DRIVER_PATH } from '../../platform/paths.ts';
import { utcToLocal } from '../../places/index.ts';
import { FieldError, HiddenField, MessageSummary } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { dateText, Phone } from '../rounds.components.tsx';
import { ordersLeft, type DriverRunItem } from './runs.driver.service.ts';
import { driverFinishPath, driverOutcomePath, driverRunPath, driverStartPath, driverStopPath, driverUndoPath } from './runs.paths.ts';
import { canUndo, DELIVERY_REFUSALS, UNDO_MINUTES } from './runs.rules.ts';
import type { OrderOnStop, RunDetail, StopView } from './runs.service.ts';
import { runName } from './runs.rules.ts';

const PAYMENT_BUTTONS = [
  ['cash', 'driver.order.paid_cash'],
  ['card', 'driver.order.paid_card'],
  ['cheque', 'driver.order.paid_cheque'],
] as const;

function clockOf(ctx: PageContext, at: string): string {
  return formatClock(utcToLocal(at, ctx.timeZone).time);
}

/** A form that is one big button. */
function OneTap({ ctx, action, label, secondary, fields = {} }: { ctx: PageContext; action: string; label: string; secondary?: boolean; fields?: Record<string, string> }) {
  return (
    <form method="post" action={action} class="driver-tap">
      <HiddenField name="_csrf" value={ctx.csrfToken()} />
      {Object.entries(fields).map(([name, value]) => (
        <HiddenField name={name} value={value} />
      ))}
      <button type="submit" class={`button button--large${secondary ? ' button--secondary' : ''}`}>
        {label}
      </button>
    </form>
  );
}

export function DriverRunsPage({ ctx, runs, today }: { ctx: PageContext; runs: DriverRunItem[]; today: string }) {
  const title = t('driver.runs.title');
  return (
    <Page ctx={ctx} title={title} noindex>
      <h1>{title}</h1>
      <p class="lead">{runs.length > 0 ? t('driver.runs.lead') : t('driver.runs.none')}</p>
      <ul class="driver-list">
        {runs.map(({ run, stopCount }) => (
          <li>
            <a href={driverRunPath(run.id)} class="driver-link">
              <strong>{runName(run)}</strong>
              <span>{t('driver.runs.when', { date: run.runDate === today ? t('driver.runs.today') : dateText(ctx, run.runDate), time: formatClock(run.windowOpens) })}</span>
              <span>
                {tPlural('runs.stops', stopCount)} — {tDynamic(`runs.status.${run.status}`)}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}

function leftText(stop: StopView): string {
  const left = ordersLeft(stop);
  return left === 0 ? t('driver.run.all_done') : tPlural('driver.run.left', left);
}

function RunState({ ctx, detail }: { ctx: PageContext; detail: RunDetail }) {
  const { run } = detail;
  if (run.status === 'planned') {
    return (
      <div class="driver-step">
        <p>{t('driver.run.start_hint')}</p>
        <OneTap ctx={ctx} action={driverStartPath(run.id)} label={t('driver.run.start')} />
      </div>
    );
  }
  if (run.status === 'finished') return <p class="lead">{t('driver.run.finished', { time: clockOf(ctx, run.finishedAt ?? run.startedAt ?? '') })}</p>;
  return <p class="lead">{t('driver.run.started', { time: clockOf(ctx, run.startedAt ?? '') })}</p>;
}

export function DriverRunPage({ ctx, detail, errors }: { ctx: PageContext; detail: RunDetail; errors?: FieldErrors }) {
  const { run } = detail;
  const title = t('runs.run.title', { name: runName(run), date: dateText(ctx, run.runDate) });
  return (
    <Page ctx={ctx} title={title} noindex>
      <p>
        <a href={DRIVER_PATH}>{t('driver.run.back')}</a>
      </p>
      <h1>{title}</h1>
      <MessageSummary errors={errors} />
      <RunState ctx={ctx} detail={detail} />
      {detail.stops.length === 0 ? <p>{t('runs.run.empty')}</p> : <h2>{t('driver.run.stops_title')}</h2>}
      <ol class="driver-list">
        {detail.stops.map((stop) => (
          <li>
            <a href={driverStopPath(run.id, stop.id)} class={`driver-link${ordersLeft(stop) === 0 ? ' driver-link--done' : ''}`}>
              <strong>{t('driver.run.stop_link', { number: stop.number, name: stop.name })}</strong>
              <span>{stop.address}</span>
              <span>
                {tPlural('runs.orders', stop.orders.length)} — {leftText(stop)}
              </span>
            </a>
          </li>
        ))}
      </ol>
      {run.status === 'under_way' ? (
        <div class="driver-step">
          <p>{t('driver.run.finish_hint')}</p>
          <OneTap ctx={ctx} action={driverFinishPath(run.id)} label={t('driver.run.finish')} />
        </div>
      ) : null}
    </Page>
  );
}

function recordedText(order: OrderOnStop): string {
  const { delivery } = order;
  if (delivery.outcome === 'delivered') {
    const name = delivery.recipientName ?? order.memberName;
    return delivery.paymentMethod ? t('driver.order.recorded.delivered_paid', { name, how: tDynamic(`driver.order.how.${delivery.paymentMethod}`) }) : t('driver.order.recorded.delivered', { name });
  }
  if (delivery.outcome === 'refused') return t('driver.order.recorded.refused', { reason: tDynamic(`driver.refusal.${delivery.refusalReason ?? 'other'}`) });
  return tDynamic(`driver.order.recorded.${delivery.outcome}`);
}

/** The outcome recorded, and « Annuler » while the wrong tap can still be taken back. */
function Recorded({ ctx, runId, order, nowAt }: { ctx: PageContext; runId: string; order: OrderOnStop; nowAt: string }) {
  const { delivery } = order;
  const undoable = delivery.settledAt === null && delivery.recordedAt !== null && canUndo(delivery.recordedAt, nowAt);
  return (
    <div class="driver-recorded">
      <p class="badge">{recordedText(order)}</p>
      {undoable ? (
        <>
          <p>{t('driver.order.undo_until', { time: clockOf(ctx, new Date(Date.parse(delivery.recordedAt!) + UNDO_MINUTES * 60_000).toISOString()) })}</p>
          <OneTap ctx={ctx} action={driverUndoPath(runId, order.orderId)} label={t('driver.order.undo')} secondary />
        </>
      ) : null}
    </div>
  );
}

/** « Remis »: the recipient's name (the member's by default), then one button, or one per way of paying when something is due. */
function DeliveredForm({ ctx, runId, order, errors }: { ctx: PageContext; runId: string; order: OrderOnStop; errors?: FieldErrors }) {
  const field = `recipient-${order.orderId}`;
  const error = errors?.[field];
  return (
    <form method="post" action={driverOutcomePath(runId, order.orderId)} class="driver-form">
      <HiddenField name="_csrf" value={ctx.csrfToken()} />
      <HiddenField name="outcome" value="delivered" />
      <div class="field">
        <label for={`champ-${field}`} class="field__label">
          {t('driver.order.recipient')}
        </label>
        <FieldError field={field} message={error} />
        <input
          id={`champ-${field}`}
          name="recipient"
          type="text"
          class="input"
          value={order.memberName}
          autocomplete="off"
          maxLength={120}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `erreur-${field}` : undefined}
        />
      </div>
      <div class="driver-buttons">
        {order.dueCents > 0 ? (
          PAYMENT_BUTTONS.map(([method, key]) => (
            <button type="submit" name="payment" value={method} class="button button--large">
              {t(key)}
            </button>
          ))
        ) : (
          <button type="submit" class="button button--large">
            {t('driver.order.delivered')}
          </button>
        )}
      </div>
    </form>
  );
}

/** « Absent », « Refusé : <raison> »: one tap each. */
function NotDeliveredForm({ ctx, runId, order }: { ctx: PageContext; runId: string; order: OrderOnStop }) {
  return (
    <form method="post" action={driverOutcomePath(runId, order.orderId)} class="driver-form">
      <HiddenField name="_csrf" value={ctx.csrfToken()} />
      <fieldset>
        <legend>{t('driver.order.not_delivered')}</legend>
        <div class="driver-buttons">
          <button type="submit" name="outcome" value="absent" class="button button--large button--secondary">
            {t('driver.order.absent')}
          </button>
          {DELIVERY_REFUSALS.map((reason) => (
            <button type="submit" name="refusal" value={reason} class="button button--secondary">
              {t('driver.order.refused', { reason: tDynamic(`driver.refusal.${reason}`) })}
            </button>
          ))}
        </div>
      </fieldset>
    </form>
  );
}

interface StopProps {
  ctx: PageContext;
  detail: RunDetail;
  stop: StopView;
  nowAt: string;
  errors?: FieldErrors;
}

function OrderCard({ ctx, detail, stop, order, nowAt, errors }: StopProps & { order: OrderOnStop }) {
  const underWay = detail.run.status === 'under_way';
  const headingId = `commande-${order.orderId}`;
  return (
    <li class="driver-order">
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>{t('driver.order.heading', { code: order.collectionCode, name: order.memberName })}</h2>
        <p>
          <Phone phone={order.memberPhone} />
        </p>
        <h3>{t('driver.order.hand_over')}</h3>
        <ul>
          {order.lines.map((line) => (
            <li>
              {line.quantity} × {line.title}
            </li>
          ))}
        </ul>
        <p class={order.dueCents > 0 ? 'notice__amount' : undefined}>{order.dueCents > 0 ? t('driver.order.collect', { amount: formatEuros(order.dueCents) }) : t('driver.order.paid')}</p>
        {order.delivery.outcome !== null ? <Recorded ctx={ctx} runId={detail.run.id} order={order} nowAt={nowAt} /> : null}
        {order.delivery.outcome === null && underWay && !stop.isDropOff ? (
          <>
            <DeliveredForm ctx={ctx} runId={detail.run.id} order={order} errors={errors} />
            <NotDeliveredForm ctx={ctx} runId={detail.run.id} order={order} />
          </>
        ) : null}
      </section>
    </li>
  );
}

export function DriverStopPage(props: StopProps) {
  const { ctx, detail, stop } = props;
  const title = t('driver.stop.title', { number: stop.number, name: stop.name });
  const next = detail.stops.find((candidate) => candidate.number === stop.number + 1);
  const dropNow = stop.isDropOff && detail.run.status === 'under_way' && ordersLeft(stop) > 0;
  return (
    <Page ctx={ctx} title={title} noindex>
      <p>
        <a href={driverRunPath(detail.run.id)}>{t('driver.stop.back')}</a>
      </p>
      <h1>{title}</h1>
      <MessageSummary errors={props.errors} />
      {detail.run.status === 'planned' ? <p class="field__notice">{t('errors.driver_not_left')}</p> : null}
      <dl class="facts">
        <dt>{t('driver.stop.address')}</dt>
        <dd>{stop.address}</dd>
        <dt>{t('driver.stop.phone')}</dt>
        <dd>
          <Phone phone={stop.phone} />
        </dd>
        {stop.accessNotes ? (
          <>
            <dt>{t('driver.stop.access')}</dt>
            <dd>{stop.accessNotes}</dd>
          </>
        ) : null}
      </dl>
      {dropNow ? (
        <div class="driver-step">
          <p>{t('driver.stop.drop_off_hint')}</p>
          <OneTap ctx={ctx} action={driverStopPath(detail.run.id, stop.id)} label={t('driver.stop.drop_off', { place: stop.name })} />
        </div>
      ) : null}
      <ul class="driver-orders">
        {stop.orders.map((order) => (
          <OrderCard {...props} order={order} />
        ))}
      </ul>
      {next && ordersLeft(stop) === 0 ? (
        <p>
          <a href={driverStopPath(detail.run.id, next.id)} class="driver-link">
            <strong>{t('driver.stop.next', { name: next.name })}</strong>
          </a>
        </p>
      ) : null}
    </Page>
  );
}

