// SQL of accounts, their sessions and their password links.
import { sql } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { AccountCreatorColumns, AccountsTable, AccountTotpColumns } from '../../db/schema.ts';
import { addSeconds, nowIso, systemNowIso } from '../clock.ts';
import type { Role } from '../page-context.ts';

export interface Account {
  id: string;
  email: string;
  role: Role;
  displayName: string;
  shopId: string | null;
  memberId: string | null;
  hasPassword: boolean;
  disabledAt: string | null;
  createdAt: string;
  lastLoginAt: string | null;
  /** Logs in with a second step (a code from an authenticator app). */
  totpEnabled: boolean;
  /** The concierge who opened the account; null for the seed and the command line. */
  createdByAccountId: string | null;
}

function toAccount(row: AccountsTable & AccountTotpColumns & AccountCreatorColumns): Account {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    displayName: row.display_name,
    shopId: row.shop_id,
    memberId: row.member_id,
    hasPassword: row.password_hash !== null,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    totpEnabled: row.totp_enabled_at !== null,
    createdByAccountId: row.created_by_account_id,
  };
}

export async function findAccountById(db: Executor, id: string): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function findAccountWithHash(db: Executor, email: string): Promise<{ account: Account; passwordHash: string | null } | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? { account: toAccount(row), passwordHash: row.password_hash } : undefined;
}

export async function emailExists(db: Executor, email: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('accounts').select('id').where('email', '=', email.trim().toLowerCase());
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertAccount(db: Executor, row: AccountsTable & AccountCreatorColumns): Promise<void> {
  await db.insertInto('accounts').values({ ...row, email: row.email.toLowerCase() }).execute();
}

export async function updateAccountIdentity(db: Executor, id: string, fields: { email: string; displayName: string }): Promise<void> {
  await db.updateTable('accounts').set({ email: fields.email.toLowerCase(), display_name: fields.displayName }).where('id', '=', id).execute();
}

export async function listAccountsOfShop(db: Executor, shopId: string): Promise<Account[]> {
  const rows = await db.selectFrom('accounts').selectAll().where('shop_id', '=', shopId).orderBy('display_name').execute();
  return rows.map(toAccount);
}

/** The accounts of several shops in one query, by shop id. */
export async function listAccountsOfShops(db: Executor, shopIds: readonly string[]): Promise<Map<string, Account[]>> {
  const accounts = new Map<string, Account[]>(shopIds.map((id) => [id, []]));
  if (shopIds.length === 0) return accounts;
  const rows = await db.selectFrom('accounts').selectAll().where('shop_id', 'in', shopIds).orderBy('display_name').execute();
  for (const row of rows) accounts.get(row.shop_id!)?.push(toAccount(row));
  return accounts;
}

export async function hasAccountWithRole(db: Executor, role: Role): Promise<boolean> {
  return (await db.selectFrom('accounts').select('id').where('role', '=', role).limit(1).executeTakeFirst()) !== undefined;
}

export async function findAccountOfMember(db: Executor, memberId: string): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function setPasswordHash(db: Executor, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function recordLogin(db: Executor, id: string): Promise<void> {
  await db.updateTable('accounts').set({ last_login_at: nowIso() }).where('id', '=', id).execute();
}

/** Disabling is a conditional update; its sessions are deleted in the same transaction. */
export async function disableAccountRow(db: Executor, id: string): Promise<boolean> {
  const result = await db.updateTable('accounts').set({ disabled_at: nowIso() }).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
  await deleteSessionsOf(db, id);
  return Number(result.numUpdatedRows) === 1;
}

export async function enableAccountRow(db: Executor, id: string): Promise<boolean> {
  const result = await db.updateTable('accounts').set({ disabled_at: null }).where('id', '=', id).where('disabled_at', 'is not', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSessionsOf(db: Executor, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

/** Ends every session of the account but the one given (the person's own, in use). */
export async function deleteOtherSessionsOf(db: Executor, accountId: string, keptSessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).where('id', '!=', keptSessionId).execute();
}

export async function deleteExpiredSessions(db: Executor): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', systemNowIso()).execute();
}

export async function insertPasswordLink(db: Executor, row: { tokenHash: string; accountId: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ token_hash: row.tokenHash, account_id: row.accountId, created_at: nowIso(), expires_at: row.expiresAt, used_at: null })
    .execute();
}

export async function findValidPasswordLink(db: Executor, tokenHash: string): Promise<{ accountId: string } | undefined> {
  const row = await db
    .selectFrom('password_resets')
    .select('account_id')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso())
    .executeTakeFirst();
  return row ? { accountId: row.account_id } : undefined;
}

/** Links created for the account since an instant (used or not). */
export async function countPasswordLinksSince(db: Executor, accountId: string, since: string): Promise<number> {
  const row = await db.selectFrom('password_resets').select((eb) => eb.fn.countAll().as('count')).where('account_id', '=', accountId).where('created_at', '>=', since).executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The instant before which an address may not try a password again, if any. */
export async function findLoginLock(db: Executor, email: string): Promise<string | null> {
  const row = await db.selectFrom('login_throttles').select('locked_until').where('email', '=', email).executeTakeFirst();
  return row?.locked_until ?? null;
}

/** Counts one more wrong password for the address (atomic under concurrent tries) and returns how many in a row. */
export async function countLoginFailure(db: Executor, email: string): Promise<number> {
  const at = nowIso();
  const row = await db
    .insertInto('login_throttles')
    .values({ email, failures: 1, locked_until: null, updated_at: at })
    .onConflict((conflict) => conflict.column('email').doUpdateSet((eb) => ({ failures: eb(eb.ref('login_throttles.failures'), '+', 1), updated_at: at })))
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function lockLogin(db: Executor, email: string, until: string): Promise<void> {
  await db.updateTable('login_throttles').set({ locked_until: until }).where('email', '=', email).execute();
}

/** Addresses that stopped trying a day ago are forgotten (their lock, at most minutes, is over). */
export async function forgetOldLoginFailures(db: Executor): Promise<void> {
  await db.deleteFrom('login_throttles').where('updated_at', '<', addSeconds(nowIso(), -24 * 3600)).execute();
}

export async function clearLoginFailures(db: Executor, email: string): Promise<void> {
  await db.deleteFrom('login_throttles').where('email', '=', email).execute();
}

/** Every link of the account not used yet becomes unusable. */
export async function revokePasswordLinksOf(db: Executor, accountId: string): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: nowIso() }).where('account_id', '=', accountId).where('used_at', 'is', null).execute();
}

