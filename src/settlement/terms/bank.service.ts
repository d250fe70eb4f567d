// Use cases of a shop's bank details changing hands: a change made by a concierge is kept in
// the shop's history (who, when, before → after, masked) and mailed to each merchant of the
// shop in the same transaction; the shop is not paid until a second person confirms it —
// another concierge than its author, or a merchant of the shop from its own login. A swapped
// IBAN is the classic payout fraud: one person alone must never be able to redirect a payout.
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import { assertCanManageShop, type Shop } from '../../shops/index.ts';
import { findAccountById, listAccountsOfShop } from '../../platform/auth/auth.repository.ts';
import { formatDateTime, nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { queueMail, signatureOf } from '../../platform/mail/mail.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { bankChangesOf, findBankChange, insertBankChange, moveBankChange, pendingBankChange, type BankChange } from './bank.repository.ts';
import { bankChangeMail, confirmationRefusal, maskedIban, statusOfNewChange, type BankDetails } from './bank.rules.ts';
import { actorOf } from '../../platform/actor.ts';

export type { BankChange } from './bank.repository.ts';

export interface BankHistory {
  /** The change awaiting a second person, if any: the shop is not paid meanwhile. */
  pending: BankChange | undefined;
  /** The latest changes, newest first. */
  changes: BankChange[];
}

/** The history of a shop's bank details; the caller has checked who may read the shop's terms. */
export async function bankHistoryOf(db: Executor, shopId: string): Promise<BankHistory> {
  const changes = await bankChangesOf(db, shopId);
  return { pending: changes.find((change) => change.status === 'pending'), changes };
}

/** The change of a shop's bank details awaiting confirmation, for whoever may read the shop's terms. */
export async function pendingBankChangeOf(db: Executor, actor: CurrentAccount | null, shopId: string): Promise<BankChange | undefined> {
  assertCanManageShop(actor, shopId);
  return pendingBankChange(db, shopId);
}

/**
 * Records a change of bank details inside the transaction that saves them, the shop's row
 * locked: the change awaiting confirmation before is superseded (whoever confirms it now
 * would confirm details no longer in force), and each merchant of the shop is told.
 */
export async function recordBankChange(trx: Executor, config: Config, actor: CurrentAccount, shop: Shop, before: BankDetails, after: BankDetails, at: string): Promise<void> {
  const previous = await pendingBankChange(trx, shop.id);
  if (previous && !(await moveBankChange(trx, previous.id, 'pending', 'superseded', at))) throw new DomainError('bank_change_not_pending');
  const who = actorOf(actor);
  await insertBankChange(trx, {
    id: newId(),
    shopId: shop.id,
    status: statusOfNewChange(after),
    oldIbanMasked: maskedIban(before.iban),
    newIbanMasked: maskedIban(after.iban),
    oldBic: before.bic,
    newBic: after.bic,
    changedAt: at,
    changedByAccountId: who.accountId,
    changedByLabel: who.label,
    confirmedAt: null,
    confirmedByAccountId: null,
    confirmedByLabel: null,
  });
  await tellMerchants(trx, config, shop, { when: formatDateTime(at, config.timeZone), who: who.label, before, after });
}

/**
 * Queues the mail to every merchant account of the shop, disabled ones included (an account
 * disabled just before the change must not silence its owner); to the shop's own address
 * when it has no merchant account; and always to the conciergerie's own mailbox, which the
 * author cannot have just changed, as she could the shop's address.
 */
async function tellMerchants(trx: Executor, config: Config, shop: Shop, facts: { when: string; who: string; before: BankDetails; after: BankDetails }): Promise<void> {
  const merchants = (await listAccountsOfShop(trx, shop.id)).filter((account) => account.role === 'merchant').map((account) => account.email);
  const shopRecipients = merchants.length > 0 ? merchants : shop.email ? [shop.email] : [];
  const recipients = [...new Set([...shopRecipients, config.conciergerie.email.toLowerCase()])];
  const mail = bankChangeMail({ ...facts, shopName: shop.tradeName, url: `${config.baseUrl}/boutique/${shop.id}/reglement`, phone: config.conciergerie.phone });
  for (const recipient of recipients) await queueMail(trx, recipient, mail, signatureOf(config));
}

/**
 * Confirms the change the page showed (`changeId`), as a second person: another concierge
 * than its author, or a merchant of the shop whose account the author did not open; anyone
 * else is told the shop does not exist.
 * The move is conditional: a change superseded or confirmed meanwhile is refused, except
 * the same person's repeat (a double click), which succeeds.
 */
export async function confirmBankChange(db: Db, actor: CurrentAccount | null, shopId: string, changeId: string): Promise<void> {
  assertCanManageShop(actor, shopId);
  const account = actor!;
  await inTransaction(db, async (trx) => {
    const change = await findBankChange(trx, changeId);
    if (!change || change.shopId !== shopId) throw notFound();
    if (change.status === 'confirmed' && change.confirmedByAccountId === account.id) return;
    const createdByAccountId = (await findAccountById(trx, account.id))?.createdByAccountId ?? null;
    const refusal = confirmationRefusal(change, { id: account.id, createdByAccountId });
    if (refusal) throw new DomainError(refusal);
    const who = actorOf(account);
    if (!(await moveBankChange(trx, change.id, 'pending', 'confirmed', nowIso(), { accountId: account.id, label: who.label }))) throw new DomainError('bank_change_not_pending');
  });
}
