// The page of one statement (/gestion/releves/:id for the concierge, /boutique/:shopId/releves/:id
// for a merchant). A merchant reads first what to invoice and how to send it, then the
// commission invoice deducted and the transfer to come; both read the lines that add up
// from the sales to what the shop is paid, carried amounts included.
import { formatLocalDate, localDateOf } from '../../platform/calendar.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { formatEuros, formatRate } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { Page } from '../../ui/layout.tsx';
import { Pager, pageCountOf } from '../../ui/pager.tsx';
import { commissionInvoiceNumber, dateInWords, periodInWords } from '../settlement.statements.rules.ts';
import type { Statement } from './statements.repository.ts';
import { LINES_PER_PAGE } from './statements.service.ts';
import type { StatementSheet } from './statements.sheet.service.ts';
import type { SumLine } from './statements.sheet.rules.ts';
import { LinesTable, periodLabel, StatusBadge } from './statements.views.tsx';

/** « −5,88 € » for what is taken off, « 76,40 € » otherwise. */
export function signedEuros(cents: number): string {
  return cents < 0 ? `−${formatEuros(-cents)}` : formatEuros(cents);
}

function sumLineLabel(line: SumLine): string {
  switch (line.kind) {
    case 'sales':
      return t('statements.sum.sales');
    case 'refunds':
      return t('statements.sum.refunds');
    case 'commission':
      return t('statements.sum.commission', { rate: formatRate(line.rateBp) });
    case 'vat':
      return line.rateBp === null ? t('statements.sum.vat_exempt') : t('statements.sum.vat', { rate: formatRate(line.rateBp) });
    case 'carried': {
      const { item } = line;
      if (item.kind === 'statement') return t('statements.sum.carried_statement', { period: periodLabel({ kind: item.periodKind, start: item.periodStart, end: item.periodEnd }) });
      if (item.kind === 'credit_note') return t('statements.sum.carried_credit_note', { number: item.number, date: dateInWords(item.issuedOn) });
      return t('statements.sum.carried_other');
    }
  }
}

