// Sessions live in the database, so several app processes share them and logging out or
// disabling an account ends them at once. The account id is a column so that every session
// of an account can be deleted in one statement. Their expiry is the cookie's, which the
// plugin computes on the machine's clock: they are compared with that clock, not the town's.
import type { Session } from 'fastify';
import type { SessionStore } from '@fastify/session';
import type { Db } from '../../db/index.ts';
import { addSeconds, systemNowIso } from '../clock.ts';

type Callback = (error?: unknown) => void;
type SessionCallback = (error: unknown, session?: Session | null) => void;

export class DatabaseSessionStore implements SessionStore {
  constructor(
    private readonly db: Db,
    private readonly maxAgeSeconds: number,
  ) {}

  set(sessionId: string, session: Session, callback: Callback): void {
    const expiresAt = session.cookie?.expires ? new Date(session.cookie.expires).toISOString() : addSeconds(systemNowIso(), this.maxAgeSeconds);
    const row = {
      id: sessionId,
      account_id: session.accountId ?? null,
      data: JSON.stringify(session),
      expires_at: expiresAt,
    };
    this.db
      .insertInto('sessions')
      .values(row)
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ account_id: row.account_id, data: row.data, expires_at: row.expires_at }))
      .execute()
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: SessionCallback): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('id', '=', sessionId)
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expires_at <= systemNowIso()) return callback(null, null);
        callback(null, JSON.parse(row.data) as Session);
      }, callback);
  }

  destroy(sessionId: string, callback: Callback): void {
    this.db
      .deleteFrom('sessions')
      .where('id', '=', sessionId)
      .execute()
      .then(() => callback(), callback);
  }
}
