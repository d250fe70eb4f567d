// Use cases of the shops' follow-up tasks: open one (by hand or from a health alert), close
// it with a note and a suggested next one, put it off, and list them by when they are due.
import type { Executor } from '../../db/index.ts';
import { assertConcierge } from '../../platform/actor.ts';
import { addDays } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { findShop } from '../shops.repository.ts';
import { assertCanReadDirectory } from '../shops.service.ts';
import { isReachable, PLANNED_DAYS, taskGroup, type TaskGroup, type TaskSource } from './crm.rules.ts';
import {
  closeTaskRow,
  findTask,
  insertTaskOnce,
  listLiveTasks,
  listLiveTasksUntil,
  snoozeTaskRow,
  type ShopTask,
  type ShopTaskWithShop,
} from './tasks.repository.ts';

export interface OpenShopTaskInput {
  shopId: string;
  /** Why it was opened (a health rule's code); at most one live task per shop and reason. */
  reasonCode: string;
  title: string;
  dueDate: string;
  source: TaskSource;
  /** Who opened it; none for a job. */
  accountId?: string | null;
}

/**
 * Opens a follow-up task unless the shop already has a live one for the same reason, or is a
 * shop that left or asked not to be contacted. Returns whether it opened one. Safe to call
 * from two runs at once: the database keeps one.
 */
export async function openShopTask(trx: Executor, input: OpenShopTaskInput): Promise<boolean> {
  const shop = await findShop(trx, input.shopId);
  if (!shop || !isReachable(shop.stage)) return false;
  return insertTaskOnce(trx, {
    id: newId(),
    shopId: input.shopId,
    title: input.title,
    dueDate: input.dueDate,
    source: input.source,
    reasonCode: input.reasonCode,
    accountId: input.accountId ?? null,
    at: nowIso(),
  });
}

/** The concierge writes down a follow-up by hand (a shop asking not to be contacted gets none). */
export async function addManualTask(db: Executor, actor: CurrentAccount | null, shopId: string, input: { title: string; dueDate: string }): Promise<string> {
  const concierge = assertConcierge(actor);
  const shop = await findShop(db, shopId);
  if (!shop) throw notFound();
  if (shop.stage === 'do_not_contact') throw new DomainError('crm_do_not_contact', 'title');
  const id = newId();
  await insertTaskOnce(db, { id, shopId, title: input.title, dueDate: input.dueDate, source: 'manual', reasonCode: null, accountId: concierge.id, at: nowIso() });
  return id;
}

export async function getTask(db: Executor, actor: CurrentAccount | null, shopId: string, taskId: string): Promise<ShopTask> {
  assertCanReadDirectory(actor);
  const task = await findTask(db, taskId);
  if (!task || task.shopId !== shopId) throw notFound();
  return task;
}

/** « Fait »: the task is closed with what was done; a second click closes nothing more. */
export async function closeTask(db: Executor, actor: CurrentAccount | null, shopId: string, taskId: string, note: string): Promise<ShopTask> {
  const concierge = assertConcierge(actor);
  const task = await getTask(db, actor, shopId, taskId);
  if (task.state === 'done') return task;
  await closeTaskRow(db, taskId, note, concierge.id, nowIso());
  return task;
}

/** « Plus tard »: put off to a later day than today. */
export async function snoozeTask(db: Executor, actor: CurrentAccount | null, shopId: string, taskId: string, until: string, today: string): Promise<void> {
  assertConcierge(actor);
  const task = await getTask(db, actor, shopId, taskId);
  if (until <= today) throw new DomainError('crm_snooze_past', 'until');
  if (task.state === 'done' || !(await snoozeTaskRow(db, taskId, until))) throw new DomainError('crm_task_closed', 'until');
}

export type TaskBoard = Record<Exclude<TaskGroup, 'later'>, ShopTaskWithShop[]>;

/** Board rows: overdue, today and the next days, each capped so the board stays short. */
const BOARD_LIMIT = 200;

function grouped(tasks: ShopTaskWithShop[], today: string): TaskBoard & { later: ShopTaskWithShop[] } {
  const groups = { overdue: [], today: [], planned: [], later: [] } as TaskBoard & { later: ShopTaskWithShop[] };
  for (const task of tasks) groups[taskGroup(task.effectiveDate, today)].push(task);
  return groups;
}

/** « Commerces à relancer » of the « Aujourd’hui » board: overdue, today, the next 7 days. */
export async function tasksToFollowUp(db: Executor, today: string): Promise<TaskBoard> {
  const { overdue, today: ofToday, planned } = grouped(await listLiveTasksUntil(db, addDays(today, PLANNED_DAYS), BOARD_LIMIT), today);
  return { overdue, today: ofToday, planned };
}

/** The task page: every live task, with the later ones apart. */
export async function taskPage(db: Executor, actor: CurrentAccount | null, today: string): Promise<TaskBoard & { later: ShopTaskWithShop[] }> {
  assertCanReadDirectory(actor);
  return grouped(await listLiveTasks(db, 500), today);
}
