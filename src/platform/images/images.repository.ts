// SQL of stored images: bytes of a processed photo, never changed once written; and the
// photos each account sent in the last hour, to bound how many it may send.
import type { Executor } from '../../db/index.ts';
import type { ImagesTable, ImageUploadsTable } from '../../db/schema.ts';

export interface StoredImage {
  id: string;
  contentType: string;
  bytes: Buffer;
  width: number;
  height: number;
}

export async function insertImage(db: Executor, row: ImagesTable): Promise<void> {
  await db.insertInto('images').values(row).execute();
}

export async function findImage(db: Executor, id: string): Promise<StoredImage | undefined> {
  const row = await db.selectFrom('images').select(['id', 'content_type', 'bytes', 'width', 'height']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, contentType: row.content_type, bytes: Buffer.from(row.bytes), width: Number(row.width), height: Number(row.height) };
}

/** Records a photo sent by an account, first forgetting its sendings older than `forgetBeforeIso`. */
export async function insertImageUpload(db: Executor, row: ImageUploadsTable, forgetBeforeIso: string): Promise<void> {
  await db.deleteFrom('image_uploads').where('account_id', '=', row.account_id).where('sent_at', '<=', forgetBeforeIso).execute();
  await db.insertInto('image_uploads').values(row).execute();
}

/** Photos the account sent after an instant; served by the index (account_id, sent_at). */
export async function countImageUploadsAfter(db: Executor, accountId: string, afterIso: string): Promise<number> {
  const row = await db
    .selectFrom('image_uploads')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('account_id', '=', accountId)
    .where('sent_at', '>', afterIso)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteImageUpload(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('image_uploads').where('id', '=', id).execute();
}
