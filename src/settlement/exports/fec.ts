// The « fichier des écritures comptables » (FEC, article A47 A-1 of the Livre des procédures
// fiscales): the ledger as the tax administration and an accountant read it. Pure: lines
// from transactions; reading the ledger and writing the file are the service's.
//
// Choices, within what the article allows:
// - one line per entry, 18 zones in the legal order, `|` between zones (a character that
//   never appears in a value: it is replaced by a space), a header line naming the zones;
// - encoding ISO-8859-15: the article lists ASCII, ISO 8859-15 and EBCDIC only; 8859-15 has
//   every letter of French names (œ, Œ, Ÿ, €) where 8859-1 lacks them; a character outside
//   it (’, emoji…) is written as its closest equivalent or « ? »;
// - lines end with CR LF: the article accepts « retour chariot et/ou fin de ligne », and the
//   administration's checking tool and the accountants' software run on Windows;
// - one transaction is one « écriture », numbered in its journal and the year of its
//   operation 1, 2, 3… when it is posted, in the order of commits (settlement.repository.ts):
//   a number never changes from one export to the next and a year's export of a journal has
//   no gap (a month's may skip the numbers of entries dated in another month: a commission
//   posted on the 2nd for the month before);
// - EcritureDate is the local day of the operation (hand-over, payment, refund; the period's
//   last day for its commission), ValidDate the local day it was posted (entered the books);
//   PieceRef and PieceDate are the number and date of its document: the order's code on the
//   receipt, the commission invoice or credit note, the transfer's reference;
// - CompAuxNum is the short code of the shop or member (« C0042 », « A00123 »).
import type { Cents } from '../../platform/money.ts';
import { JOURNAL_OF_KIND, type JournalCode, type TransactionKind } from '../settlement.repository.ts';
import type { LedgerAccount } from '../settlement.rules.ts';

export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

export const FEC_SEPARATOR = '|';
export const FEC_LINE_END = '\r\n';

/** Each ledger account and its number and name in the French chart of accounts (PCG). */
export const CHART_OF_ACCOUNTS: Readonly<Record<LedgerAccount, { number: string; label: string }>> = {
  cash: { number: '530000', label: 'Caisse' },
  card_clearing: { number: '511200', label: 'Cartes bancaires à encaisser' },
  cheque_clearing: { number: '511100', label: 'Chèques à encaisser' },
  online_clearing: { number: '511300', label: 'Paiements en ligne à encaisser' },
  bank: { number: '512000', label: 'Banque' },
  member_receivable: { number: '411000', label: 'Adhérents' },
  shop_payable: { number: '401000', label: 'Commerces' },
  commission_income: { number: '706000', label: 'Commissions' },
  vat_on_commission: { number: '445710', label: 'TVA collectée' },
};

export { JOURNAL_OF_KIND, type JournalCode };

export const JOURNALS: Readonly<Record<JournalCode, string>> = {
  BQ: 'Banque',
  VE: 'Ventes pour compte de tiers',
  OD: 'Opérations diverses',
};

/** A transaction as the FEC needs it: its entries carry the codes and names of their shop or member. */
export interface FecTransaction {
  kind: TransactionKind;
  /** Its number in its journal and year, given when it was posted. */
  number: number;
  /** Its document: the number printed on it and its local date. */
  pieceRef: string;
  pieceOn: string;
  description: string;
  /** Local dates `YYYY-MM-DD`: the operation's day and the day it was posted. */
  occurredOn: string;
  postedOn: string;
  entries: FecEntry[];
}

export interface FecEntry {
  account: LedgerAccount;
  /** The shop or member of an account that is theirs: its short code and name. */
  auxiliary: { code: string; name: string } | null;
  debitCents: Cents;
  creditCents: Cents;
}

/** 123456 → « 1234,56 »: a comma, no thousands separator. */
export function fecAmount(cents: Cents): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

/** « 2026-12-04 » → « 20261204 ». */
export function fecDate(date: string): string {
  return date.replaceAll('-', '');
}

/** `<SIREN>FEC<AAAAMMJJ>.txt`, dated with the last day of the range. */
export function fecFileName(siren: string, endDate: string): string {
  return `${siren.replace(/\s/g, '')}FEC${fecDate(endDate)}.txt`;
}

/** A zone never holds the separator nor a line break. */
export function fecText(value: string): string {
  return value.replace(/\s*[|\r\n\t]+\s*/g, ' ').trim();
}

export function fecHeader(): string {
  return FEC_COLUMNS.join(FEC_SEPARATOR) + FEC_LINE_END;
}

/** The lines of one transaction. */
export function fecLines(transaction: FecTransaction): string {
  const journal = JOURNAL_OF_KIND[transaction.kind];
  let text = '';
  for (const entry of transaction.entries) {
    const account = CHART_OF_ACCOUNTS[entry.account];
    const zones = [
      journal,
      JOURNALS[journal],
      String(transaction.number),
      fecDate(transaction.occurredOn),
      account.number,
      account.label,
      entry.auxiliary?.code ?? '',
      entry.auxiliary ? entry.auxiliary.name : '',
      transaction.pieceRef,
      fecDate(transaction.pieceOn),
      transaction.description,
      fecAmount(entry.debitCents),
      fecAmount(entry.creditCents),
      '',
      '',
      fecDate(transaction.postedOn),
      '',
      '',
    ];
    text += zones.map(fecText).join(FEC_SEPARATOR) + FEC_LINE_END;
  }
  return text;
}

// ISO-8859-15 is ISO-8859-1 with eight places given to letters French needs and to the euro.
const LATIN9_SPECIAL: Readonly<Record<string, number>> = {
  '€': 0xa4,
  Š: 0xa6,
  š: 0xa8,
  Ž: 0xb4,
  ž: 0xb8,
  Œ: 0xbc,
  œ: 0xbd,
  Ÿ: 0xbe,
};
/** The eight ISO-8859-1 characters that ISO-8859-15 replaced. */
const LATIN1_ONLY = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);
const CLOSEST: Readonly<Record<string, string>> = {
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u202f': ' ',
  '\u2009': ' ',
};

function latin9Byte(char: string): number | undefined {
  const special = LATIN9_SPECIAL[char];
  if (special !== undefined) return special;
  const code = char.codePointAt(0)!;
  return code < 0x100 && !LATIN1_ONLY.has(code) ? code : undefined;
}

/** Text as ISO-8859-15 bytes; a character it lacks becomes its closest equivalent, its letter without accent, or « ? ». */
export function encodeLatin9(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const byte = latin9Byte(char);
    if (byte !== undefined) {
      bytes.push(byte);
      continue;
    }
    const fallback = CLOSEST[char] ?? char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    for (const part of fallback) bytes.push(latin9Byte(part) ?? 0x3f);
  }
  return Buffer.from(bytes);
}
