// Writing and sending mails. `queueMail` is called inside the transaction of the change
// that causes the mail; the worker sends the outbox through SMTP when one is configured.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { claimDueMails, insertMail, markFailed, markSent, releaseStaleClaims } from './outbox.repository.ts';

export interface MailContent {
  subject: string;
  /** Paragraphs of plain text; a paragraph that is a URL becomes a button in HTML. */
  paragraphs: string[];
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

/** Plain text and simple, accessible HTML from the same paragraphs. */
export function renderMail(content: MailContent, signature: MailSignature): { text: string; html: string } {
  const footer = [`${signature.name}`, `${signature.address}`, `Téléphone : ${signature.phone}`];
  const text = [...content.paragraphs, '—', ...footer].join('\n\n');
  const body = content.paragraphs
    .map((paragraph) =>
      isUrl(paragraph)
        ? `<p><a href="${escapeHtml(paragraph)}" style="display:inline-block;background:#0b5c4c;color:#ffffff;padding:12px 20px;border-radius:4px;font-weight:bold;text-decoration:none">Ouvrir le lien</a><br><span style="font-size:14px;color:#4a4a4a">${escapeHtml(paragraph)}</span></p>`
        : `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n');
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
): Promise<string> {
  const { text, html } = renderMail(content, signature);
  return insertMail(db, { recipient, subject: content.subject, textBody: text, htmlBody: html });
}

export function signatureOf(config: Config): MailSignature {
  return { name: config.conciergerie.name, phone: config.conciergerie.phone, address: config.conciergerie.address };
}

export function createTransport(config: Config): Transporter | undefined {
  if (!config.smtp) return undefined;
  const { host, port, secure, user, password } = config.smtp;
  return nodemailer.createTransport({
    host,
    port,
    secure,
    auth: user ? { user, pass: password } : undefined,
    // A local relay without TLS is common in development and tests.
    ignoreTLS: !secure && port !== 587,
  });
}

/** Sends every due mail once; returns how many were sent. */
export async function sendDueMails(db: Db, transport: Transporter, from: string, batchSize = 20): Promise<number> {
  await releaseStaleClaims(db);
  const mails = await claimDueMails(db, batchSize);
  let sent = 0;
  for (const mail of mails) {
    try {
      await transport.sendMail({ from, to: mail.recipient, subject: mail.subject, text: mail.textBody, html: mail.htmlBody });
      await markSent(db, mail.id);
      sent += 1;
    } catch (error) {
      await markFailed(db, mail, error instanceof Error ? error.message : String(error));
    }
  }
  return sent;
}

/** Polls the outbox every few seconds; stop() waits for the current batch. */
export function startMailWorker(db: Db, config: Config, intervalMs = 2000): { sending: boolean; stop: () => Promise<void> } {
  const transport = createTransport(config);
  // Without SMTP nothing is sent: the mails stay in the outbox, readable in the back office.
  if (!transport) return { sending: false, stop: async () => {} };
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(() => (stopped ? 0 : sendDueMails(db, transport, config.mailFrom))).catch(() => 0);
  }, intervalMs);
  timer.unref();
  return {
    sending: true,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
