// One reminder mail per follow-up, to the conciergerie's address, on the day it is due (its
// snooze date when put off); never repeated, even after a snooze. A named job sends them.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import { localDateOf } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Job } from '../../platform/jobs.ts';
import { queueMail, signatureOf } from '../../platform/mail/mail.ts';
import { shopPath } from '../shops.paths.ts';
import { listUnremindedDue, markTaskReminded } from './tasks.repository.ts';

/** Reminders per run: a backlog is worked through over the next runs. */
const BATCH = 100;

/** Sends the reminders of the follow-ups due by `nowAt`'s local day; returns how many went. */
export async function sendShopTaskReminders(db: Db, config: Config, nowAt = nowIso()): Promise<number> {
  const today = localDateOf(nowAt, config.timeZone);
  let sent = 0;
  for (const task of await listUnremindedDue(db, today, BATCH)) {
    const went = await inTransaction(db, async (trx) => {
      if (!(await markTaskReminded(trx, task.id, nowAt))) return false;
      const mail = {
        subject: t('crm.reminders.subject', { shop: task.shopName }),
        paragraphs: [t('crm.reminders.body', { shop: task.shopName, title: task.title }), t('crm.reminders.open'), new URL(`${shopPath(task.shopId)}#relances`, config.baseUrl).href],
      };
      await queueMail(trx, config.conciergerie.email, mail, signatureOf(config));
      return true;
    });
    if (went) sent += 1;
  }
  return sent;
}

export const SHOP_TASK_REMINDERS_JOB: Job = {
  name: 'shop-task-reminders',
  label: t('crm.reminders.job'),
  everySeconds: 60 * 60,
  run: async ({ db, config }) => {
    await sendShopTaskReminders(db, config);
  },
};
