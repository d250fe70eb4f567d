// Prepared statements kept by their SQL text. Kysely's SQLite driver prepares every query
// anew; compiling the SQL was a large share of a page's time, and the application only
// ever sends a few hundred distinct statements (values travel as parameters).
import type SQLite from 'better-sqlite3';

/** Beyond this many distinct statements (search words of varying count…), start again. */
const MAX_STATEMENTS = 1000;

export function withStatementCache(connection: SQLite.Database): SQLite.Database {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, SQLite.Statement>();
  const cached = (source: string) => {
    const known = statements.get(source);
    // A statement still being iterated (a streamed query) cannot run twice at once.
    if (known && !known.busy) return known;
    const statement = prepare(source);
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    if (!known) statements.set(source, statement);
    return statement;
  };
  connection.prepare = cached as typeof connection.prepare;
  return connection;
}
