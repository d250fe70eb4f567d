// The counter's first screen: the search box (focused, so a code can be typed at once), then
// the lunch rush in three lists — « Maintenant », « En retard », « Plus tard » — each order
// with the member's name, where its bags wait and a « Remettre » button.
import { formatClock, formatDateTime } from '../../platform/clock.ts';
import { addDays, formatLocalDate } from '../../platform/calendar.ts';
import { t, tPlural } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { utcToLocal, type SlotTime } from '../../places/index.ts';
import { COUNTER, UNCOLLECTED, counterOrderPath } from '../orders.paths.ts';
import type { CounterBoard } from './counter.board.ts';
import type { CounterListItem } from './counter.service.ts';

function clockOf(iso: string, timeZone: string): string {
  return formatClock(utcToLocal(iso, timeZone).time);
}

function memberName(item: CounterListItem): string {
  return item.member ? `${item.member.lastName.toUpperCase()} ${item.member.firstName}` : '';
}

/** The search box, focused when the page opens: the member in front of the desk says a code or a name. */
export function CounterSearchForm({ query, autofocus }: { query?: string; autofocus: boolean }) {
  return (
    <form method="get" action={COUNTER} class="search-form counter-search" role="search">
      <div class="field">
        <label for="champ-q">{t('counter.search.label')}</label>
        <p class="field__hint" id="aide-q">
          {t('counter.search.hint')}
        </p>
        <input id="champ-q" name="q" type="search" value={query ?? ''} class="input input--medium" autocomplete="off" aria-describedby="aide-q" autofocus={autofocus} />
      </div>
      <button type="submit" class="button">
        {t('counter.search.submit')}
      </button>
    </form>
  );
}

function sameDay(ctx: PageContext, item: CounterListItem, today: string): boolean {
  return utcToLocal(item.order.slotStartAt, ctx.timeZone).date === today;
}

/** When a slot is: « 12 h 30 – 13 h » today (kept on one line), the day too for an earlier day (which may wrap). */
function slotWhen(ctx: PageContext, item: CounterListItem, today: string): string {
  const { slotStartAt, slotEndAt } = item.order;
  if (!sameDay(ctx, item, today)) return formatDateTime(slotStartAt, ctx.timeZone);
  return t('counter.board.range', { from: clockOf(slotStartAt, ctx.timeZone), to: clockOf(slotEndAt, ctx.timeZone) });
}

/** « Étagère B1, Étagère B2 » and « Au frais » when a bag waits in the fridge. */
function Storage({ item }: { item: CounterListItem }) {
  if (item.atCounter === 0) return <p class="muted">{t('counter.board.not_arrived')}</p>;
  const places = item.storage.map((bag) => bag.location ?? t('counter.order.storage_unknown'));
  return (
    <p class="board-card__storage">
      <strong>{places.join(', ')}</strong>
      {item.storage.some((bag) => bag.chilled) ? (
        <>
          {' '}
          <span class="badge badge--chilled">{t('counter.order.chilled')}</span>
        </>
      ) : null}
      {item.atCounter < item.live ? <span class="block muted">{tPlural('counter.at_counter_count', item.atCounter, { total: item.live })}</span> : null}
    </p>
  );
}

function BoardCard({ ctx, item, today }: { ctx: PageContext; item: CounterListItem; today: string }) {
  const name = memberName(item);
  return (
    <li class="board-card">
      <h3 class="board-card__title">
        <span class="code">{item.order.collectionCode}</span> <span class="board-card__name">{name}</span>
      </h3>
      <p class="board-card__when">
        {sameDay(ctx, item, today) ? <span class="nowrap">{slotWhen(ctx, item, today)}</span> : slotWhen(ctx, item, today)}
        {item.member?.phone ? (
          <>
            {' · '}
            <span class="nowrap">{item.member.phone}</span>
          </>
        ) : null}
      </p>
      <Storage item={item} />
      <p class="board-card__action">
        <a href={counterOrderPath(item.order.id)} class={item.atCounter > 0 ? 'button' : 'button button--secondary'}>
          {t(item.atCounter > 0 ? 'counter.board.hand_over' : 'counter.board.open')}
          <span class="visually-hidden"> {t('counter.board.hand_over_suffix', { code: item.order.collectionCode, name })}</span>
        </a>
      </p>
    </li>
  );
}

function BoardList({ ctx, items, today, label }: { ctx: PageContext; items: CounterListItem[]; today: string; label: string }) {
  return (
    <ul class="board-list" aria-label={label}>
      {items.map((item) => (
        <BoardCard ctx={ctx} item={item} today={today} />
      ))}
    </ul>
  );
}

/** « Le comptoir ouvre à 14 h. », « … demain à 9 h. », « … lundi 7 décembre à 9 h. » */
function openingText(next: SlotTime | undefined, today: string): string {
  if (!next) return t('counter.board.opens_unknown');
  const time = formatClock(next.opensAt);
  if (next.localDate === today) return t('counter.board.opens_today', { time });
  if (next.localDate === addDays(today, 1)) return t('counter.board.opens_tomorrow', { time });
  return t('counter.board.opens_on', { date: formatLocalDate(next.localDate, today), time });
}

function NowSection({ ctx, board }: { ctx: PageContext; board: CounterBoard }) {
  const { clock } = board;
  const range = clock.open ? t('counter.board.range', { from: formatClock(clock.slot.opensAt), to: formatClock(clock.slot.closesAt) }) : '';
  const title = clock.open ? t('counter.board.now', { range }) : t('counter.board.now_closed');
  return (
    <section aria-labelledby="maintenant" class="board-section board-section--now">
      <h2 id="maintenant">
        {clock.open ? (
          <>
            {t('counter.board.now_label')} <span class="nowrap">{range}</span>
          </>
        ) : (
          title
        )}
      </h2>
      {clock.open ? null : <p class="lead">{openingText(clock.next, board.today)}</p>}
      {board.now.length > 0 ? <BoardList ctx={ctx} items={board.now} today={board.today} label={title} /> : clock.open ? <p>{t('counter.board.now_empty')}</p> : null}
    </section>
  );
}

export function CounterBoardSections({ ctx, board }: { ctx: PageContext; board: CounterBoard }) {
  const lateTitle = t('counter.board.late', { count: board.lateTotal });
  const laterTitle = t('counter.board.later', { count: board.later.length });
  const hidden = board.lateTotal - board.late.length;
  return (
    <>
      <NowSection ctx={ctx} board={board} />
      <section aria-labelledby="en-retard" class="board-section">
        <h2 id="en-retard">{lateTitle}</h2>
        {board.late.length > 0 ? <BoardList ctx={ctx} items={board.late} today={board.today} label={lateTitle} /> : <p>{t('counter.board.late_empty')}</p>}
        {hidden > 0 ? (
          <p>
            {t('counter.board.late_more', { count: hidden })} <a href={UNCOLLECTED}>{t('counter.uncollected_link')}</a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="plus-tard" class="board-section">
        <h2 id="plus-tard">{laterTitle}</h2>
        {board.later.length > 0 ? <BoardList ctx={ctx} items={board.later} today={board.today} label={laterTitle} /> : <p>{t('counter.board.later_empty')}</p>}
      </section>
    </>
  );
}
