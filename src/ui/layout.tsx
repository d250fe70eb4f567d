// The shell of every page: skip link, header with the phone number in sight, navigation,
// main content, footer with the legal pages. Large, calm and readable.
import type { ComponentChildren } from 'preact';
import { t } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { ACCOUNT_PATH, BACKOFFICE_PATH, BASKET_PATH, CHECKOUT_PATH, PORTAL_PATH, PUBLIC_SHOPS_PATH, SEARCH_PATH } from '../platform/paths.ts';
import { LOGIN_PATH, LOGOUT_PATH } from '../platform/auth/auth.paths.ts';
import { StaffBar } from './staff-bar.tsx';
import { formatPhone } from '../platform/typography.ts';

export interface PageProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Breadcrumb trail above the heading: [label, href] pairs, the last without href. */
  trail?: Array<[string, string?]>;
  /** Pages behind a login are not indexed. */
  noindex?: boolean;
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function AccountLinks({ ctx }: { ctx: PageContext }) {
  const account = ctx.account;
  if (!account) {
    return (
      <li>
        <a href={`${LOGIN_PATH}?retour=${encodeURIComponent(ctx.path)}`}>{t('nav.login')}</a>
      </li>
    );
  }
  const home = {
    resident: [ACCOUNT_PATH, t('nav.my_account')],
    merchant: [PORTAL_PATH, t('nav.merchant')],
    concierge: [BACKOFFICE_PATH, t('nav.backoffice')],
    town: [BACKOFFICE_PATH, t('nav.backoffice')],
  }[account.role];
  return (
    <>
      <li>
        <a href={home[0]}>{home[1]}</a>
      </li>
      <li>
        <form method="post" action={LOGOUT_PATH} class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button type="submit" class="link-button">
            {t('nav.logout')}
          </button>
        </form>
      </li>
    </>
  );
}

function Header({ ctx }: { ctx: PageContext }) {
  return (
    <header class="site-header">
      <div class="site-header__top">
        <a href="/" class="site-name">
          {ctx.conciergerie.name}
        </a>
        <p class="site-phone">
          {t('site.phone_prefix')}&nbsp;: <a href={telHref(ctx.conciergerie.phone)}>{formatPhone(ctx.conciergerie.phone)}</a>
        </p>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul class="nav-list">
          <li>
            <a href="/" aria-current={ctx.path === '/' ? 'page' : undefined}>
              {t('nav.home')}
            </a>
          </li>
          <li>
            <a href={PUBLIC_SHOPS_PATH} aria-current={ctx.path.startsWith(PUBLIC_SHOPS_PATH) ? 'page' : undefined}>
              {t('nav.shops')}
            </a>
          </li>
          <li>
            <a href={SEARCH_PATH} aria-current={ctx.path.startsWith(SEARCH_PATH) ? 'page' : undefined}>
              {t('nav.search')}
            </a>
          </li>
          <li>
            <a href={BASKET_PATH} aria-current={ctx.path.startsWith(BASKET_PATH) || ctx.path.startsWith(CHECKOUT_PATH) ? 'page' : undefined}>
              {t('basket.nav')}
            </a>
          </li>
          <AccountLinks ctx={ctx} />
        </ul>
      </nav>
    </header>
  );
}

function Footer({ ctx }: { ctx: PageContext }) {
  return (
    <footer class="site-footer">
      <p>
        {ctx.conciergerie.name} — {ctx.conciergerie.address} — <a href={telHref(ctx.conciergerie.phone)}>{formatPhone(ctx.conciergerie.phone)}</a>
      </p>
      <nav aria-label={t('footer.label')}>
        <ul class="footer-list">
          <li>
            <a href="/contact">{t('footer.contact')}</a>
          </li>
          <li>
            <a href="/accessibilite">{t('footer.accessibility')}</a>
          </li>
          <li>
            <a href="/mentions-legales">{t('footer.legal')}</a>
          </li>
          <li>
            <a href="/donnees-personnelles">{t('footer.privacy')}</a>
          </li>
        </ul>
      </nav>
    </footer>
  );
}

function Trail({ trail }: { trail: Array<[string, string?]> }) {
  return (
    <nav aria-label={t('nav.trail')} class="trail">
      <ol>
        {trail.map(([label, href]) => (
          <li>{href ? <a href={href}>{label}</a> : <span aria-current="page">{label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

export function Page({ ctx, title, children, trail, noindex }: PageProps) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {noindex ? <meta name="robots" content="noindex" /> : null}
        <title>{`${title} — ${ctx.conciergerie.name}`}</title>
        <link rel="stylesheet" href="/static/styles.css" />
      </head>
      <body>
        <a href="#contenu" class="skip-link">
          {t('site.skip_to_content')}
        </a>
        <Header ctx={ctx} />
        <StaffBar ctx={ctx} />
        <main id="contenu" tabIndex={-1}>
          {trail && trail.length > 0 ? <Trail trail={trail} /> : null}
          {ctx.flash ? (
            <p class="flash" role="status">
              {ctx.flash}
            </p>
          ) : null}
          {children}
        </main>
        <Footer ctx={ctx} />
      </body>
    </html>
  );
}

/** A sheet to print and take along (round sheet, invitation): no navigation, the print stylesheet does the rest. */
export function PrintSheet({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <link rel="stylesheet" href="/static/styles.css" />
      </head>
      <body class="print-sheet">
        <main id="contenu">{children}</main>
      </body>
    </html>
  );
}
