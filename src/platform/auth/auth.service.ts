// Use cases of accounts: log in, password links (reset and invitation), create, disable.
// A password link is a credential: its token is stored only as a hash, the mail that carries
// it keeps it sealed for the sending worker (queuePersonalMail), and it is shown on a screen
// only to its owner (the first concierge's terminal) or printed for a resident by hand.
import { createHash } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { addSeconds, nowIso, nowMs } from '../clock.ts';
import { DomainError, notFound } from '../errors.ts';
import { t } from '../i18n/index.ts';
import { newId, newToken } from '../ids.ts';
import type { Job } from '../jobs.ts';
import { PERSONAL_LINK, queuePersonalMail, signatureOf } from '../mail/mail.ts';
import type { CurrentAccount, Role } from '../page-context.ts';
import {
  clearLoginFailures,
  consumePasswordLink,
  countLoginFailure,
  countPasswordLinksSince,
  deleteExpiredSessions,
  forgetRateLimitWindows,
  deleteSessionsOf,
  disableAccountRow,
  emailExists,
  enableAccountRow,
  findAccountById,
  findAccountWithHash,
  findLoginLock,
  findTotpState,
  findValidPasswordLink,
  forgetOldLoginFailures,
  hasAccountWithRole,
  insertAccount,
  insertPasswordLink,
  lockLogin,
  recordLogin,
  revokePasswordLinksOf,
  setPasswordHash,
  useTotpStep,
  type Account,
} from './auth.repository.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { lockMinutesAfter, RESET_LINKS_PER_HOUR, throttleKeyOf } from './login-throttle.ts';
import { passwordProblem } from './password-strength.ts';
import { matchTotpStep, TOTP_SEALING_LABEL } from './totp.ts';
import { openText } from '../sealing.ts';
import { assertConcierge } from '../actor.ts';

const RESET_LINK_SECONDS = 60 * 60;
const INVITE_LINK_SECONDS = 7 * 24 * 60 * 60;

function toCurrent(account: Account): CurrentAccount {
  const { id, email, role, displayName, shopId, memberId } = account;
  return { id, email, role, displayName, shopId, memberId };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * What a right password leads to: the account is logged in, or, when it logs in in two steps,
 * a code from its authenticator app is still due (`codeRequired`) and nothing is granted yet.
 */
export interface PasswordOutcome {
  account: CurrentAccount;
  codeRequired: boolean;
}

/**
 * Checks an e-mail and password. Wrong passwords are counted per address tried (known or
 * not, so the answer never says whether an account exists); past a few in a row the address
 * waits longer after each, whatever client address the tries come from. For an account with
 * a second step, the count is cleared only by a right code: otherwise someone who knows the
 * password would get a fresh handful of code guesses after each wait.
 */
export async function authenticate(db: Db, email: string, password: string): Promise<PasswordOutcome> {
  const key = throttleKeyOf(email);
  await refuseWhileLocked(db, key);
  const found = await findAccountWithHash(db, email);
  const valid = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!found || !found.passwordHash || !valid) {
    await recordFailure(db, key);
    throw new DomainError('invalid_credentials');
  }
  if (found.account.disabledAt) throw new DomainError('account_disabled');
  if (found.account.totpEnabled) return { account: toCurrent(found.account), codeRequired: true };
  await clearLoginFailures(db, key);
  await recordLogin(db, found.account.id);
  return { account: toCurrent(found.account), codeRequired: false };
}

async function refuseWhileLocked(db: Db, key: string): Promise<void> {
  const lockedUntil = await findLoginLock(db, key);
  if (lockedUntil && lockedUntil > nowIso()) throw new DomainError('login_locked', undefined, { minutes: Math.max(1, Math.ceil((Date.parse(lockedUntil) - nowMs()) / 60_000)) });
}

/**
 * Checks a code of the account's authenticator app. A wrong code counts like a wrong
 * password (same counter, same waits); a code is accepted once: the same code again, or an
 * older one, is refused. Throws unless the code is right and new.
 */
export async function checkAccountCode(db: Db, config: Config, account: Pick<CurrentAccount, 'id' | 'email'>, code: string): Promise<void> {
  const key = throttleKeyOf(account.email);
  await refuseWhileLocked(db, key);
  const state = await findTotpState(db, account.id);
  if (!state?.sealedSecret || !state.enabledAt) throw new DomainError('totp_invalid', 'code');
  const secret = openText(config.sessionSecret, TOTP_SEALING_LABEL, account.id, state.sealedSecret);
  const step = matchTotpStep(secret, code, nowMs());
  if (step === null) {
    await recordFailure(db, key);
    throw new DomainError('totp_invalid', 'code');
  }
  if (!(await useTotpStep(db, account.id, step))) {
    await recordFailure(db, key);
    throw new DomainError('totp_used', 'code');
  }
  await clearLoginFailures(db, key);
}

