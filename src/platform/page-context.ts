// What every page needs to know about the request, as plain data: views never touch fastify.
import type { Config } from '../config.ts';
import type { AssetUrls } from './assets.ts';

export type Role = 'resident' | 'merchant' | 'concierge' | 'town' | 'driver';
export const ROLES: readonly Role[] = ['resident', 'merchant', 'concierge', 'town'];

export interface CurrentAccount {
  id: string;
  email: string;
  role: Role;
  displayName: string;
  shopId: string | null;
  memberId: string | null;
}

export interface PageContext {
  account: CurrentAccount | null;
  /** Creates the session's CSRF secret on first use, so pages without forms stay cookie-free. */
  csrfToken: () => string;
  path: string;
  conciergerie: Config['conciergerie'];
  timeZone: string;
  /** A one-time confirmation shown at the top of the next page ("Offre enregistrée."). */
  flash?: string;
  /** The stylesheet, typeface, icons and town's mark, at addresses that change with their content. */
  assets: AssetUrls;
  /** Lines in the basket of a resident or a visitor, for « Panier (2) »; 0 for everyone else. */
  basketCount: number;
  /** The concierge's pages only: what the staff bar shows, read once per page. */
  staff?: StaffGlance;
}

/** The staff bar's facts of the moment: mails waiting, and when the page was made (and how to make it again). */
export interface StaffGlance {
  newMails: number;
  /** Membership requests waiting for a call. */
  openRequests: number;
  /** UTC instant the page was rendered. */
  renderedAt: string;
  /** The same page again, query included. */
  refreshHref: string;
}

/** Who a request is for, as the basket count needs it: an account, or a visitor's session id. */
export interface BasketHolder {
  account: CurrentAccount | null;
  visitorId: string | undefined;
}

/** Counts the lines of a basket; given at start by app.ts (the basket lives in the orders area). */
export type BasketCounter = (holder: BasketHolder) => Promise<number>;