/** Every line from the sales to the amount paid back, so the figures add up on the page. */
export function SumTable({ lines, payableCents }: { lines: readonly SumLine[]; payableCents: number }) {
  return (
    <table class="ledger-table statement-sum">
      <caption>{t('statements.sum.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('statements.sum.what')}</th>
          <th scope="col" class="number">{t('statements.sum.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr class={`statement-sum__${line.kind}`}>
            <th scope="row">{sumLineLabel(line)}</th>
            <td class="number">{signedEuros(line.cents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr class="statement-sum__total">
          <th scope="row">{t('statements.figures.payable')}</th>
          <td class="number">
            <strong>{signedEuros(payableCents)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** How a merchant sends its invoice: by e-mail to the conciergerie, with the statement's reference. */
export interface InvoiceChannel {
  email: string;
}

/** « Facturez-nous 76,40 € »: the merchant's page opens with it, as its heading. */
function invoiceAction(sheet: StatementSheet): string | undefined {
  const { todo } = sheet;
  if (todo.kind !== 'send') return undefined;
  const amount = formatEuros(todo.amountCents);
  return todo.corrected ? t('statements.todo.invoice_corrected', { amount }) : t('statements.todo.invoice', { amount });
}

function InvoiceTodo({ sheet, channel }: { sheet: StatementSheet; channel: InvoiceChannel }) {
  const { todo, shopInvoice, reference } = sheet;
  const { statement } = sheet.detail;
  if (todo.kind === 'received' && shopInvoice) return <p>{t('statements.todo.received', { number: shopInvoice.number, amount: formatEuros(shopInvoice.amountCents) })}</p>;
  if (todo.kind !== 'send') return <p>{t('statements.todo.nothing')}</p>;
  const subject = encodeURIComponent(t('statements.todo.mail_subject', { reference }));
  return (
    <>
      {todo.corrected && shopInvoice ? <p>{t('statements.todo.difference', { number: shopInvoice.number, amount: formatEuros(shopInvoice.amountCents) })}</p> : null}
      <p>{t('statements.todo.invoice_what', { period: periodInWords(statement.periodStart, statement.periodEnd) })}</p>
      <p>
        {t('statements.todo.send_how')} <a href={`mailto:${channel.email}?subject=${subject}`}>{channel.email}</a>.
      </p>
      <p>
        {t('statements.todo.reference')} <strong class="code">{reference}</strong>
      </p>
    </>
  );
}

function transferText(statement: Statement, sheet: StatementSheet, timeZone: string): string {
  const { transfer } = sheet;
  if (transfer?.paidAt) return t('statements.todo.transfer_paid', { amount: formatEuros(transfer.amountCents), date: formatLocalDate(localDateOf(transfer.paidAt, timeZone)) });
  if (transfer) return t('statements.todo.transfer_planned', { amount: formatEuros(transfer.amountCents), date: formatLocalDate(transfer.executionDate) });
  if (statement.payableCents < 0) return t('statements.todo.transfer_owed', { amount: formatEuros(-statement.payableCents) });
  if (statement.payableCents === 0 || statement.status === 'carried_forward') return t('statements.todo.transfer_none');
  const amount = formatEuros(statement.payableCents);
  return sheet.todo.kind === 'send' ? t('statements.todo.transfer_after_invoice', { amount }) : t('statements.todo.transfer_next', { amount });
}

/** The merchant's first screen: what to invoice and how, the commission deducted, the transfer. */
function MerchantTodo({ ctx, sheet, channel, invoiceHref }: { ctx: PageContext; sheet: StatementSheet; channel: InvoiceChannel; invoiceHref: (invoiceId: string) => string }) {
  const { statement, invoices } = sheet.detail;
  const commission = invoices.filter((invoice) => invoice.kind === 'invoice');
  return (
    <section class="panel statement-todo" aria-labelledby="a-faire">
      <h2 id="a-faire" class="visually-hidden">
        {t('statements.todo.title')}
      </h2>
      <InvoiceTodo sheet={sheet} channel={channel} />
      {commission.length === 0 ? (
        <p>{t('statements.todo.no_commission')}</p>
      ) : (
        commission.map((invoice) => (
          <p>
            <a href={invoiceHref(invoice.id)}>{t('statements.todo.commission', { number: commissionInvoiceNumber(invoice.series, invoice.number), amount: formatEuros(invoice.totalCents) })}</a>
          </p>
        ))
      )}
      <p>
        <strong>{transferText(statement, sheet, ctx.timeZone)}</strong>
      </p>
    </section>
  );
}

function CommissionInvoices({ sheet, invoiceHref }: { sheet: StatementSheet; invoiceHref: (invoiceId: string) => string }) {
  const { invoices } = sheet.detail;
  if (invoices.length === 0) return null;
  return (
    <>
      <h2>{t('statements.detail.invoices')}</h2>
      <ul>
        {invoices.map((invoice) => (
          <li>
            <a href={invoiceHref(invoice.id)}>
              {tDynamic(`statements.invoice.${invoice.kind}`, { number: commissionInvoiceNumber(invoice.series, invoice.number), amount: formatEuros(invoice.totalCents) })}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export interface StatementPageProps {
  ctx: PageContext;
  sheet: StatementSheet;
  page: number;
  /** Where this page lives (the concierge's or the merchant's), for the pager. */
  selfPath: string;
  backPath: string;
  /** The list this page comes from: the concierge's statements or the merchant's own. */
  backLabel: string;
  /** Links to the invoices of this statement, by whoever may read them. */
  invoiceHref: (invoiceId: string) => string;
  /** The concierge's page of the shop's invoice for this statement; none for merchants. */
  shopInvoicePath?: string;
  /** For a merchant: how to send its invoice; the page then opens with what to do. */
  channel?: InvoiceChannel;
}

export function StatementPage({ ctx, sheet, page, selfPath, backPath, backLabel, invoiceHref, shopInvoicePath, channel }: StatementPageProps) {
  const { detail } = sheet;
  const { statement } = detail;
  const period = periodLabel({ kind: statement.periodKind, start: statement.periodStart, end: statement.periodEnd });
  const title = t('statements.detail.title', { shop: statement.shopName, period });
  // A merchant with an invoice to send reads it first, even on a small phone: it is the heading.
  const action = channel ? invoiceAction(sheet) : undefined;
  return (
    <Page ctx={ctx} title={title} trail={[[backLabel, backPath], [channel ? period : title]]} noindex>
      <h1 class={action ? 'statement-todo__amount' : undefined}>{action ?? title}</h1>
      <p>
        {action ? `${title} ` : null}
        <StatusBadge status={statement.status} />
      </p>
      {channel ? <MerchantTodo ctx={ctx} sheet={sheet} channel={channel} invoiceHref={invoiceHref} /> : null}
      <div class="table-wrap">
        <SumTable lines={sheet.lines} payableCents={statement.payableCents} />
      </div>
      <p class="muted">{t('statements.detail.rule')}</p>
      {shopInvoicePath ? (
        <p>
          <a href={shopInvoicePath} class="button">
            {t('statements.detail.shop_invoice')}
          </a>
        </p>
      ) : null}
      <CommissionInvoices sheet={sheet} invoiceHref={invoiceHref} />
      <h2>{t('statements.lines.title')}</h2>
      {detail.lineCount === 0 ? <p>{t('statements.lines.empty')}</p> : <LinesTable ctx={ctx} detail={detail} />}
      <Pager page={page} pageCount={pageCountOf(detail.lineCount, LINES_PER_PAGE)} hrefOf={(next) => `${selfPath}?page=${next}`} />
    </Page>
  );
}
