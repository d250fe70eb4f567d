// The SEPA credit-transfer file (ISO 20022 pain.001.001.03) of a payout batch, without I/O.
// One file holds one payment instruction from the conciergerie's account and one transfer per
// payout. Banks accept only the SEPA character set in texts, so every text is folded into it
// and cut to the length the schema allows. Amounts are written from integer cents by string
// arithmetic: no float ever touches them. The same batch always gives the same bytes.
import { createRequire } from 'node:module';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { offsetMinutesAt } from '../../platform/calendar.ts';
import type { Cents } from '../../platform/money.ts';

/** xmlbuilder2, required with the first XML file (node keeps it after), not when the server starts. */
const xmlbuilder = () => createRequire(import.meta.url)('xmlbuilder2') as typeof import('xmlbuilder2');

export const PAIN_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

/** Lengths the schema allows (Max70Text for names kept to the EPC's 70, Max140Text, Max35Text). */
export const SEPA_MAX = { name: 70, remittance: 140, id: 35 } as const;

export interface SepaTransfer {
  /** Unique per transfer; returned to the creditor with the money. */
  endToEndId: string;
  amountCents: Cents;
  creditorName: string;
  iban: string;
  /** Optional within SEPA (IBAN-only); written when known. */
  bic: string | null;
  remittance: string;
}

export interface SepaBatch {
  messageId: string;
  /** UTC instant the batch was created: the file's creation date-time, stable between downloads. */
  createdAt: string;
  /** Local date the bank is asked to execute the transfers. */
  executionDate: string;
  timeZone: string;
  debtor: { name: string; iban: string; bic: string | null };
  transfers: readonly SepaTransfer[];
}

/** A batch that cannot become a valid file: a bug or bad data upstream, never shown to a person as is. */
export class SepaError extends Error {
  constructor(reason: string) {
    super(`Invalid SEPA batch: ${reason}`);
    this.name = 'SepaError';
  }
}

