// A personal link (a password link) must never be readable in the outbox: not by a concierge
// reading « Courriels envoyés », not in a database dump. The outbox keeps it sealed with
// AES-256-GCM under a key derived from SESSION_SECRET (which is not in the database); only
// the worker that sends the mail opens it. The seal is bound to its mail (id and recipient),
// so a sealed link copied onto another row, or a row re-addressed, does not open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Changing this label gives another key: links sealed before no longer open. */
const KEY_LABEL = 'conciergerie/outbox/personal-link/v1';
const VERSION = 'v1';
const IV_BYTES = 12;

export interface SealBinding {
  mailId: string;
  recipient: string;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), KEY_LABEL, 32));
}

function aadOf(binding: SealBinding): Buffer {
  return Buffer.from(`${binding.mailId}\n${binding.recipient}`, 'utf8');
}

/** `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
export function sealLink(secret: string, link: string, binding: SealBinding): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  cipher.setAAD(aadOf(binding));
  const sealed = Buffer.concat([cipher.update(link, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The link, or undefined when the seal does not open (another key, another mail, tampered). */
export function openLink(secret: string, sealed: string, binding: SealBinding): string | undefined {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(iv, 'base64url'), { authTagLength: 16 });
    decipher.setAAD(aadOf(binding));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
