// Pages of the inbox: the received mails (new or handled) and one mail, shown as plain text,
// with what to do next: start an order for the member who wrote, or file it. A member matched
// by an address the receiving server did not confirm is flagged; the concierge decides.
import { formatDateTime } from '../../platform/clock.ts';
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { ActionButton } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { fullName, type Member, memberPath } from '../../members/index.ts';
import type { InboundMail, InboundMailStatus, InboxTab } from '../../notifications/index.ts';
import { Pager } from '../../ui/pager.tsx';
import type { InboxEntry, InboxPage } from './inbox.service.ts';
import { INBOX_PATH, mailPath, DESK, deskMemberPath, orderPath } from '../orders.paths.ts';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';
import { deskHref } from './desk.components.tsx';

/** The tab's name in the address: French words, as the rest of the site's addresses. */
export const TAB_PARAMS = { new: 'nouveaux', handled: 'traites' } as const satisfies Record<InboxTab, string>;

const STATUS_KEYS = {
  new: 'inbox.status.new',
  converted: 'inbox.status.converted',
  archived: 'inbox.status.archived',
} as const satisfies Record<InboundMailStatus, string>;

function trail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], ...rest];
}

function listHref(tab: InboxTab, page = 1): string {
  const query = [tab === 'handled' ? `onglet=${TAB_PARAMS.handled}` : '', page > 1 ? `page=${page}` : ''].filter(Boolean).join('&');
  return query ? `${INBOX_PATH}?${query}` : INBOX_PATH;
}

function subjectOf(mail: InboundMail): string {
  return mail.subject || t('inbox.no_subject');
}

function senderOf(mail: InboundMail): string {
  const address = mail.fromAddress || t('inbox.no_address');
  return mail.fromName ? `${mail.fromName} <${address}>` : address;
}

/**
 * The member whose e-mail is the From address; flagged in words when the receiving server did
 * not confirm that address, since anyone can write a member's address in From.
 */
function MemberCell({ member, verified }: { member: Member | null; verified: boolean }) {
  if (!member) return <span class="muted">{t('inbox.unknown_sender')}</span>;
  return (
    <>
      <a href={memberPath(member.id)}>{fullName(member)}</a>
      {verified ? null : (
        <>
          {' '}
          <span class="badge badge--unverified">{t('inbox.unverified_sender')}</span>
        </>
      )}
    </>
  );
}

