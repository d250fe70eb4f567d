// SQL of the changes of shops' bank details: each change as it was made (masked), the one
// awaiting confirmation, and the conditional move of its status.
import type { Executor } from '../../db/index.ts';
import type { BankDetailChangesTable } from '../../db/schema.ts';
import { canMove } from '../../platform/transitions.ts';
import { BANK_CHANGE_TRANSITIONS, type BankChangeStatus } from './bank.rules.ts';

/** Changes shown on a shop's terms page: far more than a shop makes in years. */
const HISTORY_LIMIT = 50;

export interface BankChange {
  id: string;
  shopId: string;
  status: BankChangeStatus;
  /** « •••• 0189 »; null: no IBAN. */
  oldIbanMasked: string | null;
  newIbanMasked: string | null;
  oldBic: string | null;
  newBic: string | null;
  changedAt: string;
  /** null: found in place when the changes started to be kept. */
  changedByAccountId: string | null;
  changedByLabel: string;
  confirmedAt: string | null;
  confirmedByAccountId: string | null;
  confirmedByLabel: string | null;
}

/** Who confirmed a change, stamped with the instant by its move to « confirmed ». */
export interface Confirmer {
  accountId: string;
  label: string;
}

function toBankChange(row: BankDetailChangesTable): BankChange {
  return {
    id: row.id,
    shopId: row.shop_id,
    status: row.status as BankChangeStatus,
    oldIbanMasked: row.old_iban_masked,
    newIbanMasked: row.new_iban_masked,
    oldBic: row.old_bic,
    newBic: row.new_bic,
    changedAt: row.changed_at,
    changedByAccountId: row.changed_by_account_id,
    changedByLabel: row.changed_by_label,
    confirmedAt: row.confirmed_at,
    confirmedByAccountId: row.confirmed_by_account_id,
    confirmedByLabel: row.confirmed_by_label,
  };
}

export async function insertBankChange(trx: Executor, change: BankChange): Promise<void> {
  await trx
    .insertInto('bank_detail_changes')
    .values({
      id: change.id,
      shop_id: change.shopId,
      status: change.status,
      old_iban_masked: change.oldIbanMasked,
      new_iban_masked: change.newIbanMasked,
      old_bic: change.oldBic,
      new_bic: change.newBic,
      changed_at: change.changedAt,
      changed_by_account_id: change.changedByAccountId,
      changed_by_label: change.changedByLabel,
      confirmed_at: change.confirmedAt,
      confirmed_by_account_id: change.confirmedByAccountId,
      confirmed_by_label: change.confirmedByLabel,
    })
    .execute();
}

export async function findBankChange(db: Executor, id: string): Promise<BankChange | undefined> {
  const row = await db.selectFrom('bank_detail_changes').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toBankChange(row) : undefined;
}

/** The change of a shop awaiting confirmation: one at most (a unique index says so). */
export async function pendingBankChange(db: Executor, shopId: string): Promise<BankChange | undefined> {
  const row = await db.selectFrom('bank_detail_changes').selectAll().where('shop_id', '=', shopId).where('status', '=', 'pending').executeTakeFirst();
  return row ? toBankChange(row) : undefined;
}

/** A shop's latest changes, newest first. */
export async function bankChangesOf(db: Executor, shopId: string): Promise<BankChange[]> {
  const rows = await db
    .selectFrom('bank_detail_changes')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(HISTORY_LIMIT)
    .execute();
  return rows.map(toBankChange);
}

/**
 * The one move of a change's status: only if its table allows it and the change still has
 * status `from` (of two concurrent moves, one wins); a confirmation is stamped with who and
 * when. False when nothing moved.
 */
export async function moveBankChange(trx: Executor, id: string, from: BankChangeStatus, to: BankChangeStatus, at: string, confirmer?: Confirmer): Promise<boolean> {
  if (!canMove(BANK_CHANGE_TRANSITIONS, from, to)) return false;
  const stamp = to === 'confirmed' && confirmer ? { confirmed_at: at, confirmed_by_account_id: confirmer.accountId, confirmed_by_label: confirmer.label } : {};
  const result = await trx
    .updateTable('bank_detail_changes')
    .set({ status: to, ...stamp })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
