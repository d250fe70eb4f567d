// A member's personal data is spread over several areas (orders, requests, mails, the
// ledger...), while the members area, which owns the person's rights (export, erasure,
// retention), may import no area. So each area that keeps something about a member exports
// a PersonalDataHolder from its index; app.ts, which sees every area, lists them and hands the
// list to the members area. The shape lives here, in the platform, because areas that import
// nothing (notifications) hold personal data too.
import type { SelectQueryBuilder } from 'kysely';
import type { Database, Executor } from '../db/index.ts';

/** Whose data is asked for: the member and the addresses mails reach them at. */
export interface DataSubject {
  memberId: string;
  email: string | null;
  /** The login of their site access, when it differs from the member's e-mail. */
  accountEmail: string | null;
}

/** The person being erased, as their data showed them just before: what to look for in free text. */
export interface ErasedPerson extends DataSubject {
  firstName: string;
  lastName: string;
  phone: string | null;
  addressLine: string;
  /** What replaces their name wherever it was written (« Adhérent effacé »). */
  replacement: string;
}

/** Member ids with some activity after an instant: a subquery the members area puts in its own queries. */
export type ActivitySince = (db: Executor, sinceAt: string) => SelectQueryBuilder<Database, any, { member_id: string | null }>;

export interface PersonalDataHolder {
  /** The section's title in the export, in French (« Commandes »). */
  name: string;
  /** What this area keeps about the member, as plain JSON-ready rows. */
  describe: (trx: Executor, subject: DataSubject) => Promise<Array<Record<string, unknown>>>;
  /** French reasons that forbid erasing the member now (an open order...); none: it may go. */
  openReasons: (trx: Executor, subject: DataSubject) => Promise<string[]>;
  /** Removes or anonymises what names the person, in the caller's transaction; returns the rows changed. */
  erase: (trx: Executor, person: ErasedPerson) => Promise<number>;
  /** When the area's records count as the member's activity (an order, a request). */
  activeSince?: ActivitySince;
}

/** The forms a person's name takes in text written about them (« Lucie Martin », « MARTIN Lucie »). */
export function nameForms(person: Pick<ErasedPerson, 'firstName' | 'lastName'>): string[] {
  const { firstName, lastName } = person;
  const forms = [
    `${firstName} ${lastName}`,
    `${lastName} ${firstName}`,
    `${lastName.toUpperCase()} ${firstName}`,
    `${firstName} ${lastName.toUpperCase()}`,
  ];
  return [...new Set(forms.map((form) => form.trim()).filter((form) => form.length > 2))];
}

/** Every string that identifies the person in free text: name forms, e-mails, phone, address. */
export function needlesOf(person: ErasedPerson): string[] {
  const needles = [...nameForms(person), person.email, person.accountEmail, person.phone, person.addressLine.trim()];
  return [...new Set(needles.filter((needle): needle is string => Boolean(needle && needle.length > 3)))];
}
