// How a driver gets in at a place (« sonner à l'accueil, quai n° 2 », « code du portail 1234 »),
// printed on the run sheet and shown on the driver's phone.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('places').addColumn('access_notes', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('places').dropColumn('access_notes').execute();
}
