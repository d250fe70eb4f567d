// All SQL of the shops' follow-up tasks.
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { ShopTasksTable } from '../../db/schema.ts';
import type { TaskSource, TaskState } from './crm.rules.ts';

export interface ShopTask {
  id: string;
  shopId: string;
  title: string;
  dueDate: string;
  source: TaskSource;
  reasonCode: string | null;
  state: TaskState;
  snoozedUntil: string | null;
  /** The day it is to be done: the snooze date when put off, else its due date. */
  effectiveDate: string;
  note: string;
  remindedAt: string | null;
  createdAt: string;
  closedAt: string | null;
}

export interface ShopTaskWithShop extends ShopTask {
  shopName: string;
}

function toTask(row: Selectable<ShopTasksTable>): ShopTask {
  return {
    id: row.id,
    shopId: row.shop_id,
    title: row.title,
    dueDate: row.due_date,
    source: row.source as TaskSource,
    reasonCode: row.reason_code,
    state: row.state as TaskState,
    snoozedUntil: row.snoozed_until,
    effectiveDate: row.snoozed_until ?? row.due_date,
    note: row.note,
    remindedAt: row.reminded_at,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

export interface NewTaskRow {
  id: string;
  shopId: string;
  title: string;
  dueDate: string;
  source: TaskSource;
  reasonCode: string | null;
  accountId: string | null;
  at: string;
}

/**
 * Inserts an open task unless the shop already has a live one (open or snoozed) for the same
 * reason: the partial unique index decides, so two runs at once open one. True when inserted.
 */
export async function insertTaskOnce(db: Executor, task: NewTaskRow): Promise<boolean> {
  const result = await db
    .insertInto('shop_tasks')
    .values({
      id: task.id,
      shop_id: task.shopId,
      title: task.title,
      due_date: task.dueDate,
      source: task.source,
      reason_code: task.reasonCode,
      state: 'open',
      snoozed_until: null,
      reminded_at: null,
      created_at: task.at,
      created_by_account_id: task.accountId,
      closed_at: null,
      closed_by_account_id: null,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findTask(db: Executor, id: string): Promise<ShopTask | undefined> {
  const row = await db.selectFrom('shop_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTask(row) : undefined;
}

const effective = sql<string>`coalesce(shop_tasks.snoozed_until, shop_tasks.due_date)`;

/** Tasks not done with their shop's name, due (or snoozed) until `until`, a local date. */
function liveTasksDueBy(db: Executor, until: string) {
  return db
    .selectFrom('shop_tasks')
    .innerJoin('shops', 'shops.id', 'shop_tasks.shop_id')
    .selectAll('shop_tasks')
    .select('shops.trade_name')
    .where('shop_tasks.state', '!=', 'done')
    .where(effective, '<=', until);
}

/** Live tasks of every shop due on or before `until` (a local date), soonest first. */
export async function listLiveTasksUntil(db: Executor, until: string, limit: number): Promise<ShopTaskWithShop[]> {
  const rows = await liveTasksDueBy(db, until)
    .orderBy(effective)
    .orderBy('shops.trade_name')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...toTask(row), shopName: row.trade_name }));
}

/** Every live task, soonest first (the task page shows the later ones too). */
export async function listLiveTasks(db: Executor, limit: number): Promise<ShopTaskWithShop[]> {
  return listLiveTasksUntil(db, '9999-12-31', limit);
}

export async function listTasksOfShop(db: Executor, shopId: string): Promise<ShopTask[]> {
  const rows = await db
    .selectFrom('shop_tasks')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy(sql`case when state = 'done' then 1 else 0 end`)
    .orderBy(effective)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map(toTask);
}

/** Closes a live task once: false when it was already done. */
export async function closeTaskRow(db: Executor, id: string, note: string, accountId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('shop_tasks')
    .set({ state: 'done', note, closed_at: at, closed_by_account_id: accountId })
    .where('id', '=', id)
    .where('state', '!=', 'done')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function snoozeTaskRow(db: Executor, id: string, until: string): Promise<boolean> {
  const result = await db
    .updateTable('shop_tasks')
    .set({ state: 'snoozed', snoozed_until: until })
    .where('id', '=', id)
    .where('state', '!=', 'done')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Live tasks due on or before `today` whose reminder has not gone yet. */
export async function listUnremindedDue(db: Executor, today: string, limit: number): Promise<ShopTaskWithShop[]> {
  const rows = await liveTasksDueBy(db, today)
    .where('shop_tasks.reminded_at', 'is', null)
    .orderBy(effective)
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...toTask(row), shopName: row.trade_name }));
}

/** Marks the one reminder of a task: false when another run already did. */
export async function markTaskReminded(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('shop_tasks').set({ reminded_at: at }).where('id', '=', id).where('reminded_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
