// The SQL behind giving back the commission on goods refunded in a later period than their
// hand-over: which refunds a closing counts are of goods an earlier statement counted, which
// commission invoice took the commission on them, and what has been given back on it already.
import type { Executor } from '../../db/index.ts';
import type { InvoiceStanding } from '../settlement.statements.rules.ts';

/** A refund the closing counts, with the instant its goods were handed over. */
export interface CountedRefund {
  shopId: string;
  amountCents: number;
  handedOverAt: string;
}

/**
 * The refunds now stamped with these statements, each with the hand-over of its goods: the
 * purchase order of its line, or (a refund of a whole order) the shop's latest hand-over in it.
 */
export async function refundsWithHandOver(trx: Executor, statementIds: readonly string[]): Promise<CountedRefund[]> {
  if (statementIds.length === 0) return [];
  const refunds = await trx
    .selectFrom('refunds')
    .select(['order_id', 'order_line_id', 'shop_id', 'amount_cents'])
    .where('statement_id', 'in', [...statementIds])
    .where('shop_id', 'is not', null)
    .execute();
  if (refunds.length === 0) return [];
  const handOvers = await trx
    .selectFrom('purchase_orders as po')
    .leftJoin('order_lines as l', 'l.purchase_order_id', 'po.id')
    .select(['po.order_id', 'po.shop_id', 'po.updated_at', 'l.id as line_id'])
    .where('po.order_id', 'in', [...new Set(refunds.map((refund) => refund.order_id))])
    .where('po.status', '=', 'handed_over')
    .execute();
  const byLine = new Map<string, string>();
  const byOrderShop = new Map<string, string>();
  for (const row of handOvers) {
    if (row.line_id) byLine.set(row.line_id, row.updated_at);
    const key = `${row.order_id}|${row.shop_id}`;
    if ((byOrderShop.get(key) ?? '') < row.updated_at) byOrderShop.set(key, row.updated_at);
  }
  return refunds.flatMap((refund) => {
    const at = (refund.order_line_id ? byLine.get(refund.order_line_id) : undefined) ?? byOrderShop.get(`${refund.order_id}|${refund.shop_id}`);
    return at ? [{ shopId: refund.shop_id!, amountCents: Number(refund.amount_cents), handedOverAt: at }] : [];
  });
}

/** A commission invoice with the hand-overs its statement covered and what is left on it. */
export interface CoveringInvoice extends InvoiceStanding {
  statementId: string;
  shopId: string;
  coversFromAt: string;
  coversToAt: string;
  series: string;
  number: number;
  parties: string;
}

/** The commission invoices of the shops' statements that covered hand-overs at or after `fromAt`, with what they gave back already. */
export async function invoicesCovering(trx: Executor, shopIds: readonly string[], fromAt: string): Promise<CoveringInvoice[]> {
  if (shopIds.length === 0) return [];
  const rows = await trx
    .selectFrom('commission_invoices as ci')
    .innerJoin('statements as s', 's.id', 'ci.statement_id')
    .leftJoin('commission_invoices as cn', 'cn.cancels_id', 'ci.id')
    .select(['ci.id', 'ci.series', 'ci.number', 'ci.statement_id', 'ci.shop_id', 'ci.net_cents', 'ci.vat_bp', 'ci.vat_cents', 'ci.parties', 's.covers_from_at', 's.covers_to_at', 's.commission_bp', 'cn.id as cancelled_by'])
    .where('ci.kind', '=', 'invoice')
    .where('s.shop_id', 'in', [...shopIds])
    .where('s.covers_to_at', '>', fromAt)
    .execute();
  const returned = await returnedOn(trx, rows.map((row) => row.id));
  return rows.map((row) => ({
    invoiceId: row.id,
    statementId: row.statement_id,
    shopId: row.shop_id,
    coversFromAt: row.covers_from_at,
    coversToAt: row.covers_to_at,
    series: row.series,
    number: Number(row.number),
    parties: row.parties,
    commissionBp: Number(row.commission_bp),
    vatBp: row.vat_bp === null ? null : Number(row.vat_bp),
    netCents: Number(row.net_cents),
    vatCents: Number(row.vat_cents),
    returnedNetCents: returned.get(row.id)?.net ?? 0,
    returnedVatCents: returned.get(row.id)?.vat ?? 0,
    cancelled: row.cancelled_by !== null,
  }));
}

/** What the credit notes correcting these invoices gave back, per invoice. */
export async function returnedOn(trx: Executor, invoiceIds: readonly string[]): Promise<Map<string, { net: number; vat: number }>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('commission_invoices')
    .select((eb) => ['corrects_id', eb.fn.sum<number>('net_cents').as('net'), eb.fn.sum<number>('vat_cents').as('vat')])
    .where('corrects_id', 'in', [...invoiceIds])
    .groupBy('corrects_id')
    .execute();
  return new Map(rows.map((row) => [row.corrects_id!, { net: Number(row.net), vat: Number(row.vat) }]));
}
