// Upgrading an installation whose outbox already holds password links in clear (written
// before 0011): the links are replaced by the placeholder in text and HTML, other mails are
// left as they were, and every link not used yet is revoked, since any of them may have
// been read in « Courriels envoyés ».
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { createTestDatabase } from '../helpers/app.ts';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.ts';
import { renderMail } from '../../src/platform/mail/mail.ts';

const SIGNATURE = { name: 'Conciergerie d’Istres', phone: '04 42 55 00 00', address: '12 rue Hôtel de Ville, 13800 Istres' };
const LINK = 'https://conciergerie.istres.example/mot-de-passe/Jq3v8yZ0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456-_';
const PLACEHOLDER = '[lien personnel envoyé au destinataire seulement]';

function outboxRow(id: string, subject: string, paragraphs: string[]) {
  const { text, html } = renderMail({ subject, paragraphs }, SIGNATURE);
  const at = '2026-11-30T10:00:00.000Z';
  return { id, channel: 'email', recipient: 'anne@exemple.fr', subject, text_body: text, html_body: html, status: 'sent', attempts: 0, claim_token: null, next_attempt_at: at, created_at: at, sent_at: at, last_error: null };
}

test('0011 removes the password links already written in the outbox and revokes the links not used yet', async (t) => {
  const database = await createTestDatabase({ migrate: false });
  t.after(database.drop);
  const db = database.db as unknown as Kysely<any>;
  await migrateTo(db, '0010_carry');
  const reset = outboxRow('01900000-0000-7000-8000-000000000001', 'Choisir un nouveau mot de passe', ['Bonjour Anne,', 'Ouvrez ce lien :', LINK, 'Si vous n’avez rien demandé, ignorez ce message.']);
  const order = outboxRow('01900000-0000-7000-8000-000000000002', 'Votre commande est prête', ['Bonjour Anne,', 'https://conciergerie.istres.example/compte/commandes']);
  await db.insertInto('outbox').values([reset, order]).execute();
  const at = '2026-11-30T10:00:00.000Z';
  await db.insertInto('accounts').values({ id: 'a1', email: 'anne@exemple.fr', password_hash: null, role: 'concierge', display_name: 'Anne', shop_id: null, member_id: null, disabled_at: null, created_at: at, last_login_at: null }).execute();
  await db.insertInto('password_resets').values([
    { token_hash: 'pending', account_id: 'a1', created_at: at, expires_at: '2099-01-01T00:00:00.000Z', used_at: null },
    { token_hash: 'used', account_id: 'a1', created_at: at, expires_at: '2099-01-01T00:00:00.000Z', used_at: '2026-11-30T11:00:00.000Z' },
  ]).execute();

  assert.equal((await migrateToLatest(db))[0], '0011_sealed_mail', 'the next migration is this one');

  const rows = await db.selectFrom('outbox').selectAll().orderBy('id').execute();
  assert.ok(!JSON.stringify(rows).includes('/mot-de-passe/'), 'no password link is left in any column');
  assert.ok(rows[0].text_body.includes(`Ouvrez ce lien :\n\n${PLACEHOLDER}\n\nSi vous`), rows[0].text_body);
  assert.ok(rows[0].html_body.includes(`<p>${PLACEHOLDER}</p>`), rows[0].html_body);
  assert.equal(rows[0].sealed_link, null);
  assert.deepEqual([rows[1].text_body, rows[1].html_body], [order.text_body, order.html_body], 'other mails are untouched');
  const links = await db.selectFrom('password_resets').select(['token_hash', 'used_at']).orderBy('token_hash').execute();
  assert.ok(links.every((link) => link.used_at !== null), 'every link is used or revoked');
  assert.equal(links.find((link) => link.token_hash === 'used')?.used_at, '2026-11-30T11:00:00.000Z', 'a used link keeps its date');
});
