// The follow-ups in three groups (overdue, today, the next 7 days): a section of the
// concierge's « Aujourd’hui » board and the page of every follow-up.
import { formatLocalDate } from '../../platform/calendar.ts';
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';
import { Page } from '../../ui/layout.tsx';
import { shopPath } from '../shops.paths.ts';
import { CAMPAIGNS_PATH, TASKS_PATH } from './crm.paths.ts';
import type { ShopTaskWithShop } from './tasks.repository.ts';
import type { TaskBoard } from './tasks.service.ts';

const GROUPS = ['overdue', 'today', 'planned', 'later'] as const;
type Group = (typeof GROUPS)[number];

function TaskGroupList({ group, tasks, today, headingLevel }: { group: Group; tasks: ShopTaskWithShop[]; today: string; headingLevel: 'h3' | 'h2' }) {
  const Heading = headingLevel;
  return (
    <>
      <Heading>
        {t(`crm.board.${group}`)} ({tasks.length})
      </Heading>
      {tasks.length === 0 ? (
        <p class="muted">{t('crm.board.nothing')}</p>
      ) : (
        <ul class="crm-list">
          {tasks.map((task) => (
            <li class={group === 'overdue' ? 'crm-late' : undefined}>
              <a href={`${shopPath(task.shopId)}#relances`}>{task.shopName}</a> — {task.title}
              {group === 'today' ? '' : ` — ${formatLocalDate(task.effectiveDate, today)}`}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** « Commerces à relancer » on the « Aujourd’hui » board. */
export function ShopsToFollowUp({ board, today }: { board: TaskBoard; today: string }) {
  return (
    <section aria-labelledby="commerces-a-relancer" class="board-section">
      <h2 id="commerces-a-relancer">{t('crm.board.title')}</h2>
      {(['overdue', 'today', 'planned'] as const).map((group) => (
        <TaskGroupList group={group} tasks={board[group]} today={today} headingLevel="h3" />
      ))}
      <p>
        <a href={TASKS_PATH}>{t('crm.board.all')}</a>
      </p>
    </section>
  );
}

export function TasksPage({ ctx, board, today }: { ctx: PageContext; board: TaskBoard & { later: ShopTaskWithShop[] }; today: string }) {
  const title = t('crm.tasks.page_title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('shops.trail.backoffice'), BACKOFFICE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p>
        <a href={CAMPAIGNS_PATH}>{t('crm.campaigns.title')}</a>
      </p>
      {GROUPS.map((group) => (
        <section>
          <TaskGroupList group={group} tasks={board[group]} today={today} headingLevel="h2" />
        </section>
      ))}
    </Page>
  );
}
