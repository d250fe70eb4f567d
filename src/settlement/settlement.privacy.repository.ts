// What the ledger keeps about a member. The law keeps the accounting records ten years:
// amounts, dates, accounts and the member's account code stay; a label that quoted the
// person's name is made anonymous. While the member owes something, or has paid in advance,
// their account is open and the erasure waits.
import type { Executor } from '../db/index.ts';
import type { DataSubject, ErasedPerson, PersonalDataHolder } from '../platform/personal-data.ts';
import { scrubText } from '../platform/personal-data.repository.ts';
import { formatEuros } from '../platform/money.ts';
import { t } from '../platform/i18n/index.ts';
import { accountBalanceCents } from './settlement.service.ts';

async function describeLedger(trx: Executor, { memberId }: DataSubject): Promise<Array<Record<string, unknown>>> {
  const rows = await trx
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
    .select(['t.occurred_on', 't.description', 'e.account', 'e.debit_cents', 'e.credit_cents'])
    .where('e.member_id', '=', memberId)
    .orderBy('t.occurred_at')
    .orderBy('e.position')
    .execute();
  return rows.map((row) => ({ le: row.occurred_on, libellé: row.description, compte: row.account, débit: formatEuros(Number(row.debit_cents)), crédit: formatEuros(Number(row.credit_cents)) }));
}

async function openBalance(trx: Executor, { memberId }: DataSubject): Promise<string[]> {
  const balance = await accountBalanceCents(trx, 'member_receivable', { memberId });
  if (balance === 0) return [];
  return [balance > 0 ? t('erasure.reason.balance_owed', { amount: formatEuros(balance) }) : t('erasure.reason.balance_credit', { amount: formatEuros(-balance) })];
}

async function eraseLabels(trx: Executor, person: ErasedPerson): Promise<number> {
  return (await scrubText(trx, 'ledger_transactions', ['description'], person)) + (await scrubText(trx, 'refunds', ['reason', 'actor_label'], person));
}

export const SETTLEMENT_PERSONAL_DATA: PersonalDataHolder = {
  name: t('mydata.section.ledger'),
  describe: describeLedger,
  openReasons: openBalance,
  erase: eraseLabels,
};
