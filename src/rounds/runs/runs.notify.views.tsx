// What « Prévenir les adhérents » did: how many mails left, and the members who have no
// e-mail address, to call. `MembersToCall` is a fragment the run's page can show as well.
import { t, tPlural } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { Page } from '../../ui/layout.tsx';
import { Phone, trail } from '../rounds.components.tsx';
import type { MemberToCall, NotifyResult } from './runs.notify.service.ts';
import { runPath, RUNS_PATH } from './runs.paths.ts';
import { runName } from './runs.rules.ts';

/** The members of a run to call, with their phone numbers; a sentence when there is nobody. */
export function MembersToCall({ members, headingLevel = 2 }: { members: readonly MemberToCall[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="adherents-a-appeler">
      <Heading id="adherents-a-appeler">{t('driver.notify.to_call_title')}</Heading>
      {members.length === 0 ? (
        <p>{t('driver.notify.nobody_to_call')}</p>
      ) : (
        <>
          <p>{t('driver.notify.to_call_intro')}</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('driver.notify.col_member')}</th>
                  <th scope="col">{t('driver.notify.col_phone')}</th>
                  <th scope="col">{t('driver.notify.col_order')}</th>
                  <th scope="col">{t('driver.notify.col_stop')}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr>
                    <th scope="row">{member.name}</th>
                    <td>
                      <Phone phone={member.phone} />
                    </td>
                    <td class="code">{member.code}</td>
                    <td>{member.stopName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function NotifiedPage({ ctx, result }: { ctx: PageContext; result: NotifyResult }) {
  const { run } = result.detail;
  const title = t('driver.notify.title', { run: runName(run) });
  return (
    <Page ctx={ctx} title={title} trail={trail([t('runs.day.trail'), `${RUNS_PATH}?date=${run.runDate}`], [runName(run), runPath(run.id)], [t('runs.run.notify')])} noindex>
      <h1>{title}</h1>
      <p class="lead" role="status">
        {tPlural('driver.notify.mailed', result.mailed)}
        {result.alreadyTold > 0 ? ` ${tPlural('driver.notify.already', result.alreadyTold)}` : ''}
      </p>
      <MembersToCall members={result.toCall} />
      <p>
        <a href={runPath(run.id)} class="button button--secondary">
          {t('driver.notify.back')}
        </a>
      </p>
    </Page>
  );
}
