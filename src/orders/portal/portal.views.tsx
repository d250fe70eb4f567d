// The merchant's purchase orders: the lists (to prepare, ready, done) with the time the
// collection round comes by, one purchase order with its actions, refusing a line.
import { formatDateTime } from '../../platform/clock.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { ActionButton, Form, RadioGroup, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { LinesList, PurchaseOrderStatusBadge } from '../orders.components.tsx';
import type { PurchaseOrderDetail, ShopPurchaseOrders } from './portal.service.ts';
import type { OrderLine } from '../orders.repository.ts';
import { awaitsRound, REFUSAL_REASONS, type PurchaseOrderTab } from '../orders.rules.ts';
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

export function PurchaseOrdersPage({ ctx, list }: { ctx: PageContext; list: ShopPurchaseOrders }) {
  const title = t('portal.orders.title', { shop: list.shopName });
  const tabs = Object.keys(TAB_SLUGS) as PurchaseOrderTab[];
  return (
    <Page ctx={ctx} title={title} trail={trail(list.shopId, [t('portal.orders.link')])} noindex>
      <h1>{title}</h1>
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
      {list.items.length === 0 ? (
        <p>{tDynamic(`portal.orders.empty.${list.tab}`)}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('portal.orders.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portal.orders.col.code')}</th>
                <th scope="col">{t('portal.orders.col.round')}</th>
                <th scope="col" class="number">
                  {t('portal.orders.col.total')}
                </th>
                <th scope="col">{t('portal.orders.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((po) => (
                <tr>
                  <th scope="row">
                    <a href={purchaseOrderPath(list.shopId, po.id)} class="code">
                      {po.collectionCode}
                    </a>
                  </th>
                  <td>{formatDateTime(po.collectionRoundAt, ctx.timeZone)}</td>
                  <td class="number">{formatEuros(po.totalCents)}</td>
                  <td>
                    <PurchaseOrderStatusBadge status={po.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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

export function PurchaseOrderPage({ ctx, shopId, detail }: { ctx: PageContext; shopId: string; detail: PurchaseOrderDetail }) {
  const { purchaseOrder: po, order, lines } = detail;
  const title = t('portal.orders.detail_title', { code: order.collectionCode });
  const refusable = po.status === 'sent' || po.status === 'accepted';
  return (
    <Page ctx={ctx} title={title} trail={trail(shopId, [t('portal.orders.link'), listPath(shopId)], [order.collectionCode])} noindex>
      <h1>{title}</h1>
      <p>
        <PurchaseOrderStatusBadge status={po.status} />
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
        {po.status === 'sent' ? <ActionButton ctx={ctx} action={purchaseOrderPath(shopId, po.id, 'accepter')} label={t('portal.orders.accept')} /> : null}
        {po.status === 'accepted' ? <ActionButton ctx={ctx} action={purchaseOrderPath(shopId, po.id, 'prete')} label={t('portal.orders.ready')} /> : null}
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