/** Uses a link once: the conditional update fails for a second use. */
export async function consumePasswordLink(db: Executor, tokenHash: string): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: nowIso() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- two-step login (TOTP) ----

export interface TotpState {
  /** Sealed (encrypted) secret; null when the account has none. */
  sealedSecret: string | null;
  /** Null while the secret is being set up (or when there is none). */
  enabledAt: string | null;
  /** The time step of the last code accepted. */
  lastStep: number | null;
}

export async function findTotpState(db: Executor, accountId: string): Promise<TotpState | undefined> {
  const row = await db.selectFrom('accounts').select(['totp_secret', 'totp_enabled_at', 'totp_last_step']).where('id', '=', accountId).executeTakeFirst();
  if (!row) return undefined;
  return { sealedSecret: row.totp_secret, enabledAt: row.totp_enabled_at, lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step) };
}

/** Puts a new secret to be confirmed; never over an enabled one. */
export async function setPendingTotpSecret(db: Executor, accountId: string, sealedSecret: string): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ totp_secret: sealedSecret, totp_last_step: null })
    .where('id', '=', accountId)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Enables the pending secret the confirming code was checked against (and not another one put since). */
export async function enableTotp(db: Executor, accountId: string, sealedSecret: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ totp_enabled_at: nowIso(), totp_last_step: step })
    .where('id', '=', accountId)
    .where('totp_secret', '=', sealedSecret)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records that the code of `step` was used. A conditional update: a code already used (or an
 * older one) changes nothing and returns false, even when two requests bring it at once.
 */
export async function useTotpStep(db: Executor, accountId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where('totp_enabled_at', 'is not', null)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function clearTotp(db: Executor, accountId: string): Promise<void> {
  await db.updateTable('accounts').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', accountId).execute();
}

/** Enabled accounts of some roles (the drivers a run can be given to), by name. */
export async function listEnabledAccountsWithRoles(db: Executor, roles: readonly Role[]): Promise<Account[]> {
  if (roles.length === 0) return [];
  const rows = await db.selectFrom('accounts').selectAll().where('role', 'in', [...roles]).where('disabled_at', 'is', null).orderBy('display_name').orderBy('id').execute();
  return rows.map(toAccount);
}

/**
 * Counts one request of `key` and answers the count and the opening of its window, in one
 * statement so two processes counting at once both count. A window older than `windowMs`
 * opens again at `nowMs` with a count of one (every SET reads the row as it was).
 */
export async function countRateLimitHit(db: Executor, key: string, windowMs: number, nowMs: number): Promise<{ hits: number; windowStartedMs: number }> {
  const expired = sql<boolean>`rate_limit_windows.window_started_ms + ${windowMs} <= excluded.window_started_ms`;
  const row = await db
    .insertInto('rate_limit_windows')
    .values({ key, window_started_ms: nowMs, hits: 1 })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else rate_limit_windows.hits + 1 end`,
        window_started_ms: sql<number>`case when ${expired} then excluded.window_started_ms else rate_limit_windows.window_started_ms end`,
      }),
    )
    .returning(['hits', 'window_started_ms'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), windowStartedMs: Number(row.window_started_ms) };
}

/** Windows that opened before `beforeMs` count nothing any more. */
export async function forgetRateLimitWindows(db: Executor, beforeMs: number): Promise<void> {
  await db.deleteFrom('rate_limit_windows').where('window_started_ms', '<', beforeMs).execute();
}
