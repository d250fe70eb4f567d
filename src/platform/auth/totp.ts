// Time-based one-time codes (RFC 6238: 6 digits, 30-second steps, SHA-1), the second step of
// login for concierge and town accounts, read by any authenticator app. Time is the app's
// clock (`nowMs`), never the machine's directly, so tests can fix it.
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** A code of the step before or after is accepted too: phones' clocks drift and people type slowly. */
const WINDOW_STEPS = 1;
/** What the sealed secret is for (the label of its encryption key, see sealing.ts). */
export const TOTP_SEALING_LABEL = 'totp secret';

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 as apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secretBase32: string, issuer = '', label = ''): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** The otpauth:// address a QR code carries: the app shows « issuer (label) ». */
export function totpUri(secretBase32: string, issuer: string, label: string): string {
  return totpOf(secretBase32, issuer, label).toString();
}

/** The number of the 30-second step an instant falls in. */
export function totpStepAt(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** « 123 456 », « 123456 » → « 123456 »; undefined when it is not six digits. */
export function normaliseTotpCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s.-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
}

/**
 * The step whose code was typed, within one step either side of `atMs`, or null when the
 * code matches none. The caller accepts it only if that step is later than the last one used.
 */
export function matchTotpStep(secretBase32: string, code: string, atMs: number): number | null {
  const digits = normaliseTotpCode(code);
  if (!digits) return null;
  const delta = totpOf(secretBase32).validate({ token: digits, timestamp: atMs, window: WINDOW_STEPS });
  return delta === null ? null : totpStepAt(atMs) + delta;
}

/** « JBSW Y3DP EHPK 3PXP » : easier to copy by hand into an app than 32 letters in a row. */
export function secretInGroups(secretBase32: string): string {
  return secretBase32.match(/.{1,4}/g)?.join(' ') ?? '';
}

/**
 * The QR code as an SVG drawing. The page's Content-Security-Policy forbids inline styles
 * and scripts: the drawing `qrcode` makes uses attributes only, and anything else is
 * refused here rather than shipped.
 */
export async function totpQrSvg(uri: string): Promise<string> {
  const { default: QRCode } = await import('qrcode'); // loaded with the first QR code, not at start
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  if (/<script|<style|\sstyle=|\son\w+=|<foreignObject|href=/i.test(svg)) throw new Error('the QR code drawing holds a style, a script or a link');
  return svg;
}
