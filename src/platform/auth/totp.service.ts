// Setting up and turning off the second step of login (a 6-digit code from an authenticator
// app), offered to concierge and town accounts: those can approve payouts and read every
// member's data, so a guessed or leaked password alone must not be enough.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { nowMs } from '../clock.ts';
import { DomainError } from '../errors.ts';
import type { CurrentAccount, Role } from '../page-context.ts';
import { openText, sealText } from '../sealing.ts';
import { clearTotp, deleteOtherSessionsOf, enableTotp, findTotpState, setPendingTotpSecret } from './auth.repository.ts';
import { checkAccountCode } from './auth.service.ts';
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
 * Enables the second step once a code from the scanned secret proves the app holds it. The
 * confirming code counts as used. Every other session of the account ends: one opened
 * elsewhere with the password alone would otherwise keep its access. A mistyped code here is
 * not counted as a failed login: the person is already logged in and only proves their phone.
 */
export async function confirmTotpSetup(db: Db, config: Config, actor: CurrentAccount | null, code: string, currentSessionId: string): Promise<void> {
  const account = assertOffered(actor);
  const state = await findTotpState(db, account.id);
  if (state?.enabledAt) return;
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
