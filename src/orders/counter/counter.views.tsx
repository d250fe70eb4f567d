// Pages of the counter: the search (code, name or phone) with its results, one order with
// what waits at the counter and the hand-over form, the printable receipt, and the orders not
// collected.
import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { t, tDynamic, tPlural } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { ErrorSummary, FieldError, Form, HiddenField, RadioGroup, TextField } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { LinesList, OrderStatusBadge, PurchaseOrderStatusBadge, slotText } from '../orders.components.tsx';
import type { CounterListItem, CounterOrder, CounterPurchaseOrder, HandOverRecord, UncollectedPage as Uncollected } from './counter.service.ts';
import { COUNTER_PAYMENT_METHODS, type CounterPaymentMethod } from '../orders.rules.ts';
import { COUNTER, UNCOLLECTED, counterOrderPath, orderPath } from '../orders.paths.ts';
import { Pager } from '../../ui/pager.tsx';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';
import type { CounterBoard } from './counter.board.ts';
import { CounterBoardSections, CounterSearchForm } from './counter.board.views.tsx';
import { formatPhone } from '../../platform/typography.ts';


function trail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], ...rest];
}

function memberName(item: { member?: { firstName: string; lastName: string } }): string {
  return item.member ? `${item.member.lastName.toUpperCase()} ${item.member.firstName}` : '';
}

function methodLabel(method: CounterPaymentMethod): string {
  return tDynamic(`counter.method.${method}`);
}

// ---- the search ----

/** One open order in a list: its code as a heading, then who, when and what waits at the counter. */
function CounterCard({ ctx, item, level, children, action }: { ctx: PageContext; item: CounterListItem; level: 2 | 3; children?: ComponentChildren; action?: ComponentChildren }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <li class="counter-card">
      <Heading class="counter-card__code">
        <a href={counterOrderPath(item.order.id)} class="code">
          {item.order.collectionCode}
        </a>{' '}
        <OrderStatusBadge status={item.order.status} />
      </Heading>
      <dl class="facts">
        <dt>{t('counter.col.member')}</dt>
        <dd>
          {memberName(item)}
          {item.member?.phone ? <span class="block nowrap">{formatPhone(item.member.phone)}</span> : null}
        </dd>
        <dt>{t('counter.col.slot')}</dt>
        <dd>
          {slotText(item.order.slotStartAt, item.order.slotEndAt, ctx.timeZone)} — {item.placeName}
        </dd>
        <dt>{t('counter.col.at_counter')}</dt>
        <dd>{tPlural('counter.at_counter_count', item.atCounter, { total: item.live })}</dd>
        {children}
      </dl>
      {action}
    </li>
  );
}

export interface SearchResults {
  query: string;
  items: CounterListItem[];
  tooManyMembers: boolean;
  membersFound: number;
}

