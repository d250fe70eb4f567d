// SQL of stored images: bytes of a processed photo, never changed once written.
import type { Executor } from '../../db/index.ts';
import type { ImagesTable } from '../../db/schema.ts';

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