// Letters that do not fold by Unicode decomposition, and punctuation with a SEPA equivalent.
const SPECIAL: Readonly<Record<string, string>> = {
  '’': "'", '‘': "'", 'ʼ': "'", '`': "'", '´': "'", '«': '', '»': '',
  '–': '-', '—': '-', '‐': '-', '‑': '-', '_': '-',
  'œ': 'oe', 'Œ': 'OE', 'æ': 'ae', 'Æ': 'AE', 'ß': 'ss', 'ø': 'o', 'Ø': 'O', 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D',
  '&': '+',
};
const ALLOWED = /[A-Za-z0-9/\-?:().,'+ ]/;

/**
 * Text in the SEPA character set (a–z A–Z 0–9 / - ? : ( ) . , ' + space): accents folded
 * (é → e), typographic apostrophes and dashes made plain, everything else removed, spaces
 * collapsed, then cut to `max` characters. May be empty.
 */
export function toSepaText(text: string, max: number): string {
  let out = '';
  for (const char of text.normalize('NFD')) {
    const mapped = SPECIAL[char] ?? (/\s/.test(char) ? ' ' : char);
    for (const c of mapped) if (ALLOWED.test(c)) out += c;
  }
  return out.replace(/ {2,}/g, ' ').trim().slice(0, max).trim();
}

/** A name or text that must not be empty once folded. */
function requiredText(text: string, max: number, fallback: string): string {
  return toSepaText(text, max) || fallback;
}

/** « 1234.05 » from 123405 cents, by string arithmetic. */
export function amountOfCents(cents: Cents | bigint): string {
  const value = BigInt(cents);
  if (value < 0n) throw new SepaError('negative amount');
  const digits = value.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** The IBAN in electronic format when its checksum holds; a SepaError otherwise. */
export function checkedIban(iban: string): string {
  const electronic = electronicFormatIBAN(iban) ?? '';
  if (!isValidIBAN(electronic)) throw new SepaError('an IBAN has a wrong checksum');
  return electronic;
}

function checkedBic(bic: string | null): string | null {
  if (!bic) return null;
  const value = bic.replace(/\s+/g, '').toUpperCase();
  if (!isValidBIC(value)) throw new SepaError('a BIC is not valid');
  return value;
}

/** An identifier we generate: must already be in the character set and fit. */
function checkedId(id: string): string {
  if (id.length < 1 || id.length > SEPA_MAX.id || !/^[A-Za-z0-9-]+$/.test(id)) throw new SepaError(`identifier « ${id} » is not a SEPA identifier`);
  return id;
}

/** xs:dateTime in the town's time with its offset, to the second: « 2026-12-03T10:15:00+01:00 ». */
export function creationDateTime(at: string, timeZone: string): string {
  const ms = Math.floor(Date.parse(at) / 1000) * 1000;
  if (Number.isNaN(ms)) throw new SepaError('creation instant is not a date');
  const offset = offsetMinutesAt(ms, timeZone);
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function validated(batch: SepaBatch) {
  if (batch.transfers.length === 0) throw new SepaError('no transfer');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(batch.executionDate)) throw new SepaError('execution date is not a date');
  const ids = new Set<string>();
  const transfers = batch.transfers.map((transfer) => {
    if (!Number.isSafeInteger(transfer.amountCents) || transfer.amountCents <= 0) throw new SepaError('an amount is not a positive number of cents');
    const endToEndId = checkedId(transfer.endToEndId);
    if (ids.has(endToEndId)) throw new SepaError('two transfers share an end-to-end id');
    ids.add(endToEndId);
    return {
      endToEndId,
      amount: amountOfCents(transfer.amountCents),
      name: requiredText(transfer.creditorName, SEPA_MAX.name, 'NOTPROVIDED'),
      iban: checkedIban(transfer.iban),
      bic: checkedBic(transfer.bic),
      remittance: toSepaText(transfer.remittance, SEPA_MAX.remittance),
    };
  });
  const controlSum = amountOfCents(batch.transfers.reduce((sum, transfer) => sum + BigInt(transfer.amountCents), 0n));
  return { transfers, controlSum };
}

/** The pain.001.001.03 document of a batch, UTF-8, indented. Throws a SepaError on data no bank would accept. */
export function buildPain001(batch: SepaBatch): string {
  const { transfers, controlSum } = validated(batch);
  const messageId = checkedId(batch.messageId);
  const debtorName = requiredText(batch.debtor.name, SEPA_MAX.name, 'NOTPROVIDED');
  const debtorBic = checkedBic(batch.debtor.bic);
  const count = String(transfers.length);

  const root = xmlbuilder().create({ version: '1.0', encoding: 'UTF-8' }).ele(PAIN_NAMESPACE, 'Document').ele('CstmrCdtTrfInitn');
  const header = root.ele('GrpHdr');
  header.ele('MsgId').txt(messageId);
  header.ele('CreDtTm').txt(creationDateTime(batch.createdAt, batch.timeZone));
  header.ele('NbOfTxs').txt(count);
  header.ele('CtrlSum').txt(controlSum);
  header.ele('InitgPty').ele('Nm').txt(debtorName);

  const info = root.ele('PmtInf');
  info.ele('PmtInfId').txt(checkedId(`${messageId.slice(0, SEPA_MAX.id - 2)}-1`));
  info.ele('PmtMtd').txt('TRF');
  info.ele('BtchBookg').txt('true');
  info.ele('NbOfTxs').txt(count);
  info.ele('CtrlSum').txt(controlSum);
  info.ele('PmtTpInf').ele('SvcLvl').ele('Cd').txt('SEPA');
  info.ele('ReqdExctnDt').txt(batch.executionDate);
  info.ele('Dbtr').ele('Nm').txt(debtorName);
  info.ele('DbtrAcct').ele('Id').ele('IBAN').txt(checkedIban(batch.debtor.iban));
  const debtorAgent = info.ele('DbtrAgt').ele('FinInstnId');
  // Without the BIC, the EPC guidelines ask for « NOTPROVIDED » in its place.
  if (debtorBic) debtorAgent.ele('BIC').txt(debtorBic);
  else debtorAgent.ele('Othr').ele('Id').txt('NOTPROVIDED');
  info.ele('ChrgBr').txt('SLEV');

  for (const transfer of transfers) {
    const tx = info.ele('CdtTrfTxInf');
    tx.ele('PmtId').ele('EndToEndId').txt(transfer.endToEndId);
    tx.ele('Amt').ele('InstdAmt', { Ccy: 'EUR' }).txt(transfer.amount);
    if (transfer.bic) tx.ele('CdtrAgt').ele('FinInstnId').ele('BIC').txt(transfer.bic);
    tx.ele('Cdtr').ele('Nm').txt(transfer.name);
    tx.ele('CdtrAcct').ele('Id').ele('IBAN').txt(transfer.iban);
    if (transfer.remittance) tx.ele('RmtInf').ele('Ustrd').txt(transfer.remittance);
  }
  return root.end({ prettyPrint: true }) + '\n';
}
