// A member's site access, for their data export and their erasure. Erased, the account stays
// as a disabled row (history rows point at it) with no e-mail of the person, no password, no
// second factor; its sessions, password links and login throttles go, which logs them out.
import type { Executor } from '../../db/index.ts';
import type { DataSubject, ErasedPerson, PersonalDataHolder } from '../personal-data.ts';
import { scrubText } from '../personal-data.repository.ts';
import { nowIso } from '../clock.ts';
import { t } from '../i18n/index.ts';

async function describeAccount(trx: Executor, { memberId }: DataSubject): Promise<Array<Record<string, unknown>>> {
  const rows = await trx.selectFrom('accounts').select(['email', 'display_name', 'created_at', 'last_login_at', 'disabled_at']).where('member_id', '=', memberId).execute();
  return rows.map((row) => ({ identifiant: row.email, nom: row.display_name, ouvert_le: row.created_at, dernière_connexion: row.last_login_at, désactivé_le: row.disabled_at }));
}

/** An address that names nobody and can receive nothing (the .invalid domain is reserved). */
export function erasedLogin(accountId: string): string {
  return `efface-${accountId}@adherent.invalid`;
}

async function eraseAccount(trx: Executor, person: ErasedPerson): Promise<number> {
  const accounts = await trx.selectFrom('accounts').select(['id', 'email']).where('member_id', '=', person.memberId).execute();
  for (const account of accounts) {
    await trx
      .updateTable('accounts')
      .set({ email: erasedLogin(account.id), display_name: person.replacement, password_hash: null, totp_secret: null, totp_enabled_at: null, totp_last_step: null, disabled_at: nowIso() })
      .where('id', '=', account.id)
      .execute();
    await trx.deleteFrom('sessions').where('account_id', '=', account.id).execute();
    await trx.deleteFrom('password_resets').where('account_id', '=', account.id).execute();
    await trx.deleteFrom('login_throttles').where('email', '=', account.email).execute();
  }
  if (person.email) await trx.deleteFrom('login_throttles').where('email', '=', person.email).execute();
  // Staff accounts' names stay; only a label that quotes the member changes.
  return accounts.length + (await scrubText(trx, 'accounts', ['display_name'], person));
}

export const ACCOUNT_PERSONAL_DATA: PersonalDataHolder = {
  name: t('mydata.section.account'),
  describe: describeAccount,
  openReasons: async () => [],
  erase: eraseAccount,
};
