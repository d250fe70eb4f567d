// Setting up and turning off the second step of login (a 6-digit code from an authenticator
// app), offered to concierge and town accounts: those can approve payouts and read every
// member's data, so a guessed or leaked password alone must not be enough.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { formatDateTime, nowIso, nowMs } from '../clock.ts';
import { t } from '../i18n/index.ts';
import { queueMail, signatureOf } from '../mail/mail.ts';
import { DomainError } from '../errors.ts';
import type { CurrentAccount, Role } from '../page-context.ts';
import { openText, sealText } from '../sealing.ts';
import { clearTotp, deleteOtherSessionsOf, deleteSessionsOf, enableTotp, findAccountWithHash, findTotpState, setPendingTotpSecret } from './auth.repository.ts';
import { checkAccountCode } from './auth.service.ts';
import { verifyPassword } from './passwords.ts';
import { matchTotpStep, newTotpSecret, secretInGroups, TOTP_SEALING_LABEL, totpQrSvg, totpUri } from './totp.ts';

/** The roles offered (and, when the setting says so, required) a second step. */
export const TOTP_ROLES: readonly Role[] = ['concierge', 'town'];

/**
 * Where an account stands:
 * - off: no secret;
 * - pending: a secret was made and is shown until a code from it confirms it;
 * - on: every login asks a code.
 */
export type TotpSetup =
  | { status: 'off' }
  | { status: 'pending'; secretGroups: string; qrImage: string }
  | { status: 'on'; enabledAt: string };

function assertOffered(actor: CurrentAccount | null): CurrentAccount {
  if (!actor || !TOTP_ROLES.includes(actor.role)) throw new DomainError('not_found');
  return actor;
}

function openSecret(config: Config, accountId: string, sealed: string): string {
  return openText(config.sessionSecret, TOTP_SEALING_LABEL, accountId, sealed);
}

export async function totpSetupOf(db: Db, config: Config, actor: CurrentAccount | null): Promise<TotpSetup> {
  const account = assertOffered(actor);
  const state = await findTotpState(db, account.id);
  if (state?.enabledAt) return { status: 'on', enabledAt: state.enabledAt };
  if (!state?.sealedSecret) return { status: 'off' };
  const secret = openSecret(config, account.id, state.sealedSecret);
  const svg = await totpQrSvg(totpUri(secret, config.conciergerie.name, account.email));
  return { status: 'pending', secretGroups: secretInGroups(secret), qrImage: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** Makes a new secret to scan (replacing one not confirmed yet); never replaces an enabled one. */
export async function startTotpSetup(db: Db, config: Config, actor: CurrentAccount | null): Promise<void> {
  const account = assertOffered(actor);
  const sealed = sealText(config.sessionSecret, TOTP_SEALING_LABEL, account.id, newTotpSecret());
  if (!(await setPendingTotpSecret(db, account.id, sealed))) throw new DomainError('not_found');
}

/**
 * Enables the second step once the account's password and a code from the scanned secret
 * prove the person and the app. Without the password, someone at a screen left unattended
 * could tie the account to their own phone and lock its owner out. The confirming code
 * counts as used. Every other session of the account ends: one opened
 * elsewhere with the password alone would otherwise keep its access. A mistyped code here is
 * not counted as a failed login: the person is already logged in and only proves their phone.
 */
export async function confirmTotpSetup(
  db: Db,
  config: Config,
  actor: CurrentAccount | null,
  proof: { password: string; code: string },
  currentSessionId: string,
): Promise<void> {
  const account = assertOffered(actor);
  const state = await findTotpState(db, account.id);
  if (state?.enabledAt) return;
  const found = await findAccountWithHash(db, account.email);
  if (!found?.passwordHash || !(await verifyPassword(found.passwordHash, proof.password))) throw new DomainError('totp_password_wrong', 'password');
  const code = proof.code;
  if (!state?.sealedSecret) throw new DomainError('totp_setup_changed', 'code');
  const step = matchTotpStep(openSecret(config, account.id, state.sealedSecret), code, nowMs());
  if (step === null) throw new DomainError('totp_invalid', 'code');
  await db.transaction().execute(async (trx) => {
    if (!(await enableTotp(trx, account.id, state.sealedSecret!, step))) throw new DomainError('totp_setup_changed', 'code');
    await deleteOtherSessionsOf(trx, account.id, currentSessionId);
  });
}

/**
 * Turns the second step off, on a current code (someone at an unattended screen cannot);
 * refused while the setting requires it of staff.
 */
export async function turnOffTotp(db: Db, config: Config, actor: CurrentAccount | null, code: string): Promise<void> {
  const account = assertOffered(actor);
  if (config.requireTotpForStaff) throw new DomainError('totp_required', 'code');
  await checkAccountCode(db, config, account, code);
  await clearTotp(db, account.id);
}

/** True for a concierge or town account that must set up a second step before anything else. */
export async function mustSetUpTotp(db: Db, config: Config, actor: CurrentAccount | null): Promise<boolean> {
  if (!config.requireTotpForStaff || !actor || !TOTP_ROLES.includes(actor.role)) return false;
  return !(await findTotpState(db, actor.id))?.enabledAt;
}

/**
 * For a person who lost the phone with the app: whoever runs the server (and can read the
 * database anyway) removes the second step from the command line. Every session of the
 * account ends and its owner is mailed, so a removal nobody asked for is seen at once; the
 * next login asks for the password alone, then for a new app when the setting requires one.
 */
export async function removeTotpOf(db: Db, config: Config, email: string): Promise<{ displayName: string; email: string }> {
  const account = (await findAccountWithHash(db, email))?.account;
  if (!account) throw new DomainError('not_found');
  if (!account.totpEnabled) throw new DomainError('totp_not_on');
  await db.transaction().execute(async (trx) => {
    await clearTotp(trx, account.id);
    await deleteSessionsOf(trx, account.id);
    const when = formatDateTime(nowIso(), config.timeZone);
    const mail = {
      subject: t('totp.removed_mail.subject'),
      paragraphs: [t('totp.removed_mail.hello', { name: account.displayName }), t('totp.removed_mail.done', { when }), t('totp.removed_mail.next'), t('totp.removed_mail.not_you', { phone: config.conciergerie.phone })],
    };
    await queueMail(trx, account.email, mail, signatureOf(config));
  });
  return { displayName: account.displayName, email: account.email };
}
