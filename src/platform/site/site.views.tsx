// The pages every public site must have (accessibility statement, legal notice, personal
// data) and the back-office home.
import { t } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';
import { Page } from '../../ui/layout.tsx';
import type { BackOfficeFigures } from './site.service.ts';
import { TOWN_DASHBOARD_PATH, TOWN_MONEY_PATH, TOWN_REVIEW_PATH, backOfficePath } from '../paths.ts';
import { formatPhone } from '../../platform/typography.ts';

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** A blank the town must fill before opening the site, visible as such. */
function ToFill({ what }: { what: string }) {
  return <strong class="to-fill">[{t('site.to_fill')}&nbsp;: {what}]</strong>;
}

function trail(title: string): Array<[string, string?]> {
  return [[t('nav.home'), '/'], [title]];
}

function ContactList({ ctx }: { ctx: PageContext }) {
  const { name, phone, email, address } = ctx.conciergerie;
  return (
    <ul>
      <li>
        {t('a11y.contact_phone')}{' '}
        <a href={telHref(phone)}>{formatPhone(phone)}</a>
      </li>
      <li>
        {t('a11y.contact_email')}{' '}
        <a href={`mailto:${email}`}>{email}</a>
      </li>
      <li>{t('a11y.contact_address', { name, address })}</li>
    </ul>
  );
}

export function AccessibilityPage({ ctx }: { ctx: PageContext }) {
  const title = t('a11y.title');
  const params = { site: ctx.conciergerie.name, town: ctx.conciergerie.town };
  return (
    <Page ctx={ctx} title={title} trail={trail(title)}>
      <h1>{title}</h1>
      <p>{t('a11y.commitment', params)}</p>
      <p>{t('a11y.scope', params)}</p>
      <h2>{t('a11y.status_title')}</h2>
      <p class="panel">{t('a11y.status', params)}</p>
      <h2>{t('a11y.results_title')}</h2>
      <p>{t('a11y.results_intro')}</p>
      <ul>
        <li>{t('a11y.results_auto')}</li>
        <li>{t('a11y.results_manual')}</li>
      </ul>
      <p>{t('a11y.results_limit')}</p>
      <h2>{t('a11y.content_title')}</h2>
      <h3>{t('a11y.known_title')}</h3>
      <ul>
        <li>{t('a11y.known_photos')}</li>
      </ul>
      <p>{t('a11y.unknown')}</p>
      <h2>{t('a11y.established_title')}</h2>
      <p>{t('a11y.established', { date: t('a11y.date') })}</p>
      <h3>{t('a11y.technologies_title')}</h3>
      <p>{t('a11y.technologies')}</p>
      <h3>{t('a11y.environment_title')}</h3>
      <p>{t('a11y.environment')}</p>
      <h3>{t('a11y.pages_title')}</h3>
      <p>{t('a11y.pages')}</p>
      <h2>{t('a11y.feedback_title')}</h2>
      <p>{t('a11y.feedback')}</p>
      <ContactList ctx={ctx} />
      <h2>{t('a11y.remedy_title')}</h2>
      <p>{t('a11y.remedy_intro')}</p>
      <ul>
        <li>
          <a href="https://formulaire.defenseurdesdroits.fr/">{t('a11y.remedy_form')}</a> ;
        </li>
        <li>
          <a href="https://www.defenseurdesdroits.fr/saisir/delegues">{t('a11y.remedy_delegate')}</a> ;
        </li>
        <li>{t('a11y.remedy_phone')}</li>
        <li>{t('a11y.remedy_mail')}</li>
      </ul>
      <h2>{t('a11y.plan_title')}</h2>
      <p>
        {t('a11y.plan')} <ToFill what={t('a11y.plan_placeholder')} />
      </p>
    </Page>
  );
}

