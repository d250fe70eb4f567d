// The words of an item's two papers, for the concierge who prints them at intake: the label
// (never the follow link: it hangs on the item, on a shelf anyone can see) and the member's
// receipt (the follow link, handed to its owner).
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/index.ts';
import { findMembersByIds, fullName } from '../../members/index.ts';
import { formatDate } from '../../platform/clock.ts';
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { formatPhone } from '../../platform/typography.ts';
import { followLink } from '../requests.mails.ts';
import { requestNumberLabel } from '../requests.rules.ts';
import { renderLabelPdf, renderReceiptPdf } from './repairs.pdf.ts';
import { repairForConcierge } from './repairs.read.service.ts';

export interface Paper {
  filename: string;
  bytes: Buffer;
}

async function memberOf(db: Executor, memberId: string) {
  const [member] = await findMembersByIds(db, [memberId]);
  return member;
}

export async function repairLabel(db: Executor, config: Config, actor: CurrentAccount | null, requestId: string): Promise<Paper> {
  const view = await repairForConcierge(db, actor, requestId);
  const member = await memberOf(db, view.request.memberId);
  const number = requestNumberLabel(view.request.number);
  const lines = [
    member ? fullName(member) : '',
    member?.phone ? t('repairs.paper.phone', { phone: formatPhone(member.phone) }) : t('repairs.paper.no_phone'),
    t('repairs.paper.shelf', { shelf: view.item.shelf }),
    t('repairs.paper.provider', { name: view.providerName ?? '' }),
    t('repairs.paper.date', { date: formatDate(view.item.createdAt, config.timeZone) }),
  ];
  const bytes = await renderLabelPdf({ title: t('repairs.paper.label_title', { number }), author: config.conciergerie.name }, { number, lines, cutHint: t('repairs.paper.cut') });
  return { filename: `etiquette-${number}.pdf`, bytes };
}

export async function repairReceipt(db: Executor, config: Config, actor: CurrentAccount | null, requestId: string): Promise<Paper> {
  const view = await repairForConcierge(db, actor, requestId);
  const member = await memberOf(db, view.request.memberId);
  const number = requestNumberLabel(view.request.number);
  const facts: Array<[string, string]> = [
    [t('repairs.paper.for'), member ? fullName(member) : ''],
    [t('repairs.paper.what'), view.item.description],
    [t('repairs.paper.left_on'), formatDate(view.item.createdAt, config.timeZone)],
    [t('repairs.paper.who_repairs'), view.providerName ?? ''],
  ];
  if (view.price) facts.push([t('repairs.paper.price'), formatEuros(view.price.priceCents)]);
  if (view.price && view.price.bonusCents > 0) facts.push([t('repairs.paper.bonus'), t('repairs.bonus.line', { amount: formatEuros(view.price.bonusCents) })]);
  const bytes = await renderReceiptPdf(
    { title: t('repairs.paper.receipt_title', { number }), author: config.conciergerie.name },
    {
      title: t('repairs.paper.receipt_heading'),
      number,
      facts,
      followIntro: t('repairs.paper.follow'),
      followLink: followLink(config, view.request.id),
      footer: [t('repairs.paper.keep'), t('repairs.paper.call', { phone: formatPhone(config.conciergerie.phone), hours: config.conciergerie.phoneHours }), config.conciergerie.address],
    },
  );
  return { filename: `recu-${number}.pdf`, bytes };
}
