// Pages of invoices: for the concierge, a statement's invoices (record the shop's invoice,
// accept a difference, issue the self-billed invoice, the commission invoices with their
// credit notes) and the form that cancels a commission invoice; for a merchant, its shop's
// invoices.
import { formatDateTime } from '../../platform/clock.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { formatEuros, formatRate } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { ErrorSummary, FileField, Form, HiddenField, SubmitButton, TextArea, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import type { ShopInvoiceStatus } from './invoices.rules.ts';
import { dateInWords, periodInWords } from '../settlement.statements.rules.ts';
import type { CommissionInvoice, ShopInvoice, ShopInvoicesPage, StatementInvoicing } from './invoices.service.ts';
import { Pager } from '../../ui/pager.tsx';
import { acceptDifferencePath, cancelInvoicePath, commissionPdfPath, receivedPdfPath, selfBillPath, shopCommissionPdfPath, shopInvoicesPath, shopOwnPdfPath, statementInvoicePath, statementPath } from '../settlement.paths.ts';
import { BACKOFFICE_PATH, portalShopPath } from '../../platform/paths.ts';


function backofficeTrail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], ...rest];
}

function StatusBadge({ status }: { status: ShopInvoiceStatus }) {
  return <span class={`badge badge--invoice-${status}`}>{tDynamic(`invoices.status.${status}`)}</span>;
}

/** « Écart de 1,20 € entre la facture (75,30 €) et le relevé (76,50 €) ». */
export function differenceText(invoiceCents: number, expectedCents: number): string {
  return t('invoices.difference', { gap: formatEuros(Math.abs(invoiceCents - expectedCents)), invoice: formatEuros(invoiceCents), statement: formatEuros(expectedCents) });
}

// ---- the concierge: a statement's invoices ----

export interface StatementInvoiceForms {
  record: FormState;
  accept: FormState;
  /** The self-billing button: a refusal shows above it. */
  selfBill: FormState;
  idempotencyKey: string;
}

function CurrentState({ data }: { data: StatementInvoicing }) {
  const { statement, current, expectedCents } = data;
  if (statement.status === 'in_batch' || statement.status === 'paid') return <p class="panel">{t('invoices.frozen')}</p>;
  if (!current) return <p class="lead">{t('invoices.awaited', { amount: formatEuros(expectedCents) })}</p>;
  if (current.status === 'difference')
    return (
      <p class="panel invoice-gap" role="status">
        <strong>{differenceText(current.amountCents, expectedCents)}</strong> {t('invoices.difference_todo')}
      </p>
    );
  if (current.status === 'accepted')
    return (
      <p class="lead">
        {differenceText(current.amountCents, expectedCents)} {t('invoices.accepted_because', { reason: current.resolutionNote ?? '' })}
      </p>
    );
  return <p class="lead">{current.selfBilled ? t('invoices.self_billed_done', { number: current.number }) : t('invoices.matched', { number: current.number, amount: formatEuros(current.amountCents) })}</p>;
}

