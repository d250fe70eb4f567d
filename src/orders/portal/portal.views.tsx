// The merchant's purchase orders: the lists (to prepare, ready, done) with the time the
// collection round comes by, one purchase order with its actions, refusing a line.
import { formatDateTime } from '../../platform/clock.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { Form, RadioGroup, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { LinesList, PURCHASE_ORDER_TONE } from '../orders.components.tsx';
import type { PrepareSummary, PurchaseOrderDetail, PurchaseOrderItem, ShopPurchaseOrders } from './portal.service.ts';
import type { OrderLine } from '../orders.repository.ts';
import { awaitsRound, REFUSAL_REASONS, type PurchaseOrderStatus, type PurchaseOrderTab } from '../orders.rules.ts';
import { Pager } from '../../ui/pager.tsx';
import { purchaseOrderPath, purchaseOrdersPath, refuseLinePath } from '../orders.paths.ts';
import { portalShopPath } from '../../platform/paths.ts';

export const TAB_SLUGS: Record<PurchaseOrderTab, string> = { to_prepare: 'a-preparer', ready: 'pretes', done: 'terminees' };

function trail(shopId: string, ...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('portal.breadcrumb'), portalShopPath(shopId)], ...rest];
}

function listPath(shopId: string, tab: PurchaseOrderTab = 'to_prepare'): string {
  return tab === 'to_prepare' ? purchaseOrdersPath(shopId) : `${purchaseOrdersPath(shopId)}?liste=${TAB_SLUGS[tab]}`;
}

// Plural forms of French: « 1 commande », « 2 commandes » (0 takes its own sentence).
const PLURAL = new Intl.PluralRules('fr-FR');
function isOne(count: number): boolean {
  return PLURAL.select(count) === 'one';
}

/** The sentence of what waits: how many to prepare and when the round comes by. */
function waitingSentence(summary: PrepareSummary, timeZone: string): string {
  const round = summary.nextRoundAt ? formatDateTime(summary.nextRoundAt, timeZone) : undefined;
  const count = summary.toPrepare;
  if (count > 0 && round) return t(isOne(count) ? 'portal.summary.one_round' : 'portal.summary.other_round', { count, round });
  if (count > 0) return t(isOne(count) ? 'portal.summary.one' : 'portal.summary.other', { count });
  if (summary.ready > 0 && round) return t(isOne(summary.ready) ? 'portal.summary.ready_one_round' : 'portal.summary.ready_other_round', { count: summary.ready, round });
  return t('portal.summary.none');
}

