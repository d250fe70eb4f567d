// Writing and sending mails. `queueMail` is called inside the transaction of the change
// that causes the mail; the job `mail-sending` sends the outbox through SMTP when one is configured.
// A mail that carries a personal link (a password link) is written with `queuePersonalMail`:
// its stored text and HTML say PERSONAL_LINK instead, the link is sealed beside them, and
// only the worker puts it back into what it hands to the SMTP server.
import { createRequire } from 'node:module';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { t } from '../i18n/index.ts';
import { newId } from '../ids.ts';
import type { Job } from '../jobs.ts';
import { claimDueMails, insertMail, insertMails, markFailed, markSent, releaseStaleClaims, type ClaimedMail, type StoredAttachment } from './outbox.repository.ts';
import { openLink, sealLink } from './sealed-link.ts';
import { formatPhone } from '../typography.ts';

export interface MailContent {
  subject: string;
  /** Paragraphs of plain text; a paragraph that is a URL becomes a button in HTML. */
  paragraphs: string[];
}

/** A file sent with a mail (a calendar invitation): text or bytes. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
}

/** As the outbox keeps it: base64, so bytes and text travel alike through JSON. */
function stored(attachments: readonly MailAttachment[]): StoredAttachment[] {
  return attachments.map(({ filename, contentType, content }) => ({
    filename,
    contentType,
    content: (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64'),
    encoding: 'base64',
  }));
}

export interface MailSignature {
  name: string;
  phone: string;
  address: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function isUrl(paragraph: string): boolean {
  return /^https?:\/\/\S+$/.test(paragraph);
}

/** The paragraph a mail's stored text and HTML show where its personal link goes. */
export const PERSONAL_LINK = t('mail.personal_link_placeholder');

const TEXT_SEPARATOR = '\n\n';

function linkHtml(url: string): string {
  return `<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#0b5c4c;color:#ffffff;padding:12px 20px;border-radius:4px;font-weight:bold;text-decoration:none">Ouvrir le lien</a><br><span style="font-size:14px;color:#4a4a4a">${escapeHtml(url)}</span></p>`;
}

function paragraphHtml(paragraph: string): string {
  return `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`;
}

/** Plain text and simple, accessible HTML from the same paragraphs. */
export function renderMail(content: MailContent, signature: MailSignature): { text: string; html: string } {
  const footer = [`${signature.name}`, `${signature.address}`, `Téléphone\u00a0: ${formatPhone(signature.phone)}`];
  const text = [...content.paragraphs, '—', ...footer].join(TEXT_SEPARATOR);
  const body = content.paragraphs.map((paragraph) => (isUrl(paragraph) ? linkHtml(paragraph) : paragraphHtml(paragraph))).join('\n');
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:Verdana,Arial,sans-serif;font-size:18px;line-height:1.6;color:#1b1b1b;background:#fffdf8;padding:16px">
${body}
<hr><p style="font-size:16px">${footer.map(escapeHtml).join('<br>')}</p>
</body></html>`;
  return { text, html };
}

export async function queueMail(
  db: Executor,
  recipient: string,
  content: MailContent,
  signature: MailSignature,
  attachments: readonly MailAttachment[] = [],
): Promise<string> {
  const { text, html } = renderMail(content, signature);
  return insertMail(db, { recipient, subject: content.subject, textBody: text, htmlBody: html, attachments: stored(attachments) });
}

/** Several mails without attachments, queued in one statement; each content is rendered once, whatever its recipients. */
export async function queueMails(db: Executor, mails: ReadonlyArray<{ recipients: readonly string[]; content: MailContent }>, signature: MailSignature): Promise<void> {
  const rows = mails.flatMap(({ recipients, content }) => {
    if (recipients.length === 0) return [];
    const { text, html } = renderMail(content, signature);
    return recipients.map((recipient) => ({ recipient, subject: content.subject, textBody: text, htmlBody: html }));
  });
  await insertMails(db, rows);
}

/**
 * Queues a mail whose paragraphs hold PERSONAL_LINK once, where `link` goes. The outbox keeps
 * the placeholder in its text and HTML and the link sealed for the sending worker.
 */
export async function queuePersonalMail(
  db: Executor,
  config: Pick<Config, 'sessionSecret'>,
  recipient: string,
  content: MailContent,
  signature: MailSignature,
  link: string,
  attachments: readonly MailAttachment[] = [],
  /** Extra headers; PERSONAL_LINK in a value is replaced by the link when sent (a news mail's List-Unsubscribe). */
  headers: Readonly<Record<string, string>> = {},
): Promise<string> {
  if (content.paragraphs.filter((paragraph) => paragraph === PERSONAL_LINK).length !== 1) throw new Error('a personal mail holds its link placeholder once');
  const { text, html } = renderMail(content, signature);
  const id = newId();
  const sealedLink = sealLink(config.sessionSecret, link, { mailId: id, recipient });
  return insertMail(db, { id, recipient, subject: content.subject, textBody: text, htmlBody: html, sealedLink, attachments: stored(attachments), headers });
}

/** The text and HTML to send: the stored ones, with the personal link put back in its place. */
function withPersonalLink(mail: { textBody: string; htmlBody: string }, link: string): { text: string; html: string } {
  const text = mail.textBody
    .split(TEXT_SEPARATOR)
    .map((paragraph) => (paragraph === PERSONAL_LINK ? link : paragraph))
    .join(TEXT_SEPARATOR);
  const html = mail.htmlBody.split(paragraphHtml(PERSONAL_LINK)).join(linkHtml(link));
  return { text, html };
}

export function signatureOf(config: Config): MailSignature {
  return { name: config.conciergerie.name, phone: config.conciergerie.phone, address: config.conciergerie.address };
}

export function createTransport(config: Config): Transporter | undefined {
  if (!config.smtp) return undefined;
  const { host, port, secure, user, password } = config.smtp;
  // Loaded when a mail server is configured, not by every process that only queues mail.
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof import('nodemailer');
  return nodemailer.createTransport({
    host,
    port,
    secure,
    auth: user ? { user, pass: password } : undefined,
    // A local relay without TLS is common in development and tests.
    ignoreTLS: !secure && port !== 587,
  });
}

/** What the worker needs: the sender's address and the secret that opens sealed links. */
export type MailerSettings = Pick<Config, 'mailFrom' | 'sessionSecret'>;

/** The headers to send: the personal link put back where a value names its placeholder. */
function headersWithLink(headers: Record<string, string>, link: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.split(PERSONAL_LINK).join(link)]));
}

/** The bodies and headers to hand to SMTP, or undefined when the mail's sealed link does not open. */
function bodiesToSend(mail: ClaimedMail, settings: MailerSettings): { text: string; html: string; headers: Record<string, string> } | undefined {
  if (mail.sealedLink === null) return { text: mail.textBody, html: mail.htmlBody, headers: mail.headers };
  const link = openLink(settings.sessionSecret, mail.sealedLink, { mailId: mail.id, recipient: mail.recipient });
  return link === undefined ? undefined : { ...withPersonalLink(mail, link), headers: headersWithLink(mail.headers, link) };
}

/**
 * The Message-ID of an outbox mail: its id at the sender's domain. A worker stopped between
 * the SMTP server's acceptance and `markSent` sends the mail again once its claim lapses; the
 * second copy then carries the same Message-ID, by which mail servers and clients recognise it.
 */
export function outboxMessageId(mailId: string, mailFrom: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'localhost';
  return `<${mailId}@${domain}>`;
}

/** Sends one claimed mail; true when the SMTP server accepted it. */
async function sendOne(db: Db, transport: Transporter, settings: MailerSettings, mail: ClaimedMail): Promise<boolean> {
  const bodies = bodiesToSend(mail, settings);
  // Sending the placeholder would be worthless; retrying cannot open it either.
  if (!bodies) {
    await markFailed(db, mail, t('mail.personal_link_unreadable'), true);
    return false;
  }
  try {
    const attachments = mail.attachments.length > 0 ? { attachments: mail.attachments } : {};
    const { headers: headerValues, ...texts } = bodies;
    const headers = Object.keys(headerValues).length > 0 ? { headers: headerValues } : {};
    const messageId = outboxMessageId(mail.id, settings.mailFrom);
    await transport.sendMail({ from: settings.mailFrom, to: mail.recipient, subject: mail.subject, messageId, ...texts, ...attachments, ...headers });
    await markSent(db, mail.id);
    return true;
  } catch (error) {
    await markFailed(db, mail, error instanceof Error ? error.message : String(error));
    return false;
  }
}

/** Sends every due mail once; returns how many were sent. */
export async function sendDueMails(db: Db, transport: Transporter, settings: MailerSettings, batchSize = 20): Promise<number> {
  await releaseStaleClaims(db);
  const mails = await claimDueMails(db, batchSize);
  let sent = 0;
  for (const mail of mails) {
    if (await sendOne(db, transport, settings, mail)) sent += 1;
  }
  return sent;
}

/** The job's name: a process started with MAIL_WORKER=false leaves it to another. */
export const MAIL_JOB_NAME = 'mail-sending';

/**
 * Sends the outbox every few seconds. Without SMTP there is no such job: the mails stay in
 * the outbox, readable in the back office (a personal link stays sealed: it is shown nowhere).
 */
export function mailJobs(config: Config): Job[] {
  if (!config.smtp) return [];
  return [
    {
      name: MAIL_JOB_NAME,
      label: t('jobs.label.mail_sending'),
      everySeconds: 5,
      // A batch waits on SMTP servers; five minutes is far beyond a batch of twenty.
      leaseSeconds: 5 * 60,
      run: async ({ db, config: settings }) => {
        const transport = createTransport(settings);
        if (!transport) return;
        try {
          await sendDueMails(db, transport, settings);
        } finally {
          transport.close();
        }
      },
    },
  ];
}
