// The town's months as a small chart drawn on the server: a bar for what the shops sold each
// month, a line for what was still owed to them at its end. Plain SVG with presentation
// attributes (no CSS class, no script), so the same drawing could go into a PDF; role="img"
// with a title and a description, and the page gives the same figures in a table.
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { TownMonth } from './exports.service.ts';

const WIDTH = 720;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 12, bottom: 40, left: 96 };
const SALES_COLOUR = '#0b5c4c';
const OWED_COLOUR = '#8a4b00';
const TEXT_COLOUR = '#1b1b1b';
const GRID_COLOUR = '#8a8578';

const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' });
const wholeEuros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

function monthShort(month: string): string {
  return shortMonth.format(new Date(`${month}-01T00:00:00Z`));
}

/** The figures of the chart, in words, for those who cannot see it. */
function describe(months: readonly TownMonth[]): string {
  const parts = months.map((month) => t('money.chart.desc_month', { month: monthShort(month.month), sales: formatEuros(month.salesCents), owed: formatEuros(month.owedCents) }));
  return `${t('money.chart.desc')} ${parts.join(' ; ')}.`;
}

export function TownMonthsChart({ months }: { months: readonly TownMonth[] }) {
  const x = scaleBand<string>()
    .domain(months.map((month) => month.month))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.25);
  const highest = Math.max(1, ...months.map((month) => Math.max(month.salesCents, month.owedCents)));
  const y = scaleLinear()
    .domain([0, highest / 100])
    .nice(4)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const middle = (month: TownMonth) => (x(month.month) ?? 0) + x.bandwidth() / 2;
  const owedPath = line<TownMonth>()
    .x(middle)
    .y((month) => y(month.owedCents / 100))(months);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby="graphique-titre graphique-desc" font-family="inherit" font-size="16">
      <title id="graphique-titre">{t('money.chart.title')}</title>
      <desc id="graphique-desc">{describe(months)}</desc>
      {y.ticks(4).map((tick) => (
        <g>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={GRID_COLOUR} stroke-width="1" stroke-dasharray={tick === 0 ? undefined : '3 4'} />
          <text x={MARGIN.left - 8} y={y(tick)} dy="0.35em" text-anchor="end" fill={TEXT_COLOUR}>
            {wholeEuros.format(tick)}
          </text>
        </g>
      ))}
      {months.map((month) => (
        <g>
          <rect x={x(month.month)} y={y(month.salesCents / 100)} width={x.bandwidth()} height={Math.max(0, y(0) - y(month.salesCents / 100))} fill={SALES_COLOUR} />
          <text x={middle(month)} y={HEIGHT - MARGIN.bottom + 24} text-anchor="middle" fill={TEXT_COLOUR}>
            {monthShort(month.month)}
          </text>
        </g>
      ))}
      {owedPath ? <path d={owedPath} fill="none" stroke={OWED_COLOUR} stroke-width="4" /> : null}
      {months.map((month) => (
        <circle cx={middle(month)} cy={y(month.owedCents / 100)} r="6" fill="#fff" stroke={OWED_COLOUR} stroke-width="3" />
      ))}
    </svg>
  );
}

/** The key of the chart, in the page's text so it grows with the reader's zoom (colours in styles.css, the same as above). */
export function ChartKey() {
  return (
    <ul class="chart-key">
      <li>
        <span class="chart-key__swatch chart-key__swatch--sales" aria-hidden="true" /> {t('money.chart.key_sales')}
      </li>
      <li>
        <span class="chart-key__swatch chart-key__swatch--owed" aria-hidden="true" /> {t('money.chart.key_owed')}
      </li>
    </ul>
  );
}
