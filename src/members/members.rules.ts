// Rules about members: their kinds, what makes a member reachable, and how the concierge
// finds one fast (by name without accents, by phone in any format, by e-mail).
import { foldForSearch, searchTerms } from '../platform/text.ts';

/** Who the member is for the conciergerie. */
export type MemberKind =
  /** lives in the town or around it; collects at the counter or a drop-off point */
  | 'resident'
  /** works for a company of the business park; may be delivered at the workplace */
  | 'employee';

export const MEMBER_KINDS: readonly MemberKind[] = ['resident', 'employee'];

/** A member must be reachable: by phone, by e-mail, or both. */
export function hasContact(member: { phone: string | null; email: string | null }): boolean {
  return Boolean(member.phone) || Boolean(member.email);
}

/** "06 12 34 56 78", "+33 6 12…", "0033 6…" → "0612345678": one form for every way of typing it. */
export function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (phone.trim().startsWith('+33') || digits.startsWith('0033')) return `0${digits.replace(/^(?:0033|33)/, '')}`;
  return digits;
}

/**
 * The folded text a search looks into. It starts with the last then the first name so that
 * ordering by it lists members alphabetically, accents ignored ("Élodie" among the E).
 */
export function memberSearchText(member: { firstName: string; lastName: string; email: string | null; phone: string | null; city: string }): string {
  const phone = member.phone ? phoneDigits(member.phone) : '';
  return foldForSearch([member.lastName, member.firstName, member.email ?? '', phone, member.city].join(' '));
}

/** A query made only of digits and phone separators is a phone number (or its start). */
function looksLikePhone(query: string): boolean {
  const compact = query.replace(/[\s.()/-]/g, '');
  return /^\+?\d{2,}$/.test(compact);
}

/** The words to look for: a phone number typed with spaces or dots is one word of digits. */
export function memberSearchTerms(query: string): string[] {
  if (looksLikePhone(query)) return [phoneDigits(query)];
  return searchTerms(query);
}

export function fullName(member: { firstName: string; lastName: string }): string {
  return `${member.firstName} ${member.lastName}`.trim();
}
