// The rules of the ledger, without I/O: the accounts and what each means, how a transaction is
// built (debits equal credits, whole non-negative cents, one side per entry), balances and
// the trial balance, and the postings of the counter's facts (a payment, a hand-over).
import type { CounterPaymentMethod } from '../orders/index.ts';
import type { Cents } from '../platform/money.ts';

export type LedgerAccount =
  | 'cash'
  | 'card_clearing'
  | 'cheque_clearing'
  | 'online_clearing'
  | 'bank'
  | 'member_receivable'
  | 'shop_payable'
  | 'commission_income'
  | 'vat_on_commission';

/** Which owner an account's entries name: none, a member or a shop. */
export type Dimension = 'none' | 'member' | 'shop';

/** Each account, what it holds and whose it is. The order is the order of the trial balance. */
export const LEDGER_ACCOUNTS: Readonly<Record<LedgerAccount, { dimension: Dimension; meaning: string }>> = {
  cash: { dimension: 'none', meaning: 'espèces in the till' },
  card_clearing: { dimension: 'none', meaning: 'card payments awaiting the bank' },
  cheque_clearing: { dimension: 'none', meaning: 'cheques to deposit' },
  online_clearing: { dimension: 'none', meaning: 'online payments held by the payment provider' },
  bank: { dimension: 'none', meaning: 'the conciergerie’s bank account, from which shops are paid' },
  member_receivable: { dimension: 'member', meaning: 'what a member owes for goods handed over (negative: paid in advance)' },
  shop_payable: { dimension: 'shop', meaning: 'what the conciergerie owes a shop: its sales, less refunds, commission and VAT, less payouts' },
  commission_income: { dimension: 'none', meaning: 'the conciergerie’s commission, before VAT' },
  vat_on_commission: { dimension: 'none', meaning: 'VAT collected on the commission, owed to the State' },
};
export const ACCOUNT_ORDER = Object.keys(LEDGER_ACCOUNTS) as LedgerAccount[];

/** How money came in: at the counter (cash, card, cheque) or online. A refund goes back the same way. */
export type MoneyMethod = CounterPaymentMethod | 'online';

/** The account a payment lands on (and a refund leaves), by method. */
export const PAYMENT_ACCOUNT: Readonly<Record<MoneyMethod, LedgerAccount>> = {
  cash: 'cash',
  card: 'card_clearing',
  cheque: 'cheque_clearing',
  online: 'online_clearing',
};

/** One line of a transaction to build: an amount on the debit side or on the credit side. */
export interface Posting {
  account: LedgerAccount;
  shopId?: string | null;
  memberId?: string | null;
  debitCents: Cents;
  creditCents: Cents;
}

export interface EntryDraft {
  account: LedgerAccount;
  shopId: string | null;
  memberId: string | null;
  debitCents: Cents;
  creditCents: Cents;
  position: number;
}

/** A transaction that would break double entry: a bug in the caller, never a user's mistake. */
export class InvalidTransactionError extends Error {
  constructor(reason: string) {
    super(`Invalid ledger transaction: ${reason}`);
    this.name = 'InvalidTransactionError';
  }
}

export function debit(account: LedgerAccount, cents: Cents, owner: { shopId?: string; memberId?: string } = {}): Posting {
  return { account, ...owner, debitCents: cents, creditCents: 0 };
}

export function credit(account: LedgerAccount, cents: Cents, owner: { shopId?: string; memberId?: string } = {}): Posting {
  return { account, ...owner, debitCents: 0, creditCents: cents };
}