function Tabs({ tab, newCount }: { tab: InboxTab; newCount: number }) {
  return (
    <nav aria-label={t('inbox.tabs')}>
      <ul class="pills">
        <li>
          <a href={listHref('new')} aria-current={tab === 'new' ? 'page' : undefined}>
            {t('inbox.tab.new', { count: newCount })}
          </a>
        </li>
        <li>
          <a href={listHref('handled')} aria-current={tab === 'handled' ? 'page' : undefined}>
            {t('inbox.tab.handled')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

/** One card per mail: a table of four columns does not fit a phone held by a senior. */
function MailCards({ ctx, tab, entries }: { ctx: PageContext; tab: InboxTab; entries: InboxEntry[] }) {
  return (
    <ul class="order-cards inbox-cards" aria-label={t(tab === 'new' ? 'inbox.caption.new' : 'inbox.caption.handled')}>
      {entries.map(({ mail, member }) => (
        <li class="order-card">
          <h2 class="break-all">
            <a href={mailPath(mail.id)}>{subjectOf(mail)}</a>
          </h2>
          <dl class="facts">
            <dt>{t('inbox.col.sender')}</dt>
            <dd class="break-all">{senderOf(mail)}</dd>
            <dt>{t('inbox.col.member')}</dt>
            <dd>
              <MemberCell member={member} verified={mail.senderVerified} />
            </dd>
            <dt>{t('inbox.col.received')}</dt>
            <dd>{formatDateTime(mail.receivedAt, ctx.timeZone)}</dd>
            {tab === 'handled' ? (
              <>
                <dt>{t('inbox.col.status')}</dt>
                <dd>{t(STATUS_KEYS[mail.status])}</dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function InboxListPage({ ctx, inbox, fetching }: { ctx: PageContext; inbox: InboxPage; fetching: boolean }) {
  const title = t('inbox.title');
  return (
    <Page ctx={ctx} title={title} trail={trail([title])} noindex>
      <h1>{title}</h1>
      <p>{t('inbox.intro')}</p>
      {fetching ? null : <p class="panel">{t('inbox.off')}</p>}
      <Tabs tab={inbox.tab} newCount={inbox.newCount} />
      {inbox.entries.length === 0 ? (
        <p>{t(inbox.tab === 'new' ? 'inbox.empty.new' : 'inbox.empty.handled')}</p>
      ) : (
        <MailCards ctx={ctx} tab={inbox.tab} entries={inbox.entries} />
      )}
      <Pager page={inbox.page} pageCount={inbox.pageCount} hrefOf={(page) => listHref(inbox.tab, page)} />
    </Page>
  );
}

function StatusText({ ctx, mail }: { ctx: PageContext; mail: InboundMail }) {
  const status = t(STATUS_KEYS[mail.status]);
  if (mail.status === 'new' || !mail.handledAt) return <>{status}</>;
  return (
    <>
      {t('inbox.detail.handled', { status, date: formatDateTime(mail.handledAt, ctx.timeZone), who: mail.handledByLabel ?? '' })}
      {mail.orderId ? (
        <>
          {' — '}
          <a href={orderPath(mail.orderId)}>{t('inbox.detail.order')}</a>
        </>
      ) : null}
    </>
  );
}

function NextSteps({ ctx, mail, member }: { ctx: PageContext; mail: InboundMail; member: Member | null }) {
  return (
    <section aria-labelledby="inbox-next">
      <h2 id="inbox-next">{t('inbox.detail.what_next')}</h2>
      {member ? null : <p>{t('inbox.detail.unknown_hint')}</p>}
      {member && !mail.senderVerified ? <p>{t('inbox.detail.unverified_hint')}</p> : null}
      <div class="actions">
        {member ? (
          <a class="button" href={deskHref(deskMemberPath(member.id), { courriel: mail.id })}>
            {t('inbox.action.order_for', { name: fullName(member) })}
          </a>
        ) : (
          <a class="button" href={deskHref(DESK, { courriel: mail.id })}>
            {t('inbox.action.find_member')}
          </a>
        )}
        <ActionButton ctx={ctx} action={mailPath(mail.id, 'classer')} label={t('inbox.action.archive')} />
      </div>
    </section>
  );
}

export function InboxMailPage({ ctx, entry }: { ctx: PageContext; entry: InboxEntry }) {
  const { mail, member } = entry;
  const title = subjectOf(mail);
  return (
    <Page ctx={ctx} title={title} trail={trail([t('inbox.title'), INBOX_PATH], [title])} noindex>
      <h1 class="break-all">{title}</h1>
      <dl class="facts">
        <dt>{t('inbox.detail.from')}</dt>
        <dd class="break-all">{senderOf(mail)}</dd>
        <dt>{t('inbox.detail.member')}</dt>
        <dd>
          <MemberCell member={member} verified={mail.senderVerified} />
        </dd>
        <dt>{t('inbox.detail.received')}</dt>
        <dd>{formatDateTime(mail.receivedAt, ctx.timeZone)}</dd>
        <dt>{t('inbox.detail.status')}</dt>
        <dd>
          <StatusText ctx={ctx} mail={mail} />
        </dd>
      </dl>
      {mail.status === 'new' ? <NextSteps ctx={ctx} mail={mail} member={member} /> : null}
      <h2>{t('inbox.detail.body')}</h2>
      <pre class="mail-body">{mail.bodyText || t('inbox.detail.empty_body')}</pre>
      <p>
        <a href={INBOX_PATH}>{t('inbox.detail.back')}</a>
      </p>
    </Page>
  );
}
