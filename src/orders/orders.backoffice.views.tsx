// The concierge's orders: the list (newest first, filtered by status, searched by code, name
// or phone, with each member's name) and one order with
// its lines, its purchase orders and its whole history (who did what, when).
import { formatDateTime } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import { formatEuros } from '../platform/money.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import { LinesList, OrderStatusBadge, orderStatusLabel, PurchaseOrderStatusBadge, purchaseOrderStatusLabel, slotText } from './orders.components.tsx';
import type { OrderEvent, OrderLine } from './orders.repository.ts';
import { awaitsRound, canConfirmPrice, ORDER_STATUSES, type OrderStatus, type PurchaseOrderStatus } from './orders.rules.ts';
import type { OrderRecord } from './orders.service.ts';
import type { BackOfficeOrderPage } from './orders.backoffice.service.ts';
import type { Member } from '../members/index.ts';
import { Pager } from '../ui/pager.tsx';
import { BACKOFFICE_PATH } from '../platform/paths.ts';
import { ORDERS, linePricePath, purchaseOrderPath, orderActionPath, orderPath } from './orders.paths.ts';
import type { FieldErrors } from '../platform/forms.ts';
import { ErrorSummary, FieldError, HiddenField, SubmitButton } from '../ui/forms.tsx';
import { memberPath } from '../members/index.ts';
import { formatPhone } from '../platform/typography.ts';

const LIST = ORDERS;

function trail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], ...rest];
}

/** The list's address with its filter, search and page; every part optional. */
function listHref(status: OrderStatus | undefined, query: string | undefined, page = 1): string {
  const params = new URLSearchParams();
  if (status) params.set('etat', status);
  if (query) params.set('q', query);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `${LIST}?${text}` : LIST;
}

function memberName(member: Member | undefined): string {
  return member ? `${member.lastName.toUpperCase()} ${member.firstName}` : '';
}

/** The search, kept as the status pills change: a caller on the phone gives a name, a number or a code. */
function OrderSearch({ status, query }: { status: OrderStatus | undefined; query: string | undefined }) {
  return (
    <form method="get" action={LIST} class="search-form counter-search" role="search">
      {status ? <input type="hidden" name="etat" value={status} /> : null}
      <div class="field">
        <label for="champ-q">{t('backoffice.orders.search.label')}</label>
        <p class="field__hint" id="aide-q">
          {t('backoffice.orders.search.hint')}
        </p>
        <input id="champ-q" name="q" type="search" value={query ?? ''} class="input input--medium" autocomplete="off" aria-describedby="aide-q" />
      </div>
      <button type="submit" class="button">
        {t('backoffice.orders.search.submit')}
      </button>
    </form>
  );
}