/** The counter: the search first, then the lunch rush (`board`) or what a search found (`results`). */
export function CounterSearchPage({ ctx, results, board }: { ctx: PageContext; results?: SearchResults; board?: CounterBoard }) {
  const title = t('counter.title');
  return (
    <Page ctx={ctx} title={title} trail={trail([title])} noindex>
      <h1>{title}</h1>
      <CounterSearchForm query={results?.query} autofocus={!results} />
      {results ? (
        <section aria-labelledby="resultats">
          <h2 id="resultats">{t('counter.search.results')}</h2>
          {results.tooManyMembers ? <p class="lead">{t('counter.search.too_many', { count: results.membersFound })}</p> : null}
          {results.items.length === 0 ? (
            <p>{t('counter.search.none', { query: results.query })}</p>
          ) : (
            <ul class="counter-list" aria-label={t('counter.search.caption')}>
              {results.items.map((item) => (
                <CounterCard ctx={ctx} item={item} level={3} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {board ? <CounterBoardSections ctx={ctx} board={board} /> : null}
      <p>
        <a href={UNCOLLECTED}>{t('counter.uncollected_link')}</a>
      </p>
    </Page>
  );
}

// ---- one order ----

function PurchaseOrderBlock({ po, children }: { po: CounterPurchaseOrder; children?: ComponentChildren }) {
  return (
    <div class="counter-po">
      {children}
      <LinesList lines={po.lines} />
    </div>
  );
}

function StorageFacts({ po }: { po: CounterPurchaseOrder }) {
  return (
    <p class="counter-po__storage">
      <strong>{po.storageLocation ? t('counter.order.storage', { place: po.storageLocation }) : t('counter.order.storage_unknown')}</strong>
      {po.chilled ? ' ' : null}
      {po.chilled ? <span class="badge badge--chilled">{t('counter.order.chilled')}</span> : null}
    </p>
  );
}

/** Cash handed by the member and the change to give back, in cents. */
export interface Cash {
  receivedCents: number;
  changeCents: number;
}

export interface HandOverFormState {
  /** The purchase orders ticked (and shown as chosen: the button's amount is theirs). */
  selected: string[];
  payment?: string;
  /** « Somme reçue » as typed. */
  received?: string;
  idempotencyKey: string;
  errors: FieldErrors;
  dueCents: number;
  /** The amount was recalculated before anything was recorded: why, and the change on it when cash was typed. */
  recalculated?: { message: string; change: Cash | undefined };
}

/**
 * Part of the order only, or a price confirmed meanwhile: the new amount, said calmly in front
 * of the waiting member — nothing went wrong, the concierge checks it and confirms.
 */
function RecalculatedNotice({ state }: { state: NonNullable<HandOverFormState['recalculated']> & { dueCents: number } }) {
  return (
    <div class="notice" id="montant-recalcule">
      <p>{state.message}</p>
      <p class="notice__amount">{t('counter.recalculated.amount', { amount: formatEuros(state.dueCents) })}</p>
      {state.change ? <p class="notice__amount">{t('counter.cash.change', { received: formatEuros(state.change.receivedCents), change: formatEuros(state.change.changeCents) })}</p> : null}
    </div>
  );
}

function HandOverForm({ ctx, detail, form }: { ctx: PageContext; detail: CounterOrder; form: HandOverFormState }) {
  const state = { values: { payment: form.payment, received: form.received }, errors: form.errors };
  const choiceError = form.errors.bons;
  const labels = { bons: t('counter.form.choose'), payment: t('counter.form.method'), received: t('counter.form.received') };
  return (
    <Form ctx={ctx} action={counterOrderPath(detail.order.id)} state={{ values: {}, errors: {} }} class="form counter-form">
      <ErrorSummary errors={form.errors} labels={labels} />
      {form.recalculated ? <RecalculatedNotice state={{ ...form.recalculated, dueCents: form.dueCents }} /> : null}
      <HiddenField name="idempotency_key" value={form.idempotencyKey} />
      <HiddenField name="shown" value={form.selected.join(',')} />
      <HiddenField name="shown_cents" value={String(form.dueCents)} />
      <fieldset class={choiceError ? 'field field--error' : 'field'} id="champ-bons" aria-describedby={choiceError ? 'aide-bons erreur-bons' : 'aide-bons'}>
        <legend>{labels.bons}</legend>
        <p class="field__hint" id="aide-bons">
          {t('counter.form.choose_hint')}
        </p>
        <FieldError field="bons" message={choiceError} />
        {detail.atCounter.map((po) => (
          <div class="counter-po counter-po--choice">
            <div class="field field--checkbox">
              <input type="checkbox" id={`bon-${po.id}`} name="bons" value={po.id} checked={form.selected.includes(po.id)} />
              <label for={`bon-${po.id}`}>{t('counter.form.po_label', { shop: po.shopName, amount: formatEuros(po.totalCents) })}</label>
            </div>
            <StorageFacts po={po} />
            <LinesList lines={po.lines} />
          </div>
        ))}
      </fieldset>
      {detail.alreadyPaidCents > 0 ? <p class="lead">{t('refunds.counter.already_paid', { amount: formatEuros(detail.alreadyPaidCents) })}</p> : null}
      {detail.dueForAllCents > 0 ? (
        <>
          <RadioGroup name="payment" label={labels.payment} state={state} options={COUNTER_PAYMENT_METHODS.map((method) => [method, methodLabel(method)])} />
          <TextField name="received" label={labels.received} hint={t('counter.form.received_hint')} inputMode="decimal" autocomplete="off" size="short" state={state} />
        </>
      ) : (
        <p>{t('counter.form.nothing_due')}</p>
      )}
      <p class="actions">
        <button type="submit" class="button button--large">
          {form.dueCents > 0 ? t('counter.form.submit_pay', { amount: formatEuros(form.dueCents) }) : t('counter.form.submit_free')}
        </button>
      </p>
    </Form>
  );
}

function OtherParts({ title, id, parts }: { title: string; id: string; parts: CounterPurchaseOrder[] }) {
  if (parts.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {parts.map((po) => (
        <PurchaseOrderBlock po={po}>
          <h3 class="counter-po__shop">
            {po.shopName} — {formatEuros(po.totalCents)}
          </h3>
          <p>
            <PurchaseOrderStatusBadge status={po.status} />
          </p>
        </PurchaseOrderBlock>
      ))}
    </section>
  );
}

export function CounterOrderPage({ ctx, detail, form }: { ctx: PageContext; detail: CounterOrder; form: HandOverFormState }) {
  const { order, member, place } = detail;
  const title = t('counter.order.title', { code: order.collectionCode });
  return (
    <Page ctx={ctx} title={title} trail={trail([t('counter.title'), COUNTER], [order.collectionCode])} noindex>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{t('counter.order.member')}</dt>
        <dd>
          {member ? memberName({ member }) : ''}
          {member?.phone ? ` — ${formatPhone(member.phone)}` : ''}
        </dd>
        <dt>{t('counter.order.slot')}</dt>
        <dd>
          {slotText(order.slotStartAt, order.slotEndAt, ctx.timeZone)} — {place.name}
        </dd>
        <dt>{t('counter.order.status')}</dt>
        <dd>
          <OrderStatusBadge status={order.status} />
        </dd>
        <dt>{t('counter.order.total')}</dt>
        <dd>
          {formatEuros(order.totalCents)} — {tDynamic(`orders.payment.${order.paymentMethod}`)}
        </dd>
      </dl>
      <section aria-labelledby="au-comptoir">
        <h2 id="au-comptoir">{t('counter.order.at_counter')}</h2>
        {detail.atCounter.length > 0 ? (
          <HandOverForm ctx={ctx} detail={detail} form={form} />
        ) : (
          <>
            <ErrorSummary errors={form.errors} labels={{}} />
            <p>{t('counter.order.nothing_at_counter')}</p>
          </>
        )}
      </section>
      <OtherParts title={t('counter.order.to_come')} id="a-venir" parts={detail.toCome} />
      <OtherParts title={t('counter.order.handed_over')} id="deja-remis" parts={detail.handedOver} />
      {detail.payments.length > 0 ? (
        <ul class="counter-payments">
          {detail.payments.map((payment) => (
            <li>{t('counter.order.paid', { amount: formatEuros(payment.amountCents), method: methodLabel(payment.method).toLowerCase(), when: formatDateTime(payment.at, ctx.timeZone) })}</li>
          ))}
        </ul>
      ) : null}
      <OtherParts title={t('counter.order.dropped')} id="non-fourni" parts={detail.dropped} />
      <p class="actions">
        {detail.handedOver.length > 0 ? (
          <a href={counterOrderPath(order.id, 'recu')} class="button button--secondary">
            {t('counter.order.receipt_link')}
          </a>
        ) : null}
        <a href={orderPath(order.id)}>{t('counter.order.record_link')}</a>
      </p>
    </Page>
  );
}

// ---- the receipt ----

export function ReceiptPage({ ctx, detail, handOvers }: { ctx: PageContext; detail: CounterOrder; handOvers: HandOverRecord[] }) {
  const { order, member } = detail;
  const title = t('counter.receipt.title', { code: order.collectionCode });
  return (
    <Page ctx={ctx} title={title} trail={trail([t('counter.title'), COUNTER], [order.collectionCode, counterOrderPath(order.id)], [t('counter.receipt.trail')])} noindex>
      <div class="receipt">
        <h1>{title}</h1>
        <p class="receipt__from">
          {ctx.conciergerie.name} — {ctx.conciergerie.address} — {formatPhone(ctx.conciergerie.phone)}
        </p>
        <p>{member ? `${member.firstName} ${member.lastName}` : ''}</p>
        {handOvers.map((handOver) => (
          <section class="receipt__handover" aria-labelledby={`remise-${handOver.at}`}>
            <h2 id={`remise-${handOver.at}`}>{t('counter.receipt.handover', { when: formatDateTime(handOver.at, ctx.timeZone) })}</h2>
            <p class="muted">{t('counter.receipt.by', { who: handOver.actorLabel })}</p>
            <h3>{t('counter.receipt.given')}</h3>
            {handOver.purchaseOrders.map((po) => (
              <div class="receipt__part">
                <p>
                  <strong>{po.shopName}</strong> — {formatEuros(po.totalCents)}
                </p>
                <LinesList lines={po.lines} />
              </div>
            ))}
            <p class="receipt__paid">
              {handOver.payment
                ? t('counter.receipt.paid', { amount: formatEuros(handOver.payment.amountCents), method: methodLabel(handOver.payment.method) })
                : t('counter.receipt.nothing_paid')}
            </p>
          </section>
        ))}
        {detail.toCome.length + detail.atCounter.length > 0 ? <p>{tPlural('counter.receipt.still_to_come', detail.toCome.length + detail.atCounter.length)}</p> : null}
      </div>
      <p class="no-print muted">{t('counter.receipt.print_hint')}</p>
      <p class="no-print">
        <a href={COUNTER} class="button">
          {t('counter.receipt.back')}
        </a>
      </p>
    </Page>
  );
}

// ---- orders not collected ----

export function UncollectedListPage({ ctx, list }: { ctx: PageContext; list: Uncollected }) {
  const title = t('counter.uncollected.title');
  return (
    <Page ctx={ctx} title={title} trail={trail([t('counter.title'), COUNTER], [title])} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('counter.uncollected.intro', { days: list.limitDays })}</p>
      {list.items.length === 0 ? (
        <p>{t('counter.uncollected.empty', { days: list.limitDays })}</p>
      ) : (
        <ul class="counter-list" aria-label={t('counter.uncollected.caption')}>
          {list.items.map((item) => (
            <CounterCard
              ctx={ctx}
              item={item}
              level={2}
              action={
                <form method="post" action={counterOrderPath(item.order.id, 'non-retiree')} class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                  <button type="submit" class="button button--secondary" aria-label={t('counter.uncollected.declare_label', { code: item.order.collectionCode })}>
                    {t('counter.uncollected.declare')}
                  </button>
                </form>
              }
            >
              <dt>{t('counter.col.ready_since')}</dt>
              <dd>{item.order.readyAt ? formatDate(item.order.readyAt, ctx.timeZone) : ''}</dd>
              <dt>{t('counter.col.reminded')}</dt>
              <dd>{item.order.remindedAt ? formatDate(item.order.remindedAt, ctx.timeZone) : t('counter.uncollected.not_reminded')}</dd>
            </CounterCard>
          ))}
        </ul>
      )}
      <Pager page={list.page} pageCount={list.pageCount} hrefOf={(page) => (page > 1 ? `${UNCOLLECTED}?page=${page}` : UNCOLLECTED)} />
    </Page>
  );
}
