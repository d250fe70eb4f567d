// Giving back the commission on goods refunded in a later period than their hand-over. The
// shop bears the whole refund in the period of the refund; the commission taken on those goods
// is given back in that same statement, by a credit note on the commission invoice that took
// it (its own number in the commission series, pointing at that invoice), at the rates it was
// taken at, and posted to the ledger. Part of a closing: the caller's transaction.
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/index.ts';
import type { CommissionInvoicesTable } from '../../db/schema.ts';
import { t } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import { formatEuros } from '../../platform/money.ts';
import { commissionInvoiceNumber, commissionReturns, type CommissionReturn } from '../settlement.statements.rules.ts';
import { credit, debit } from '../settlement.rules.ts';
import { recordAllInLedger } from '../settlement.service.ts';
import { insertCommissionInvoices, reserveInvoiceNumbers } from './statements.repository.ts';
import { invoicesCovering, refundsWithHandOver, type CoveringInvoice } from './returns.repository.ts';

/** A credit note to issue: the commission given back, the statement it is paid in, the invoice it corrects. */
export interface PlannedReturn extends CommissionReturn {
  shopId: string;
  statementId: string;
  corrected: CoveringInvoice;
}

/** What a shop's statement counts of goods an earlier statement counted, and gives back on them. */
export interface ShopReturns {
  lateRefundsCents: number;
  returnedCents: number;
  returns: PlannedReturn[];
}

/**
 * For each shop closed now, the refunds it bears of goods handed over before this statement
 * (`coveredTo`: where its previous statement ended) and the commission to give back on them,
 * per invoice that took it. Reads the refunds the closing has just stamped.
 */
export async function planCommissionReturns(trx: Executor, statementIdByShop: ReadonlyMap<string, string>, coveredTo: ReadonlyMap<string, string>): Promise<Map<string, ShopReturns>> {
  const refunds = await refundsWithHandOver(trx, [...statementIdByShop.values()]);
  const late = refunds.filter((refund) => refund.handedOverAt < (coveredTo.get(refund.shopId) ?? ''));
  const plans = new Map<string, ShopReturns>();
  if (late.length === 0) return plans;
  const oldest = late.reduce((min, refund) => (refund.handedOverAt < min ? refund.handedOverAt : min), late[0].handedOverAt);
  const invoices = await invoicesCovering(trx, [...new Set(late.map((refund) => refund.shopId))], oldest);
  const byId = new Map(invoices.map((invoice) => [invoice.invoiceId, invoice]));
  const invoicesOfShop = groupByShop(invoices);
  for (const [shopId, mine] of groupByShop(late)) {
    const candidates = invoicesOfShop.get(shopId) ?? [];
    const matched = mine.flatMap((refund) => {
      const invoice = candidates.find((candidate) => candidate.coversFromAt <= refund.handedOverAt && refund.handedOverAt < candidate.coversToAt);
      return invoice ? [{ invoiceId: invoice.invoiceId, amountCents: refund.amountCents }] : [];
    });
    const returns = commissionReturns(matched, byId).map((back) => ({ ...back, shopId, statementId: statementIdByShop.get(shopId)!, corrected: byId.get(back.invoiceId)! }));
    plans.set(shopId, {
      lateRefundsCents: mine.reduce((sum, refund) => sum + refund.amountCents, 0),
      returnedCents: returns.reduce((sum, back) => sum + back.totalCents, 0),
      returns,
    });
  }
  return plans;
}

/** Items per shop, each list in the order given. */
function groupByShop<T extends { shopId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.shopId);
    if (group) group.push(item);
    else groups.set(item.shopId, [item]);
  }
  return groups;
}

/**
 * Issues the credit notes, numbered in the commission series of the closing's day after its
 * invoices, carried into the statement of the refund (so no later closing carries them again),
 * and posts each: the shop is owed the commission and its VAT back.
 */
export async function issueCommissionReturns(trx: Executor, config: Config, returns: readonly PlannedReturn[], issue: { on: string; at: string; byLabel: string; occurredAt: string }): Promise<void> {
  if (returns.length === 0) return;
  const series = `${config.operator.invoiceSeries}-${issue.on.slice(0, 4)}`;
  const first = await reserveInvoiceNumbers(trx, series, returns.length);
  const rows = returns.map((back, index): CommissionInvoicesTable => ({
    id: newId(),
    series,
    number: first + index,
    kind: 'credit_note',
    statement_id: back.statementId,
    shop_id: back.shopId,
    cancels_id: null,
    corrects_id: back.invoiceId,
    issued_on: issue.on,
    net_cents: back.netCents,
    vat_bp: back.vatBp,
    vat_cents: back.vatCents,
    total_cents: back.totalCents,
    parties: JSON.stringify({ ...(JSON.parse(back.corrected.parties) as object), reason: t('statements.return.reason', { refunded: formatEuros(back.refundedCents) }), refundedCents: back.refundedCents }),
    created_at: issue.at,
    created_by_label: issue.byLabel,
    carried_statement_id: back.statementId,
  }));
  await insertCommissionInvoices(trx, rows);
  await recordAllInLedger(
    trx,
    rows.map((row, index) => {
      const back = returns[index];
      const postings = [credit('shop_payable', back.totalCents, { shopId: back.shopId }), debit('commission_income', back.netCents)];
      if (back.vatCents > 0) postings.push(debit('vat_on_commission', back.vatCents));
      const description = t('statements.tx.commission_return', { number: commissionInvoiceNumber(row.series, row.number), corrected: commissionInvoiceNumber(back.corrected.series, back.corrected.number) });
      // The credit note is the document, under its own number and date.
      const piece = { ref: commissionInvoiceNumber(row.series, row.number), on: row.issued_on };
      return { fact: { kind: 'commission' as const, sourceKey: `credit_note:${row.id}`, description, occurredAt: issue.occurredAt, piece }, postings };
    }),
    config.timeZone,
  );
}
