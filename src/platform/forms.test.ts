import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from '@sinclair/typebox/value';
import { FORM_ERROR, Fields, emptyToNull, fieldErrorsOf, formSchema, normalisePhone, valuesOf } from './forms.ts';
import { plain } from '../../test/helpers/text.ts';

/** The shape fastify gives a failed body check (ajv with allErrors and verbose). */
function validationError(...errors: Array<{ keyword: string; instancePath?: string; params?: Record<string, unknown>; parentSchema?: Record<string, unknown> }>) {
  return { validation: errors.map((error) => ({ instancePath: '', params: {}, ...error })) };
}

test('a missing field is said to be required, next to that field', () => {
  const errors = fieldErrorsOf(validationError({ keyword: 'required', params: { missingProperty: 'email' } }));
  assert.deepEqual(errors, { email: 'Ce champ est obligatoire.' });
});

test('length checks name their limit in French', () => {
  const errors = fieldErrorsOf(
    validationError(
      { keyword: 'maxLength', instancePath: '/name', params: { limit: 80 } },
      { keyword: 'minLength', instancePath: '/description', params: { limit: 10 } },
      { keyword: 'minLength', instancePath: '/city', params: { limit: 1 } },
    ),
  );
  assert.equal(plain(errors.name), 'Ce texte est trop long : 80 caractères au plus.');
  assert.equal(plain(errors.description), 'Ce texte est trop court : 10 caractères au moins.');
  assert.equal(plain(errors.city), 'Ce champ est obligatoire.');
});

test('a pattern with its own message shows that message', () => {
  const errors = fieldErrorsOf(
    validationError({ keyword: 'pattern', instancePath: '/phone', params: { pattern: '…' }, parentSchema: { 'x-error': 'field.phone' } }),
  );
  assert.equal(plain(errors.phone), 'Indiquez un numéro de téléphone français, par exemple 04 42 55 00 00.');
});

test('only the first error of a field is kept', () => {
  const errors = fieldErrorsOf(
    validationError(
      { keyword: 'pattern', instancePath: '/email', parentSchema: { 'x-error': 'field.email' } },
      { keyword: 'maxLength', instancePath: '/email', params: { limit: 254 } },
    ),
  );
  assert.deepEqual(errors, { email: 'Indiquez une adresse e-mail valable, par exemple nom@exemple.fr.' });
});

test('an unexpected field is reported for the whole form, never silently kept', () => {
  const errors = fieldErrorsOf(validationError({ keyword: 'additionalProperties', params: { additionalProperty: 'role' } }));
  assert.deepEqual(errors, { [FORM_ERROR]: 'Le formulaire contient un champ inattendu. Rechargez la page et recommencez.' });
});

test('an error without details still gives a French message', () => {
  assert.deepEqual(fieldErrorsOf(new Error('boom')), { [FORM_ERROR]: 'La demande est incomplète ou mal formée.' });
  assert.deepEqual(fieldErrorsOf(validationError({ keyword: 'type', instancePath: '/age' })), { age: 'Cette valeur n’est pas valable.' });
});

test('a form schema refuses unknown fields and accepts the CSRF token', () => {
  const schema = formSchema({ email: Fields.email(), phone: Fields.optionalPhone() });
  assert.ok(Value.Check(schema, { email: 'nom@exemple.fr', phone: '', _csrf: 'token' }));
  assert.ok(!Value.Check(schema, { email: 'nom@exemple.fr', phone: '', role: 'concierge' }));
  assert.ok(!Value.Check(schema, { email: 'pas une adresse', phone: '' }));
  assert.ok(Value.Check(schema, { email: 'nom@exemple.fr', phone: '04.42.55.00.00' }));
  assert.ok(!Value.Check(schema, { email: 'nom@exemple.fr', phone: '12345' }));
});

test('field schemas accept what French people type', () => {
  const check = (schema: Parameters<typeof Value.Check>[0], value: string) => Value.Check(schema, value);
  assert.ok(check(Fields.postalCode(), '13800'));
  assert.ok(!check(Fields.postalCode(), '1380'));
  assert.ok(check(Fields.price(), '12,50'));
  assert.ok(check(Fields.price(), '12.5 €'));
  assert.ok(!check(Fields.price(), '12,505'));
  assert.ok(check(Fields.time(), '18:30'));
  assert.ok(!check(Fields.time(), '24:00'));
  assert.ok(check(Fields.phone(), '+33 4 42 55 00 00'));
});

test('phone numbers are stored in one French form', () => {
  assert.equal(normalisePhone('04.42.55.00.00'), '04 42 55 00 00');
  assert.equal(normalisePhone('+33 4 42 55 00 00'), '04 42 55 00 00');
  assert.equal(normalisePhone('0033442550000'), '04 42 55 00 00');
  assert.equal(normalisePhone('   '), null);
});

test('blank answers become null and typed values are kept without the CSRF token', () => {
  assert.equal(emptyToNull('  '), null);
  assert.equal(emptyToNull(undefined), null);
  assert.equal(emptyToNull(' Istres '), 'Istres');
  assert.deepEqual(valuesOf({ name: 'Éric', _csrf: 'secret', count: 3 }), { name: 'Éric' });
});
