import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { HorizontalBarChart, LineChart, MonthBarChart } from './reports.charts.tsx';

const MONTHS = [
  { month: '2026-10', value: 425_000 },
  { month: '2026-11', value: 123_456, open: true },
];

/** What svg-to-pdfkit needs and what a screen reader reads: an image with a title and a description, no CSS. */
function checkSvg(svg: string, id: string): void {
  assert.match(svg, /^<svg [^>]*role="img"/);
  assert.match(svg, new RegExp(`aria-labelledby="${id}-titre ${id}-desc"`));
  assert.match(svg, new RegExp(`<title id="${id}-titre">`));
  assert.match(svg, new RegExp(`<desc id="${id}-desc">`));
  assert.doesNotMatch(svg, /class=|<style|style=/);
}

test('a bar per month, its value written on it and in the description; the open month said so', () => {
  const svg = renderToString(<MonthBarChart id="g" title="Ventes" summary="Ventes par mois." kind="cents" months={MONTHS} />);
  checkSvg(svg, 'g');
  assert.match(svg, /octobre 2026 : 4\u202f250,00\u00a0€/);
  assert.match(svg, /novembre 2026 : 1\u202f234,56\u00a0€ \(mois en cours\)/);
  assert.match(svg, />4\u00a0250\u00a0€<|>4\u202f250\u00a0€</);
  assert.equal((svg.match(/<rect /g) ?? []).length, 2);
});

test('lines differ by dash and mark, each named at its end', () => {
  const svg = renderToString(
    <LineChart
      id="l"
      title="Adhérents"
      summary="Adhérents."
      kind="count"
      series={[
        { label: 'Inscrits', values: MONTHS.map((row) => ({ ...row, value: 40 })) },
        { label: 'Actifs', values: MONTHS.map((row) => ({ ...row, value: 12 })) },
      ]}
    />,
  );
  checkSvg(svg, 'l');
  assert.match(svg, /stroke-dasharray="8 5"/);
  assert.match(svg, /Inscrits : 40/);
  assert.match(svg, /Actifs : 12/);
});

test('horizontal bars carry their name and value as text', () => {
  const svg = renderToString(<HorizontalBarChart id="h" title="Km" summary="Km par véhicule." kind="metres" parts={[{ label: 'Fourgon 1', value: 7100 }]} />);
  checkSvg(svg, 'h');
  assert.match(svg, />Fourgon 1</);
  assert.match(svg, /7\u00a0km/);
  assert.match(svg, /Fourgon 1 : 7,1\u00a0km/);
});
