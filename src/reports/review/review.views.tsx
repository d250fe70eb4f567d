// Pages of the yearly review: the page where a year is asked for, with the requests already
// made; and a request's own page, which shows its progress and reloads itself every few
// seconds (a meta refresh, no script) while it is being prepared, then offers the PDF.
import { formatDateTime } from '../../platform/clock.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';
import { Form, HiddenField, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { REVIEW_PATH, reviewPath, reviewPdfPath, reviewStaticPath } from './review.paths.ts';
import type { ReviewRequest } from './review.repository.ts';
import { isUnderWay } from './review.rules.ts';

/** Seconds between two reloads of a request's page while it is under way. */
export const REFRESH_SECONDS = 3;

const LABELS = (): Record<string, string> => ({ year: t('yearly_review.field.year') });

function Status({ request }: { request: ReviewRequest }) {
  return <span class={`badge badge--review-${request.status}`}>{tDynamic(`yearly_review.status.${request.status}`)}</span>;
}

function RecentTable({ ctx, requests }: { ctx: PageContext; requests: readonly ReviewRequest[] }) {
  if (requests.length === 0) return <p>{t('yearly_review.none')}</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="bilans-titre">
      <table class="ledger-table ledger-table--stack">
        <caption id="bilans-titre" class="visually-hidden">
          {t('yearly_review.recent')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('yearly_review.col.year')}</th>
            <th scope="col">{t('yearly_review.col.status')}</th>
            <th scope="col">{t('yearly_review.col.asked')}</th>
            <th scope="col">{t('yearly_review.col.file')}</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <tr>
              <th scope="row" data-label={t('yearly_review.col.year')}>
                {request.year}
              </th>
              <td data-label={t('yearly_review.col.status')}>
                <Status request={request} />
              </td>
              <td data-label={t('yearly_review.col.asked')}>{t('yearly_review.asked_by', { date: formatDateTime(request.requestedAt, ctx.timeZone), name: request.requestedByLabel })}</td>
              <td data-label={t('yearly_review.col.file')}>
                {request.status === 'done' ? (
                  <a href={reviewPdfPath(request.id)}>{t('yearly_review.download', { year: request.year })}</a>
                ) : (
                  <a href={reviewPath(request.id)}>{t('yearly_review.open', { year: request.year })}</a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReviewsPage({ ctx, state, requests, exampleYear }: { ctx: PageContext; state: FormState; requests: readonly ReviewRequest[]; exampleYear: number }) {
  const title = t('yearly_review.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('yearly_review.lead')}</p>
      <Form ctx={ctx} action={REVIEW_PATH} state={state} labels={LABELS()}>
        <TextField name="year" label={t('yearly_review.field.year')} hint={t('yearly_review.field.year_hint', { example: exampleYear })} state={state} size="short" inputMode="numeric" required />
        <SubmitButton>{t('yearly_review.submit')}</SubmitButton>
      </Form>
      <h2 id="bilans">{t('yearly_review.recent')}</h2>
      <RecentTable ctx={ctx} requests={requests} />
    </Page>
  );
}

/** A one-button form that asks for the year again, building a new file. */
function AgainForm({ ctx, year, label }: { ctx: PageContext; year: number; label: string }) {
  return (
    <form method="post" action={REVIEW_PATH} class="review-again">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <HiddenField name="year" value={String(year)} />
      <HiddenField name="again" value="on" />
      <button type="submit" class="button button--secondary">
        {label}
      </button>
    </form>
  );
}

/** While under way: the page reloads itself unless its reader asked it not to (WCAG 2.2.1: a refresh one can turn off). */
function Progress({ request, refreshes }: { request: ReviewRequest; refreshes: boolean }) {
  const step = request.step ? tDynamic(`yearly_review.step.${request.step}`) : t('yearly_review.step.waiting');
  return (
    <div class="review-progress">
      <p id="avancement">{t('yearly_review.progress_label')}</p>
      <progress max="100" value={request.progress} aria-labelledby="avancement" aria-describedby="avancement-texte" />
      <p id="avancement-texte" role="status">
        {t('yearly_review.progress_text', { percent: request.progress, step })}
      </p>
      {refreshes ? (
        <p class="muted">
          {t('yearly_review.refreshes')} <a href={reviewStaticPath(request.id)}>{t('yearly_review.stop_refresh')}</a>
        </p>
      ) : (
        <p class="actions">
          <a class="button button--secondary" href={reviewStaticPath(request.id)}>
            {t('yearly_review.refresh_now')}
          </a>
          <a href={reviewPath(request.id)}>{t('yearly_review.resume_refresh')}</a>
        </p>
      )}
    </div>
  );
}

function Ready({ ctx, request }: { ctx: PageContext; request: ReviewRequest }) {
  return (
    <div>
      <p class="lead">{t('yearly_review.ready', { year: request.year })}</p>
      {request.finishedAt ? <p>{t('yearly_review.ready_at', { date: formatDateTime(request.finishedAt, ctx.timeZone) })}</p> : null}
      <p class="actions">
        <a class="button" href={reviewPdfPath(request.id)}>
          {t('yearly_review.download', { year: request.year })}
        </a>
      </p>
      <p class="muted">{t('yearly_review.redo_hint')}</p>
      <AgainForm ctx={ctx} year={request.year} label={t('yearly_review.redo', { year: request.year })} />
    </div>
  );
}

/** A request's page; `refreshes` false when its reader stopped the reloading. */
export function ReviewPage({ ctx, request, refreshes }: { ctx: PageContext; request: ReviewRequest; refreshes: boolean }) {
  const title = t('yearly_review.page_title', { year: request.year });
  const underWay = isUnderWay(request.status);
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [t('yearly_review.title'), REVIEW_PATH], [title]]} noindex refreshSeconds={underWay && refreshes ? REFRESH_SECONDS : undefined}>
      <h1>{title}</h1>
      <p>
        <Status request={request} />
      </p>
      {underWay ? <Progress request={request} refreshes={refreshes} /> : null}
      {request.status === 'done' ? <Ready ctx={ctx} request={request} /> : null}
      {request.status === 'failed' ? (
        <div>
          <p role="alert">{t('yearly_review.failed')}</p>
          <AgainForm ctx={ctx} year={request.year} label={t('yearly_review.retry')} />
        </div>
      ) : null}
      <p>
        <a href={REVIEW_PATH}>{t('yearly_review.back')}</a>
      </p>
    </Page>
  );
}