export function LegalPage({ ctx }: { ctx: PageContext }) {
  const title = t('legal.title');
  const { name, phone, email, address } = ctx.conciergerie;
  return (
    <Page ctx={ctx} title={title} trail={trail(title)}>
      <h1>{title}</h1>
      <h2>{t('legal.publisher_title')}</h2>
      <p>{t('legal.publisher')}</p>
      <p>
        {t('legal.publisher_phone')} <ToFill what={t('legal.publisher_phone_placeholder')} />
      </p>
      <p>
        {t('legal.director')} <ToFill what={t('legal.director_placeholder')} />
      </p>
      <h2>{t('legal.operator_title')}</h2>
      <p>
        {t('legal.operator', { site: name })} <ToFill what={t('legal.operator_placeholder')} />
      </p>
      <p>{t('legal.operator_contact', { phone, email, address })}</p>
      <h2>{t('legal.host_title')}</h2>
      <p>
        {t('legal.host')} <ToFill what={t('legal.host_placeholder')} />
      </p>
      <h2>{t('legal.content_title')}</h2>
      <p>{t('legal.content')}</p>
      <h2>{t('legal.software_title')}</h2>
      <p>{t('legal.software')}</p>
      <p>
        {t('legal.see_also')} <a href="/donnees-personnelles">{t('privacy.title')}</a> — <a href="/accessibilite">{t('a11y.title')}</a>
      </p>
    </Page>
  );
}

export function PrivacyPage({ ctx, retentionYears }: { ctx: PageContext; retentionYears: number }) {
  const title = t('privacy.title');
  const { phone, email, address, town } = ctx.conciergerie;
  return (
    <Page ctx={ctx} title={title} trail={trail(title)}>
      <h1>{title}</h1>
      <p class="lead">{t('privacy.intro')}</p>
      <h2>{t('privacy.controller_title')}</h2>
      <p>{t('privacy.controller', { town })}</p>
      <p>
        {t('privacy.dpo')} <ToFill what={t('privacy.dpo_placeholder')} />
      </p>
      <h2>{t('privacy.data_title')}</h2>
      <ul>
        <li>{t('privacy.data_name')}</li>
        <li>{t('privacy.data_contact')}</li>
        <li>{t('privacy.data_address')}</li>
        <li>{t('privacy.data_orders')}</li>
        <li>{t('privacy.data_account')}</li>
        <li>{t('privacy.data_notes')}</li>
        <li>{t('privacy.data_mails')}</li>
      </ul>
      <p>{t('privacy.no_bank')}</p>
      <h2>{t('privacy.purpose_title')}</h2>
      <ul>
        <li>{t('privacy.purpose_member')}</li>
        <li>{t('privacy.purpose_orders')}</li>
        <li>{t('privacy.purpose_notify')}</li>
        <li>{t('privacy.purpose_settle')}</li>
        <li>{t('privacy.purpose_stats')}</li>
      </ul>
      <p>{t('privacy.basis')}</p>
      <h2>{t('privacy.recipients_title')}</h2>
      <p>{t('privacy.recipients')}</p>
      <h2>{t('privacy.retention_title')}</h2>
      <ul>
        <li>{t('privacy.retention_account', { years: String(retentionYears) })}</li>
        <li>{t('privacy.retention_orders')}</li>
        <li>{t('privacy.retention_session')}</li>
        <li>{t('privacy.retention_links')}</li>
        <li>{t('privacy.retention_mails')}</li>
        <li>{t('privacy.retention_erased')}</li>
      </ul>
      <h2>{t('privacy.news_title')}</h2>
      <p>{t('privacy.news')}</p>
      <h2>{t('privacy.cookies_title')}</h2>
      <p>{t('privacy.cookies')}</p>
      <h2>{t('privacy.rights_title')}</h2>
      <p>{t('privacy.rights')}</p>
      <p class="panel">{t('privacy.rights_how', { phone, email, address })}</p>
      <p>{t('privacy.rights_self')}</p>
      <p>{t('privacy.rights_self_service')}</p>
      <h2>{t('privacy.complaint_title')}</h2>
      <p>
        {t('privacy.complaint')} <a href="https://www.cnil.fr/fr/plaintes">{t('privacy.complaint_online')}</a>{' '}
        {t('privacy.complaint_mail')}
      </p>
    </Page>
  );
}

