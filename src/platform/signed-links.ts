// Links that act without an account: a member following their repair, a provider answering
// for a quote or an appointment. The token is an HMAC of the purpose and the thing's id under
// a key drawn from SESSION_SECRET: nothing is stored, a token opens only the thing it was made
// for, and the same link can be written again in a later mail. Whether the link may still
// act (a quote already sent, an appointment cancelled) is the owning area's status check.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

const keys = new Map<string, Buffer>();
function keyFor(masterSecret: string): Buffer {
  let key = keys.get(masterSecret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', masterSecret, 'conciergerie signed links', 'signed-links', 32));
    keys.set(masterSecret, key);
  }
  return key;
}

/** The token of `purpose` for the thing `id`: 32 characters, URL-safe. */
export function signedToken(masterSecret: string, purpose: string, id: string): string {
  return createHmac('sha256', keyFor(masterSecret)).update(`${purpose}\u0000${id}`).digest('base64url').slice(0, 32);
}

/** Whether `token` is the one `signedToken` gives for this purpose and id. */
export function isSignedToken(masterSecret: string, purpose: string, id: string, token: string): boolean {
  const expected = Buffer.from(signedToken(masterSecret, purpose, id));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The token's shape, for route schemas. */
export const SIGNED_TOKEN_PATTERN = '^[A-Za-z0-9_-]{32}$';
