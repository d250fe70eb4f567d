// The inbox fetch against a real IMAP server (dovecot, started by `npm test`): each unseen
// mail is stored once with sender, subject and readable text, then flagged \Seen; a second
// fetch stores nothing; a mail delivered twice is stored once; the receiving server's verdict
// on the sender (its topmost Authentication-Results) is kept; the inbox job fetches at start,
// and a failing server fails its run (recorded for the jobs page), never thrown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { deliver, freshMailbox, imapSkipReason, rawMail, rawMailWithHeaders, unseenCount } from '../helpers/imap.ts';
import { fetchInboxOnce, notificationsJobs } from '../../src/notifications/index.ts';
import { runJobNow } from '../../src/platform/jobs.ts';
import { plain } from '../helpers/text.ts';

const skip = imapSkipReason();

describe('fetching the inbox by IMAP', { skip }, () => {
  let ctx: TestApp;

  before(async () => {
    ctx = await buildTestApp();
  });

  after(() => ctx?.close());

  const rowsFrom = (address: string) => ctx.db.selectFrom('inbound_mails').selectAll().where('from_address', '=', address).execute();

  test('each unseen mail is stored once, readable, then flagged seen; a second fetch stores nothing', async () => {
    const imap = await freshMailbox();
    await deliver(
      imap,
      { from: '"Josette Garcia" <Josette.Garcia@Exemple.fr>', subject: 'Commande pour samedi', text: 'Bonjour,\nun plateau de fruits de mer pour 4.\nMerci' },
      { from: 'inconnu@ailleurs.fr', subject: 'Renseignement', text: 'Livrez-vous à Entressen ?' },
      { from: '"Émilie Dupré" <emilie.dupre@exemple.fr>', subject: 'Fromages à l’épicerie — élève', html: '<p>Bonjour,</p><p>je voudrais <b>un comté affiné</b> de 500&nbsp;g.</p>' },
      { from: 'marc@exemple.fr', subject: 'Liste de courses', text: 'Voici ma liste.', attachments: [{ filename: 'liste-courses.pdf', content: '%PDF-1.4 fake' }] },
    );
    assert.equal(await unseenCount(imap), 4);

    assert.deepEqual(await fetchInboxOnce(ctx.db, imap), { read: 4, inserted: 4 });
    assert.equal(await unseenCount(imap), 0, 'every stored mail is flagged \\Seen');

    const [josette] = await rowsFrom('josette.garcia@exemple.fr');
    assert.ok(josette, 'the sender address is stored lower-case, for matching');
    assert.equal(josette.from_name, 'Josette Garcia');
    assert.equal(josette.subject, 'Commande pour samedi');
    assert.equal(josette.body_text, 'Bonjour,\nun plateau de fruits de mer pour 4.\nMerci');
    assert.equal(josette.status, 'new');
    assert.match(josette.message_id, /@/);
    assert.ok(Date.parse(josette.received_at) > Date.now() - 10 * 60_000, 'received when the server got it');

    const [unknown] = await rowsFrom('inconnu@ailleurs.fr');
    assert.equal(unknown.from_name, '');

    const [emilie] = await rowsFrom('emilie.dupre@exemple.fr');
    assert.equal(emilie.from_name, 'Émilie Dupré');
    assert.equal(emilie.subject, 'Fromages à l’épicerie — élève');
    assert.match(emilie.body_text, /je voudrais un comté affiné de 500\s*g\./i, 'HTML turned into text');
    assert.doesNotMatch(emilie.body_text, /<p>|<b>/);

    const [marc] = await rowsFrom('marc@exemple.fr');
    assert.match(marc.body_text, /^Voici ma liste\./);
    assert.match(plain(marc.body_text), /Pièces jointes non reprises ici : « liste-courses\.pdf »/);
    assert.doesNotMatch(marc.body_text, /%PDF/);

    assert.deepEqual(await fetchInboxOnce(ctx.db, imap), { read: 0, inserted: 0 });
    const total = await ctx.db.selectFrom('inbound_mails').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    assert.equal(Number(total.count), 4);
  });

  test('a mail stored but not yet flagged (a crash between the two) is not stored twice', async () => {
    const imap = await freshMailbox();
    const raw = await rawMail({ from: 'double@exemple.fr', subject: 'Deux fois', text: 'Même Message-ID.' });
    // The same message twice on the server stands for one fetched and stored, then not flagged.
    await deliver(imap, raw, raw);
    assert.deepEqual(await fetchInboxOnce(ctx.db, imap), { read: 2, inserted: 1 });
    assert.equal((await rowsFrom('double@exemple.fr')).length, 1);
    assert.equal(await unseenCount(imap), 0);
  });

  test('a mail without Message-ID is known by its content', async () => {
    const imap = await freshMailbox();
    const raw = Buffer.from(
      ['From: Sans Identifiant <sans-id@exemple.fr>', 'To: conciergerie@istres.example', 'Subject: Sans identifiant', 'Content-Type: text/plain; charset=utf-8', '', 'Un pain de campagne, s’il vous plaît.', ''].join('\r\n'),
    );
    await deliver(imap, raw, raw);
    assert.deepEqual(await fetchInboxOnce(ctx.db, imap), { read: 2, inserted: 1 });
    const [row] = await rowsFrom('sans-id@exemple.fr');
    assert.match(row.message_id, /^sha256:[0-9a-f]{64}$/);
    assert.equal(row.body_text, 'Un pain de campagne, s’il vous plaît.');
  });

  test('the receiving server’s verdict on the sender is kept: its topmost Authentication-Results, for the From domain', async () => {
    const imap = await freshMailbox();
    const server = 'mx.conciergerie.example';
    const passing = await rawMailWithHeaders(
      { from: '"Josette Garcia" <josette@verifie.example>', subject: 'Commande vérifiée', text: 'Un pain.' },
      [
        `Authentication-Results: ${server};`,
        '\tdkim=pass (2048-bit key) header.d=verifie.example header.s=s1 header.b=AbCd;',
        '\tspf=pass (domain of josette@verifie.example designates 192.0.2.7 as permitted sender) smtp.mailfrom=josette@verifie.example;',
        '\tdmarc=pass (p=REJECT) header.from=verifie.example',
      ].join('\r\n'),
    );
    // The sender wrote its own « pass »; the receiving server's verdict sits above it.
    const failing = await rawMailWithHeaders(
      { from: 'marcel@usurpe.example', subject: 'Commande usurpée', text: 'Tout le rayon.' },
      'Authentication-Results: mx.pirate.example; dkim=pass header.d=usurpe.example; dmarc=pass header.from=usurpe.example',
      `Authentication-Results: ${server}; dkim=none (message not signed); spf=softfail smtp.mailfrom=pirate.example; dmarc=fail (p=QUARANTINE) header.from=usurpe.example`,
    );
    await deliver(imap, passing, failing, { from: 'odile@sans-verdict.example', subject: 'Sans verdict', text: 'Bonjour.' });
    assert.deepEqual(await fetchInboxOnce(ctx.db, { ...imap, authservId: server }), { read: 3, inserted: 3 });

    const verdict = async (address: string) => {
      const [row] = await rowsFrom(address);
      return { dkim: row.dkim_result, dmarc: row.dmarc_result, spf: row.spf_result };
    };
    assert.deepEqual(await verdict('josette@verifie.example'), { dkim: 'pass', dmarc: 'pass', spf: 'pass' });
    assert.deepEqual(await verdict('marcel@usurpe.example'), { dkim: null, dmarc: 'fail', spf: null }, 'the SPF result is about another domain');
    assert.deepEqual(await verdict('odile@sans-verdict.example'), { dkim: null, dmarc: null, spf: null });

    // A topmost header written under another name than the receiving server's says nothing.
    const other = await freshMailbox();
    await deliver(other, await rawMailWithHeaders({ from: 'forge@verifie.example', subject: 'Faux verdict', text: 'Bonjour.' }, 'Authentication-Results: mx.pirate.example; dmarc=pass header.from=verifie.example'));
    assert.deepEqual(await fetchInboxOnce(ctx.db, { ...other, authservId: server }), { read: 1, inserted: 1 });
    assert.deepEqual(await verdict('forge@verifie.example'), { dkim: null, dmarc: null, spf: null });
  });

  test('the inbox job fetches as soon as the site starts; a server that refuses fails the run, recorded, not thrown', async (t) => {
    const imap = await freshMailbox();
    await deliver(imap, { from: 'poller@exemple.fr', subject: 'Par le relevé', text: 'Bonjour.' });
    const site = await buildTestApp({
      IMAP_HOST: imap.host,
      IMAP_PORT: String(imap.port),
      IMAP_SECURE: 'false',
      IMAP_USER: imap.user,
      IMAP_PASSWORD: imap.password,
      IMAP_MAILBOX: imap.mailbox,
      IMAP_POLL_SECONDS: '3600',
    });
    t.after(site.close);
    const stored = () => site.db.selectFrom('inbound_mails').select('id').where('from_address', '=', 'poller@exemple.fr').execute();
    for (let tries = 0; tries < 150 && (await stored()).length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await stored()).length, 1, 'fetched without being asked, at start');
    await site.app.jobs.idle();
    const row = await site.db.selectFrom('jobs').selectAll().where('name', '=', 'inbox').executeTakeFirstOrThrow();
    assert.equal(Number(row.runs), 1);
    assert.equal(row.last_error, null);

    const [wrong] = notificationsJobs({ imap: { ...imap, password: 'pas le bon' } });
    const outcome = await runJobNow({ db: ctx.db, config: ctx.config, log: { error: () => {} } }, wrong);
    assert.equal(outcome.status, 'failed');
    const failed = await ctx.db.selectFrom('jobs').selectAll().where('name', '=', 'inbox').executeTakeFirstOrThrow();
    assert.ok(failed.last_error && failed.last_error.length > 0, 'the refusal is kept for the jobs page');
    assert.equal(failed.last_error_at, failed.last_finished_at);
    // Refused for its credentials, not for any other reason (a server down would also reject).
    await assert.rejects(fetchInboxOnce(ctx.db, { ...imap, password: 'pas le bon' }), (error: { authenticationFailed?: boolean; responseStatus?: string }) => {
      assert.equal(error.authenticationFailed, true);
      assert.equal(error.responseStatus, 'NO');
      return true;
    });
  });
});