function ReceivedTable({ ctx, invoices }: { ctx: PageContext; invoices: readonly ShopInvoice[] }) {
  if (invoices.length === 0) return <p>{t('invoices.none_recorded')}</p>;
  return (
    <div class="table-wrap">
      <table class="ledger-table ledger-table--stack">
        <caption class="visually-hidden">{t('invoices.received_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoices.col.number')}</th>
            <th scope="col">{t('invoices.col.date')}</th>
            <th scope="col" class="number">{t('invoices.col.amount')}</th>
            <th scope="col">{t('invoices.col.status')}</th>
            <th scope="col">{t('invoices.col.recorded')}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr>
              <th scope="row">
                {invoice.fileId ? <a href={receivedPdfPath(invoice.id)}>{t('invoices.pdf_link', { number: invoice.number })}</a> : invoice.number}
              </th>
              <td data-label={t('invoices.col.date')}>{dateInWords(invoice.invoiceDate)}</td>
              <td class="number" data-label={t('invoices.col.amount')}>{formatEuros(invoice.amountCents)}</td>
              <td data-label={t('invoices.col.status')}>
                <StatusBadge status={invoice.status} />
                {invoice.selfBilled ? ` ${t('invoices.self_billed_short')}` : ''}
              </td>
              <td data-label={t('invoices.col.recorded')}>
                {formatDateTime(invoice.recordedAt, ctx.timeZone)}, {invoice.recordedByLabel}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecordForm({ ctx, data, state, idempotencyKey }: { ctx: PageContext; data: StatementInvoicing; state: FormState; idempotencyKey: string }) {
  const corrected = data.current?.status === 'difference';
  const labels = { number: t('invoices.field.number'), invoice_date: t('invoices.field.date'), amount: t('invoices.field.amount'), file: t('invoices.field.file') };
  return (
    <section aria-labelledby="enregistrer">
      <h2 id="enregistrer">{corrected ? t('invoices.record_corrected') : t('invoices.record')}</h2>
      <Form ctx={ctx} action={statementInvoicePath(data.statement.id)} state={state} multipart labels={labels}>
        <HiddenField name="idempotency_key" value={idempotencyKey} />
        {/* The file first: a Factur-X fills the fields below, which are then left empty. */}
        <FileField name="file" label={labels.file} hint={t('invoices.field.file_hint')} state={state} accept="application/pdf,.pdf" required />
        <p class="field__hint">{t('invoices.field.facturx_hint')}</p>
        <TextField name="number" label={labels.number} hint={t('invoices.field.number_hint')} state={state} size="medium" />
        <TextField name="invoice_date" label={labels.invoice_date} hint={t('invoices.field.date_hint')} state={state} size="short" />
        <TextField name="amount" label={labels.amount} hint={t('invoices.field.amount_hint', { amount: formatEuros(data.expectedCents) })} state={state} size="short" inputMode="decimal" />
        <SubmitButton>{corrected ? t('invoices.record_corrected') : t('invoices.record')}</SubmitButton>
      </Form>
    </section>
  );
}

function AcceptForm({ ctx, data, state }: { ctx: PageContext; data: StatementInvoicing; state: FormState }) {
  return (
    <section aria-labelledby="accepter">
      <h2 id="accepter">{t('invoices.accept')}</h2>
      <Form ctx={ctx} action={acceptDifferencePath(data.statement.id)} state={state} labels={{ reason: t('invoices.field.reason') }}>
        <TextArea name="reason" label={t('invoices.field.reason')} hint={t('invoices.field.reason_hint')} state={state} rows={3} required />
        <SubmitButton secondary>{t('invoices.accept')}</SubmitButton>
      </Form>
    </section>
  );
}

function SelfBillForm({ ctx, data, state, idempotencyKey }: { ctx: PageContext; data: StatementInvoicing; state: FormState; idempotencyKey: string }) {
  return (
    <section aria-labelledby="autofacture">
      <h2 id="autofacture">{t('invoices.self_bill')}</h2>
      <p>{t('invoices.self_bill_lead', { date: dateInWords(data.payee.selfBillingSince ?? ''), amount: formatEuros(data.expectedCents) })}</p>
      <Form ctx={ctx} action={selfBillPath(data.statement.id)} state={state}>
        <HiddenField name="idempotency_key" value={idempotencyKey} />
        <SubmitButton secondary>{t('invoices.self_bill')}</SubmitButton>
      </Form>
    </section>
  );
}

function CommissionTable({ invoices, numbers, pdfPath, cancelPath }: { invoices: readonly CommissionInvoice[]; numbers: Map<string, string>; pdfPath: (id: string) => string; cancelPath?: (id: string) => string }) {
  return (
    <div class="table-wrap">
      <table class="ledger-table ledger-table--stack">
        <caption class="visually-hidden">{t('invoices.commission_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoices.col.document')}</th>
            <th scope="col">{t('invoices.col.date')}</th>
            <th scope="col" class="number">{t('invoices.col.total')}</th>
            <th scope="col">{t('invoices.col.state')}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr>
              <th scope="row">
                <a href={pdfPath(invoice.id)}>{t(invoice.kind === 'credit_note' ? 'invoices.credit_note_link' : 'invoices.invoice_link', { number: numbers.get(invoice.id) ?? '' })}</a>
              </th>
              <td data-label={t('invoices.col.date')}>{dateInWords(invoice.issuedOn)}</td>
              <td class="number" data-label={t('invoices.col.total')}>{formatEuros(invoice.totalCents)}</td>
              <td data-label={t('invoices.col.state')}>
                {invoice.kind === 'credit_note' ? (
                  t('invoices.cancels', { number: numbers.get(invoice.cancelsId ?? '') ?? '' })
                ) : invoice.cancelledById ? (
                  t('invoices.cancelled_by', { number: numbers.get(invoice.cancelledById) ?? '' })
                ) : cancelPath ? (
                  <a href={cancelPath(invoice.id)}>{t('invoices.cancel_link', { number: numbers.get(invoice.id) ?? '' })}</a>
                ) : (
                  t('invoices.in_force')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatementInvoicePage({ ctx, data, forms }: { ctx: PageContext; data: StatementInvoicing; forms: StatementInvoiceForms }) {
  const { statement } = data;
  const period = periodInWords(statement.periodStart, statement.periodEnd);
  const title = t('invoices.statement_title', { shop: statement.shopName });
  const open = statement.status === 'awaiting_invoice' || statement.status === 'difference';
  const selfBillShown = open && data.canSelfBill;
  return (
    <Page ctx={ctx} title={title} trail={backofficeTrail([t('invoices.trail_statement', { shop: statement.shopName }), statementPath(statement.id)], [t('invoices.trail')])} noindex>
      <h1>{title}</h1>
      <p>{t('invoices.period', { period })}</p>
      <dl class="facts">
        <dt>{t('invoices.fact.sales')}</dt>
        <dd>{formatEuros(statement.salesCents)}</dd>
        <dt>{t('invoices.fact.refunds')}</dt>
        <dd>{formatEuros(statement.refundsCents)}</dd>
        <dt>{t('invoices.fact.expected')}</dt>
        <dd>
          <strong>{formatEuros(data.expectedCents)}</strong>
        </dd>
      </dl>
      {/* a refusal while no form is shown (the statement moved meanwhile) still says why */}
      {open && selfBillShown ? null : <ErrorSummary errors={{ ...(open ? {} : { ...forms.record.errors, ...forms.accept.errors }), ...(selfBillShown ? {} : forms.selfBill.errors) }} labels={{}} />}
      <CurrentState data={data} />
      {open && data.current?.status === 'difference' ? <AcceptForm ctx={ctx} data={data} state={forms.accept} /> : null}
      {open ? <RecordForm ctx={ctx} data={data} state={forms.record} idempotencyKey={forms.idempotencyKey} /> : null}
      {selfBillShown ? <SelfBillForm ctx={ctx} data={data} state={forms.selfBill} idempotencyKey={forms.idempotencyKey} /> : null}
      <h2>{t('invoices.received')}</h2>
      <ReceivedTable ctx={ctx} invoices={data.invoices} />
      <h2>{t('invoices.commission')}</h2>
      {data.commissionInvoices.length === 0 ? (
        <p>{t('invoices.no_commission')}</p>
      ) : (
        <CommissionTable invoices={data.commissionInvoices} numbers={data.numbers} pdfPath={commissionPdfPath} cancelPath={cancelInvoicePath} />
      )}
      <p>
        <a href={statementPath(statement.id)}>{t('invoices.back_to_statement')}</a>
      </p>
    </Page>
  );
}

// ---- the concierge: cancel a commission invoice by a credit note ----

export function CancelInvoicePage({ ctx, invoice, number, state, idempotencyKey }: { ctx: PageContext; invoice: CommissionInvoice; number: string; state: FormState; idempotencyKey: string }) {
  const title = t('invoices.cancel_title', { number });
  return (
    <Page ctx={ctx} title={title} trail={backofficeTrail([t('invoices.trail_statement', { shop: invoice.shopName }), statementInvoicePath(invoice.statementId)], [title])} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('invoices.cancel_lead', { shop: invoice.shopName, amount: formatEuros(invoice.totalCents), date: dateInWords(invoice.issuedOn) })}</p>
      <p>{invoice.vatBp === null ? t('invoices.cancel_figures_exempt', { net: formatEuros(invoice.netCents) }) : t('invoices.cancel_figures', { net: formatEuros(invoice.netCents), rate: formatRate(invoice.vatBp), vat: formatEuros(invoice.vatCents) })}</p>
      <Form ctx={ctx} action={cancelInvoicePath(invoice.id)} state={state} labels={{ reason: t('invoices.field.cancel_reason') }}>
        <HiddenField name="idempotency_key" value={idempotencyKey} />
        <TextArea name="reason" label={t('invoices.field.cancel_reason')} hint={t('invoices.field.cancel_reason_hint')} state={state} rows={3} required />
        <SubmitButton>{t('invoices.cancel_submit')}</SubmitButton>
      </Form>
      <p>
        <a href={statementInvoicePath(invoice.statementId)}>{t('invoices.back')}</a>
      </p>
    </Page>
  );
}

// ---- a merchant: its shop's invoices ----


export function ShopInvoicesView({ ctx, data }: { ctx: PageContext; data: ShopInvoicesPage }) {
  const { payee } = data;
  const title = t('invoices.shop_title');
  const numbers = new Map(data.commissionInvoices.map((invoice) => [invoice.id, invoice.printedNumber]));
  return (
    <Page ctx={ctx} title={`${title} — ${payee.tradeName}`} trail={[[t('portal.breadcrumb'), portalShopPath(payee.shopId)], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('invoices.shop_lead')}</p>
      <h2>{t('invoices.shop_commission')}</h2>
      {data.commissionInvoices.length === 0 ? (
        <p>{t('invoices.shop_no_commission')}</p>
      ) : (
        <CommissionTable invoices={data.commissionInvoices} numbers={numbers} pdfPath={(id) => shopCommissionPdfPath(payee.shopId, id)} />
      )}
      <h2>{t('invoices.shop_own')}</h2>
      {data.shopInvoices.length === 0 ? (
        <p>{t('invoices.shop_no_own')}</p>
      ) : (
        <ul class="invoice-list">
          {data.shopInvoices.map((invoice) => (
            <li>
              {invoice.fileId ? <a href={shopOwnPdfPath(payee.shopId, invoice.id)}>{t('invoices.pdf_link', { number: invoice.number })}</a> : invoice.number} —{' '}
              {t('invoices.shop_own_line', { period: invoice.periodText, amount: formatEuros(invoice.amountCents) })} <StatusBadge status={invoice.status} />
              {invoice.selfBilled ? ` ${t('invoices.self_billed_short')}` : ''}
            </li>
          ))}
        </ul>
      )}
      <Pager page={data.page} pageCount={data.pageCount} hrefOf={(page) => `${shopInvoicesPath(payee.shopId)}?page=${page}`} />
    </Page>
  );
}
