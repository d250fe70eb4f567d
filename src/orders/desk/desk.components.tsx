// Pieces shared by the pages of the concierge's « Nouvelle commande »: its address, the trail,
// the mail the order comes from (`courriel`, carried from page to page and shown beside the
// basket), the search box, and the member as every page names them.
import type { InboundMail } from '../../notifications/index.ts';
import type { Member } from '../../members/index.ts';
import { formatDateTime } from '../../platform/clock.ts';
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import type { CollectionPoint } from '../../places/index.ts';
import { HiddenField, SubmitButton } from '../../ui/forms.tsx';
import { ORDERS, deskMemberPath } from '../orders.paths.ts';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';

/** A URL of the desk with the mail carried along (and any other query). */
export function deskHref(path: string, query: Record<string, string | undefined> = {}): string {
  const pairs = Object.entries(query).filter((pair): pair is [string, string] => Boolean(pair[1]));
  return pairs.length ? `${path}?${new URLSearchParams(pairs).toString()}` : path;
}

/** The back-office trail down to « Commandes », then the desk's own steps. */
export function deskTrail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], [t('backoffice.orders.title'), ORDERS], ...rest];
}

export function Csrf({ ctx }: { ctx: PageContext }) {
  return <HiddenField name="_csrf" value={ctx.csrfToken()} />;
}

export function MailCarried({ mailId }: { mailId: string | undefined }) {
  return mailId ? <HiddenField name="courriel" value={mailId} /> : null;
}

/** One search box (members, or the catalogue), carrying the mail along. */
export function SearchForm({ action, label, hint, query, mailId }: { action: string; label: string; hint: string; query: string; mailId: string | undefined }) {
  return (
    <form method="get" action={action} class="search-form" role="search">
      <MailCarried mailId={mailId} />
      <div class="field">
        <label for="champ-q">{label}</label>
        <p class="field__hint" id="aide-q">
          {hint}
        </p>
        <input id="champ-q" name="q" type="search" value={query} class="input input--long" autocomplete="off" aria-describedby="aide-q" />
      </div>
      <SubmitButton>{t('desk.find.submit')}</SubmitButton>
    </form>
  );
}

/** The mail an order comes from, to read while filling the basket. */
export function MailPanel({ ctx, mail }: { ctx: PageContext; mail: InboundMail | undefined }) {
  if (!mail) return null;
  return (
    <section class="panel desk-mail" aria-labelledby="courriel-recu">
      <h2 id="courriel-recu">{t('desk.mail.title')}</h2>
      <dl class="facts">
        <dt>{t('desk.mail.from')}</dt>
        <dd>{mail.fromName ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress}</dd>
        <dt>{t('desk.mail.subject')}</dt>
        <dd>{mail.subject || t('desk.mail.no_subject')}</dd>
        <dt>{t('desk.mail.received')}</dt>
        <dd>{formatDateTime(mail.receivedAt, ctx.timeZone)}</dd>
      </dl>
      <div class="desk-mail__text">{mail.bodyText}</div>
    </section>
  );
}

export function memberName(member: Member): string {
  return `${member.firstName} ${member.lastName}`.trim();
}

/** « Comptoir — 1 rue …, 13800 Istres ». */
export function placeText(place: CollectionPoint): string {
  return `${place.name} — ${place.addressLine}, ${place.postalCode} ${place.city}`;
}

export function MemberFacts({ member }: { member: Member }) {
  return (
    <dl class="facts">
      <dt>{t('desk.basket.phone')}</dt>
      <dd>{member.phone ?? t('desk.basket.none')}</dd>
      <dt>{t('desk.basket.email')}</dt>
      <dd>{member.email ?? t('desk.basket.none')}</dd>
    </dl>
  );
}

/** The desk's actions on a member's basket that orders.paths.ts does not name. */
export function deskActionPath(memberId: string, action: 'vider' | 'reprendre'): string {
  return `${deskMemberPath(memberId)}/${action}`;
}

/** The id of an offer's entry in the desk's catalogue results, to come back to after « Ajouter ». */
export function offerAnchor(offerId: string): string {
  return `offre-${offerId}`;
}
