// Settlement: the money of the conciergerie. Its base is the ledger, the append-only record
// of every movement of money, kept in double entry. A transaction records one fact (a
// payment taken at the counter, a purchase order handed over) as entries; each entry is a
// debit or a credit, in cents, on an account — the till, cards or cheques on their way to
// the bank, what a member owes, what the conciergerie owes a shop — and the debits of a
// transaction always equal its credits. A balance is the sum of an account's debits minus
// its credits, computed from the entries, never stored. Nothing in the ledger is updated or
// deleted: a correction is a new transaction.
export { LEDGER_ACCOUNTS, balanceOf, buildTransaction, trialBalance, type LedgerAccount, type TrialBalance } from './settlement.rules.ts';
export { accountBalanceCents, conciergeTrialBalance, postCounterActivity, shopBalance, type PostingResult, type ShopBalance } from './settlement.service.ts';
