// The header of every page: the service's name under the town's mark, a call button with the
// phone line's hours, and the navigation of the reader's role. On a phone it stays under
// 120 px: the navigation folds into a « Menu » (`<details>`, no script); from 48 rem it shows
// flat in one row. Both renderings are in the page and CSS shows one, so the folded one never
// has to be opened by a script on a wide screen.
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../platform/i18n/index.ts';
import type { PageContext, Role } from '../platform/page-context.ts';
import { ACCOUNT_PATH, BACKOFFICE_PATH, BASKET_PATH, CHECKOUT_PATH, DRIVER_PATH, HOME_PATH, PORTAL_PATH, PUBLIC_SHOPS_PATH, SEARCH_PATH } from '../platform/paths.ts';
import { LOGIN_PATH, LOGOUT_PATH } from '../platform/auth/auth.paths.ts';
import { formatPhone } from '../platform/typography.ts';

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** « d’Istres », « de Marseille »: French elides « de » before a vowel or a mute h. */
export function ofTown(town: string): string {
  return /^[aeiouyhàâäéèêëîïôöûüœ]/i.test(town) ? `d’${town}` : `de ${town}`;
}

interface NavLink {
  href: string;
  label: ComponentChildren;
  /** Addresses under which this link is the current section. */
  current: string[];
}

type Audience = Role | 'visitor';

const ACCOUNT_LINES: Record<Role, MessageKey> = {
  resident: 'shell.account.resident',
  merchant: 'shell.account.merchant',
  concierge: 'shell.account.concierge',
  town: 'shell.account.town',
  driver: 'shell.account.driver',
};

function basketLabel(count: number) {
  if (count === 0) return t('basket.nav');
  const articles = t(count === 1 ? 'shell.basket_articles_one' : 'shell.basket_articles_other');
  // « Panier (2) » on screen, « Panier (2 articles) » read aloud.
  const [before, after] = t('shell.basket_count', { count }).split(String(count));
  return (
    <>
      {before}
      {count}
      <span class="visually-hidden"> {articles}</span>
      {after}
    </>
  );
}

/** Each role's destinations: staff and merchants have no basket, visitors and residents no back office. */
function linksFor(audience: Audience, ctx: PageContext): NavLink[] {
  const home = { href: HOME_PATH, label: t('nav.home'), current: [] };
  const shops = { href: PUBLIC_SHOPS_PATH, label: t('nav.shops'), current: [PUBLIC_SHOPS_PATH, '/offres/', '/categories/'] };
  const search = { href: SEARCH_PATH, label: t('nav.search'), current: [SEARCH_PATH] };
  const basket = { href: BASKET_PATH, label: basketLabel(ctx.basketCount), current: [BASKET_PATH, CHECKOUT_PATH] };
  const links: Record<Audience, NavLink[]> = {
    visitor: [home, shops, search, basket],
    resident: [home, shops, search, basket, { href: ACCOUNT_PATH, label: t('nav.my_account'), current: [ACCOUNT_PATH] }],
    merchant: [{ href: PORTAL_PATH, label: t('nav.merchant'), current: [PORTAL_PATH] }, home, shops],
    concierge: [{ href: BACKOFFICE_PATH, label: t('nav.backoffice'), current: [BACKOFFICE_PATH] }, shops, search],
    town: [{ href: BACKOFFICE_PATH, label: t('nav.backoffice'), current: [BACKOFFICE_PATH] }, shops, search],
    driver: [{ href: DRIVER_PATH, label: t('nav.driver'), current: [DRIVER_PATH] }],
  };
  return links[audience];
}

function isCurrent(link: NavLink, path: string): boolean {
  if (link.href === path) return true;
  return link.current.some((prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
}

function AccountLine({ ctx }: { ctx: PageContext }) {
  const account = ctx.account;
  if (!account) {
    return (
      <p class="site-account">
        <a href={`${LOGIN_PATH}?retour=${encodeURIComponent(ctx.path)}`}>{t('nav.login')}</a>
      </p>
    );
  }
  return (
    <div class="site-account">
      <p class="site-account__who">{t(ACCOUNT_LINES[account.role], { name: account.displayName || account.email })}</p>
      <form method="post" action={LOGOUT_PATH} class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <button type="submit" class="link-button">
          {t('nav.logout')}
        </button>
      </form>
    </div>
  );
}

function NavList({ ctx }: { ctx: PageContext }) {
  const audience: Audience = ctx.account?.role ?? 'visitor';
  return (
    <ul class="nav-list">
      {linksFor(audience, ctx).map((link) => (
        <li>
          <a href={link.href} aria-current={isCurrent(link, ctx.path) ? 'page' : undefined}>
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Staff answer this phone themselves: they get no call button. */
function CallButton({ ctx }: { ctx: PageContext }) {
  const role = ctx.account?.role;
  if (role === 'concierge' || role === 'town') return null;
  const { phone, phoneHours } = ctx.conciergerie;
  return (
    <div class="site-call">
      <p class="site-call__question">{t(role === 'merchant' ? 'shell.call_merchant' : 'shell.call_question')}</p>
      <a href={telHref(phone)} class="call-button">
        <svg class="call-button__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" fill="currentColor" />
        </svg>
        <span class="visually-hidden">{t('shell.call_before')} </span>
        <span class="nowrap">{formatPhone(phone)}</span>
        <span class="visually-hidden">. {t('shell.call_hours', { hours: phoneHours })}</span>
      </a>
      <p class="site-call__hours">{phoneHours}</p>
    </div>
  );
}

function Brand({ ctx }: { ctx: PageContext }) {
  const { name, town } = ctx.conciergerie;
  return (
    <a href={HOME_PATH} class="site-brand">
      <img src={ctx.assets.logo} alt="" width="48" height="48" class="site-brand__mark" />
      <span class="site-brand__words">
        <span class="site-brand__name">{name}</span>
        <span class="site-brand__town">{t('shell.town_service', { of_town: ofTown(town) })}</span>
      </span>
    </a>
  );
}

export function SiteHeader({ ctx }: { ctx: PageContext }) {
  return (
    <header class="site-header">
      <div class="site-header__bar">
        <Brand ctx={ctx} />
        <CallButton ctx={ctx} />
        <details class="site-menu">
          <summary class="site-menu__toggle">{t('shell.menu')}</summary>
          <nav aria-label={t('nav.label')} class="site-menu__panel">
            <NavList ctx={ctx} />
            <AccountLine ctx={ctx} />
          </nav>
        </details>
      </div>
      <div class="site-nav">
        <nav aria-label={t('nav.label')} class="site-nav__inner">
          <NavList ctx={ctx} />
          <AccountLine ctx={ctx} />
        </nav>
      </div>
    </header>
  );
}