function OrdersTable({ ctx, list }: { ctx: PageContext; list: BackOfficeOrderPage }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('backoffice.orders.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('backoffice.orders.col.code')}</th>
            <th scope="col">{t('backoffice.orders.member')}</th>
            <th scope="col">{t('backoffice.orders.col.placed')}</th>
            <th scope="col">{t('backoffice.orders.col.slot')}</th>
            <th scope="col">{t('backoffice.orders.col.channel')}</th>
            <th scope="col">{t('backoffice.orders.col.status')}</th>
            <th scope="col" class="number">
              {t('backoffice.orders.col.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {list.items.map(({ order, member, placeName }) => (
            <tr>
              <th scope="row">
                <a href={orderPath(order.id)} class="code">
                  {order.collectionCode}
                </a>
              </th>
              <td>
                {memberName(member)}
                {member?.phone ? <span class="block nowrap">{member.phone}</span> : null}
              </td>
              <td>{formatDateTime(order.placedAt, ctx.timeZone)}</td>
              <td>
                {slotText(order.slotStartAt, order.slotEndAt, ctx.timeZone)} — {placeName}
              </td>
              <td>{tDynamic(`orders.channel.${order.channel}`)}</td>
              <td>
                <OrderStatusBadge status={order.status} />
              </td>
              <td class="number">{formatEuros(order.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OrdersListPage({ ctx, list, status, query }: { ctx: PageContext; list: BackOfficeOrderPage; status: OrderStatus | undefined; query?: string }) {
  const title = t('backoffice.orders.title');
  return (
    <Page ctx={ctx} title={title} trail={trail([title])} noindex>
      <h1>{title}</h1>
      <OrderSearch status={status} query={query} />
      <nav aria-label={t('backoffice.orders.filter')}>
        <ul class="pills">
          <li>
            <a href={listHref(undefined, query)} aria-current={status === undefined ? 'page' : undefined}>
              {t('backoffice.orders.all')}
            </a>
          </li>
          {ORDER_STATUSES.map((candidate) => (
            <li>
              <a href={listHref(candidate, query)} aria-current={candidate === status ? 'page' : undefined}>
                {orderStatusLabel(candidate)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {query ? (
        <p class="lead" role="status">
          {t('backoffice.orders.search.found', { count: list.total, query })} <a href={listHref(status, undefined)}>{t('backoffice.orders.search.clear')}</a>
        </p>
      ) : null}
      {list.tooManyMembers ? <p>{t('backoffice.orders.search.too_many')}</p> : null}
      {list.items.length === 0 ? <p>{query ? t('backoffice.orders.search.none', { query }) : t('backoffice.orders.empty')}</p> : <OrdersTable ctx={ctx} list={list} />}
      <Pager page={list.page} pageCount={list.pageCount} hrefOf={(page) => listHref(status, query, page)} />
    </Page>
  );
}

/** One history line in words: « Bon Fromagerie Éric : Envoyée au commerce → Acceptée, en préparation ». */
function eventText(event: OrderEvent, shopOf: (purchaseOrderId: string | null) => string): string {
  const shop = shopOf(event.purchaseOrderId);
  switch (event.kind) {
    case 'order_status':
      return event.fromStatus === null
        ? t('backoffice.orders.event.placed')
        : t('backoffice.orders.event.order', { from: orderStatusLabel(event.fromStatus as OrderStatus), to: orderStatusLabel(event.toStatus as OrderStatus) });
    case 'purchase_order_status':
      return event.fromStatus === null
        ? t('backoffice.orders.event.po_sent', { shop })
        : t('backoffice.orders.event.po', {
            shop,
            from: purchaseOrderStatusLabel(event.fromStatus as PurchaseOrderStatus),
            to: purchaseOrderStatusLabel(event.toStatus as PurchaseOrderStatus),
          });
    case 'line_refused':
      return t('backoffice.orders.event.line_refused', { shop, note: event.note });
    default:
      return event.note;
  }
}

export function OrderRecordPage({ ctx, record, priceForm }: { ctx: PageContext; record: OrderRecord; priceForm?: PriceFormState }) {
  const { order, member, place } = record;
  const title = t('backoffice.orders.detail_title', { code: order.collectionCode });
  const shopOf = (id: string | null) => record.purchaseOrders.find((po) => po.id === id)?.shopName ?? '';
  return (
    <Page ctx={ctx} title={title} trail={trail([t('backoffice.orders.title'), LIST], [order.collectionCode])} noindex>
      <h1>{title}</h1>
      <p>
        <OrderStatusBadge status={order.status} />
      </p>
      <dl class="facts">
        <dt>{t('backoffice.orders.member')}</dt>
        <dd>
          {member ? (
            <a href={memberPath(member.id)}>
              {member.lastName.toUpperCase()} {member.firstName}
            </a>
          ) : null}
          {member?.phone ? ` — ${formatPhone(member.phone)}` : ''}
        </dd>
        <dt>{t('backoffice.orders.placed_at')}</dt>
        <dd>{formatDateTime(order.placedAt, ctx.timeZone)}</dd>
        <dt>{t('backoffice.orders.channel')}</dt>
        <dd>{tDynamic(`orders.channel.${order.channel}`)}</dd>
        <dt>{t('myorders.slot')}</dt>
        <dd>
          {slotText(order.slotStartAt, order.slotEndAt, ctx.timeZone)} — {place.name}
        </dd>
        <dt>{t('myorders.total')}</dt>
        <dd>
          {formatEuros(order.totalCents)} — {t(`orders.payment.${order.paymentMethod}`)}
        </dd>
      </dl>
      <p class="actions">
        <a href={orderActionPath(order.id, 'encaisser')} class="button button--secondary">
          {t('refunds.links.pay')}
        </a>
        <a href={orderActionPath(order.id, 'rembourser')} class="button button--secondary">
          {t('refunds.links.refund')}
        </a>
      </p>
      <h2>{t('myorders.parts')}</h2>
      {record.purchaseOrders.map((po) => (
        <section aria-labelledby={`bon-${po.id}`} class="order-part">
          <h3 id={`bon-${po.id}`}>{po.shopName}</h3>
          <p>
            <PurchaseOrderStatusBadge status={po.status} />
            {awaitsRound(po.status) ? ` — ${t('portal.orders.col.round')}\u00a0: ${formatDateTime(po.collectionRoundAt, ctx.timeZone)}` : ''}
          </p>
          <LinesList lines={po.lines} />
          {po.lines
            .filter((line) => canConfirmPrice(line, po.status))
            .map((line) => (
              <ConfirmPriceForm ctx={ctx} orderId={order.id} line={line} state={priceForm} />
            ))}
          <p>
            <a href={purchaseOrderPath(po.shopId, po.id)}>{t('backoffice.orders.open_po', { shop: po.shopName })}</a>
          </p>
        </section>
      ))}
      <h2>{t('backoffice.orders.history')}</h2>
      {/* On a narrow screen the history scrolls sideways: the keyboard must reach it too. */}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('backoffice.orders.history_caption')}>
        <table>
          <caption class="visually-hidden">{t('backoffice.orders.history_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('backoffice.orders.col.when')}</th>
              <th scope="col">{t('backoffice.orders.col.who')}</th>
              <th scope="col">{t('backoffice.orders.col.what')}</th>
            </tr>
          </thead>
          <tbody>
            {record.events.map((event) => (
              <tr>
                <td class="nowrap">{formatDateTime(event.at, ctx.timeZone)}</td>
                <td>{event.actorLabel}</td>
                <td>{eventText(event, shopOf)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}

// ---- confirming an estimated price ----

/** A refused price: the line and what was typed. */
export interface PriceFormState {
  lineId: string;
  errors: FieldErrors;
  value: string;
}

/** « Prix confirmé » for a line still at an estimate (the caller shows it only while it may be confirmed). */
export function ConfirmPriceForm({ ctx, orderId, line, state }: { ctx: PageContext; orderId: string; line: OrderLine; state: PriceFormState | undefined }) {
  const id = `champ-prix-${line.id}`;
  const error = state?.lineId === line.id ? state.errors.price ?? Object.values(state.errors)[0] : undefined;
  return (
    <form method="post" action={linePricePath(orderId, line.id)} class={error ? 'quantity-form field--error' : 'quantity-form'}>
      {error ? <ErrorSummary errors={{ [`prix-${line.id}`]: error }} labels={{}} /> : null}
      <HiddenField name="_csrf" value={ctx.csrfToken()} />
      <label for={id}>{t('desk.price.label', { title: line.title })}</label>
      <p class="field__hint" id={`aide-${id}`}>
        {t('desk.price.hint', { price: formatEuros(line.unitPriceCents) })}
      </p>
      <FieldError field={id} message={error} />
      <span class="quantity-form__row">
        <input
          id={id}
          name="price"
          type="text"
          inputMode="decimal"
          autocomplete="off"
          value={state?.lineId === line.id ? state.value : ''}
          class="input input--short"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `aide-${id} erreur-${id}` : `aide-${id}`}
        />
        <SubmitButton secondary>
          {t('desk.price.submit')}
          <span class="visually-hidden">{t('basket.suffix', { title: line.title })}</span>
        </SubmitButton>
      </span>
    </form>
  );
}
