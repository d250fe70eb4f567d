// Notifications: the mails (and later SMS) the conciergerie sends to members, shops and the
// concierge. A mail is written to the outbox in the transaction of the change that causes
// it and sent by a worker; « Courriels envoyés » lets the concierge read every one of them,
// which is also how mails are read when no SMTP server is configured.
export { getSentMail, listSentMails, type OutboxMail, type OutboxStatus } from './notifications.service.ts';
export { linksIn, MAILS_PER_PAGE } from './notifications.rules.ts';