/** « Courriels reçus (3 nouveaux) »: what waits in the inbox, in sight from the home. */
function inboxLabel(newMails: number): string {
  if (newMails === 0) return t('inbox.title');
  return t(newMails === 1 ? 'inbox.title_one_new' : 'inbox.title_new', { count: newMails });
}

function Section({ href, label, hint }: { href: string; label: string; hint: string }) {
  return (
    <li class="card">
      <h3>
        <a href={href}>{label}</a>
      </h3>
      <p>{hint}</p>
    </li>
  );
}

export function BackOfficePage({ ctx, figures }: { ctx: PageContext; figures: BackOfficeFigures }) {
  const title = t('backoffice.title');
  const isConcierge = ctx.account?.role === 'concierge';
  return (
    <Page ctx={ctx} title={title} trail={[[t('nav.home'), '/'], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('backoffice.hello', { name: ctx.account?.displayName ?? '' })}</p>
      <h2>{t('backoffice.figures')}</h2>
      <ul class="cards figures">
        <li class="card">
          <strong class="figure">{figures.memberShops}</strong> {t('backoffice.member_shops', { all: figures.allShops })}
        </li>
        <li class="card">
          <strong class="figure">{figures.members}</strong> {t('backoffice.members')}
        </li>
        <li class="card">
          <strong class="figure">{figures.onlineOffers}</strong> {t('backoffice.offers')}
        </li>
      </ul>
      <h2>{t('backoffice.sections')}</h2>
      <ul class="cards">
        {isConcierge ? <Section href={backOfficePath('aujourdhui')} label={t('rounds.today.title')} hint={t('rounds.today.home_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('tournees-de-livraison')} label={t('runs.day.trail')} hint={t('runs.day.home_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('comptoir')} label={t('counter.title')} hint={t('counter.home_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('demandes')} label={t('requests.list.title')} hint={t('requests.list.home_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('commandes/nouvelle')} label={t('desk.title')} hint={t('desk.home_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('boite')} label={inboxLabel(figures.newMails)} hint={t('inbox.home_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('commandes')} label={t('backoffice.orders.title')} hint={t('backoffice.orders.home_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('releves')} label={t('statements.title')} hint={t('statements.home_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('virements')} label={t('payouts.title')} hint={t('payouts.home_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('comptabilite')} label={t('settlement.title')} hint={t('settlement.home_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('comptabilite/export')} label={t('money.export.title')} hint={t('money.export.home_hint')} /> : null}
        <Section href={TOWN_DASHBOARD_PATH} label={t('reports.title')} hint={t('reports.home_hint')} />
        <Section href={TOWN_MONEY_PATH} label={t('money.town.title')} hint={t('money.town.home_hint')} />
        <Section href={TOWN_REVIEW_PATH} label={t('yearly_review.title')} hint={t('yearly_review.home_hint')} />
        <Section href={backOfficePath('commerces')} label={t('backoffice.shops')} hint={t('backoffice.shops_hint')} />
        {isConcierge ? <Section href={backOfficePath('adherents')} label={t('backoffice.members_link')} hint={t('backoffice.members_hint')} /> : null}
        <Section href={backOfficePath('lieux')} label={t('places.admin.title')} hint={t('places.admin.home_hint')} />
        {isConcierge ? <Section href={backOfficePath('entreprises')} label={t('delivery.company.list_title')} hint={t('delivery.company.home_hint')} /> : null}
        <Section href={backOfficePath('livraison')} label={t('delivery.zone.title')} hint={t('delivery.zone.home_hint')} />
        {isConcierge ? <Section href={backOfficePath('courriels')} label={t('backoffice.mails')} hint={t('backoffice.mails_hint')} /> : null}
        {isConcierge ? <Section href={backOfficePath('taches')} label={t('jobs.title')} hint={t('jobs.home_hint')} /> : null}
        <Section href={backOfficePath('securite')} label={t('totp.title')} hint={t('totp.home_hint')} />
      </ul>
    </Page>
  );
}