/** At the top of the merchant's pages: « 3 commandes à préparer, la tournée passe mercredi… ». */
export function PrepareSummaryPanel({ ctx, summary, ordersHref }: { ctx: PageContext; summary: PrepareSummary; ordersHref?: string }) {
  const fresh = summary.newOrders;
  return (
    <section class="panel prepare-summary" aria-label={t('portal.summary.label')}>
      <p class="prepare-summary__count">{waitingSentence(summary, ctx.timeZone)}</p>
      {fresh > 0 ? <p>{t(isOne(fresh) ? 'portal.summary.new_one' : 'portal.summary.new_other', { count: fresh })}</p> : null}
      {ordersHref ? (
        <p>
          <a href={ordersHref} class="button">
            {t('portal.summary.see')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** Where a purchase order stands, in the shop's words (« Nouvelle commande »). */
export function MerchantStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  return <span class={`badge badge--tone-${PURCHASE_ORDER_TONE[status]}`}>{tDynamic(`portal.po_status.${status}`)}</span>;
}

/** The one move the merchant makes next on a purchase order of the list, as a primary button. */
function NextMove({ ctx, shopId, po }: { ctx: PageContext; shopId: string; po: PurchaseOrderItem }) {
  const move = po.status === 'sent' ? (['accepter', 'portal.orders.accept_short'] as const) : po.status === 'accepted' ? (['prete', 'portal.orders.ready_short'] as const) : undefined;
  if (!move) return null;
  return (
    <form method="post" action={purchaseOrderPath(shopId, po.id, move[0])} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <input type="hidden" name="retour" value="liste" />
      <button type="submit" class="button">
        {t(move[1])}
        <span class="visually-hidden">{t('portal.orders.action_suffix', { code: po.collectionCode })}</span>
      </button>
    </form>
  );
}

/** The lines to prepare, short: « 2 × Tomme de chèvre ». */
function ItemLines({ lines }: { lines: PurchaseOrderItem['lines'] }) {
  return (
    <ul class="po-lines">
      {lines.map((line) => (line.status === 'refused' ? <li><del>{line.quantity} × {line.title}</del></li> : <li>{line.quantity} × {line.title}</li>))}
    </ul>
  );
}

function PurchaseOrderRow({ ctx, shopId, po, withMoves }: { ctx: PageContext; shopId: string; po: PurchaseOrderItem; withMoves: boolean }) {
  return (
    <tr>
      <th scope="row">
        <a href={purchaseOrderPath(shopId, po.id)} class="code">
          {po.collectionCode}
        </a>
      </th>
      <td data-label={t('portal.orders.col.status')}>
        <MerchantStatusBadge status={po.status} />
      </td>
      <td data-label={t('portal.orders.col.lines')}>
        <ItemLines lines={po.lines} />
      </td>
      <td data-label={t('portal.orders.col.round')}>{formatDateTime(po.collectionRoundAt, ctx.timeZone)}</td>
      <td class="number" data-label={t('portal.orders.col.total')}>
        {formatEuros(po.totalCents)}
      </td>
      {withMoves ? (
        <td>
          <NextMove ctx={ctx} shopId={shopId} po={po} />
        </td>
      ) : null}
    </tr>
  );
}

// Under 48 rem (styles.css) each row reads as a block with its cells labelled; wider,
// it is a plain table a screen reader walks by columns.
function PurchaseOrdersTable({ ctx, list }: { ctx: PageContext; list: ShopPurchaseOrders }) {
  const withMoves = list.tab === 'to_prepare';
  return (
    <table class="ledger-table--stack po-table">
      <caption class="visually-hidden">{t('portal.orders.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('portal.orders.col.code')}</th>
          <th scope="col">{t('portal.orders.col.status')}</th>
          <th scope="col">{t('portal.orders.col.lines')}</th>
          <th scope="col">{t('portal.orders.col.round')}</th>
          <th scope="col" class="number">
            {t('portal.orders.col.total')}
          </th>
          {withMoves ? <th scope="col">{t('portal.orders.col.action')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {list.items.map((po) => (
          <PurchaseOrderRow ctx={ctx} shopId={list.shopId} po={po} withMoves={withMoves} />
        ))}
      </tbody>
    </table>
  );
}

export function PurchaseOrdersPage({ ctx, list }: { ctx: PageContext; list: ShopPurchaseOrders }) {
  const title = t('portal.orders.title', { shop: list.shopName });
  const tabs = Object.keys(TAB_SLUGS) as PurchaseOrderTab[];
  return (
    <Page ctx={ctx} title={title} trail={trail(list.shopId, [t('portal.orders.link')])} noindex>
      <h1>{title}</h1>
      <PrepareSummaryPanel ctx={ctx} summary={list.summary} />
      <nav aria-label={t('portal.orders.tabs_label')}>
        <ul class="pills">
          {tabs.map((tab) => (
            <li>
              <a href={listPath(list.shopId, tab)} aria-current={tab === list.tab ? 'page' : undefined}>
                {tDynamic(`portal.orders.tab.${tab}`, { count: list.counts[tab] })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {list.items.length === 0 ? <p>{tDynamic(`portal.orders.empty.${list.tab}`)}</p> : <PurchaseOrdersTable ctx={ctx} list={list} />}
      <Pager page={list.page} pageCount={list.pageCount} hrefOf={(page) => `${listPath(list.shopId, list.tab)}${list.tab === 'to_prepare' ? '?' : '&'}page=${page}`} />
    </Page>
  );
}

function RefuseLink({ shopId, poId, line }: { shopId: string; poId: string; line: OrderLine }) {
  return (
    <a href={refuseLinePath(shopId, poId, line.id)} class="button button--secondary">
      {t('portal.orders.refuse')}
      <span class="visually-hidden">{t('basket.suffix', { title: line.title })}</span>
    </a>
  );
}

/** A one-button form for the merchant's main move: a primary button, unlike ActionButton's secondary one. */
function PrimaryAction({ ctx, action, label }: { ctx: PageContext; action: string; label: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <button type="submit" class="button">
        {label}
      </button>
    </form>
  );
}

export function PurchaseOrderPage({ ctx, shopId, detail }: { ctx: PageContext; shopId: string; detail: PurchaseOrderDetail }) {
  const { purchaseOrder: po, order, lines } = detail;
  const title = t('portal.orders.detail_title', { code: order.collectionCode });
  const refusable = po.status === 'sent' || po.status === 'accepted';
  return (
    <Page ctx={ctx} title={title} trail={trail(shopId, [t('portal.orders.link'), listPath(shopId)], [order.collectionCode])} noindex>
      <h1>{title}</h1>
      <p>
        <MerchantStatusBadge status={po.status} />
      </p>
      {awaitsRound(po.status) ? (
        <>
          <p class="lead">{t('portal.orders.round', { round: formatDateTime(po.collectionRoundAt, ctx.timeZone) })}</p>
          <p>{t('portal.orders.label_hint', { code: order.collectionCode })}</p>
        </>
      ) : null}
      <h2>{t('portal.orders.lines')}</h2>
      <LinesList lines={lines} />
      {refusable ? (
        <ul class="plain-list actions">
          {lines
            .filter((line) => line.status === 'ordered')
            .map((line) => (
              <li>
                <RefuseLink shopId={shopId} poId={po.id} line={line} />
              </li>
            ))}
        </ul>
      ) : null}
      <p>
        {t('portal.orders.total')}&nbsp;: <strong>{formatEuros(po.totalCents)}</strong>
      </p>
      <div class="actions">
        {po.status === 'sent' ? <PrimaryAction ctx={ctx} action={purchaseOrderPath(shopId, po.id, 'accepter')} label={t('portal.orders.accept')} /> : null}
        {po.status === 'accepted' ? <PrimaryAction ctx={ctx} action={purchaseOrderPath(shopId, po.id, 'prete')} label={t('portal.orders.ready')} /> : null}
        <a href={listPath(shopId)}>{t('portal.orders.back')}</a>
      </div>
    </Page>
  );
}

export function RefuseLinePage({ ctx, shopId, detail, line, state }: { ctx: PageContext; shopId: string; detail: PurchaseOrderDetail; line: OrderLine; state: FormState }) {
  const title = t('portal.orders.refuse_title', { title: line.title });
  const base = purchaseOrderPath(shopId, detail.purchaseOrder.id);
  return (
    <Page ctx={ctx} title={title} trail={trail(shopId, [t('portal.orders.link'), listPath(shopId)], [detail.order.collectionCode, base], [title])} noindex>
      <h1>{title}</h1>
      <p>{t('portal.orders.refuse_lead')}</p>
      <Form ctx={ctx} action={refuseLinePath(shopId, detail.purchaseOrder.id, line.id)} state={state} labels={{ reason: t('portal.orders.reason'), note: t('portal.orders.note') }}>
        <RadioGroup name="reason" label={t('portal.orders.reason')} state={state} required options={REFUSAL_REASONS.map((reason) => [reason, tDynamic(`orders.refusal.${reason}`)])} defaultValue="out_of_stock" />
        <TextField name="note" label={`${t('portal.orders.note')} (${t('form.optional')})`} hint={t('portal.orders.note_hint')} state={state} />
        <div class="actions">
          <SubmitButton>{t('portal.orders.refuse_confirm')}</SubmitButton>
          <a href={base}>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}
