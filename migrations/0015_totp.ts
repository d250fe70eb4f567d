// Two-step login (TOTP) for concierge and town accounts. The shared secret is stored only
// encrypted (AES-256-GCM, see src/platform/sealing.ts), never in clear. While it is being set
// up the secret is there and `totp_enabled_at` is null; it is enabled once a code has been
// typed to confirm. `totp_last_step` is the 30-second time step of the last code accepted, so
// a code seen over someone's shoulder cannot be used again.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('totp_enabled_at', 'text').execute();
  // Steps since 1970 (≈ 59 million in 2026): fits an integer on both databases until the year 4000.
  await db.schema.alterTable('accounts').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('totp_last_step').execute();
  await db.schema.alterTable('accounts').dropColumn('totp_enabled_at').execute();
  await db.schema.alterTable('accounts').dropColumn('totp_secret').execute();
}
