import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { remittanceOf } from './payouts.rules.ts';
import { statementNumber } from '../settlement.statements.rules.ts';
import { amountOfCents, buildPain001, creationDateTime, SepaError, toSepaText, type SepaBatch, type SepaTransfer } from './sepa.ts';

const XSD = resolve(import.meta.dirname, '../../../standards/pain.001.001.03.xsd');

function xmllintOrFail(): void {
  const probe = spawnSync('xmllint', ['--version']);
  // Never skipped: a machine without xmllint cannot prove the files are valid.
  assert.equal(probe.error, undefined, 'xmllint is missing: install the Debian package libxml2-utils');
}

/** Validates files against the shipped XSD in one xmllint run; fails with its output otherwise. */
function assertValid(files: readonly string[]): void {
  const run = spawnSync('xmllint', ['--noout', '--schema', XSD, ...files], { encoding: 'utf8' });
  assert.equal(run.status, 0, `xmllint refused:\n${run.stderr}`);
}

const OPERATOR = { name: 'Commune d’Istres — Conciergerie municipale', iban: 'FR76 3000 1007 9412 3456 7890 185', bic: 'BDFEFRPPCCT' };
const IBANS = ['FR1420041010050500013M02606', 'FR7630006000011234567890189', 'DE89370400440532013000', 'BE68539007547034'];

function transfer(index: number, overrides: Partial<SepaTransfer> = {}): SepaTransfer {
  return {
    endToEndId: `E2E-${index}`,
    amountCents: 1000 + index,
    creditorName: `Commerce ${index}`,
    iban: IBANS[index % IBANS.length],
    bic: null,
    remittance: 'Reversement ventes novembre 2026 — Conciergerie d’Istres',
    ...overrides,
  };
}

function batch(transfers: SepaTransfer[], overrides: Partial<SepaBatch> = {}): SepaBatch {
  return { messageId: 'VIR-20261203-0a1b2c3d4e5f', createdAt: '2026-12-03T09:15:30.123Z', executionDate: '2026-12-04', timeZone: 'Europe/Paris', debtor: OPERATOR, transfers, ...overrides };
}

function textOf(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g'))].map((match) => match[1]);
}

test('SEPA text: accents folded, typographic marks made plain, the rest removed, cut to length', () => {
  assert.equal(toSepaText('Reversement ventes novembre 2026 — Conciergerie d’Istres', 140), "Reversement ventes novembre 2026 - Conciergerie d'Istres");
  assert.equal(toSepaText('Crème brûlée « maison » à 5 € ; Œufs & Cie', 140), 'Creme brulee maison a 5 OEufs + Cie');
  assert.equal(toSepaText('  Chez   Zoë\u00a0\tet ÇA  ', 70), 'Chez Zoe et CA');
  assert.equal(toSepaText('😀 漢字', 70), '');
  assert.equal(toSepaText('a'.repeat(80), 70).length, 70);
  // a cut never leaves a trailing space
  assert.equal(toSepaText(`${'a'.repeat(69)} b`, 70), 'a'.repeat(69));
});

test('amounts are written from cents by string arithmetic', () => {
  assert.equal(amountOfCents(0), '0.00');
  assert.equal(amountOfCents(5), '0.05');
  assert.equal(amountOfCents(123405), '1234.05');
  assert.equal(amountOfCents(Number.MAX_SAFE_INTEGER), '90071992547409.91');
  assert.equal(amountOfCents(10n ** 17n + 1n), '1000000000000000.01');
});

test('the creation date-time is the town’s time with its offset, winter and summer', () => {
  assert.equal(creationDateTime('2026-12-03T09:15:30.999Z', 'Europe/Paris'), '2026-12-03T10:15:30+01:00');
  assert.equal(creationDateTime('2026-07-01T22:30:00Z', 'Europe/Paris'), '2026-07-02T00:30:00+02:00');
});

