// The concierge's pages of delivery runs: the runs of a day with « Préparer les tournées »,
// and one run with its stops in order (move a stop up or down: it is then locked), its orders
// (move one to another run of the day), its driver and its papers.
import { formatClock, formatDate } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { t, tDynamic, tPlural } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { utcToLocal } from '../../places/index.ts';
import { HiddenField, MessageSummary, SubmitButton } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { dateText, Phone, trail } from '../rounds.components.tsx';
import { shiftDate } from '../rounds.rules.ts';
import { orderMovePath, PREPARE_RUNS_PATH, runDriverPath, runNotifyPath, runPath, RUNS_PATH, runSheetPath, signOffPath, signOffSheetPath, stopMovePath } from './runs.paths.ts';
import type { RunDetail, RunsDay, StopView } from './runs.service.ts';
import { runName } from './runs.rules.ts';
import { membersToCall } from './runs.notify.service.ts';
import { MembersToCall } from './runs.notify.views.tsx';

const kmText = (metres: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(metres / 1000);

function daysHref(date: string, today: string): string {
  return date === today ? RUNS_PATH : `${RUNS_PATH}?date=${date}`;
}


function DayLinks({ date, today }: { date: string; today: string }) {
  return (
    <nav aria-label={t('rounds.round.days')} class="actions">
      <a href={daysHref(shiftDate(date, -1), today)} class="button button--secondary" rel="prev">
        {t('rounds.round.previous_day')}
      </a>
      {date !== today ? (
        <a href={RUNS_PATH} class="button button--secondary">
          {t('rounds.round.today')}
        </a>
      ) : null}
      <a href={daysHref(shiftDate(date, 1), today)} class="button button--secondary" rel="next">
        {t('rounds.round.next_day')}
      </a>
    </nav>
  );
}

function PrepareForm({ ctx, day }: { ctx: PageContext; day: RunsDay }) {
  const again = day.runs.some((detail) => detail.run.status === 'planned');
  return (
    <form method="post" action={PREPARE_RUNS_PATH} class="form">
      <HiddenField name="_csrf" value={ctx.csrfToken()} />
      <HiddenField name="date" value={day.date} />
      {again ? <p class="field__hint">{t('runs.day.prepare_again_hint')}</p> : null}
      <SubmitButton>{t(again ? 'runs.day.prepare_again' : 'runs.day.prepare', { date: dateText(ctx, day.date) })}</SubmitButton>
    </form>
  );
}

function RunFacts({ ctx, detail }: { ctx: PageContext; detail: RunDetail }) {
  const { run } = detail;
  return (
    <dl class="facts">
      <dt>{t('runs.run.status')}</dt>
      <dd>{tDynamic(`runs.status.${run.status}`)}</dd>
      <dt>{t('runs.run.window')}</dt>
      <dd>{t('runs.run.window_text', { from: formatClock(run.windowOpens), to: formatClock(run.windowCloses) })}</dd>
      <dt>{t('runs.run.driver')}</dt>
      <dd>{run.driverName ?? t('runs.run.no_driver')}</dd>
      <dt>{t('runs.run.content')}</dt>
      <dd>
        {tPlural('runs.stops', detail.stops.length)}, {tPlural('runs.orders', detail.orderCount)}
        {detail.metres > 0 ? `, ${t('runs.run.km', { km: kmText(detail.metres) })}` : ''}
      </dd>
      <dt>{t('runs.run.load')}</dt>
      <dd>{t('runs.run.load_text', { units: detail.load.volumeUnits ?? 0, capacity: run.vehicle.volumeUnits, kg: kmText(detail.load.weightGrams ?? 0), max: kmText(run.vehicle.weightGrams) })}</dd>
      {run.startedAt ? (
        <>
          <dt>{t('runs.run.started')}</dt>
          <dd>{formatClock(utcToLocal(run.startedAt, ctx.timeZone).time)}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function RunsDayPage({ ctx, day, today, errors }: { ctx: PageContext; day: RunsDay; today: string; errors?: FieldErrors }) {
  const title = t('runs.day.title', { date: dateText(ctx, day.date) });
  return (
    <Page ctx={ctx} title={title} trail={trail([t('runs.day.trail')])} noindex>
      <h1>{title}</h1>
      <MessageSummary errors={errors} />
      <DayLinks date={day.date} today={today} />
      <p class="lead">{day.waitingCount > 0 ? tPlural('runs.day.waiting', day.waitingCount) : t(day.runs.length > 0 ? 'runs.day.all_on_runs' : 'runs.day.nothing')}</p>
      {day.waitingCount > 0 || day.runs.some((detail) => detail.run.status === 'planned') ? <PrepareForm ctx={ctx} day={day} /> : null}
      {day.runs.length > 0 ? (
        <ul class="run-cards">
          {day.runs.map((detail) => (
            <li class="card">
              <h2>
                <a href={runPath(detail.run.id)}>{runName(detail.run)}</a>
              </h2>
              <RunFacts ctx={ctx} detail={detail} />
              {detail.overCapacity ? <p class="field__notice">{t('runs.run.over_capacity', { vehicle: detail.run.vehicle.name })}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

function MoveButtons({ ctx, detail, stop }: { ctx: PageContext; detail: RunDetail; stop: StopView }) {
  if (detail.run.status !== 'planned') return null;
  const last = detail.stops.length;
  const button = (direction: 'up' | 'down', label: string) => (
    <form method="post" action={stopMovePath(detail.run.id, stop.id)} class="inline-form">
      <HiddenField name="_csrf" value={ctx.csrfToken()} />
      <HiddenField name="direction" value={direction} />
      <button type="submit" class="button button--secondary">
        {label}
        <span class="visually-hidden"> — {t('runs.stop.label', { number: stop.number, name: stop.name })}</span>
      </button>
    </form>
  );
  return (
    <div class="actions">
      {stop.number > 1 ? button('up', t('runs.stop.move_up')) : null}
      {stop.number < last ? button('down', t('runs.stop.move_down')) : null}
    </div>
  );
}

function OrderMoveForm({ ctx, day, detail, orderId, code }: { ctx: PageContext; day: RunsDay; detail: RunDetail; orderId: string; code: string }) {
  const others = day.runs.filter((other) => other.run.id !== detail.run.id && other.run.status === 'planned');
  if (detail.run.status !== 'planned' || others.length === 0) return null;
  const fieldId = `tournee-${orderId}`;
  return (
    <form method="post" action={orderMovePath(detail.run.id)} class="inline-form">
      <HiddenField name="_csrf" value={ctx.csrfToken()} />
      <HiddenField name="order_id" value={orderId} />
      <label for={fieldId}>{t('runs.order.move_label', { code })}</label>{' '}
      <select id={fieldId} name="run_id" class="input input--medium">
        {others.map((other) => (
          <option value={other.run.id}>{runName(other.run)}</option>
        ))}
      </select>{' '}
      <SubmitButton secondary>{t('runs.order.move')}</SubmitButton>
    </form>
  );
}

function StopOrders({ ctx, day, detail, stop }: { ctx: PageContext; day: RunsDay; detail: RunDetail; stop: StopView }) {
  return (
    <ul class="run-orders">
      {stop.orders.map((order) => (
        <li>
          <p>
            <strong class="code">{order.collectionCode}</strong> — {order.memberName} — <Phone phone={order.memberPhone} />
          </p>
          <p>{order.lines.map((line) => `${line.quantity} × ${line.title}`).join(', ')}</p>
          <p>
            {order.dueCents > 0 ? t('runs.order.due', { amount: formatEuros(order.dueCents) }) : t('runs.order.paid')}
            {order.status !== 'ready' && order.status !== 'handed_over' ? ` — ${t('runs.order.not_at_counter')}` : ''}
          </p>
          {order.delivery.outcome ? <p class="badge">{tDynamic(`runs.outcome.${order.delivery.outcome}`)}</p> : null}
          <OrderMoveForm ctx={ctx} day={day} detail={detail} orderId={order.orderId} code={order.collectionCode} />
        </li>
      ))}
    </ul>
  );
}

function StopSection({ ctx, day, detail, stop }: { ctx: PageContext; day: RunsDay; detail: RunDetail; stop: StopView }) {
  const arrival = stop.plannedArrivalAt ? t('runs.stop.arrival', { time: formatClock(utcToLocal(stop.plannedArrivalAt, ctx.timeZone).time) }) : t('runs.stop.arrival_unknown');
  return (
    <li class="round-stop">
      <section aria-labelledby={`arret-${stop.id}`}>
        <h2 id={`arret-${stop.id}`}>
          <span class="round-stop__number">{stop.number}.</span> {stop.name}
        </h2>
        {stop.locked ? <p class="badge">{t('runs.stop.locked')}</p> : null}
        <dl class="facts">
          <dt>{t('rounds.round.arrival')}</dt>
          <dd>{arrival}</dd>
          <dt>{t('rounds.round.address')}</dt>
          <dd>{stop.address}</dd>
          <dt>{t('rounds.col.phone')}</dt>
          <dd>
            <Phone phone={stop.phone} />
          </dd>
          <dt>{t('runs.stop.leg')}</dt>
          <dd>{stop.legMetres === null ? t('runs.stop.leg_unknown') : t('runs.run.km', { km: kmText(stop.legMetres) })}</dd>
        </dl>
        <MoveButtons ctx={ctx} detail={detail} stop={stop} />
        {stop.isDropOff ? (
          <p class="actions">
            <a href={signOffSheetPath(detail.run.id, stop.id)} class="button button--secondary">
              {t('runs.stop.sign_off_sheet')}
            </a>
            <a href={signOffPath(detail.run.id, stop.id)} class="button button--secondary">
              {t('runs.stop.sign_off')}
            </a>
          </p>
        ) : null}
        <StopOrders ctx={ctx} day={day} detail={detail} stop={stop} />
      </section>
    </li>
  );
}

function DriverForm({ ctx, day, detail }: { ctx: PageContext; day: RunsDay; detail: RunDetail }) {
  if (detail.run.status !== 'planned') return null;
  return (
    <form method="post" action={runDriverPath(detail.run.id)} class="inline-form">
      <HiddenField name="_csrf" value={ctx.csrfToken()} />
      <label for="champ-driver">{t('runs.run.driver_choose')}</label>{' '}
      <select id="champ-driver" name="driver" class="input input--medium">
        <option value="">{t('runs.run.no_driver')}</option>
        {day.drivers.map((driver) => (
          <option value={driver.id} selected={driver.id === detail.run.driverAccountId}>
            {driver.displayName}
          </option>
        ))}
      </select>{' '}
      <SubmitButton secondary>{t('runs.run.driver_save')}</SubmitButton>
    </form>
  );
}

function Papers({ ctx, detail }: { ctx: PageContext; detail: RunDetail }) {
  return (
    <div class="actions">
      <a href={runSheetPath(detail.run.id)} class="button">
        {t('runs.run.sheet')}
      </a>
      <a href={runSheetPath(detail.run.id, false)} class="button button--secondary">
        {t('runs.run.sheet_no_prices')}
      </a>
      {detail.run.status === 'planned' ? (
        <form method="post" action={runNotifyPath(detail.run.id)} class="inline-form">
          <HiddenField name="_csrf" value={ctx.csrfToken()} />
          <SubmitButton secondary>{t('runs.run.notify')}</SubmitButton>
        </form>
      ) : null}
    </div>
  );
}

export function RunPage({ ctx, day, detail, errors }: { ctx: PageContext; day: RunsDay; detail: RunDetail; errors?: FieldErrors }) {
  const title = t('runs.run.title', { name: runName(detail.run), date: formatDate(`${detail.run.runDate}T12:00:00.000Z`, ctx.timeZone) });
  return (
    <Page ctx={ctx} title={title} trail={trail([t('runs.day.trail'), daysHref(detail.run.runDate, '')], [runName(detail.run)])} noindex>
      <h1>{title}</h1>
      <MessageSummary errors={errors} />
      <RunFacts ctx={ctx} detail={detail} />
      {detail.overCapacity ? <p class="field__notice">{t('runs.run.over_capacity', { vehicle: detail.run.vehicle.name })}</p> : null}
      <DriverForm ctx={ctx} day={day} detail={detail} />
      <Papers ctx={ctx} detail={detail} />
      {detail.stops.length > 0 ? <MembersToCall members={membersToCall(detail)} /> : null}
      {detail.stops.length === 0 ? <p class="lead">{t('runs.run.empty')}</p> : null}
      <ol class="round-stops">
        {detail.stops.map((stop) => (
          <StopSection ctx={ctx} day={day} detail={detail} stop={stop} />
        ))}
      </ol>
    </Page>
  );
}
