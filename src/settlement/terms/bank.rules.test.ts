// The rules of a change of bank details: what counts as a change, who may confirm it, how a
// change reads (masked), and the mail to the shop's merchants, which never holds a full IBAN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canMove } from '../../platform/transitions.ts';
import { BANK_CHANGE_TRANSITIONS, bankChangeMail, bankDetailsChanged, beforeAfter, confirmationRefusal, maskedIban, statusOfNewChange } from './bank.rules.ts';
import { plain } from '../../../test/helpers/text.ts';

const OLD = { iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPMAR' };
const NEW = { iban: 'FR7630004000031234567890143', bic: 'BNPAFRPPXXX' };

test('a change of IBAN or of BIC is a change; the same details saved again are not', () => {
  assert.equal(bankDetailsChanged(OLD, { ...OLD }), false);
  assert.equal(bankDetailsChanged(OLD, { ...OLD, bic: 'PSSTFRPP' }), true);
  assert.equal(bankDetailsChanged({ iban: null, bic: null }, NEW), true);
});

test('a new IBAN awaits a second person; a removed one needs none; only a pending change moves', () => {
  assert.equal(statusOfNewChange(NEW), 'pending');
  assert.equal(statusOfNewChange({ iban: null, bic: null }), 'confirmed');
  assert.ok(canMove(BANK_CHANGE_TRANSITIONS, 'pending', 'confirmed') && canMove(BANK_CHANGE_TRANSITIONS, 'pending', 'superseded'));
  assert.ok(!canMove(BANK_CHANGE_TRANSITIONS, 'confirmed', 'pending') && !canMove(BANK_CHANGE_TRANSITIONS, 'superseded', 'confirmed'));
});

test('the author never confirms his own change; a change no longer pending is confirmed by nobody', () => {
  const b = { id: 'b', createdByAccountId: null };
  assert.equal(confirmationRefusal({ status: 'pending', changedByAccountId: 'a' }, { id: 'a', createdByAccountId: null }), 'bank_change_own');
  assert.equal(confirmationRefusal({ status: 'pending', changedByAccountId: 'a' }, b), undefined);
  assert.equal(confirmationRefusal({ status: 'pending', changedByAccountId: null }, b), undefined);
  assert.equal(confirmationRefusal({ status: 'superseded', changedByAccountId: 'a' }, b), 'bank_change_not_pending');
  assert.equal(confirmationRefusal({ status: 'confirmed', changedByAccountId: 'a' }, b), 'bank_change_not_pending');
  // A merchant account the author opened himself stands for nobody else.
  assert.equal(confirmationRefusal({ status: 'pending', changedByAccountId: 'a' }, { id: 'm', createdByAccountId: 'a' }), 'bank_change_opened_by_author');
  assert.equal(confirmationRefusal({ status: 'pending', changedByAccountId: 'a' }, { id: 'm', createdByAccountId: 'c' }), undefined);
  assert.equal(confirmationRefusal({ status: 'pending', changedByAccountId: null }, { id: 'm', createdByAccountId: null }), undefined);
});

test('a change reads before → after, masked, « aucun » for nothing, « inchangé » when the same', () => {
  assert.equal(plain(beforeAfter(maskedIban(OLD.iban), maskedIban(NEW.iban))), '•••• 2606 → •••• 0143');
  assert.equal(plain(beforeAfter(null, maskedIban(NEW.iban))), 'aucun → •••• 0143');
  assert.equal(plain(beforeAfter('AGRIFRPP', 'AGRIFRPP')), 'AGRIFRPP (inchangé)');
});

test('the mail names the change masked, links to the merchant’s terms and says whom to call', () => {
  const mail = bankChangeMail({ shopName: 'Fromagerie', when: 'jeudi 3 décembre à 10 h 05', who: 'Aline (concierge)', before: OLD, after: NEW, url: 'https://exemple.fr/boutique/x/reglement', phone: '04 42 55 00 00' });
  const text = mail.paragraphs.join('\n');
  assert.match(plain(mail.subject), /coordonnées bancaires ont été modifiées — Fromagerie/);
  assert.match(plain(text), /IBAN : •••• 2606 → •••• 0143/);
  assert.match(plain(text), /Si vous n’êtes pas à l’origine de ce changement, appelez la conciergerie au 04 42 55 00 00\./);
  assert.ok(mail.paragraphs.includes('https://exemple.fr/boutique/x/reglement'));
  assert.ok(!text.includes(NEW.iban) && !text.includes(OLD.iban) && !text.includes('3000 4000'));
});
