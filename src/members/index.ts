// Members ("adhérents"): the people registered with the conciergerie, free of charge. A
// member is a resident of the town or an employee of a company of the business park; they
// are reachable by phone, by e-mail or both. Many never use the website: the concierge
// creates and manages them. A member's "site access" is a resident account linked to the
// member row; the resident then sees and edits their own details at « Mon compte ».
export type { Member } from './members.repository.ts';
export { findMembersByIds, findMemberByEmail, findMembersByEmails } from './members.repository.ts';
export type { MemberKind } from './members.rules.ts';
export { MEMBER_KINDS, fullName, hasContact, memberSearchTerms, memberSearchText, phoneDigits } from './members.rules.ts';
export {
  MEMBERS_PER_PAGE,
  countAllMembers,
  createMember,
  disableSiteAccess,
  enableSiteAccess,
  getMember,
  getMemberCard,
  getOwnMember,
  openSiteAccess,
  printInvitation,
  registerMember,
  searchMembers,
  updateMember,
  updateOwnDetails,
  type MemberInput,
  type OwnDetailsInput,
  type SiteAccess,
} from './members.service.ts';
export { COMPANIES_PATH, OWN_COMPANY_USAGE_PATH, companyPath, companyUsagePath, memberPath } from './members.paths.ts';
export { companyContactOf, companyForUsage, companyOfMember, type Company, type CompanyStop } from './members.companies.service.ts';
// Personal data: export, erasure and the retention job take the holders app.ts lists.
export { MEMBER_RETENTION_JOB_NAME, collectPersonalData, eraseMemberIn, memberRetentionJob, retentionReport, applyRetention } from './members.privacy.service.ts';
export { SEGMENTS, type Segment } from './members.segments.ts';
