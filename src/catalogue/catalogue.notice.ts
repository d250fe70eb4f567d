// « C'est dans votre panier (2 articles, 51,50 €) »: after adding an offer, the basket sends
// the resident back to the shop's page, which shows this once, with a link to the basket.
// It travels in the session (not the address) so a reload or a shared link does not repeat it.
import type { FastifyRequest } from 'fastify';
import type { Cents } from '../platform/money.ts';
import { ID_PATTERN } from '../platform/ids.ts';

export interface BasketNotice {
  /** Articles in the basket, counting each unit (2 bottles are 2 articles). */
  articleCount: number;
  totalCents: Cents;
}

declare module 'fastify' {
  interface Session {
    basketNotice?: BasketNotice;
  }
}

export function noteBasketAddition(request: FastifyRequest, notice: BasketNotice): void {
  request.session.basketNotice = notice;
}

/** The notice waiting for this page, if any; it is shown once. */
export function takeBasketNotice(request: FastifyRequest): BasketNotice | undefined {
  const notice = request.session?.basketNotice;
  if (notice) request.session.basketNotice = undefined;
  return notice;
}

/** The catalogue's pages that show the notice: the only places the basket sends a resident back to. */
const RETURN_PATH = new RegExp(`^/(commerces|offres)/${ID_PATTERN.slice(1, -1)}$`);

/**
 * Where to go back after adding: the page named by the form if it is one of ours (a shop or
 * an offer page, a bare local path); anything else — another site, `//host`, a script URL —
 * is ignored for the fallback.
 */
export function returnPathOr(wanted: string | undefined, fallback: string): string {
  return wanted !== undefined && RETURN_PATH.test(wanted) ? wanted : fallback;
}