/** The second step of login: the account whose password was right gives a code of its app. */
export async function authenticateCode(db: Db, config: Config, accountId: string, code: string): Promise<CurrentAccount> {
  const account = await findAccountById(db, accountId);
  if (!account || !account.totpEnabled) throw new DomainError('login_code_expired');
  if (account.disabledAt) throw new DomainError('account_disabled');
  await checkAccountCode(db, config, account, code);
  await recordLogin(db, account.id);
  return toCurrent(account);
}

/**
 * Refuses a password a guesser would try early: very common ones, keyboard rows and
 * repeats, and those holding the person's e-mail or name (or the conciergerie's). Every
 * place where a password is chosen calls this before hashing it.
 */
export async function checkNewPassword(config: Config, person: { email: string; displayName: string }, password: string): Promise<void> {
  const problem = await passwordProblem(password, {
    email: person.email,
    displayName: person.displayName,
    siteName: config.conciergerie.name,
    town: config.conciergerie.town,
  });
  if (problem) throw new DomainError(problem, 'password');
}

async function recordFailure(db: Db, key: string): Promise<void> {
  const minutes = lockMinutesAfter(await countLoginFailure(db, key));
  if (minutes > 0) await lockLogin(db, key, addSeconds(nowIso(), minutes * 60));
}

/** The account behind a session, or null when it was disabled or removed since. */
export async function loadSessionAccount(db: Db, accountId: string): Promise<CurrentAccount | null> {
  const account = await findAccountById(db, accountId);
  return account && !account.disabledAt ? toCurrent(account) : null;
}

export interface PasswordLink {
  link: string;
  expiresAt: string;
}

/** A fresh one-time link to choose the account's password; only the token's hash is kept. */
async function issuePasswordLink(db: Executor, config: Config, accountId: string, seconds: number): Promise<PasswordLink> {
  const token = newToken();
  const expiresAt = addSeconds(nowIso(), seconds);
  await insertPasswordLink(db, { tokenHash: hashToken(token), accountId, expiresAt });
  return { link: `${config.baseUrl}/mot-de-passe/${token}`, expiresAt };
}

async function queuePasswordLink(db: Executor, config: Config, account: Account, kind: 'reset' | 'invite'): Promise<void> {
  const seconds = kind === 'reset' ? RESET_LINK_SECONDS : INVITE_LINK_SECONDS;
  const { link } = await issuePasswordLink(db, config, account.id, seconds);
  const site = config.conciergerie.name;
  const content =
    kind === 'reset'
      ? {
          subject: t('mail.reset.subject'),
          paragraphs: [t('mail.reset.hello', { name: account.displayName }), t('mail.reset.body', { site }), PERSONAL_LINK, t('mail.reset.ignore')],
        }
      : {
          subject: t('mail.invite.subject', { site }),
          paragraphs: [
            t('mail.reset.hello', { name: account.displayName }),
            t('mail.invite.body', { site, role: t(`role.${account.role}`) }),
            PERSONAL_LINK,
            t('mail.invite.help', { phone: config.conciergerie.phone }),
          ],
        };
  await queuePersonalMail(db, config, account.email, content, signatureOf(config), link);
}

/** Always answers the same way, whether or not the address has an account. */
export async function requestPasswordReset(db: Db, config: Config, email: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const found = await findAccountWithHash(trx, email);
    if (!found || found.account.disabledAt) return;
    // Someone asking again and again fills nobody's mailbox: a few links an hour, then silence.
    if ((await countPasswordLinksSince(trx, found.account.id, addSeconds(nowIso(), -3600))) >= RESET_LINKS_PER_HOUR) return;
    await queuePasswordLink(trx, config, found.account, 'reset');
  });
}

export async function checkPasswordLink(db: Db, token: string): Promise<void> {
  if (!(await findValidPasswordLink(db, hashToken(token)))) throw new DomainError('reset_link_invalid');
}

/**
 * Sets the password through a one-time link and returns the account to log in. Whoever knew
 * the old password or held another link loses it: every session of the account ends (the
 * caller opens a new one) and every other outstanding link is revoked. A password too easy to
 * guess is refused before anything changes (the link stays usable). A link never skips the
 * second step: an account with one must still give a code (`codeRequired`). Without a second
 * step, the waits after wrong passwords end too: anyone can type wrong passwords for an
 * address, only its owner reads the link, so a stranger cannot keep the owner out.
 */
