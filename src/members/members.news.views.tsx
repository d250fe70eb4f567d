// The concierge's news mail (write, preview, send) and the retention report.
import { formatDate, formatDateTime } from '../platform/clock.ts';
import { t, tDynamic, tPlural } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import { Form, HiddenField, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../ui/forms.tsx';
import { BACKOFFICE_PATH } from '../platform/paths.ts';
import { MEMBERS_PATH, NEWS_PREVIEW_PATH, NEWS_SEND_PATH } from './members.paths.ts';
import { SEGMENTS } from './members.segments.ts';
import type { RetentionReport } from './members.privacy.service.ts';
import type { ErasureLogLine } from './members.privacy.repository.ts';

const trail = (title: string): Array<[string, string?]> => [[t('backoffice.trail'), BACKOFFICE_PATH], [t('members.list.title'), MEMBERS_PATH], [title]];

export function segmentOptions(): Array<[string, string]> {
  return SEGMENTS.map((segment) => [segment, tDynamic(`segments.${segment}`)]);
}

const LABELS = { segment: t('news.field.segment'), subject: t('news.field.subject'), body: t('news.field.body') };

export function NewsFormPage({ ctx, state }: { ctx: PageContext; state: FormState }) {
  const title = t('news.title');
  return (
    <Page ctx={ctx} title={title} trail={trail(title)} noindex>
      <h1>{title}</h1>
      <p>{t('news.intro')}</p>
      <NewsForm ctx={ctx} state={state} />
    </Page>
  );
}

function NewsForm({ ctx, state }: { ctx: PageContext; state: FormState }) {
  return (
    <>
      <p class="muted">{t('form.required_hint')}</p>
      <Form ctx={ctx} action={NEWS_PREVIEW_PATH} state={state} labels={LABELS}>
        <SelectField name="segment" label={LABELS.segment} state={state} options={segmentOptions().filter(([value]) => value !== 'consent')} required />
        <TextField name="subject" label={LABELS.subject} state={state} required />
        <TextArea name="body" label={LABELS.body} hint={t('news.field.body_hint')} state={state} rows={10} required />
        <SubmitButton>{t('news.preview')}</SubmitButton>
      </Form>
    </>
  );
}

/** The mail as it will read, with how many it reaches; « Envoyer » posts the same fields. */
export function NewsPreviewPage({ ctx, state, recipients }: { ctx: PageContext; state: FormState; recipients: number }) {
  const title = t('news.preview_title');
  const { segment = '', subject = '', body = '', idempotency_key: key = '' } = state.values;
  return (
    <Page ctx={ctx} title={title} trail={trail(title)} noindex>
      <h1>{title}</h1>
      <p class="lead">
        {tDynamic(`segments.${segment}`)} — {tPlural('news.recipients', recipients)}
      </p>
      <article class="panel" aria-label={t('news.preview_title')}>
        <h2>{subject}</h2>
        <p>{t('news.mail.hello', { name: '…' })}</p>
        {body
          .split(/\n\s*\n/)
          .map((part) => part.trim())
          .filter(Boolean)
          .map((part) => (
            <p class="pre-line">{part}</p>
          ))}
        <p class="muted">{t('news.mail.unsubscribe')}</p>
      </article>
      <Form ctx={ctx} action={NEWS_SEND_PATH} state={state}>
        <HiddenField name="idempotency_key" value={key} />
        <HiddenField name="segment" value={segment} />
        <HiddenField name="subject" value={subject} />
        <HiddenField name="body" value={body} />
        <div class="actions">
          <SubmitButton>{t('news.send')}</SubmitButton>
        </div>
      </Form>
      <h2>{t('news.edit')}</h2>
      <NewsForm ctx={ctx} state={state} />
    </Page>
  );
}

export function RetentionPage({ ctx, report, years, jobLabel, log }: { ctx: PageContext; report: RetentionReport; years: number; jobLabel: string; log: ErasureLogLine[] }) {
  const title = t('retention.title');
  const erasable = report.candidates.filter((candidate) => candidate.reasons.length === 0);
  const kept = report.candidates.filter((candidate) => candidate.reasons.length > 0);
  return (
    <Page ctx={ctx} title={title} trail={trail(title)} noindex>
      <h1>{title}</h1>
      <p>{t('retention.intro', { years: String(years), job: jobLabel })}</p>
      <p>{t('retention.cutoff', { date: formatDate(report.cutoffAt, ctx.timeZone) })}</p>
      <h2>{erasable.length === 0 ? t('retention.none') : tPlural('retention.count', erasable.length)}</h2>
      {erasable.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('retention.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('retention.col.postal_code')}</th>
                <th scope="col">{t('retention.col.registered')}</th>
              </tr>
            </thead>
            <tbody>
              {erasable.map((candidate) => (
                <tr>
                  <td>{candidate.postalCode}</td>
                  <td>{formatDate(candidate.createdAt, ctx.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {kept.length > 0 ? (
        <>
          <h2>{tPlural('retention.skipped', kept.length)}</h2>
          <ul>
            {kept.map((candidate) => (
              <li>{candidate.reasons.join(' ; ')}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('retention.log_title')}</h2>
      {log.length === 0 ? (
        <p>{t('retention.log_none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('retention.log_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('retention.col.when')}</th>
                <th scope="col">{t('retention.col.reason')}</th>
                <th scope="col">{t('retention.col.rows')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((line) => (
                <tr>
                  <td>{formatDateTime(line.erasedAt, ctx.timeZone)}</td>
                  <td>{tDynamic(`retention.reason.${line.reason}`)}</td>
                  <td>{Object.values(line.counts).reduce((sum, count) => sum + count, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
