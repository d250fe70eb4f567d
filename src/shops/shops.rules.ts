// Rules about the town's local shops: identity checks and the membership stage.

/** Where a shop stands with the conciergerie. Only `member` shops are shown to the public. */
export type ShopStage =
  /** known in the town, not yet approached */
  | 'prospect'
  /** approached by the concierge (visit, call, mail) */
  | 'contacted'
  /** validated by the concierge: its storefront is public */
  | 'member'
  /** a member that stopped selling for a while; storefront hidden */
  | 'inactive'
  /** left the conciergerie, or refused (chains are refused) */
  | 'left';

export const SHOP_STAGES: readonly ShopStage[] = ['prospect', 'contacted', 'member', 'inactive', 'left'];

/** Allowed moves of the stage; every move is a conditional update on the current stage. */
export const STAGE_TRANSITIONS: Record<ShopStage, readonly ShopStage[]> = {
  prospect: ['contacted', 'member', 'left'],
  contacted: ['prospect', 'member', 'left'],
  member: ['inactive', 'left'],
  inactive: ['member', 'left'],
  left: ['contacted', 'member'],
};

export function canMoveStage(from: ShopStage, to: ShopStage): boolean {
  return STAGE_TRANSITIONS[from].includes(to);
}

export function isPublicStage(stage: string): boolean {
  return stage === 'member';
}

/** Luhn check over the 14 digits; La Poste's establishments (SIREN 356000000) use a digit sum multiple of 5. */
export function isValidSiret(input: string): boolean {
  const siret = input.replace(/\s/g, '');
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) {
    const sum = [...siret].reduce((total, digit) => total + Number(digit), 0);
    return sum % 5 === 0;
  }
  let sum = 0;
  for (let index = 0; index < 14; index += 1) {
    let digit = Number(siret[index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** "12345678901234" → "123 456 789 01234" for display. */
export function formatSiret(siret: string): string {
  return siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
}

/** A weekly opening range, local time; weekday 1 = Monday … 7 = Sunday. */
export interface OpeningRange {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export function isValidRange(range: OpeningRange): boolean {
  return range.weekday >= 1 && range.weekday <= 7 && /^\d{2}:\d{2}$/.test(range.opensAt) && /^\d{2}:\d{2}$/.test(range.closesAt) && range.opensAt < range.closesAt;
}

/** Ranges of one day must not overlap; sorted by day and time. */
export function normaliseRanges(ranges: OpeningRange[]): OpeningRange[] | undefined {
  const sorted = [...ranges].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt));
  for (let index = 1; index < sorted.length; index += 1) {
    const previous = sorted[index - 1];
    if (previous.weekday === sorted[index].weekday && sorted[index].opensAt < previous.closesAt) return undefined;
  }
  return sorted;
}
