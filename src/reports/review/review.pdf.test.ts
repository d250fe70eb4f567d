// The review's PDF drawn from figures given by hand: its text read back with pdftotext, its
// pages rendered with pdftoppm (poppler-utils), the chart drawn from the SVG it was given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { highlightsOf, renderReviewPdf } from './review.pdf.ts';
import { emptyReviewYear as emptyYear, type ReviewYear } from './review.rules.ts';

const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

const BARS_SVG = `<svg viewBox="0 0 400 200" xmlns="http://www.w3.org/2000/svg" font-family="inherit" font-size="16"><title>Ventes</title>
<rect x="40" y="40" width="60" height="140" fill="#0b5c4c"/><rect x="140" y="90" width="60" height="90" fill="#0b5c4c"/>
<line x1="30" x2="390" y1="180" y2="180" stroke="#1b1b1b" stroke-width="2"/><text x="70" y="198" text-anchor="middle" fill="#1b1b1b">janv.</text></svg>`;

function busyYear(): { year: ReviewYear; previous: ReviewYear } {
  const previous: ReviewYear = { ...emptyYear(2024), months: emptyYear(2024).months.map((month) => ({ ...month, orders: 10, goodsCents: 100_000 })), members: { total: 80, active: 40, newInYear: 20 } };
  const year: ReviewYear = {
    ...emptyYear(2025, 6_000_000),
    members: { total: 100, active: 50, newInYear: 20 },
    shops: { members: 45, all: 150, joinedInYear: 1 },
    months: emptyYear(2025).months.map((month, index) => ({ ...month, orders: 11, goodsCents: index === 6 ? 300_000 : 100_000, servicesCents: 5_000 })),
    commissionCents: 1_200_000,
    vehicles: [{ name: 'Triporteur', runs: 150, metres: 812_400 }, { name: 'Fourgonnette', runs: 96, metres: 2_430_000 }],
    serviceRequests: 64,
    repairsDone: 21,
    categories: [{ label: 'Boulangerie', salesCents: 400_000 }, { label: 'Fromagerie', salesCents: 250_000 }],
    shopsJoined: [{ name: 'Fromagerie du Port', date: '2025-03-12', reason: null }],
    shopsLeft: [{ name: 'Librairie Ancienne', date: '2025-09-30', reason: 'Fermeture du commerce' }],
    campaigns: [{ name: 'Printemps 2025', targeted: 40, joined: 9, declined: 12 }],
  };
  return { year, previous };
}

test('the review reads the year, its totals and the trend in words, and draws its chart', async (t) => {
  const { year, previous } = busyYear();
  const pdf = await renderReviewPdf({ town: 'Istres', year, previous, charts: [{ title: 'Ventes par mois', svg: BARS_SVG, section: 'months' }], madeOn: '2026-01-05', createdAt: new Date('2026-01-05T09:00:00Z') });
  const dir = mkdtempSync(join(tmpdir(), 'review-pdf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'bilan.pdf');
  writeFileSync(file, pdf);
  const text = plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  assert.match(text, /Bilan annuel 2025/);
  assert.match(text, /Conciergerie de la ville d’Istres/);
  assert.match(text, /Établi le 5 janvier 2026/);
  // 11 orders a month; goods 1 000 € a month and 3 000 € in July: 14 000 € against 12 000 € (+ 17 %).
  assert.match(text, /Commandes 132 120 \+ 10 % \(en hausse\)/);
  assert.match(text, /Ventes de marchandises 14 000,00 € 12 000,00 € \+ 17 % \(en hausse\)/);
  assert.match(text, /Ventes de services 600,00 € 0,00 € nouveau/);
  assert.match(text, /Kilomètres parcourus : Triporteur 812 0 nouveau/);
  assert.match(text, /Fourgonnette 96 2 430/);
  assert.match(text, /Fromagerie du Port/);
  assert.match(text, /Librairie Ancienne .* Fermeture du commerce/);
  assert.match(text, /Printemps 2025 40 9 12/);
  assert.match(text, /La commission couvre 20 % du budget annuel/);
  assert.match(text, /Le mois le plus actif a été juillet 2025, avec 3 000,00 € de marchandises vendues/);
  assert.match(text, /Les ventes de marchandises sont en hausse de 17 % par rapport à 2024/);
  execFileSync('pdftoppm', ['-png', '-r', '50', file, join(dir, 'page')]);
  const pages = readdirSync(dir).filter((name) => name.endsWith('.png'));
  assert.ok(pages.length >= 4, `cover, figures, months, shops and highlights: ${pages.length} pages`);
  // The chart page holds the bars: many dark pixels would show as a larger PNG than a page of text alone.
  assert.ok(readFileSync(join(dir, pages.sort()[2])).length > 5000);
});

test('a quiet year gives a plain document that says nothing was recorded', async () => {
  const pdf = await renderReviewPdf({ town: 'Istres', year: emptyYear(2019), previous: emptyYear(2018), charts: [], madeOn: '2026-01-05', createdAt: new Date('2026-01-05T09:00:00Z') });
  const dir = mkdtempSync(join(tmpdir(), 'review-pdf-'));
  try {
    writeFileSync(join(dir, 'b.pdf'), pdf);
    const text = plain(execFileSync('pdftotext', [join(dir, 'b.pdf'), '-'], { encoding: 'utf8' }));
    assert.match(text, /Bilan annuel 2019/);
    assert.match(text, /Aucune activité n’a été enregistrée en 2019/);
    assert.doesNotMatch(text, /Faits marquants/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('highlights say when sales are new rather than inventing a percentage', () => {
  const { year } = busyYear();
  const sentences = highlightsOf(year, emptyYear(2024)).map(plain);
  assert.ok(sentences.includes('C’est la première année où la conciergerie enregistre des ventes.'), sentences.join(' | '));
});
