// Pages of « Courriels envoyés »: the list and one mail.
import { formatDateTime } from '../platform/clock.ts';
import { t, tPlural } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import { STATUS_KEYS } from './notifications.rules.ts';
import type { OutboxMail, OutboxStatus } from './notifications.service.ts';
import { Pager } from '../ui/pager.tsx';
import { BACKOFFICE_PATH } from '../platform/paths.ts';
import { MAILS_PATH, mailPath } from './notifications.paths.ts';

const LIST_PATH = MAILS_PATH;

function trail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], ...rest];
}

export function statusLabel(status: OutboxStatus): string {
  return t(STATUS_KEYS[status]);
}

function NoSmtpBanner({ smtpConfigured }: { smtpConfigured: boolean }) {
  return smtpConfigured ? null : <p class="panel">{t('notifications.no_smtp')}</p>;
}

function MailsTable({ ctx, mails }: { ctx: PageContext; mails: OutboxMail[] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('notifications.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('notifications.col.subject')}</th>
            <th scope="col">{t('notifications.col.recipient')}</th>
            <th scope="col">{t('notifications.col.date')}</th>
            <th scope="col">{t('notifications.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {mails.map((mail) => (
            <tr>
              <th scope="row">
                <a href={mailPath(mail.id)}>{mail.subject}</a>
              </th>
              <td>{mail.recipient}</td>
              <td>{formatDateTime(mail.createdAt, ctx.timeZone)}</td>
              <td>{statusLabel(mail.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MailsListPage(props: { ctx: PageContext; mails: OutboxMail[]; total: number; page: number; pageCount: number; smtpConfigured: boolean }) {
  const { ctx, mails, total, page, pageCount, smtpConfigured } = props;
  const title = t('notifications.list.title');
  return (
    <Page ctx={ctx} title={title} trail={trail([title])} noindex>
      <h1>{title}</h1>
      <p>{t('notifications.list.intro')}</p>
      <NoSmtpBanner smtpConfigured={smtpConfigured} />
      <h2>{tPlural('notifications.list.count', total)}</h2>
      {mails.length === 0 ? <p>{t('notifications.list.none')}</p> : <MailsTable ctx={ctx} mails={mails} />}
      <Pager page={page} pageCount={pageCount} hrefOf={(target) => `${LIST_PATH}?page=${target}`} />
    </Page>
  );
}

export function MailPage(props: { ctx: PageContext; mail: OutboxMail; links: string[]; withheldLink: boolean; smtpConfigured: boolean }) {
  const { ctx, mail, links, withheldLink, smtpConfigured } = props;
  const title = mail.subject;
  return (
    <Page ctx={ctx} title={title} trail={trail([t('notifications.list.title'), LIST_PATH], [title])} noindex>
      <h1>{title}</h1>
      <NoSmtpBanner smtpConfigured={smtpConfigured} />
      <dl class="facts">
        <dt>{t('notifications.col.recipient')}</dt>
        <dd>{mail.recipient}</dd>
        <dt>{t('notifications.detail.written')}</dt>
        <dd>{formatDateTime(mail.createdAt, ctx.timeZone)}</dd>
        <dt>{t('notifications.col.status')}</dt>
        <dd>{statusLabel(mail.status)}</dd>
        {mail.sentAt ? (
          <>
            <dt>{t('notifications.detail.sent')}</dt>
            <dd>{formatDateTime(mail.sentAt, ctx.timeZone)}</dd>
          </>
        ) : null}
        {mail.attempts > 0 && mail.status !== 'sent' ? (
          <>
            <dt>{t('notifications.detail.attempts')}</dt>
            <dd>{mail.attempts}</dd>
          </>
        ) : null}
        {mail.lastError && mail.status !== 'sent' ? (
          <>
            <dt>{t('notifications.detail.error')}</dt>
            <dd>{mail.lastError}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('notifications.detail.body')}</h2>
      <pre class="mail-body">{mail.textBody}</pre>
      {links.length > 0 || withheldLink ? (
        <>
          <h2>{t('notifications.detail.links')}</h2>
          <p class="muted">{t('notifications.detail.links_note')}</p>
          {links.length > 0 ? (
            <ul>
              {links.map((link) => (
                <li>
                  <a href={link} class="break-all">
                    {link}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <p>
        <a href={LIST_PATH}>{t('notifications.detail.back')}</a>
      </p>
    </Page>
  );
}
