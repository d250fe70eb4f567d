// The store of @fastify/rate-limit's counts, in the database: the limit per client address
// holds across every app process sharing the database and across restarts (its own
// in-memory store would give each process the full limit). Each route counts apart, as the
// plugin's own stores do.
import type { Db } from '../../db/index.ts';
import { nowMs } from '../clock.ts';
import { countRateLimitHit } from './auth.repository.ts';

type Answer = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What the plugin passes to `child` at run time (its type declaration names other fields). */
interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

/** The store class the plugin instantiates (`store:` option), bound to the app's database. */
export function databaseRateLimitStore(db: Db) {
  return class DatabaseRateLimitStore {
    private readonly prefix: string;

    /** The plugin constructs the root store with its settings; a route's store gets its prefix. */
    constructor(prefix?: unknown) {
      this.prefix = typeof prefix === 'string' ? prefix : '';
    }

    incr(clientKey: string, answer: Answer, timeWindowMs: number): void {
      const at = nowMs();
      countRateLimitHit(db, `${this.prefix}${clientKey}`, timeWindowMs, at).then(
        ({ hits, windowStartedMs }) => answer(null, { current: hits, ttl: Math.max(0, windowStartedMs + timeWindowMs - at) }),
        (error: Error) => answer(error),
      );
    }

    child(routeParams: object): DatabaseRateLimitStore {
      const route = (routeParams as RouteParams).routeInfo;
      return new DatabaseRateLimitStore(`${String(route?.method ?? '')} ${route?.url ?? ''} `);
    }
  };
}
