// Pages of personal data: the resident's « Mes données » and its erasure steps, the page a
// mailed link opens, the unsubscribe page, and the concierge's sections of a member's card.
import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import { ActionButton } from '../ui/forms.tsx';
import { formatPhone } from '../platform/typography.ts';
import type { Member } from './members.repository.ts';
import type { PersonalData } from './members.privacy.service.ts';
import { ACCOUNT_PATH, OWN_CONSENT_GIVE_PATH, OWN_CONSENT_WITHDRAW_PATH, OWN_DATA_JSON_PATH, OWN_DATA_PATH, OWN_ERASURE_PATH, memberPrivacyPath } from './members.paths.ts';

const accountTrail = (...rest: Array<[string, string?]>): Array<[string, string?]> => [[t('nav.home'), '/'], [t('account.title'), ACCOUNT_PATH], ...rest];

/** The member row as the export shows it, with French names. */
export function memberFacts(member: Member): Record<string, unknown> {
  return {
    [t('mydata.field.first_name')]: member.firstName,
    [t('mydata.field.last_name')]: member.lastName,
    [t('mydata.field.email')]: member.email,
    [t('mydata.field.phone')]: member.phone,
    [t('mydata.field.address')]: [member.addressLine, member.postalCode, member.city].filter(Boolean).join(', '),
    [t('mydata.field.kind')]: tDynamic(`members.kind.${member.kind}`),
    [t('mydata.field.notes')]: member.notes,
    [t('mydata.field.account_code')]: member.accountCode,
    [t('mydata.field.registered')]: member.createdAt,
    [t('mydata.field.consent')]: member.consentNewsAt,
  };
}

function label(key: string): string {
  return key.replace(/_/g, ' ');
}

/** An instant as the JSON file keeps it (UTC); the page says it in words, in the town's time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function Value({ value, timeZone }: { value: unknown; timeZone: string }): ComponentChildren {
  if (value === null || value === undefined || value === '') return <span class="muted">—</span>;
  if (Array.isArray(value)) {
    return (
      <ul>
        {value.map((item) => (
          <li>
            <Value value={item} timeZone={timeZone} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') return <Facts row={value as Record<string, unknown>} timeZone={timeZone} />;
  if (typeof value === 'string' && INSTANT.test(value)) return <span>{formatDateTime(value, timeZone)}</span>;
  return <span class="pre-line">{String(value)}</span>;
}

function Facts({ row, timeZone }: { row: Record<string, unknown>; timeZone: string }) {
  return (
    <dl class="facts">
      {Object.entries(row).map(([key, value]) => (
        <>
          <dt>{label(key)}</dt>
          <dd>
            <Value value={value} timeZone={timeZone} />
          </dd>
        </>
      ))}
    </dl>
  );
}

export function OwnDataPage({ ctx, data }: { ctx: PageContext; data: PersonalData }) {
  const title = t('mydata.title');
  return (
    <Page ctx={ctx} title={title} trail={accountTrail([title])} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('mydata.intro')}</p>
      <p class="actions">
        <a href={OWN_DATA_JSON_PATH} class="button" download="mes-donnees.json">
          {t('mydata.download_json')}
        </a>
      </p>
      <p class="muted">{t('mydata.download_hint')}</p>
      <h2>{t('mydata.section.member')}</h2>
      <Facts row={memberFacts(data.member)} timeZone={ctx.timeZone} />
      {data.sections.map((section) => (
        <section>
          <h2>{section.name}</h2>
          {section.rows.length === 0 ? <p>{t('mydata.none')}</p> : section.rows.map((row) => <Facts row={row} timeZone={ctx.timeZone} />)}
        </section>
      ))}
      <section aria-labelledby="effacer" class="panel">
        <h2 id="effacer">{t('mydata.erase_title')}</h2>
        <p>{t('mydata.erase_intro')}</p>
        <p>
          <a href={OWN_ERASURE_PATH} class="button button--danger">
            {t('mydata.erase_button')}
          </a>
        </p>
      </section>
    </Page>
  );
}

function Reasons({ reasons }: { reasons: string[] }) {
  return (
    <ul>
      {reasons.map((reason) => (
        <li>{reason}</li>
      ))}
    </ul>
  );
}

export function OwnErasurePage({ ctx, reasons, error }: { ctx: PageContext; reasons: string[]; error?: string }) {
  const title = t('mydata.erase_confirm_title');
  return (
    <Page ctx={ctx} title={title} trail={accountTrail([t('mydata.title'), OWN_DATA_PATH], [title])} noindex>
      <h1>{title}</h1>
      {error ? (
        <p class="panel panel--error" role="alert">
          {error}
        </p>
      ) : null}
      <p>{t('mydata.erase_intro')}</p>
      {reasons.length > 0 ? (
        <div class="panel">
          <p>{t('mydata.erase_blocked')}</p>
          <Reasons reasons={reasons} />
        </div>
      ) : (
        <>
          <p>{t('mydata.erase_confirm_intro')}</p>
          <ActionButton ctx={ctx} action={OWN_ERASURE_PATH} label={t('mydata.erase_confirm_button')} danger />
        </>
      )}
      <p>
        <a href={OWN_DATA_PATH}>{t('form.cancel')}</a>
      </p>
    </Page>
  );
}

/** The page the mailed link opens: a GET shows the button, the POST erases. */
export function ErasureLinkPage({ ctx, action, reasons }: { ctx: PageContext; action: string; reasons: string[] }) {
  const title = t('erasure.page.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('nav.home'), '/'], [title]]} noindex>
      <h1>{title}</h1>
      {reasons.length > 0 ? (
        <div class="panel">
          <p>{t('mydata.erase_blocked')}</p>
          <Reasons reasons={reasons} />
        </div>
      ) : (
        <>
          <p>{t('erasure.page.intro')}</p>
          <ActionButton ctx={ctx} action={action} label={t('erasure.page.button')} danger />
        </>
      )}
    </Page>
  );
}

