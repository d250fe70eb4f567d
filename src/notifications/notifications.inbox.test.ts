import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { inboundMailOf } from './notifications.inbox.ts';

test('a mail carrying NUL characters is kept without them, so every database accepts it', async () => {
  const source = Buffer.from(
    [
      'From: =?utf-8?Q?Ren=C3=A9e_Marchetti?= <Renee@Exemple.fr>',
      'To: conciergerie@istres.example',
      'Subject: =?utf-8?Q?Commande=00_de_pain?=',
      'Message-ID: <nul-1@exemple.fr>',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Deux baguettes=00 pour samedi, s=E2=80=99il vous pla=C3=AEt.',
      '',
    ].join('\r\n'),
  );
  const mail = inboundMailOf(await simpleParser(source), source, undefined);
  for (const text of [mail.subject, mail.bodyText, mail.fromName, mail.fromAddress, mail.messageId]) assert.doesNotMatch(text, /\u0000/);
  assert.equal(mail.subject, 'Commande de pain');
  assert.match(mail.bodyText, /^Deux baguettes pour samedi, s’il vous plaît\.$/);
  assert.equal(mail.fromAddress, 'renee@exemple.fr');
  assert.equal(mail.fromName, 'Renée Marchetti');
});
