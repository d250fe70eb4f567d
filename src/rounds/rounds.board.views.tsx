// The « Aujourd’hui » board of the concierge: what is late first, then the day's round at a
// glance, what waits at the counter and who is expected in the day's slots.
import type { ComponentChildren } from 'preact';
import type { CounterItem, ExpectedItem, RoundPurchaseOrder } from '../orders/index.ts';
import { formatClock, formatDateTime } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import { dateText, orderCounts, Phone, PRINT_PATH, ROUND_PATH, trail } from './rounds.components.tsx';
import type { TodayBoard } from './rounds.service.ts';
import { orderPath, purchaseOrderPath } from '../orders/index.ts';
import { ShopsToFollowUp } from '../shops/index.ts';

function timeOf(ctx: PageContext, iso: string): string {
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: ctx.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return formatClock(time);
}

function slotRange(ctx: PageContext, startAt: string, endAt: string): string {
  return t('rounds.slot_range', { start: timeOf(ctx, startAt), end: timeOf(ctx, endAt) });
}

function ChilledMark({ chilled }: { chilled: boolean }) {
  return chilled ? <span class="badge badge--chilled">{t('rounds.chilled')}</span> : null;
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="board-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function MoreNote({ shown, total }: { shown: number; total: number }) {
  return total > shown ? <p class="muted">{t('rounds.more', { count: total - shown })}</p> : null;
}

function RoundSummary({ board }: { board: TodayBoard }) {
  const { round } = board;
  if (round.purchaseOrderCount === 0) return <p>{t('rounds.board.round_empty')}</p>;
  return (
    <>
      <p class="lead">
        {t(round.shopCount === 1 ? 'rounds.board.round_one_shop' : 'rounds.board.round_shops', { shops: round.shopCount, ...orderCounts(round.purchaseOrderCount, round.readyCount) })}
      </p>
      <p class="actions">
        <a href={ROUND_PATH} class="button">
          {t('rounds.board.open_round')}
        </a>
        <a href={PRINT_PATH} class="button button--secondary">
          {t('rounds.print')}
        </a>
      </p>
    </>
  );
}

function CounterTable({ items }: { items: ReadonlyArray<CounterItem & { shopName: string }> }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('rounds.board.counter_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rounds.col.storage')}</th>
            <th scope="col">{t('rounds.col.code')}</th>
            <th scope="col">{t('rounds.col.member')}</th>
            <th scope="col">{t('rounds.col.shop')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr>
              <th scope="row">
                <span class="storage">{item.storageLocation}</span> <ChilledMark chilled={item.chilled} />
              </th>
              <td>
                <a href={orderPath(item.orderId)} class="code">
                  {item.collectionCode}
                </a>
              </td>
              <td>{item.memberName}</td>
              <td>{item.shopName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ExpectedTable({ ctx, items, caption, withDate }: { ctx: PageContext; items: readonly ExpectedItem[]; caption: string; withDate?: boolean }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rounds.col.slot')}</th>
            <th scope="col">{t('rounds.col.member')}</th>
            <th scope="col">{t('rounds.col.phone')}</th>
            <th scope="col">{t('rounds.col.code')}</th>
            <th scope="col">{t('rounds.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((order) => (
            <tr>
              <th scope="row">
                {withDate ? formatDateTime(order.slotStartAt, ctx.timeZone) : slotRange(ctx, order.slotStartAt, order.slotEndAt)}
                <span class="block muted">{order.placeName}</span>
              </th>
              <td>{order.memberName}</td>
              <td>
                <Phone phone={order.memberPhone} />
              </td>
              <td>
                <a href={orderPath(order.id)} class="code">
                  {order.collectionCode}
                </a>
              </td>
              <td>{tDynamic(`orders.status.${order.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LatePurchaseOrders({ ctx, items }: { ctx: PageContext; items: ReadonlyArray<RoundPurchaseOrder & { shopName: string }> }) {
  return (
    <ul class="plain-list late-list">
      {items.map((po) => (
        <li>
          <a href={purchaseOrderPath(po.shopId, po.id)}>{t('rounds.board.late_po', { shop: po.shopName, code: po.collectionCode })}</a>{' '}
          — {tDynamic(`orders.po_status.${po.status}`)} — {t('rounds.board.late_po_round', { round: formatDateTime(po.collectionRoundAt, ctx.timeZone) })}
        </li>
      ))}
    </ul>
  );
}

export function TodayPage({ ctx, board }: { ctx: PageContext; board: TodayBoard }) {
  const title = t('rounds.today.title');
  const lateCount = board.late.purchaseOrders.length + board.late.orders.length;
  return (
    <Page ctx={ctx} title={title} trail={trail([title])} noindex>
      <h1>
        {title} <span class="h1-date">— {dateText(ctx, board.date)}</span>
      </h1>
      {/* What went wrong comes first: at the lunch rush the concierge acts on it before anything else. */}
      <Section id="retard" title={t('rounds.board.late_title', { count: lateCount })}>
        {lateCount === 0 ? <p>{t('rounds.board.late_empty')}</p> : null}
        {board.late.orders.length > 0 ? (
          <>
            <h3>{t('rounds.board.late_orders_title')}</h3>
            <ExpectedTable ctx={ctx} items={board.late.orders} caption={t('rounds.board.late_orders_title')} withDate />
          </>
        ) : null}
        {board.late.purchaseOrders.length > 0 ? (
          <>
            <h3>{t('rounds.board.late_pos_title')}</h3>
            <LatePurchaseOrders ctx={ctx} items={board.late.purchaseOrders} />
          </>
        ) : null}
      </Section>
      <Section id="tournee" title={t('rounds.board.round_title')}>
        <RoundSummary board={board} />
      </Section>
      <Section id="comptoir" title={t('rounds.board.counter_title', { count: board.counter.total })}>
        {board.counter.items.length === 0 ? <p>{t('rounds.board.counter_empty')}</p> : <CounterTable items={board.counter.items} />}
        <MoreNote shown={board.counter.items.length} total={board.counter.total} />
      </Section>
      <Section id="attendus" title={t('rounds.board.expected_title', { count: board.expected.length })}>
        {board.expected.length === 0 ? (
          <p>{t('rounds.board.expected_empty')}</p>
        ) : (
          <ExpectedTable ctx={ctx} items={board.expected} caption={t('rounds.board.expected_caption')} />
        )}
      </Section>
      <ShopsToFollowUp board={board.followUps} today={board.date} />
    </Page>
  );
}