export async function resetPassword(db: Db, config: Config, token: string, password: string): Promise<PasswordOutcome> {
  const owner = await findValidPasswordLink(db, hashToken(token));
  const person = owner && (await findAccountById(db, owner.accountId));
  if (!person || person.disabledAt) throw new DomainError('reset_link_invalid');
  await checkNewPassword(config, person, password);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const link = await findValidPasswordLink(trx, hashToken(token));
    if (!link || !(await consumePasswordLink(trx, hashToken(token)))) throw new DomainError('reset_link_invalid');
    const account = await findAccountById(trx, link.accountId);
    if (!account || account.disabledAt) throw new DomainError('reset_link_invalid');
    await setPasswordHash(trx, account.id, passwordHash);
    await revokePasswordLinksOf(trx, account.id);
    await deleteSessionsOf(trx, account.id);
    if (!account.totpEnabled) await clearLoginFailures(trx, throttleKeyOf(account.email));
    return { account: toCurrent(account), codeRequired: account.totpEnabled };
  });
}

export interface NewAccount {
  email: string;
  role: Role;
  displayName: string;
  shopId?: string | null;
  memberId?: string | null;
  /** Set for demo and test accounts; real people choose theirs through the invitation. */
  password?: string;
  /** The concierge opening the account from the app. */
  createdByAccountId?: string;
}

async function insertNewAccount(trx: Executor, input: NewAccount): Promise<Account> {
  if (await emailExists(trx, input.email)) throw new DomainError('email_taken', 'email');
  const id = newId();
  await insertAccount(trx, {
    id,
    email: input.email.trim(),
    password_hash: input.password ? await hashPassword(input.password) : null,
    role: input.role,
    display_name: input.displayName,
    shop_id: input.shopId ?? null,
    member_id: input.memberId ?? null,
    disabled_at: null,
    created_at: nowIso(),
    last_login_at: null,
    created_by_account_id: input.createdByAccountId ?? null,
  });
  const account = await findAccountById(trx, id);
  if (!account) throw new Error(`account ${id} was not saved`);
  return account;
}

/** Creates an account inside the caller's transaction and mails an invitation link. */
export async function createAccount(trx: Executor, config: Config, input: NewAccount): Promise<string> {
  const account = await insertNewAccount(trx, input);
  if (!input.password) await queuePasswordLink(trx, config, account, 'invite');
  return account.id;
}

/**
 * A concierge account created from the command line (`create-admin`): no password and no
 * mail; the link to choose the password is returned, to be printed on the terminal of whoever
 * runs the command (who can read the database anyway). It lives as long as a reset link.
 */
export async function createConciergeWithLink(db: Db, config: Config, input: { email: string; displayName: string }): Promise<PasswordLink> {
  return db.transaction().execute(async (trx) => {
    const account = await insertNewAccount(trx, { ...input, role: 'concierge' });
    return issuePasswordLink(trx, config, account.id, RESET_LINK_SECONDS);
  });
}

/** Whether anyone can run the conciergerie yet (production starts empty). */
export async function hasConcierge(db: Executor): Promise<boolean> {
  return hasAccountWithRole(db, 'concierge');
}

export interface PrintedInvitation extends PasswordLink {
  email: string;
  displayName: string;
}

/**
 * A fresh invitation link for a resident who reads no mail: printed by a concierge and handed
 * over in person. Resident accounts only, checked here against the account's own role: the
 * same for a merchant, concierge or town account would let one concierge take over another
 * person's account (and void the two-person rule on payouts). Every older link not used yet
 * stops working, so only the printed sheet is valid.
 */
export async function printInvitationLink(db: Db, config: Config, actor: CurrentAccount | null, accountId: string): Promise<PrintedInvitation> {
  assertConcierge(actor);
  return db.transaction().execute(async (trx) => {
    const account = await findAccountById(trx, accountId);
    if (!account || account.role !== 'resident') throw notFound();
    if (account.disabledAt) throw new DomainError('account_disabled');
    // Only an access never opened: printing a link for a resident who already chose a password
    // would let the concierge set it and log in as them.
    if ((await findAccountWithHash(trx, account.email))?.passwordHash) throw new DomainError('invitation_already_accepted');
    await revokePasswordLinksOf(trx, account.id);
    const link = await issuePasswordLink(trx, config, account.id, INVITE_LINK_SECONDS);
    return { ...link, email: account.email, displayName: account.displayName };
  });
}

/** Ends every session of the account at once. */
export async function disableAccount(db: Db, accountId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await disableAccountRow(trx, accountId);
  });
}

export async function enableAccount(db: Db, accountId: string): Promise<void> {
  await enableAccountRow(db, accountId);
}

/** The rate-limited forms count per minute: an hour-old window counts nothing. */
const RATE_LIMIT_WINDOWS_KEPT_MS = 60 * 60 * 1000;

/** Sessions past their expiry, rate-limit windows long closed, and wrong passwords of addresses that stopped trying are deleted once an hour. */
export const SESSION_SWEEP_JOB: Job = {
  name: 'session-sweep',
  label: t('jobs.label.session_sweep'),
  everySeconds: 60 * 60,
  run: async ({ db }) => {
    await deleteExpiredSessions(db);
    await forgetOldLoginFailures(db);
    await forgetRateLimitWindows(db, nowMs() - RATE_LIMIT_WINDOWS_KEPT_MS);
  },
};
