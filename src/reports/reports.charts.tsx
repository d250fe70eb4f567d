// The town's charts, drawn on the server as SVG from plain data: a bar per month, lines across
// months, horizontal bars by category. Each is role="img" with a <title> and a <desc> that
// gives every figure in words, and every value is written beside its mark, so the chart reads
// without colour; marks of a second series differ by shape and dash, not only by hue. Only
// presentation attributes (no class, no <style>): the yearly review puts the same SVG into a
// PDF with svg-to-pdfkit, which ignores CSS. The page always shows the data table beside.
import { formatLocale } from 'd3-format';
import { scaleBand, scaleLinear, scalePoint, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { ComponentChildren } from 'preact';
import { t } from '../platform/i18n/index.ts';
import type { Month } from './reports.rules.ts';

/** French numbers: comma for decimals, a narrow no-break space between thousands. */
export const frFR = formatLocale({ decimal: ',', thousands: '\u202f', grouping: [3], currency: ['', '\u00a0€'] });
const wholeNumber = frFR.format(',.0f');

const INK = '#1b1b1b';
const GRID = '#8a8578';
const FILLS = ['#0b5c4c', '#8a4b00', '#3d3d8f'];
const DASHES = [undefined, '8 5', '2 4'];
const FONT = 'DejaVu Sans, Verdana, sans-serif';

const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' });
const longMonth = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « janv. » (with « 26 » under it in January or at the start, so a span of years reads right). */
export function monthTick(month: Month): string {
  return shortMonth.format(new Date(`${month}-01T00:00:00Z`));
}

export function monthName(month: Month): string {
  return longMonth.format(new Date(`${month}-01T00:00:00Z`));
}

/** How a chart writes its values: euros from cents, a count, kilometres from metres. */
export type ValueKind = 'cents' | 'count' | 'metres';

/** A value as the table writes it. */
export function formatValue(kind: ValueKind, value: number): string {
  if (kind === 'cents') return frFR.format(',.2f')(value / 100) + '\u00a0€';
  if (kind === 'metres') return frFR.format(',.1f')(value / 1000) + '\u00a0km';
  return wholeNumber(value);
}

/** A value short enough to stand above a narrow bar: « 12,3 k€ », « 850 € », « 42 km ». */
export function shortValue(kind: ValueKind, value: number): string {
  if (kind === 'metres') return `${wholeNumber(Math.round(value / 1000))}\u00a0km`;
  if (kind === 'count') return wholeNumber(value);
  const euros = value / 100;
  return Math.abs(euros) >= 10_000 ? `${frFR.format(',.1f')(euros / 1000)}\u00a0k€` : `${wholeNumber(euros)}\u00a0€`;
}

/** The value axis in the chart's unit (euros, kilometres or counts). */
function axisValue(kind: ValueKind, value: number): number {
  return kind === 'cents' ? value / 100 : kind === 'metres' ? value / 1000 : value;
}

interface ChartText {
  /** unique on the page: the title's and description's ids are made from it */
  id: string;
  title: string;
  /** said before the figures in the description */
  summary: string;
}

function Frame({ text, width, height, description, children }: { text: ChartText; width: number; height: number; description: string; children: ComponentChildren }) {
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${text.id}-titre ${text.id}-desc`} font-family={FONT} font-size="15" fill={INK}>
      <title id={`${text.id}-titre`}>{text.title}</title>
      <desc id={`${text.id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

function Grid({ y, kind, left, right }: { y: ScaleLinear<number, number>; kind: ValueKind; left: number; right: number }) {
  const ticks = y.ticks(4);
  const unit = kind === 'cents' ? '\u00a0€' : kind === 'metres' ? '\u00a0km' : '';
  return (
    <g>
      {ticks.map((tick) => (
        <g>
          <line x1={left} x2={right} y1={y(tick)} y2={y(tick)} stroke={GRID} stroke-width="1" stroke-dasharray={tick === 0 ? undefined : '3 4'} />
          <text x={left - 8} y={y(tick)} dy="0.35em" text-anchor="end">
            {wholeNumber(tick) + unit}
          </text>
        </g>
      ))}
    </g>
  );
}

export interface MonthValue {
  month: Month;
  value: number;
  /** the open month: drawn hatched-outline, its figures may still move */
  open?: boolean;
}

const BARS = { width: 720, height: 320, top: 28, right: 12, bottom: 44, left: 88 };

/** One bar per month with its value written above it; the open month is an outline, not a filled bar. */
export function MonthBarChart({ id, title, summary, kind, months }: ChartText & { kind: ValueKind; months: readonly MonthValue[] }) {
  const m = BARS;
  const x = scaleBand<string>().domain(months.map((row) => row.month)).range([m.left, m.width - m.right]).padding(0.2);
  const highest = Math.max(1, ...months.map((row) => axisValue(kind, row.value)));
  const y = scaleLinear().domain([0, highest]).nice(4).range([m.height - m.bottom, m.top]);
  const description = `${summary} ${months.map((row) => `${monthName(row.month)} : ${formatValue(kind, row.value)}${row.open ? ` (${t('reports.chart.open_month')})` : ''}`).join(' ; ')}.`;
  const labelSize = months.length > 14 ? 10 : 13;
  return (
    <Frame text={{ id, title, summary }} width={m.width} height={m.height} description={description}>
      <Grid y={y} kind={kind} left={m.left} right={m.width - m.right} />
      {months.map((row) => {
        const left = x(row.month) ?? 0;
        const top = y(axisValue(kind, row.value));
        const middle = left + x.bandwidth() / 2;
        return (
          <g>
            <rect
              x={left}
              y={top}
              width={x.bandwidth()}
              height={Math.max(0, y(0) - top)}
              fill={row.open ? '#ffffff' : FILLS[0]}
              stroke={FILLS[0]}
              stroke-width="2"
              stroke-dasharray={row.open ? '5 3' : undefined}
            />
            <text x={middle} y={top - 6} text-anchor="middle" font-size={labelSize}>
              {shortValue(kind, row.value)}
            </text>
            <text x={middle} y={m.height - m.bottom + 20} text-anchor="middle" font-size={labelSize}>
              {monthTick(row.month)}
            </text>
            {row.month.endsWith('-01') || row === months[0] ? (
              <text x={middle} y={m.height - m.bottom + 38} text-anchor="middle" font-size={labelSize}>
                {row.month.slice(0, 4)}
              </text>
            ) : null}
          </g>
        );
      })}
    </Frame>
  );
}

export interface Series {
  label: string;
  values: readonly MonthValue[];
}

const MARKS = [
  (cx: number, cy: number, colour: string) => <circle cx={cx} cy={cy} r="6" fill="#ffffff" stroke={colour} stroke-width="3" />,
  (cx: number, cy: number, colour: string) => <rect x={cx - 6} y={cy - 6} width="12" height="12" fill={colour} />,
  (cx: number, cy: number, colour: string) => <path d={`M${cx},${cy - 7}L${cx + 7},${cy + 6}L${cx - 7},${cy + 6}Z`} fill={colour} />,
];

const LINES = { width: 720, height: 320, top: 24, right: 150, bottom: 44, left: 88 };

/** Up to three series across months; each has its own dash and mark, and its name written at its end. */
export function LineChart({ id, title, summary, kind, series }: ChartText & { kind: ValueKind; series: readonly Series[] }) {
  const m = LINES;
  const months = series[0]?.values.map((row) => row.month) ?? [];
  const x = scalePoint<string>().domain(months).range([m.left + 10, m.width - m.right]);
  const highest = Math.max(1, ...series.flatMap((one) => one.values.map((row) => axisValue(kind, row.value))));
  const y = scaleLinear().domain([0, highest]).nice(4).range([m.height - m.bottom, m.top]);
  const path = line<MonthValue>()
    .x((row) => x(row.month) ?? 0)
    .y((row) => y(axisValue(kind, row.value)));
  const description = `${summary} ${series.map((one) => `${one.label} : ${one.values.map((row) => `${monthName(row.month)} ${formatValue(kind, row.value)}`).join(', ')}`).join(' ; ')}.`;
  return (
    <Frame text={{ id, title, summary }} width={m.width} height={m.height} description={description}>
      <Grid y={y} kind={kind} left={m.left} right={m.width - m.right} />
      {months.map((month, index) =>
        months.length <= 14 || index % 3 === 0 ? (
          <text x={x(month)} y={m.height - m.bottom + 20} text-anchor="middle" font-size="13">
            {monthTick(month)}
          </text>
        ) : null,
      )}
      {series.map((one, index) => {
        const colour = FILLS[index % FILLS.length];
        const last = one.values[one.values.length - 1];
        return (
          <g>
            <path d={path(one.values as MonthValue[]) ?? ''} fill="none" stroke={colour} stroke-width="3" stroke-dasharray={DASHES[index % DASHES.length]} />
            {one.values.map((row) => MARKS[index % MARKS.length](x(row.month) ?? 0, y(axisValue(kind, row.value)), colour))}
            {last ? (
              <text x={(x(last.month) ?? 0) + 12} y={y(axisValue(kind, last.value)) + index * 4} dy="0.35em" font-size="14">
                {`${one.label} : ${shortValue(kind, last.value)}`}
              </text>
            ) : null}
          </g>
        );
      })}
    </Frame>
  );
}

export interface NamedValue {
  label: string;
  value: number;
}

const ROW_HEIGHT = 34;
const HBARS = { width: 720, top: 8, right: 110, left: 230 };

/** One horizontal bar per part, its name on the left and its value on the right of the bar. */
export function HorizontalBarChart({ id, title, summary, kind, parts }: ChartText & { kind: ValueKind; parts: readonly NamedValue[] }) {
  const m = HBARS;
  const height = m.top * 2 + Math.max(1, parts.length) * ROW_HEIGHT;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...parts.map((part) => part.value))])
    .range([m.left, m.width - m.right]);
  const description = `${summary} ${parts.map((part) => `${part.label} : ${formatValue(kind, part.value)}`).join(' ; ')}.`;
  return (
    <Frame text={{ id, title, summary }} width={m.width} height={height} description={description}>
      {parts.map((part, index) => {
        const top = m.top + index * ROW_HEIGHT;
        return (
          <g>
            <text x={m.left - 8} y={top + ROW_HEIGHT / 2} dy="0.35em" text-anchor="end">
              {part.label.length > 26 ? `${part.label.slice(0, 25)}…` : part.label}
            </text>
            <rect x={m.left} y={top + 5} width={Math.max(2, x(part.value) - m.left)} height={ROW_HEIGHT - 10} fill={FILLS[0]} />
            <text x={x(part.value) + 6} y={top + ROW_HEIGHT / 2} dy="0.35em">
              {shortValue(kind, part.value)}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}
