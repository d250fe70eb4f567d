// The back-office home: a few figures for the concierge and the town. Platform code imports
// no area, so the areas' counting functions are handed in by app.ts (which reads the areas'
// index.ts) as `FigureSources`.
import type { Executor } from '../../db/index.ts';
import { notFound } from '../errors.ts';
import type { CurrentAccount } from '../page-context.ts';

export interface FigureSources {
  /** Shops per membership stage (shops area). */
  countShopsByStage: (db: Executor) => Promise<Record<string, number>>;
  /** Members registered (members area). */
  countMembers: (db: Executor) => Promise<number>;
  /** Offers the public can order (catalogue area). */
  countOnlineOffers: (db: Executor) => Promise<number>;
  /** Mails received and not handled yet (notifications area). */
  countNewMails: (db: Executor) => Promise<number>;
}

export interface BackOfficeFigures {
  memberShops: number;
  allShops: number;
  members: number;
  onlineOffers: number;
  newMails: number;
}

export function canUseBackOffice(actor: CurrentAccount | null): boolean {
  return actor?.role === 'concierge' || actor?.role === 'town';
}

export async function backOfficeFigures(db: Executor, sources: FigureSources, actor: CurrentAccount | null): Promise<BackOfficeFigures> {
  if (!canUseBackOffice(actor)) throw notFound();
  const [byStage, members, onlineOffers, newMails] = await Promise.all([
    sources.countShopsByStage(db),
    sources.countMembers(db),
    sources.countOnlineOffers(db),
    sources.countNewMails(db),
  ]);
  const allShops = Object.values(byStage).reduce((total, count) => total + count, 0);
  return { memberShops: byStage.member ?? 0, allShops, members, onlineOffers, newMails };
}
