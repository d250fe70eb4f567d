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
 * purchase order of its line, or (a refund of a whole order, or one whose line's purchase order
 * was not handed over) the shop's latest hand-over in that order. One row per refund, each
 * found through primary keys and the order's index: the cost follows the refunds, never the
 * number of purchase orders in the database.
 */
export async function refundsWithHandOver(trx: Executor, statementIds: readonly string[]): Promise<CountedRefund[]> {
  if (statementIds.length === 0) return [];
  const rows = await trx
    .selectFrom('refunds as r')
    .select((eb) => [
      'r.shop_id',
      'r.amount_cents',
      eb.fn
        .coalesce(
          eb
            .selectFrom('order_lines as l')
            .innerJoin('purchase_orders as po', 'po.id', 'l.purchase_order_id')
            .select('po.updated_at')
            .whereRef('l.id', '=', 'r.order_line_id')
            .where('po.status', '=', 'handed_over'),
          // The shop and status are tested inside max(), not in WHERE: there SQLite (without
          // statistics) prefers the index by shop and status and reads the shop's whole history.
          eb
            .selectFrom('purchase_orders as po')
            .select((inner) =>
              inner.fn
                .max(
                  inner
                    .case()
                    .when(inner.and([inner('po.shop_id', '=', inner.ref('r.shop_id')), inner('po.status', '=', 'handed_over')]))
                    .then(inner.ref('po.updated_at'))
                    .end(),
                )
                .as('at'),
            )
            .whereRef('po.order_id', '=', 'r.order_id'),
        )
        .as('handed_over_at'),
    ])
    .where('r.statement_id', 'in', [...statementIds])
    .where('r.shop_id', 'is not', null)
    // A fixed order, so the credit notes of a closing are numbered the same way every time.
    .orderBy('r.at')
    .orderBy('r.id')
    .execute();
  return rows.flatMap((row) => (row.handed_over_at ? [{ shopId: row.shop_id!, amountCents: Number(row.amount_cents), handedOverAt: row.handed_over_at }] : []));
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
