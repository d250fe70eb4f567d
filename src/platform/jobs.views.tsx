// « Tâches automatiques »: each background job, how often it runs, how its last run went and
// when the next one is due.
import { formatDateTime, nowIso } from './clock.ts';
import { t } from './i18n/index.ts';
import { everyLabel, type JobStatus } from './jobs.ts';
import type { PageContext } from './page-context.ts';
import { Page } from '../ui/layout.tsx';


function lastRun(job: JobStatus, timeZone: string): string {
  const date = (iso: string) => formatDateTime(iso, timeZone);
  if (job.running && job.lastStartedAt) return t('jobs.last.running', { date: date(job.lastStartedAt) });
  if (!job.lastStartedAt) return t('jobs.last.never');
  // Started after the last end and no lease any more: the process stopped during the run.
  if (!job.lastFinishedAt || job.lastFinishedAt < job.lastStartedAt) return t('jobs.last.unfinished', { date: date(job.lastStartedAt) });
  return t(job.lastRunFailed ? 'jobs.last.failed' : 'jobs.last.done', { date: date(job.lastFinishedAt) });
}

function nextRun(job: JobStatus, timeZone: string, at: string): string {
  if (!job.nextRunAt) return t('jobs.next.unknown');
  const date = formatDateTime(job.nextRunAt, timeZone);
  return job.nextRunAt < at ? t('jobs.next.overdue', { date }) : t('jobs.next.at', { date });
}

function JobFacts({ job, timeZone, at }: { job: JobStatus; timeZone: string; at: string }) {
  return (
    <section aria-labelledby={`tache-${job.name}`}>
      <h2 id={`tache-${job.name}`}>{job.label}</h2>
      <dl class="facts">
        <dt>{t('jobs.col.every')}</dt>
        <dd>{everyLabel(job.everySeconds)}</dd>
        <dt>{t('jobs.col.last_run')}</dt>
        <dd>{lastRun(job, timeZone)}</dd>
        <dt>{t('jobs.col.last_error')}</dt>
        <dd>
          {job.lastError && job.lastErrorAt ? (
            <>
              {t('jobs.error.at', { date: formatDateTime(job.lastErrorAt, timeZone) })} <span class="job-error">{job.lastError}</span>
            </>
          ) : (
            t('jobs.error.none')
          )}
        </dd>
        <dt>{t('jobs.col.next_run')}</dt>
        <dd>{nextRun(job, timeZone, at)}</dd>
        <dt>{t('jobs.col.runs')}</dt>
        <dd>{job.runs}</dd>
        <dt>{t('jobs.col.name')}</dt>
        <dd>
          <code>{job.name}</code>
        </dd>
      </dl>
    </section>
  );
}

export function JobsPage({ ctx, jobs }: { ctx: PageContext; jobs: JobStatus[] }) {
  const title = t('jobs.title');
  const at = nowIso();
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), '/gestion'], [title]]} noindex>
      <h1>{title}</h1>
      <p>{t('jobs.intro')}</p>
      {jobs.length === 0 ? <p class="panel">{t('jobs.none')}</p> : jobs.map((job) => <JobFacts job={job} timeZone={ctx.timeZone} at={at} />)}
      <p>
        {t('jobs.by_hand')} <code>npm run job -- {'<nom>'}</code>
      </p>
    </Page>
  );
}
