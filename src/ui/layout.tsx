// The shell of every page: skip link, header with the phone number in sight, navigation,
// main content, footer with the town's mark and the legal pages. Large, calm and readable.
import type { ComponentChildren } from 'preact';
import { t } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { ofTown, SiteHeader, telHref } from './site-header.tsx';
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
  /** What search engines show under the title; the service's own sentence by default. */
  description?: string;
  /** Seconds after which the browser reloads the page by itself (a job's progress), without script. */
  refreshSeconds?: number;
}

function Footer({ ctx }: { ctx: PageContext }) {
  const { name, address, phone, phoneHours, town } = ctx.conciergerie;
  return (
    <footer class="site-footer">
      <div class="site-footer__who">
        <img src={ctx.assets.logo} alt="" width="56" height="56" class="site-footer__mark" />
        <div>
          <p class="site-footer__name">
            {name}
            <span class="site-footer__town">{t('shell.town_service', { of_town: ofTown(town) })}</span>
          </p>
          <p>
            {address}
            <br />
            <a href={telHref(phone)} class="nowrap">
              {formatPhone(phone)}
            </a>
            , {phoneHours}
          </p>
        </div>
      </div>
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

/** The links every page's head carries: the stylesheet, its two fonts (fetched at once, not after the CSS), the icons. */
function HeadLinks({ ctx }: { ctx: PageContext }) {
  const { assets } = ctx;
  return (
    <>
      {assets.fonts.map((href) => (
        <link rel="preload" href={href} as="font" type="font/woff2" crossOrigin="anonymous" />
      ))}
      <link rel="stylesheet" href={assets.stylesheet} />
      <link rel="icon" href={assets.favicon} type="image/svg+xml" />
      <link rel="icon" href={assets.faviconPng} type="image/png" sizes="32x32" />
      <link rel="apple-touch-icon" href={assets.touchIcon} />
      <meta name="theme-color" content="#0b5c4c" />
    </>
  );
}

function defaultDescription(ctx: PageContext): string {
  return t('shell.description', { of_town: ofTown(ctx.conciergerie.town) });
}

export function Page({ ctx, title, children, trail, noindex, description, refreshSeconds }: PageProps) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {noindex ? <meta name="robots" content="noindex" /> : null}
        {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
        <title>{`${title} — ${ctx.conciergerie.name}`}</title>
        <meta name="description" content={description ?? defaultDescription(ctx)} />
        <HeadLinks ctx={ctx} />
      </head>
      <body>
        <a href="#contenu" class="skip-link">
          {t('site.skip_to_content')}
        </a>
        <SiteHeader ctx={ctx} />
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
