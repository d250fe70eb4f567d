// Pages of payouts: the concierge's list of statements to pay and of batches
// (/gestion/virements), one batch with its next step, and a shop's payouts for its merchants.
import { formatLocalDate } from '../../platform/calendar.ts';
import { formatDate, formatDateTime } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { ErrorSummary, FieldError, HiddenField } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import type { Shop } from '../../shops/index.ts';
import { groupIban } from '../terms/terms.rules.ts';
import { hasFile, periodLabel, type BatchDetail, type PayoutBatch, type PayoutProposal, type ShopPayout } from './payouts.service.ts';
import { Pager } from '../../ui/pager.tsx';
import { PAYOUTS_PATH, STEP_PATHS, batchFilePath, batchPath, batchStepPath, shopPayoutsPath, shopTermsPath } from '../settlement.paths.ts';
import { BACKOFFICE_PATH, portalShopPath } from '../../platform/paths.ts';




function StatusBadge({ status }: { status: PayoutBatch['status'] }) {
  return <span class={`badge badge--payout-${status}`}>{tDynamic(`payouts.status.${status}`)}</span>;
}

export interface ProposalForm {
  /** Ticked statements after a refused submission; all ticked on first display. */
  selected?: readonly string[];
  idempotencyKey: string;
  errors: FieldErrors;
}

function ProposalSection({ ctx, proposal, form, thresholdCents }: { ctx: PageContext; proposal: PayoutProposal; form: ProposalForm; thresholdCents: number }) {
  if (proposal.ready.length === 0) return <p>{t('payouts.ready.none')}</p>;
  const selected = new Set(form.selected ?? proposal.ready.map((statement) => statement.id));
  const total = proposal.ready.reduce((sum, statement) => sum + statement.payableCents, 0);
  const error = form.errors.releves;
  return (
    <form method="post" action={PAYOUTS_PATH} class="form" noValidate>
      <ErrorSummary errors={form.errors} labels={{ releves: t('payouts.ready.legend') }} />
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <HiddenField name="idempotency_key" value={form.idempotencyKey} />
      <fieldset class={error ? 'field field--error' : 'field'} id="champ-releves" aria-describedby={error ? 'erreur-releves' : undefined}>
        <legend>{t('payouts.ready.legend')}</legend>
        <FieldError field="releves" message={error} />
        {proposal.ready.map((statement) => (
          <div class="field field--checkbox">
            <input type="checkbox" id={`releve-${statement.id}`} name="releves" value={statement.id} checked={selected.has(statement.id)} />
            <label for={`releve-${statement.id}`}>
              {t('payouts.ready.choice', { shop: statement.shopName, period: periodLabel(statement.periodKind, statement.periodStart, statement.periodEnd), amount: formatEuros(statement.payableCents) })}
            </label>
          </div>
        ))}
      </fieldset>
      <p>{t('payouts.ready.total', { amount: formatEuros(total), count: proposal.ready.length })}</p>
      <p class="muted">{t('payouts.ready.threshold', { amount: formatEuros(thresholdCents) })}</p>
      <div class="actions">
        <button type="submit" class="button">
          {t('payouts.ready.submit')}
        </button>
      </div>
    </form>
  );
}

