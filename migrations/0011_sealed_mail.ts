// Password links (reset and invitation) were stored in clear in the outbox, where every
// concierge could read them in « Courriels envoyés » and a database dump held them. From now
// on a mail keeps a placeholder in its bodies and the link sealed in `sealed_link` for the
// sending worker only (src/platform/mail/sealed-link.ts). The links already written are
// replaced by the placeholder, and every password link not used yet is revoked, since any
// of them may have been read: their owners ask a new one (« Mot de passe oublié ») or the
// concierge prints a resident's invitation again.
import type { Kysely } from 'kysely';
import { t } from '../src/platform/i18n/index.ts';

const PASSWORD_LINK = /https?:\/\/[^\s"<>]*\/mot-de-passe\/[A-Za-z0-9_-]+/g;
/** The button paragraph the HTML of a mail had for a link (src/platform/mail/mail.ts). */
const PASSWORD_BUTTON = /<p><a href="[^"]*\/mot-de-passe\/[^"]*"[^>]*>[^<]*<\/a><br><span[^>]*>[^<]*<\/span><\/p>/g;

function redactText(text: string, placeholder: string): string {
  return text.replace(PASSWORD_LINK, placeholder);
}

function redactHtml(html: string, placeholder: string): string {
  return html.replace(PASSWORD_BUTTON, `<p>${placeholder}</p>`).replace(PASSWORD_LINK, placeholder);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('sealed_link', 'text').execute();
  const placeholder = t('mail.personal_link_placeholder');
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'text_body', 'html_body'])
    .where((eb) => eb.or([eb('text_body', 'like', '%/mot-de-passe/%'), eb('html_body', 'like', '%/mot-de-passe/%')]))
    .execute();
  for (const row of rows) {
    await db
      .updateTable('outbox')
      .set({ text_body: redactText(row.text_body, placeholder), html_body: redactHtml(row.html_body, placeholder) })
      .where('id', '=', row.id)
      .execute();
  }
  await db.updateTable('password_resets').set({ used_at: new Date().toISOString() }).where('used_at', 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('sealed_link').execute();
}
