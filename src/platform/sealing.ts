// Secrets the app must read back (never passwords: those are hashed) are stored sealed:
// AES-256-GCM under a key drawn from SESSION_SECRET and a label naming their use, so a
// database dump alone reveals none of them and a key for one use opens nothing else. The
// `context` (e.g. the owning account's id) is authenticated with the text: a sealed value
// copied onto another row does not open there.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

const keys = new Map<string, Buffer>();
function keyFor(masterSecret: string, label: string): Buffer {
  const id = `${label}\u0000${masterSecret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', masterSecret, 'conciergerie sealing', label, 32));
    keys.set(id, key);
  }
  return key;
}

/** "v1.<iv>.<ciphertext>.<tag>", each part base64url. */
export function sealText(masterSecret: string, label: string, context: string, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(masterSecret, label), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The plain text, or an error when the value was altered, moved or sealed under another secret. */
export function openText(masterSecret: string, label: string, context: string, sealed: string): string {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || body === undefined || !tag) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(masterSecret, label), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
