// A real IMAP server for the inbox tests: the throwaway dovecot that `npm test` starts
// (scripts/dovecot.ts) and passes through TEST_IMAP_*. Each test file works in a mailbox of
// its own, so files running side by side never read each other's mails. Mails are put in
// with IMAP APPEND, as a mail server delivering them would.
import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { ImapConfig } from '../../src/config.ts';

/** Why the inbox tests cannot run here, or undefined when a test IMAP server is there. */
export function imapSkipReason(): string | undefined {
  if (process.env.TEST_IMAP_PORT && process.env.TEST_IMAP_USER && process.env.TEST_IMAP_PASSWORD) return undefined;
  return 'no test IMAP server: run through `npm test` with dovecot-imapd installed (apt-get install -y dovecot-imapd)';
}

/** The test server's settings, in a fresh mailbox of their own. */
export async function freshMailbox(): Promise<ImapConfig> {
  const base: ImapConfig = {
    host: process.env.TEST_IMAP_HOST ?? '127.0.0.1',
    port: Number(process.env.TEST_IMAP_PORT),
    secure: false,
    user: process.env.TEST_IMAP_USER ?? '',
    password: process.env.TEST_IMAP_PASSWORD ?? '',
    mailbox: `test-${randomBytes(6).toString('hex')}`,
    pollSeconds: 5,
  };
  await withClient(base, (client) => client.mailboxCreate(base.mailbox));
  return base;
}

async function withClient<T>(imap: ImapConfig, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: imap.host, port: imap.port, secure: imap.secure, auth: { user: imap.user, pass: imap.password }, logger: false, disableAutoIdle: true });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

export interface TestMail {
  from: string;
  subject: string;
  text?: string;
  html?: string;
  attachments?: Array<{ filename: string; content: string }>;
  messageId?: string;
  date?: Date;
}

/** The mail as an MTA would store it (built by nodemailer, headers and MIME parts included). */
export async function rawMail(mail: TestMail): Promise<Buffer> {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await composer.sendMail({ to: 'conciergerie@istres.example', ...mail });
  return info.message as Buffer;
}

/**
 * The mail as a receiving server stores it once checked: each header put on top, the last
 * given topmost, as each server on the way adds its own Authentication-Results above the rest.
 */
export async function rawMailWithHeaders(mail: TestMail | Buffer, ...headersAddedOnTop: string[]): Promise<Buffer> {
  const raw = Buffer.isBuffer(mail) ? mail : await rawMail(mail);
  return Buffer.concat([...headersAddedOnTop.reverse().map((header) => Buffer.from(`${header}\r\n`)), raw]);
}

/** Delivers mails into the mailbox (unseen), oldest first. */
export async function deliver(imap: ImapConfig, ...mails: Array<TestMail | Buffer>): Promise<void> {
  const raws = await Promise.all(mails.map((mail) => (Buffer.isBuffer(mail) ? mail : rawMail(mail))));
  await withClient(imap, async (client) => {
    for (const raw of raws) await client.append(imap.mailbox, raw, []);
  });
}

/** How many mails of the mailbox are still unseen (the inbox flags each one it stored). */
export async function unseenCount(imap: ImapConfig): Promise<number> {
  return withClient(imap, async (client) => {
    const status = await client.status(imap.mailbox, { unseen: true, messages: true });
    if (!status) throw new Error(`no status for ${imap.mailbox}`);
    return status.unseen ?? 0;
  });
}
