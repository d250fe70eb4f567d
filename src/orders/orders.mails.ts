// The mails orders send, as content (subject and paragraphs): the member's confirmation, the
// shop's new purchase order, a refused line, a cancelled order. Queued by the services in
// the transaction of the change.
import { formatClock, formatDate, formatDateTime } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { MailContent } from '../platform/mail/mail.ts';
import { formatEuros } from '../platform/money.ts';
import { utcToLocal } from '../places/index.ts';

/** « vendredi 4 décembre, de 18 h à 18 h 30 ». */
export function slotText(startAt: string, endAt: string, timeZone: string): string {
  const start = utcToLocal(startAt, timeZone);
  const end = utcToLocal(endAt, timeZone);
  return t('orders.slot', { date: formatDate(startAt, timeZone), start: formatClock(start.time), end: formatClock(end.time) });
}

export interface MailLine {
  title: string;
  quantity: number;
  totalCents: number;
  priceIsEstimate?: boolean;
}

/** « 2 × Plateau de fromages — 25,00 € », one per line. */
export function lineList(lines: readonly MailLine[]): string {
  return lines
    .map((line) => t(line.priceIsEstimate ? 'orders.mail.line_estimate' : 'orders.mail.line', { quantity: line.quantity, title: line.title, total: formatEuros(line.totalCents) }))
    .join('\n');
}

export interface ConfirmationMail {
  memberName: string;
  code: string;
  slot: string;
  placeName: string;
  placeAddress: string;
  shops: Array<{ name: string; lines: MailLine[] }>;
  totalCents: number;
  url: string;
  /** the member chose to pay online at checkout */
  paysOnline?: boolean;
}

export function confirmationMail(input: ConfirmationMail): MailContent {
  return {
    subject: t('orders.mail.confirmation.subject', { code: input.code }),
    paragraphs: [
      t('orders.mail.hello_name', { name: input.memberName }),
      t('orders.mail.confirmation.code', { code: input.code }),
      t('orders.mail.confirmation.where', { slot: input.slot, place: input.placeName, address: input.placeAddress }),
      ...input.shops.map((shop) => `${shop.name}\u00a0:\n${lineList(shop.lines)}`),
      t(input.paysOnline ? 'payments.mail.total_online' : 'orders.mail.confirmation.total', { total: formatEuros(input.totalCents) }),
      t('orders.mail.confirmation.next'),
      input.url,
    ],
  };
}

export interface NewPurchaseOrderMail {
  code: string;
  lines: MailLine[];
  totalCents: number;
  roundAt: string;
  timeZone: string;
  url: string;
}

export function newPurchaseOrderMail(input: NewPurchaseOrderMail): MailContent {
  return {
    subject: t('orders.mail.shop.subject', { code: input.code }),
    paragraphs: [
      t('orders.mail.hello'),
      t('orders.mail.shop.intro', { code: input.code }),
      lineList(input.lines),
      t('orders.mail.shop.total', { total: formatEuros(input.totalCents) }),
      t('orders.mail.shop.round', { round: formatDateTime(input.roundAt, input.timeZone) }),
      t('orders.mail.shop.act'),
      input.url,
    ],
  };
}

export interface RefusedLineMail {
  memberName: string;
  shopName: string;
  line: MailLine;
  reason: string;
  note: string | null;
  totalCents: number;
  orderCancelled: boolean;
  url: string;
}

export function refusedLineMail(input: RefusedLineMail): MailContent {
  const reason = input.note ? `${tDynamic(`orders.refusal.${input.reason}`)}\u00a0: ${input.note}` : tDynamic(`orders.refusal.${input.reason}`);
  return {
    subject: t('orders.mail.refused.subject'),
    paragraphs: [
      t('orders.mail.hello_name', { name: input.memberName }),
      t('orders.mail.refused.what', { shop: input.shopName, line: lineList([input.line]), reason }),
      input.orderCancelled ? t('orders.mail.refused.cancelled') : t('orders.mail.refused.total', { total: formatEuros(input.totalCents) }),
      input.url,
    ],
  };
}

export function cancelledForShopMail(code: string): MailContent {
  return { subject: t('orders.mail.cancelled_shop.subject', { code }), paragraphs: [t('orders.mail.hello'), t('orders.mail.cancelled_shop.body', { code })] };
}
