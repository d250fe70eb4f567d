// The columns of the money tables people download: statements, payouts and the town's
// months. Headers are the French words of the pages; amounts stay cents until the file.
import { t, tDynamic } from '../../platform/i18n/index.ts';
import type { Column } from '../../platform/spreadsheets.ts';
import type { PayoutLine, StatementLine } from './exports.repository.ts';

/** The town's money in one month of its calendar. */
export interface MonthFigures {
  /** `YYYY-MM`. */
  month: string;
  /** Payments received (counter and online) less refunds. */
  collectedCents: number;
  /** Transfers to the shops confirmed by the bank. */
  paidOutCents: number;
  commissionCents: number;
  vatCents: number;
  /** Orders placed (cancelled ones left out). */
  orders: number;
}

export type NamedStatement = StatementLine & { shopName: string };
export type NamedPayout = PayoutLine & { shopName: string };

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « 2026-12 » → « décembre 2026 ». */
export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** « FR7630006000011234567890189 » → « FR76 •••• 0189 »: enough to recognise an account, not to use it. */
export function maskedIban(iban: string): string {
  return `${iban.slice(0, 4)} •••• ${iban.slice(-4)}`;
}

export const STATEMENT_COLUMNS: ReadonlyArray<Column<NamedStatement>> = [
  { header: t('money.col.shop'), kind: 'text', value: (row) => row.shopName, width: 32 },
  { header: t('money.col.period_kind'), kind: 'text', value: (row) => tDynamic(`money.period_kind.${row.periodKind}`), width: 14 },
  { header: t('money.col.period_start'), kind: 'date', value: (row) => row.periodStart },
  { header: t('money.col.period_end'), kind: 'date', value: (row) => row.periodEnd },
  { header: t('money.col.sales'), kind: 'cents', value: (row) => row.salesCents },
  { header: t('money.col.refunds'), kind: 'cents', value: (row) => row.refundsCents },
  { header: t('money.col.commission'), kind: 'cents', value: (row) => row.commissionCents },
  { header: t('money.col.vat'), kind: 'cents', value: (row) => row.vatCents },
  { header: t('money.col.payable'), kind: 'cents', value: (row) => row.payableCents },
  { header: t('money.col.status'), kind: 'text', value: (row) => tDynamic(`money.statement_status.${row.status}`), width: 24 },
];

export const PAYOUT_COLUMNS: ReadonlyArray<Column<NamedPayout>> = [
  { header: t('money.col.batch'), kind: 'text', value: (row) => row.messageId, width: 30 },
  { header: t('money.col.execution_date'), kind: 'date', value: (row) => row.executionDate },
  { header: t('money.col.shop'), kind: 'text', value: (row) => row.shopName, width: 32 },
  { header: t('money.col.creditor'), kind: 'text', value: (row) => row.creditorName, width: 32 },
  { header: t('money.col.iban'), kind: 'text', value: (row) => maskedIban(row.iban), width: 18 },
  { header: t('money.col.amount'), kind: 'cents', value: (row) => row.amountCents },
  { header: t('money.col.remittance'), kind: 'text', value: (row) => row.remittance, width: 36 },
  { header: t('money.col.status'), kind: 'text', value: (row) => tDynamic(`money.batch_status.${row.batchStatus}`), width: 20 },
];

export const MONTH_COLUMNS: ReadonlyArray<Column<MonthFigures>> = [
  { header: t('money.col.month'), kind: 'text', value: (row) => monthLabel(row.month), width: 18 },
  { header: t('money.col.collected'), kind: 'cents', value: (row) => row.collectedCents, width: 18 },
  { header: t('money.col.paid_out'), kind: 'cents', value: (row) => row.paidOutCents, width: 18 },
  { header: t('money.col.commission'), kind: 'cents', value: (row) => row.commissionCents },
  { header: t('money.col.vat'), kind: 'cents', value: (row) => row.vatCents },
  { header: t('money.col.orders'), kind: 'integer', value: (row) => row.orders },
];
