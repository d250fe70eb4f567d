// Prepared statements on PostgreSQL. pg sends every query unnamed, so the server parses and
// plans it anew each time; the application sends a few hundred distinct statements (values
// travel as parameters), and a checkout runs thirty of them. Naming a statement makes pg
// prepare it once per connection and then send only its name and values.
import type pg from 'pg';

/** Statements prepared per connection at most: past it (IN lists of every length…), the rest go unnamed. */
const MAX_PREPARED = 500;

/** Only data statements: DDL has no place among prepared statements. */
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * `select *`, `"offers".*`, `returning *`: a prepared statement whose columns follow the table
 * fails (« cached plan must not change result type ») on every pooled connection once a
 * migration adds a column; such statements go unnamed. `count(*)` is not one of them.
 */
const EVERY_COLUMN = /(select|returning|,)\s+(distinct\s+)?("?\w+"?\.)?\*/i;

type Query = (...args: unknown[]) => unknown;

/** Wraps the client's `query` so that data statements sent as text with values are named. */
export function prepareRepeatedStatements(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as Query;
  const named: Query = (...args) => {
    const [text, values] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || args.length !== 2 || !DATA_STATEMENT.test(text) || EVERY_COLUMN.test(text)) return query(...args);
    let name = names.get(text);
    if (name === undefined) {
      if (names.size >= MAX_PREPARED) return query(...args);
      name = `s${names.size + 1}`;
      names.set(text, name);
    }
    return query({ name, text, values });
  };
  client.query = named as typeof client.query;
}