export function UnsubscribePage({ ctx, action, subscribed }: { ctx: PageContext; action: string; subscribed: boolean }) {
  const title = t('unsubscribe.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('nav.home'), '/'], [title]]} noindex>
      <h1>{title}</h1>
      {subscribed ? (
        <>
          <p>{t('unsubscribe.intro')}</p>
          <ActionButton ctx={ctx} action={action} label={t('unsubscribe.button')} />
        </>
      ) : (
        <p>{t('unsubscribe.already')}</p>
      )}
    </Page>
  );
}

/** « Mon compte »'s part about news mail and personal data. */
export function AccountPrivacySection({ ctx, member }: { ctx: PageContext; member: Member }) {
  return (
    <>
      <section aria-labelledby="nouvelles" class="panel">
        <h2 id="nouvelles">{t('consent.title')}</h2>
        {member.consentNewsAt ? (
          <>
            <p>{t('consent.yes', { date: formatDate(member.consentNewsAt, ctx.timeZone) })}</p>
            <ActionButton ctx={ctx} action={OWN_CONSENT_WITHDRAW_PATH} label={t('consent.withdraw')} />
          </>
        ) : (
          <>
            <p>{t('consent.no')}</p>
            <ActionButton ctx={ctx} action={OWN_CONSENT_GIVE_PATH} label={t('consent.give')} />
          </>
        )}
      </section>
      <p>
        <a href={OWN_DATA_PATH}>{t('mydata.link')}</a>
      </p>
    </>
  );
}

function consentText(member: Member, timeZone: string): string {
  if (!member.consentNewsAt) return t('consent.card.no');
  const date = formatDate(member.consentNewsAt, timeZone);
  return member.consentNewsSource === 'phone' ? t('consent.card.yes_phone', { date }) : t('consent.card.yes_self', { date });
}

/** The concierge's sections of a member's card: consent, « senior » mark, erasure. */
export function MemberPrivacySections({ ctx, member }: { ctx: PageContext; member: Member }) {
  return (
    <>
      <section aria-labelledby="nouvelles" class="panel">
        <h2 id="nouvelles">{t('consent.title')}</h2>
        <p>{consentText(member, ctx.timeZone)}</p>
        {member.consentNewsAt ? (
          <ActionButton ctx={ctx} action={memberPrivacyPath(member.id, 'nouvelles/retrait')} label={t('consent.card.withdraw')} />
        ) : (
          <ActionButton ctx={ctx} action={memberPrivacyPath(member.id, 'nouvelles/accord')} label={t('consent.card.record_phone')} />
        )}
      </section>
      <section aria-labelledby="senior" class="panel">
        <h2 id="senior">{t('senior.card.title')}</h2>
        <p>{member.seniorAt ? t('senior.card.yes', { date: formatDate(member.seniorAt, ctx.timeZone) }) : t('senior.card.no')}</p>
        {member.seniorAt ? (
          <ActionButton ctx={ctx} action={memberPrivacyPath(member.id, 'senior/retirer')} label={t('senior.card.unmark')} />
        ) : (
          <ActionButton ctx={ctx} action={memberPrivacyPath(member.id, 'senior')} label={t('senior.card.mark')} />
        )}
      </section>
      <section aria-labelledby="effacer" class="panel">
        <h2 id="effacer">{t('erasure.concierge.title')}</h2>
        <p>{t('erasure.concierge.intro')}</p>
        <p>
          <a href={memberPrivacyPath(member.id, 'effacer')} class="button button--danger">
            {t('erasure.concierge.button')}
          </a>
        </p>
      </section>
    </>
  );
}

export function ConciergeErasurePage({ ctx, member, reasons, backHref }: { ctx: PageContext; member: Member; reasons: string[]; backHref: string }) {
  const title = t('erasure.concierge.title');
  const name = `${member.firstName} ${member.lastName}`.trim();
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), '/gestion'], [name, backHref], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{name}{member.phone ? ` — ${formatPhone(member.phone)}` : ''}</p>
      <p>{t('erasure.concierge.intro')}</p>
      {reasons.length > 0 ? (
        <div class="panel">
          <p>{t('erasure.concierge.blocked')}</p>
          <Reasons reasons={reasons} />
        </div>
      ) : (
        <ActionButton ctx={ctx} action={memberPrivacyPath(member.id, 'effacer')} label={t('erasure.concierge.button')} danger />
      )}
      <p>
        <a href={backHref}>{t('form.cancel')}</a>
      </p>
    </Page>
  );
}
