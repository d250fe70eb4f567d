// The addresses of the members' pages, for the routes that serve them and the views that link to them.
import { ACCOUNT_PATH, backOfficePath } from '../platform/paths.ts';

export const MEMBERS_PATH = backOfficePath('adherents');
export const NEW_MEMBER_PATH = `${MEMBERS_PATH}/nouveau`;

export function memberPath(id: string): string {
  return `${MEMBERS_PATH}/${id}`;
}

export function editMemberPath(id: string): string {
  return `${memberPath(id)}/modifier`;
}

export type AccessAction = 'acces' | 'acces/desactiver' | 'acces/reactiver' | 'acces/invitation';

export function memberAccessPath(id: string, action: AccessAction): string {
  return `${memberPath(id)}/${action}`;
}

/** The resident's own pages. */
export { ACCOUNT_PATH };
export const EDIT_OWN_DETAILS_PATH = `${ACCOUNT_PATH}/modifier`;

/** Companies of the business park, whose employees may be delivered at work. */
export const COMPANIES_PATH = backOfficePath('entreprises');
export const NEW_COMPANY_PATH = `${COMPANIES_PATH}/nouvelle`;

export function companyPath(id: string): string {
  return `${COMPANIES_PATH}/${id}`;
}

export function editCompanyPath(id: string): string {
  return `${companyPath(id)}/modifier`;
}

/** POST: adds an employee (found by e-mail or phone). */
export function companyEmployeesPath(id: string): string {
  return `${companyPath(id)}/salaries`;
}

/** POST: the member is no longer an employee of this company. */
export function removeEmployeePath(id: string, memberId: string): string {
  return `${companyEmployeesPath(id)}/${memberId}/retirer`;
}

/** How much a company's employees use the service: the concierge's view of any company. */
export function companyUsagePath(id: string): string {
  return `${companyPath(id)}/utilisation`;
}

/** The same page for the company's contact, from « Mon compte »: their own company, no id to forge. */
export const OWN_COMPANY_USAGE_PATH = `${ACCOUNT_PATH}/entreprise`;

/** Personal data: the resident's own (« Mes données »), from « Mon compte »: no id to forge. */
export const OWN_DATA_PATH = `${ACCOUNT_PATH}/donnees`;
export const OWN_DATA_JSON_PATH = `${ACCOUNT_PATH}/donnees.json`;
/** GET asks, POST mails the confirmation link. */
export const OWN_ERASURE_PATH = `${OWN_DATA_PATH}/effacer`;
/** POST: the resident agrees to, or withdraws from, news mail. */
export const OWN_CONSENT_GIVE_PATH = `${ACCOUNT_PATH}/nouvelles/accepter`;
export const OWN_CONSENT_WITHDRAW_PATH = `${ACCOUNT_PATH}/nouvelles/refuser`;

export type MemberPrivacyAction = 'effacer' | 'nouvelles/accord' | 'nouvelles/retrait' | 'senior' | 'senior/retirer';

/** The concierge's actions on a member's personal data, consent and « senior » mark. */
export function memberPrivacyPath(id: string, action: MemberPrivacyAction): string {
  return `${memberPath(id)}/${action}`;
}

/** The news mail: written, previewed (POST), sent (POST). */
export const NEWS_PATH = `${MEMBERS_PATH}/lettre`;
export const NEWS_PREVIEW_PATH = `${NEWS_PATH}/apercu`;
export const NEWS_SEND_PATH = `${NEWS_PATH}/envoyer`;
/** The retention job's dry run and the log of erasures. */
export const RETENTION_PATH = `${MEMBERS_PATH}/conservation`;