test('a batch of shops builds a file the pain.001.001.03 schema accepts, with the right totals', () => {
  xmllintOrFail();
  const dir = mkdtempSync(join(tmpdir(), 'sepa-'));
  try {
    const transfers = [
      transfer(1, { creditorName: 'Boulangerie Pâtisserie L’Épi d’Or & Fils', bic: 'CEPAFRPP131', amountCents: 7125 }),
      transfer(2, { creditorName: 'Fromagerie « Chez Zoë »', amountCents: 99_999_999 }),
      transfer(3, { amountCents: 1 }),
    ];
    const xml = buildPain001(batch(transfers));
    const file = join(dir, 'batch.xml');
    writeFileSync(file, xml);
    assertValid([file]);
    assert.deepEqual(textOf(xml, 'NbOfTxs'), ['3', '3']);
    assert.deepEqual(textOf(xml, 'CtrlSum'), ['1000071.25', '1000071.25']);
    assert.deepEqual(textOf(xml, 'InstdAmt'), ['71.25', '999999.99', '0.01']);
    assert.deepEqual(textOf(xml, 'MsgId'), ['VIR-20261203-0a1b2c3d4e5f']);
    assert.match(xml, /<InstdAmt Ccy="EUR">/);
    assert.deepEqual(textOf(xml, 'Nm').slice(2), ["Boulangerie Patisserie L'Epi d'Or + Fils", 'Fromagerie Chez Zoe', 'Commerce 3']);
    assert.deepEqual(textOf(xml, 'Ustrd'), Array(3).fill("Reversement ventes novembre 2026 - Conciergerie d'Istres"));
    // the creditor's bank appears only when its BIC is known
    assert.deepEqual(textOf(xml, 'BIC'), ['BDFEFRPPCCT', 'CEPAFRPP131']);
    assert.deepEqual(textOf(xml, 'IBAN'), ['FR7630001007941234567890185', 'FR7630006000011234567890189', 'DE89370400440532013000', 'BE68539007547034']);
    assert.deepEqual(textOf(xml, 'ChrgBr'), ['SLEV']);
    // the same batch gives the same bytes
    assert.equal(buildPain001(batch(transfers)), xml);
    // without the operator's BIC the file says NOTPROVIDED, and stays valid
    const noBic = join(dir, 'no-bic.xml');
    writeFileSync(noBic, buildPain001(batch(transfers, { debtor: { ...OPERATOR, bic: null } })));
    assertValid([noBic]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('transfers naming the shop’s invoice and the commission invoice, with the longest numbers, pass the schema', () => {
  xmllintOrFail();
  const dir = mkdtempSync(join(tmpdir(), 'sepa-docs-'));
  try {
    const longest = { number: 'F2026/NOVEMBRE.BOUTIQUE-CENTRE-VILLE_118', date: '2026-11-30' };
    const cases = [
      { shopInvoice: { number: 'F2026-118', date: '2026-11-30' }, commissionNumber: 'COM-2026-000119', period: 'novembre 2026', periodShort: '11/2026' },
      { shopInvoice: longest, commissionNumber: 'CONCIERGERIE-ISTRES-FACT-2026-000120', period: 'du 28 décembre 2026 au 3 janvier 2027', periodShort: '28/12/2026-03/01/2027' },
    ];
    const shopCodes = ['C0042', 'C0150'];
    const transfers = cases.map((documents, index) =>
      transfer(index, { remittance: remittanceOf(documents, '2026-11-30'), endToEndId: statementNumber({ shopCode: shopCodes[index], periodKind: 'monthly', periodStart: '2026-11-01' }) }),
    );
    const xml = buildPain001(batch(transfers));
    const file = join(dir, 'documents.xml');
    writeFileSync(file, xml);
    assertValid([file]);
    const remittances = textOf(xml, 'Ustrd');
    assert.equal(remittances[0], 'Fact. F2026-118 du 30/11 moins commission COM-2026-000119 - ventes novembre 2026');
    // « _ » is not a SEPA character: the bank reads it as « - »; the rest of the number is whole
    assert.ok(remittances[1].includes('F2026/NOVEMBRE.BOUTIQUE-CENTRE-VILLE-118') && remittances[1].includes('CONCIERGERIE-ISTRES-FACT-2026-000120'), remittances[1]);
    for (const text of remittances) assert.ok(text.length <= 140);
    assert.deepEqual(textOf(xml, 'EndToEndId'), ['RLV-202611-C0042', 'RLV-202611-C0150']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a wrong IBAN checksum, a bad BIC, a zero amount or a repeated id never reach a file', () => {
  assert.throws(() => buildPain001(batch([transfer(1, { iban: 'FR1420041010050500013M02607' })])), SepaError);
  assert.throws(() => buildPain001(batch([transfer(1, { bic: 'NOTABIC' })])), SepaError);
  assert.throws(() => buildPain001(batch([transfer(1, { amountCents: 0 })])), SepaError);
  assert.throws(() => buildPain001(batch([transfer(1, { amountCents: 10.5 })])), SepaError);
  assert.throws(() => buildPain001(batch([transfer(1), transfer(2, { endToEndId: 'E2E-1' })])), SepaError);
  assert.throws(() => buildPain001(batch([])), SepaError);
  assert.throws(() => buildPain001(batch([transfer(1)], { debtor: { ...OPERATOR, iban: 'FR7630001007941234567890186' } })), SepaError);
  assert.throws(() => buildPain001(batch([transfer(1)], { messageId: 'x'.repeat(36) })), SepaError);
});

test('property: any shop names and amounts give a valid file whose control sum is the sum and count the count', () => {
  xmllintOrFail();
  const dir = mkdtempSync(join(tmpdir(), 'sepa-prop-'));
  const files: string[] = [];
  try {
    const shop = fc.record({
      name: fc.string({ unit: 'grapheme', maxLength: 120 }),
      cents: fc.integer({ min: 1, max: 99_999_999_999 }),
      remittance: fc.string({ unit: 'binary', maxLength: 200 }),
      bic: fc.constantFrom(null, 'CEPAFRPP131', 'BNPAFRPP'),
      iban: fc.constantFrom(...IBANS),
    });
    fc.assert(
      fc.property(fc.array(shop, { minLength: 1, maxLength: 30 }), (shops) => {
        const transfers = shops.map((entry, index) => transfer(index, { creditorName: entry.name, amountCents: entry.cents, remittance: entry.remittance, bic: entry.bic, iban: entry.iban }));
        const xml = buildPain001(batch(transfers));
        const expected = amountOfCents(shops.reduce((sum, entry) => sum + BigInt(entry.cents), 0n));
        assert.deepEqual(textOf(xml, 'CtrlSum'), [expected, expected]);
        assert.deepEqual(textOf(xml, 'NbOfTxs'), [String(shops.length), String(shops.length)]);
        for (const name of textOf(xml, 'Nm')) assert.match(name, /^[A-Za-z0-9/\-?:().,'+ ]{1,70}$/);
        for (const text of textOf(xml, 'Ustrd')) assert.match(text, /^[A-Za-z0-9/\-?:().,'+ ]{1,140}$/);
        const file = join(dir, `${files.length}.xml`);
        writeFileSync(file, xml);
        files.push(file);
      }),
      { numRuns: 60 },
    );
    assertValid(files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('xmllint really refuses a broken file (the check above is not vacuous)', () => {
  xmllintOrFail();
  const dir = mkdtempSync(join(tmpdir(), 'sepa-bad-'));
  try {
    const file = join(dir, 'bad.xml');
    writeFileSync(file, buildPain001(batch([transfer(1)])).replace('<ChrgBr>SLEV</ChrgBr>', '<ChrgBr>XXXX</ChrgBr>'));
    const run = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
    assert.notEqual(run.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
