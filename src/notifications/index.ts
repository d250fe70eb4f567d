// Notifications: the mails (and later SMS) the conciergerie sends to members, shops and the
// concierge. A mail is written to the outbox in the transaction of the change that causes
// it and sent by a worker; « Courriels envoyés » lets the concierge read every one of them,
// which is also how mails are read when no SMTP server is configured. A personal link (a
// password link) is never among what they read: the outbox holds it sealed for the sender.
export { getSentMail, listSentMails, type OutboxMail, type OutboxStatus } from './notifications.service.ts';
export { linksIn, MAILS_PER_PAGE } from './notifications.rules.ts';
// The inbox: mails received at the conciergerie's address (IMAP), each turned into an order
// or filed by the concierge.
export {
  INBOUND_MAILS_PER_PAGE,
  archiveInboundMail,
  countNewInboundMails,
  fetchInboxOnce,
  getInboundMail,
  listInboundMails,
  markInboundMailConverted,
  notificationsJobs,
  readInboundMail,
  type InboundMail,
  type InboundMailStatus,
  type InboxTab,
} from './notifications.inbox.ts';
// What this area keeps about a member, for their data export and erasure (app.ts lists every holder).
export { NOTIFICATIONS_PERSONAL_DATA } from './notifications.privacy.repository.ts';
