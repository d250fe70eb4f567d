// Settlement: the money of the conciergerie. Its base is the ledger, the append-only record
// of every movement of money, kept in double entry. A transaction records one fact (a
// payment taken at the counter or online, a purchase order handed over, a refund, the
// commission of a period, a payout) as entries; each entry is a debit or a credit, in cents,
// on an account — the till, cards, cheques or online payments on their way to the bank, the
// bank, what a member owes, what the conciergerie owes a shop, its commission and the VAT on
// it — and the debits of a transaction always equal its credits. A balance is a sum of
// entries, never stored. Nothing in the ledger is updated or deleted: a correction is a new
// transaction.
//
// Each shop is paid back per period (a week or a calendar month, its terms). Closing a
// period makes one statement per shop: what it had handed over and the refunds it bore, the
// commission (a rate with the date it starts) and its VAT, and the amount to pay. The shop's
// invoice is matched against the statement (or the conciergerie issues it, under a
// self-billing mandate); the conciergerie invoices its commission, numbered without gaps.
// Settled statements are paid by a payout batch: one SEPA credit-transfer file, approved by
// a second person above a threshold, then sent and confirmed paid. A shop is paid only to
// bank details a second person confirmed: every change of them is kept, masked, and mailed
// to the shop's merchants, and awaits another concierge or a merchant of the shop.
export { LEDGER_ACCOUNTS, balanceOf, buildTransaction, trialBalance, type LedgerAccount, type TrialBalance } from './settlement.rules.ts';
export { accountBalanceCents, conciergeTrialBalance, postCounterActivity, shopBalance, type PostingResult, type ShopBalance } from './settlement.service.ts';
// Posting each money fact of orders in the transaction that records it (app.ts wires it), and the hourly job for any left behind.
export { LEDGER_POSTING_JOB, postMoneyFacts } from './settlement.service.ts';
export { closePeriod, periodsToClose, statementDetail, type ClosingResult } from './statements/statements.service.ts';
export { ratesInForce, shopPayee } from './terms/terms.service.ts';
export { conciergeStatements, type Statement } from './statements/statements.service.ts';
export { periodOf, type Period, type PeriodKind } from './settlement.statements.rules.ts';
export { addCommissionRate, addVatRate, updateTerms } from './terms/terms.service.ts';
export { confirmBankChange, pendingBankChangeOf } from './terms/bank.service.ts';
export { acceptDifference, issueSelfBilledInvoice, recordShopInvoice } from './invoices/invoices.service.ts';
export { moveBatchStep, needsSecondPerson, prepareBatch } from './payouts/payouts.service.ts';
// The ledger's money per period, for the town's monthly figures (reports).
export { moneyPerPeriod, type PeriodMoney } from './exports/exports.service.ts';
