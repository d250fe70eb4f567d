// One line of `npm run proof`'s final table: a check, the figure it measured, its target and
// whether the figure meets it. Every proof (scripts/proof/*.ts) answers a list of them.

export interface ProofRow {
  /** What was checked, in a few words: « matrice d’accès (SQLite) », « arrêts brutaux (PostgreSQL) »… */
  check: string;
  /** What was measured, with its unit: « 1 532 requêtes, 0 écart », « 200 arrêts, 0 perte ». */
  figure: string;
  target: string;
  met: boolean;
}

export function printProofTable(rows: readonly ProofRow[]): void {
  const widths = [
    Math.max(5, ...rows.map((row) => row.check.length)),
    Math.max(6, ...rows.map((row) => row.figure.length)),
    Math.max(6, ...rows.map((row) => row.target.length)),
  ];
  const line = (cells: string[]) => `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 7)).join(' | ')} |`;
  console.log(line(['check', 'figure', 'target', 'met?']));
  console.log(line(widths.map((width) => '-'.repeat(width)).concat('-------')));
  for (const row of rows) console.log(line([row.check, row.figure, row.target, row.met ? 'met' : 'NOT MET']));
}