function BlockedSection({ proposal }: { proposal: PayoutProposal }) {
  if (proposal.blocked.length === 0) return null;
  return (
    <section aria-labelledby="a-completer">
      <h2 id="a-completer">{t('payouts.blocked.title')}</h2>
      <p>{t('payouts.blocked.lead')}</p>
      <ul class="payout-blocked">
        {proposal.blocked.map((statement) => (
          <li>
            <span class="badge badge--paused">{tDynamic(`payouts.blocked.${statement.blocker}`)}</span>{' '}
            {t('payouts.blocked.entry', { shop: statement.shopName, period: periodLabel(statement.periodKind, statement.periodStart, statement.periodEnd), amount: formatEuros(statement.payableCents) })}{' '}
            <a href={shopTermsPath(statement.shopId)}>{t(statement.blocker === 'unconfirmed_iban' ? 'payouts.blocked.confirm' : 'payouts.blocked.fix', { shop: statement.shopName })}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function BatchesTable({ ctx, batches }: { ctx: PageContext; batches: readonly PayoutBatch[] }) {
  if (batches.length === 0) return <p>{t('payouts.batches.none')}</p>;
  return (
    <div class="table-wrap">
      <table class="ledger-table ledger-table--stack">
        <caption class="visually-hidden">{t('payouts.batches.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payouts.batches.date')}</th>
            <th scope="col" class="number">{t('payouts.batches.count')}</th>
            <th scope="col" class="number">{t('payouts.batches.total')}</th>
            <th scope="col">{t('payouts.batches.status')}</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((batch) => {
            const date = formatDate(batch.createdAt, ctx.timeZone);
            return (
              <tr>
                <th scope="row">
                  <a href={batchPath(batch.id)} aria-label={t('payouts.batches.open', { date })}>
                    {date}
                  </a>
                </th>
                <td class="number" data-label={t('payouts.batches.count')}>{batch.transferCount}</td>
                <td class="number" data-label={t('payouts.batches.total')}>{formatEuros(batch.totalCents)}</td>
                <td data-label={t('payouts.batches.status')}>
                  <StatusBadge status={batch.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function PayoutsPage(props: {
  ctx: PageContext;
  proposal: PayoutProposal;
  form: ProposalForm;
  thresholdCents: number;
  batches: { batches: PayoutBatch[]; page: number; pageCount: number };
}) {
  const { ctx, proposal, form, thresholdCents, batches } = props;
  const title = t('payouts.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('payouts.lead')}</p>
      <h2>{t('payouts.ready.title')}</h2>
      <ProposalSection ctx={ctx} proposal={proposal} form={form} thresholdCents={thresholdCents} />
      <BlockedSection proposal={proposal} />
      <h2>{t('payouts.batches.title')}</h2>
      <BatchesTable ctx={ctx} batches={batches.batches} />
      <Pager page={batches.page} pageCount={batches.pageCount} hrefOf={(page) => `${PAYOUTS_PATH}?page=${page}`} />
    </Page>
  );
}

function StepForm({ ctx, batchId, step, label, idempotencyKey }: { ctx: PageContext; batchId: string; step: keyof typeof STEP_PATHS; label: string; idempotencyKey: string }) {
  return (
    <form method="post" action={batchStepPath(batchId, STEP_PATHS[step])} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <HiddenField name="idempotency_key" value={idempotencyKey} />
      <button type="submit" class="button">
        {label}
      </button>
    </form>
  );
}

function NextStep({ ctx, detail, thresholdCents, idempotencyKey }: { ctx: PageContext; detail: BatchDetail; thresholdCents: number; idempotencyKey: string }) {
  const { batch } = detail;
  const download = hasFile(batch.status) ? (
    <p>
      <a href={batchFilePath(batch.id)} class="button button--secondary" download>
        {t('payouts.batch.download')}
      </a>
    </p>
  ) : null;
  if (batch.status === 'awaiting_approval') {
    return detail.canApprove ? (
      <>
        <p>{t('payouts.batch.approve_lead')}</p>
        <StepForm ctx={ctx} batchId={batch.id} step="approve" label={t('payouts.batch.approve')} idempotencyKey={idempotencyKey} />
      </>
    ) : (
      <p class="notice">{t('payouts.batch.second_person', { amount: formatEuros(thresholdCents) })}</p>
    );
  }
  if (batch.status === 'approved') {
    return (
      <>
        <p>{t('payouts.batch.download_hint')}</p>
        {download}
        <StepForm ctx={ctx} batchId={batch.id} step="send" label={t('payouts.batch.send')} idempotencyKey={idempotencyKey} />
      </>
    );
  }
  if (batch.status === 'sent') {
    return (
      <>
        <p>{t('payouts.batch.paid_lead')}</p>
        <StepForm ctx={ctx} batchId={batch.id} step="pay" label={t('payouts.batch.pay')} idempotencyKey={idempotencyKey} />
        {download}
      </>
    );
  }
  return (
    <>
      <p>{t('payouts.batch.done')}</p>
      {download}
    </>
  );
}

function Facts({ ctx, batch }: { ctx: PageContext; batch: PayoutBatch }) {
  const when = (at: string) => formatDateTime(at, ctx.timeZone);
  return (
    <dl class="facts">
      <dt>{t('payouts.batch.status')}</dt>
      <dd>
        <StatusBadge status={batch.status} />
      </dd>
      <dt>{t('payouts.batch.total')}</dt>
      <dd>{formatEuros(batch.totalCents)}</dd>
      <dt>{t('payouts.batch.count')}</dt>
      <dd>{batch.transferCount}</dd>
      <dt>{t('payouts.batch.created')}</dt>
      <dd>{t('payouts.batch.by', { when: when(batch.createdAt), who: batch.createdByLabel })}</dd>
      {batch.approvedAt ? (
        <>
          <dt>{t('payouts.batch.approved')}</dt>
          <dd>{t('payouts.batch.by', { when: when(batch.approvedAt), who: batch.approvedByLabel ?? '' })}</dd>
        </>
      ) : null}
      <dt>{t('payouts.batch.execution')}</dt>
      <dd>{formatLocalDate(batch.executionDate)}</dd>
      {batch.sentAt ? (
        <>
          <dt>{t('payouts.batch.sent')}</dt>
          <dd>{when(batch.sentAt)}</dd>
        </>
      ) : null}
      {batch.paidAt ? (
        <>
          <dt>{t('payouts.batch.paid')}</dt>
          <dd>{when(batch.paidAt)}</dd>
        </>
      ) : null}
      <dt>{t('payouts.batch.message_id')}</dt>
      <dd>{batch.messageId}</dd>
    </dl>
  );
}

export function BatchPage(props: { ctx: PageContext; detail: BatchDetail; thresholdCents: number; idempotencyKey: string; errors: FieldErrors }) {
  const { ctx, detail, thresholdCents, idempotencyKey, errors } = props;
  const { batch, payouts } = detail;
  const title = t('payouts.batch.title', { date: formatDate(batch.createdAt, ctx.timeZone) });
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [t('payouts.title'), PAYOUTS_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={{}} />
      <Facts ctx={ctx} batch={batch} />
      <h2>{t('payouts.batch.next')}</h2>
      <NextStep ctx={ctx} detail={detail} thresholdCents={thresholdCents} idempotencyKey={idempotencyKey} />
      <h2>{t('payouts.batch.transfers')}</h2>
      <div class="table-wrap">
        <table class="ledger-table ledger-table--stack">
          <caption class="visually-hidden">{t('payouts.batch.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payouts.batch.shop')}</th>
              <th scope="col">{t('payouts.batch.period')}</th>
              <th scope="col">{t('payouts.batch.iban')}</th>
              <th scope="col" class="number">{t('payouts.batch.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {payouts.map((payout) => (
              <tr>
                <th scope="row">{payout.shopName}</th>
                <td data-label={t('payouts.batch.period')}>{periodLabel(payout.periodKind, payout.periodStart, payout.periodEnd)}</td>
                <td data-label={t('payouts.batch.iban')} class="iban">{groupIban(payout.iban)}</td>
                <td class="number" data-label={t('payouts.batch.amount')}>{formatEuros(payout.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={PAYOUTS_PATH}>{t('payouts.back')}</a>
      </p>
    </Page>
  );
}

function shopStatusText(payout: ShopPayout, timeZone: string): string {
  if (payout.batchStatus === 'paid' && payout.paidAt) return t('payouts.shop.paid', { date: formatDate(payout.paidAt, timeZone) });
  if (payout.batchStatus === 'sent' && payout.sentAt) return t('payouts.shop.sent', { date: formatDate(payout.sentAt, timeZone) });
  return t('payouts.shop.preparing');
}

export function ShopPayoutsPage({ ctx, shop, payouts, page, pageCount }: { ctx: PageContext; shop: Shop; payouts: readonly ShopPayout[]; page: number; pageCount: number }) {
  const title = t('payouts.shop.title');
  return (
    <Page ctx={ctx} title={`${title} — ${shop.tradeName}`} trail={[[t('portal.breadcrumb'), portalShopPath(shop.id)], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('payouts.shop.lead')}</p>
      {payouts.length === 0 ? (
        <p>{t('payouts.shop.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="ledger-table ledger-table--stack">
            <caption class="visually-hidden">{t('payouts.shop.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('payouts.shop.period')}</th>
                <th scope="col" class="number">{t('payouts.shop.amount')}</th>
                <th scope="col">{t('payouts.shop.status')}</th>
              </tr>
            </thead>
            <tbody>
              {payouts.map((payout) => (
                <tr>
                  <th scope="row">{periodLabel(payout.periodKind, payout.periodStart, payout.periodEnd)}</th>
                  <td class="number" data-label={t('payouts.shop.amount')}>{formatEuros(payout.amountCents)}</td>
                  <td data-label={t('payouts.shop.status')}>{shopStatusText(payout, ctx.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} hrefOf={(next) => `${shopPayoutsPath(shop.id)}?page=${next}`} />
    </Page>
  );
}
