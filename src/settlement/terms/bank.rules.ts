// Rules of a change of a shop's bank details (IBAN, BIC): the statuses it moves through, when
// a change is one, who may confirm it, and the mail that tells the shop's merchants. One
// person changes, a second confirms: a swapped IBAN is the classic payout fraud. No I/O here.
import { t } from '../../platform/i18n/index.ts';
import type { MailContent } from '../../platform/mail/mail.ts';
import type { ErrorCode } from '../../platform/errors.ts';
import type { StatusTables, Transitions } from '../../platform/transitions.ts';
import { maskIban } from './terms.rules.ts';

export type BankChangeStatus =
  /** Made by one person, awaits a second; the shop is not paid meanwhile. */
  | 'pending'
  /** Confirmed by a second person; or a removal of the IBAN, which can only stop payments. */
  | 'confirmed'
  /** Replaced by a later change before anyone confirmed it. */
  | 'superseded';

/** Each status a change may move to. */
export const BANK_CHANGE_TRANSITIONS: Transitions<BankChangeStatus> = {
  pending: ['confirmed', 'superseded'],
  confirmed: [],
  superseded: [],
};

/** The status column of bank detail changes and its table. */
export const BANK_CHANGES_STATUS_TABLES = {
  'bank_detail_changes.status': BANK_CHANGE_TRANSITIONS,
} as const satisfies StatusTables;

/** A shop's bank details as stored: normalised, null when not given. */
export interface BankDetails {
  iban: string | null;
  bic: string | null;
}

export function bankDetailsChanged(before: BankDetails, after: BankDetails): boolean {
  return before.iban !== after.iban || before.bic !== after.bic;
}

/** A new IBAN awaits a second person; a removed one needs none (nothing will be paid). */
export function statusOfNewChange(after: BankDetails): BankChangeStatus {
  return after.iban === null ? 'confirmed' : 'pending';
}

/** « •••• 0189 », or null without IBAN: what the history keeps of an IBAN. */
export function maskedIban(iban: string | null): string | null {
  return iban === null ? null : maskIban(iban);
}

/** « •••• 0189 → •••• 0143 », « aucun → AGRIFRPP », « AGRIFRPP (inchangé) ». */
export function beforeAfter(before: string | null, after: string | null): string {
  const none = t('terms.bank.none');
  if (before === after) return t('terms.bank.unchanged', { value: after ?? none });
  return t('terms.bank.change', { before: before ?? none, after: after ?? none });
}

/** Who asks to confirm a change: the account, and the concierge who opened it if any. */
export interface Confirmer {
  id: string;
  createdByAccountId: string | null;
}

/**
 * Why `confirmer` may not confirm this change, or undefined when it may. The author never
 * confirms his own change, nor through a merchant account he opened himself (he may have
 * given it his own address); whether the account may act for the shop at all is checked
 * before (a merchant of another shop is not told the change exists).
 */
export function confirmationRefusal(change: { status: BankChangeStatus; changedByAccountId: string | null }, confirmer: Confirmer): ErrorCode | undefined {
  if (change.status !== 'pending') return 'bank_change_not_pending';
  if (change.changedByAccountId === null) return undefined;
  if (change.changedByAccountId === confirmer.id) return 'bank_change_own';
  if (change.changedByAccountId === confirmer.createdByAccountId) return 'bank_change_opened_by_author';
  return undefined;
}

export interface BankChangeMailFacts {
  shopName: string;
  /** « jeudi 3 décembre à 10 h 05 », in the town's time zone. */
  when: string;
  who: string;
  before: BankDetails;
  after: BankDetails;
  /** The merchant's terms page, where the change is confirmed. */
  url: string;
  phone: string;
}

/** The mail to each merchant of the shop: the change, masked, and whom to call if it is not theirs. */
export function bankChangeMail(facts: BankChangeMailFacts): MailContent {
  return {
    subject: t('terms.bank.mail.subject', { shop: facts.shopName }),
    paragraphs: [
      t('terms.bank.mail.hello'),
      t('terms.bank.mail.changed', { shop: facts.shopName, when: facts.when, who: facts.who }),
      t('terms.bank.mail.iban', { change: beforeAfter(maskedIban(facts.before.iban), maskedIban(facts.after.iban)) }),
      t('terms.bank.mail.bic', { change: beforeAfter(facts.before.bic, facts.after.bic) }),
      facts.after.iban === null ? t('terms.bank.mail.removed') : t('terms.bank.mail.held'),
      facts.url,
      t('terms.bank.mail.not_you', { phone: facts.phone }),
    ],
  };
}