function isCents(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function checkPosting(posting: Posting): void {
  if (!(posting.account in LEDGER_ACCOUNTS)) throw new InvalidTransactionError(`unknown account ${posting.account}`);
  if (!isCents(posting.debitCents) || !isCents(posting.creditCents)) throw new InvalidTransactionError('amounts are whole non-negative cents');
  if ((posting.debitCents > 0) === (posting.creditCents > 0)) throw new InvalidTransactionError('an entry is either a debit or a credit');
  const dimension = LEDGER_ACCOUNTS[posting.account].dimension;
  if ((dimension === 'shop') !== Boolean(posting.shopId)) throw new InvalidTransactionError(`${posting.account} names a shop only when it is a shop's`);
  if ((dimension === 'member') !== Boolean(posting.memberId)) throw new InvalidTransactionError(`${posting.account} names a member only when it is a member's`);
}

/**
 * The entries of a transaction, in order. Throws when they would not balance (debits ≠
 * credits, or nothing moves), when an amount is negative or fractional, when an entry is
 * both a debit and a credit, or names the wrong owner.
 */
export function buildTransaction(postings: readonly Posting[]): EntryDraft[] {
  if (postings.length < 2) throw new InvalidTransactionError('a transaction has at least two entries');
  postings.forEach(checkPosting);
  const { debitCents, creditCents } = totalsOf(postings);
  if (debitCents !== creditCents) throw new InvalidTransactionError(`debits ${debitCents} ≠ credits ${creditCents}`);
  if (!Number.isSafeInteger(debitCents)) throw new InvalidTransactionError('amounts too large');
  return postings.map((posting, position) => ({
    account: posting.account,
    shopId: posting.shopId ?? null,
    memberId: posting.memberId ?? null,
    debitCents: posting.debitCents,
    creditCents: posting.creditCents,
    position,
  }));
}

export function totalsOf(entries: ReadonlyArray<{ debitCents: Cents; creditCents: Cents }>): { debitCents: Cents; creditCents: Cents } {
  let debitCents = 0;
  let creditCents = 0;
  for (const entry of entries) {
    debitCents += entry.debitCents;
    creditCents += entry.creditCents;
  }
  return { debitCents, creditCents };
}

/** Debits minus credits: positive for what is held or owed to us, negative for what we owe. */
export function balanceOf(entries: ReadonlyArray<{ debitCents: Cents; creditCents: Cents }>): Cents {
  const totals = totalsOf(entries);
  return totals.debitCents - totals.creditCents;
}

export interface AccountTotals {
  account: LedgerAccount;
  debitCents: Cents;
  creditCents: Cents;
}

export interface TrialBalanceLine extends AccountTotals {
  balanceCents: Cents;
}

export interface TrialBalance {
  lines: TrialBalanceLine[];
  totalDebitCents: Cents;
  totalCreditCents: Cents;
  /** Total debits equal total credits: true whenever every transaction balanced. */
  balanced: boolean;
}

/** One line per account (every account, in the order of LEDGER_ACCOUNTS), then the totals. */
export function trialBalance(rows: readonly AccountTotals[]): TrialBalance {
  const lines = ACCOUNT_ORDER.map((account) => {
    const own = rows.filter((row) => row.account === account);
    const totals = totalsOf(own);
    return { account, ...totals, balanceCents: totals.debitCents - totals.creditCents };
  });
  const totals = totalsOf(rows);
  return { lines, totalDebitCents: totals.debitCents, totalCreditCents: totals.creditCents, balanced: totals.debitCents === totals.creditCents };
}

// ---- the counter's facts ----

/** A payment taken at the counter: the money is in the till (or on its way to the bank), the member owes that much less. */
export function counterPaymentPostings(payment: { method: MoneyMethod; amountCents: Cents; memberId: string }): Posting[] {
  return [debit(PAYMENT_ACCOUNT[payment.method], payment.amountCents), credit('member_receivable', payment.amountCents, { memberId: payment.memberId })];
}

/** A shop's purchase order handed over: the member owes its total, the conciergerie owes it to the shop. */
export function handOverPostings(handOver: { shopId: string; memberId: string; totalCents: Cents }): Posting[] {
  return [debit('member_receivable', handOver.totalCents, { memberId: handOver.memberId }), credit('shop_payable', handOver.totalCents, { shopId: handOver.shopId })];
}

// ---- payments online, refunds, commission, payouts ----

/** A payment made online: the provider holds the money, the member owes that much less. */
export function onlinePaymentPostings(payment: { amountCents: Cents; memberId: string }): Posting[] {
  return counterPaymentPostings({ method: 'online', ...payment });
}

/**
 * Money given back the way it came. When the refunded goods had been handed over, the shop
 * bears it (its sales shrink); otherwise the member had paid for goods never handed over
 * and their advance shrinks.
 */
export function refundPostings(refund: { method: MoneyMethod; amountCents: Cents; memberId: string; shopId: string | null }): Posting[] {
  const borne = refund.shopId ? debit('shop_payable', refund.amountCents, { shopId: refund.shopId }) : debit('member_receivable', refund.amountCents, { memberId: refund.memberId });
  return [borne, credit(PAYMENT_ACCOUNT[refund.method], refund.amountCents)];
}

/** A statement closed: the commission and its VAT are taken from what the shop is owed. */
export function commissionPostings(statement: { shopId: string; commissionCents: Cents; vatCents: Cents }): Posting[] | undefined {
  const total = statement.commissionCents + statement.vatCents;
  if (total <= 0) return undefined;
  const postings = [debit('shop_payable', total, { shopId: statement.shopId })];
  if (statement.commissionCents > 0) postings.push(credit('commission_income', statement.commissionCents));
  if (statement.vatCents > 0) postings.push(credit('vat_on_commission', statement.vatCents));
  return postings;
}

/** A payout confirmed by the bank: the shop is owed that much less, the bank holds that much less. */
export function payoutPostings(payout: { shopId: string; amountCents: Cents }): Posting[] {
  return [debit('shop_payable', payout.amountCents, { shopId: payout.shopId }), credit('bank', payout.amountCents)];
}
