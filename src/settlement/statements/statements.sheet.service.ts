// A statement as its page shows it: its detail (read with the same authorisation: the
// concierge, or a merchant of its shop), the lines that add up to what the shop is paid,
// what the shop has to invoice and its transfer.
import type { Executor } from '../../db/index.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { statementDetail, type StatementDetail } from './statements.service.ts';
import { carriedInto, countingShopInvoice, transferOf, type CountingShopInvoice, type StatementTransfer } from './statements.sheet.repository.ts';
import { invoiceTodoOf, sumLines, type InvoiceTodo, type SumLine } from './statements.sheet.rules.ts';

export interface StatementSheet {
  detail: StatementDetail;
  lines: SumLine[];
  todo: InvoiceTodo;
  /** what the shop writes on its invoice */
  reference: string;
  shopInvoice: CountingShopInvoice | undefined;
  transfer: StatementTransfer | undefined;
}

export async function statementSheet(db: Executor, actor: CurrentAccount | null, statementId: string, page = 1): Promise<StatementSheet> {
  const detail = await statementDetail(db, actor, statementId, page);
  const { statement } = detail;
  const [carried, shopInvoice, transfer] = await Promise.all([carriedInto(db, statement), countingShopInvoice(db, statement.id), transferOf(db, statement.id)]);
  return {
    detail,
    lines: sumLines(statement, carried),
    todo: invoiceTodoOf(statement, shopInvoice !== undefined),
    reference: statement.number,
    shopInvoice,
    transfer,
  };
}
