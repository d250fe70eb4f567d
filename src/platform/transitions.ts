// The one shape of a status's transition table: each status lists the statuses it may move
// to (an empty list: it is final). Each area keeps its tables in its `*.rules.ts`; every move
// of a status goes through one function per entity that checks its table, then updates the
// row only where it still has a status it may move from (a conditional update), so two
// people moving the same thing at once move it once.

/** Each status of `S`, with the statuses it may move to. */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

/** The tables of an area's status columns, by `table.column` of the database. */
export type StatusTables = Readonly<Record<string, Transitions<string>>>;

/** Whether the table lets a status move from `from` to `to` (false for a status it does not know). */
export function canMove<S extends string>(table: Transitions<S>, from: S, to: S): boolean {
  return Object.hasOwn(table, from) && table[from].includes(to);
}

/** Every status of a table, in the table's order. */
export function statusesOf<S extends string>(table: Transitions<S>): S[] {
  return Object.keys(table) as S[];
}

/** The statuses the table lets move to `to`. */
export function movesInto<S extends string>(table: Transitions<S>, to: S): S[] {
  return statusesOf(table).filter((from) => table[from].includes(to));
}

/**
 * The statuses a conditional update may move from: those of `from` the table lets move to
 * `to`, or, without `from`, all of them. Empty: the table allows no such move.
 */
export function movableFrom<S extends string>(table: Transitions<S>, to: S, from?: S | readonly S[]): S[] {
  const candidates: readonly S[] = from === undefined ? statusesOf(table) : typeof from === 'string' ? [from] : from;
  return candidates.filter((status) => canMove(table, status, to));
}
