// The yearly review as a printable A4 PDF in French, readable without colour: a cover, the
// year's figures beside the year before's with the trend in words, the months as a chart and
// a table, commission against the budget, the shops that joined and left, the canvassing
// campaigns, rounds and km by vehicle, services, the categories, and a page of highlights
// written as sentences. Charts are the dashboard's own SVG, drawn with svg-to-pdfkit (which
// reads presentation attributes, not CSS). Drawing only: every figure comes in ready.
import { createRequire } from 'node:module';
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import { renderPdf, type PdfDocument, type PdfWriter } from '../../platform/pdf/index.ts';
import { ofTown } from '../../ui/site-header.tsx';
import {
  bestCategories,
  biggestMonth,
  budgetShare,
  goodsOf,
  isQuietYear,
  ordersOf,
  servicesOf,
  trendOf,
  type ReviewShopEvent,
  type ReviewYear,
  type Trend,
} from './review.rules.ts';

type SvgToPdf = (doc: PdfDocument, svg: string, x: number, y: number, options: Record<string, unknown>) => void;
// svg-to-pdfkit ships no type definitions: its one function, typed here. Required with the
// first chart drawn (node keeps it after), not when the server starts.
const svgToPdf: SvgToPdf = (...args) => (createRequire(import.meta.url)('svg-to-pdfkit') as SvgToPdf)(...args);

const MARGIN = 50;

/** A chart of the dashboard: its SVG text, with its title. */
export interface ReviewChart {
  title: string;
  svg: string;
  /** The part of the review it illustrates. */
  section: 'months' | 'categories';
}

export interface ReviewDocument {
  town: string;
  year: ReviewYear;
  previous: ReviewYear;
  charts: readonly ReviewChart[];
  /** The local date it was made, for the cover. */
  madeOn: string;
  createdAt: Date;
}

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const monthLong = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayLong = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function monthName(month: string): string {
  const text = monthLong.format(new Date(`${month}-01T00:00:00Z`));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function dateName(date: string): string {
  return dayLong.format(new Date(`${date}T00:00:00Z`));
}

function percentText(part: number, whole: number): string {
  return whole > 0 ? `${integer.format(Math.round((part / whole) * 100))} %` : '—';
}

export function trendText(trend: Trend): string {
  return trend.percent === null || trend.direction === 'same' || trend.direction === 'new' || trend.direction === 'none'
    ? t(`yearly_review.pdf.trend.${trend.direction}`)
    : t(`yearly_review.pdf.trend.${trend.direction}`, { percent: integer.format(Math.abs(trend.percent)) });
}

// ---- the cover ----

function drawCover(writer: PdfWriter, review: ReviewDocument): void {
  const doc = writer.document;
  const width = doc.page.width - 2 * MARGIN;
  doc.y = 200;
  doc.font('regular').fontSize(16).text(t('yearly_review.pdf.cover_for', { of_town: ofTown(review.town) }), MARGIN, doc.y, { width, align: 'center' });
  doc.moveDown(1);
  doc.font('bold').fontSize(36).text(t('yearly_review.pdf.title', { year: review.year.year }), MARGIN, doc.y, { width, align: 'center' });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(14).text(t('yearly_review.pdf.cover_period', { year: review.year.year }), MARGIN, doc.y, { width, align: 'center' });
  doc.moveDown(3);
  doc.fontSize(13).text(t('yearly_review.pdf.cover_audience'), MARGIN, doc.y, { width, align: 'center' });
  doc.moveDown(0.5);
  doc.text(t('yearly_review.pdf.cover_date', { date: dateName(review.madeOn) }), MARGIN, doc.y, { width, align: 'center' });
  doc.moveDown(6);
  doc.fontSize(10).text(t('yearly_review.pdf.cover_note', { previous: review.previous.year }), MARGIN, doc.y, { width, align: 'center' });
  doc.font('regular').fontSize(10);
}

// ---- the figures against the year before ----

/** Whole kilometres a vehicle ran in the year (0 when it did not run). */
function kmOf(year: ReviewYear, name: string): number {
  return Math.round((year.vehicles.find((vehicle) => vehicle.name === name)?.metres ?? 0) / 1000);
}

function vehicleNames(year: ReviewYear, previous: ReviewYear): string[] {
  return [...new Set([...year.vehicles, ...previous.vehicles].map((vehicle) => vehicle.name))].sort((a, b) => a.localeCompare(b, 'fr'));
}

type FigureRow = [label: string, current: number, previous: number, format: (value: number) => string];

function figureRows(year: ReviewYear, previous: ReviewYear): FigureRow[] {
  const count = (value: number) => integer.format(value);
  const euros = (value: number) => formatEuros(value);
  const basketPerOrder = (which: ReviewYear) => which.basketPerOrderCents;
  return [
    [t('yearly_review.pdf.row.members'), year.members.total, previous.members.total, count],
    [t('yearly_review.pdf.row.active_members'), year.members.active, previous.members.active, count],
    [t('yearly_review.pdf.row.new_members'), year.members.newInYear, previous.members.newInYear, count],
    [t('yearly_review.pdf.row.shops_joined'), year.shops.joinedInYear, previous.shops.joinedInYear, count],
    [t('yearly_review.pdf.row.orders'), ordersOf(year), ordersOf(previous), count],
    [t('yearly_review.pdf.row.goods'), goodsOf(year), goodsOf(previous), euros],
    [t('yearly_review.pdf.row.services'), servicesOf(year), servicesOf(previous), euros],
    [t('yearly_review.pdf.row.basket_order'), basketPerOrder(year), basketPerOrder(previous), euros],
    [t('yearly_review.pdf.row.basket_member'), year.basketPerMemberCents, previous.basketPerMemberCents, euros],
    [t('yearly_review.pdf.row.commission'), year.commissionCents, previous.commissionCents, euros],
    ...vehicleNames(year, previous).map((name): FigureRow => [t('yearly_review.pdf.row.km', { vehicle: name }), kmOf(year, name), kmOf(previous, name), count]),
    [t('yearly_review.pdf.row.requests'), year.serviceRequests, previous.serviceRequests, count],
    [t('yearly_review.pdf.row.repairs'), year.repairsDone, previous.repairsDone, count],
  ];
}

function drawFigures(writer: PdfWriter, year: ReviewYear, previous: ReviewYear): void {
  writer.title(t('yearly_review.pdf.figures'));
  writer.table({
    columns: [
      { header: t('yearly_review.pdf.col.figure'), width: 3.2 },
      { header: String(year.year), width: 1.4, align: 'right' },
      { header: String(previous.year), width: 1.4, align: 'right' },
      { header: t('yearly_review.pdf.col.trend'), width: 2 },
    ],
    rows: figureRows(year, previous).map(([label, current, before, format]) => [label, format(current), format(before), trendText(trendOf(current, before))]),
  });
}

// ---- charts ----

/** Draws an SVG across the page's width, keeping its proportions; a new page first when it does not fit. */
export function drawSvg(writer: PdfWriter, svg: string): void {
  const doc = writer.document;
  const width = doc.page.width - 2 * MARGIN;
  const box = /viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*"/.exec(svg);
  const height = box ? (width * Number(box[2])) / Number(box[1]) : width / 2;
  writer.ensureSpace(height + 10);
  const top = doc.y;
  // The SVG's text says « inherit » or a family the PDF does not hold: it takes the embedded DejaVu.
  svgToPdf(doc, svg, MARGIN, top, { width, height, assumePt: true, fontCallback: (_family: string, bold: boolean) => (bold ? 'bold' : 'regular') });
  doc.font('regular').fontSize(10).fillColor('black').strokeColor('black');
  doc.x = MARGIN;
  doc.y = top + height + 10;
}

function drawCharts(writer: PdfWriter, charts: readonly ReviewChart[], section: ReviewChart['section']): void {
  const shown = charts.filter((chart) => chart.section === section);
  for (const chart of shown) {
    writer.heading(chart.title);
    drawSvg(writer, chart.svg);
  }
  if (shown.length > 0) writer.paragraph(t('yearly_review.pdf.chart_note'), { small: true });
}

function drawMonths(writer: PdfWriter, review: ReviewDocument): void {
  const { year } = review;
  writer.pageBreak();
  writer.title(t('yearly_review.pdf.months'));
  drawCharts(writer, review.charts, 'months');
  writer.table({
    columns: [
      { header: t('yearly_review.pdf.col.month'), width: 2 },
      { header: t('yearly_review.pdf.col.orders'), width: 1.2, align: 'right' },
      { header: t('yearly_review.pdf.col.goods'), width: 1.6, align: 'right' },
      { header: t('yearly_review.pdf.col.services'), width: 1.6, align: 'right' },
    ],
    rows: [
      ...year.months.map((month) => [monthName(month.month), integer.format(month.orders), formatEuros(month.goodsCents), formatEuros(month.servicesCents)]),
      [t('yearly_review.pdf.total'), integer.format(ordersOf(year)), formatEuros(goodsOf(year)), formatEuros(servicesOf(year))],
    ],
  });
}

// ---- money, shops, rounds, services ----

function drawMoney(writer: PdfWriter, year: ReviewYear): void {
  writer.heading(t('yearly_review.pdf.money'));
  const orders = ordersOf(year);
  writer.keyValues([
    [t('yearly_review.pdf.commission'), formatEuros(year.commissionCents)],
    [t('yearly_review.pdf.budget'), formatEuros(year.budgetCents)],
    [t('yearly_review.pdf.cost_per_order'), orders > 0 ? formatEuros(Math.round(year.budgetCents / orders)) : '—'],
  ]);
  const share = budgetShare(year);
  if (share !== null) writer.paragraph(t('yearly_review.pdf.budget_share', { percent: integer.format(share) }));
}

function shopTable(writer: PdfWriter, events: readonly ReviewShopEvent[], withReason: boolean): void {
  writer.table({
    columns: [
      { header: t('yearly_review.pdf.col.shop'), width: 3 },
      { header: t('yearly_review.pdf.col.date'), width: 2 },
      ...(withReason ? [{ header: t('yearly_review.pdf.col.reason'), width: 3 }] : []),
    ],
    rows: events.map((event) => [event.name, dateName(event.date), ...(withReason ? [event.reason ?? '—'] : [])]),
  });
}

function drawShops(writer: PdfWriter, year: ReviewYear): void {
  writer.pageBreak();
  writer.title(t('yearly_review.pdf.shops'));
  writer.paragraph(t('yearly_review.pdf.shops_lead', { members: integer.format(year.shops.members), all: integer.format(year.shops.all), rate: percentText(year.shops.members, year.shops.all) }));
  writer.heading(t('yearly_review.pdf.joined'));
  if (year.shopsJoined.length === 0) writer.paragraph(t('yearly_review.pdf.none_joined'));
  else shopTable(writer, year.shopsJoined, false);
  writer.heading(t('yearly_review.pdf.left'));
  if (year.shopsLeft.length === 0) writer.paragraph(t('yearly_review.pdf.none_left'));
  else shopTable(writer, year.shopsLeft, true);
  writer.heading(t('yearly_review.pdf.campaigns'));
  if (year.campaigns.length === 0) writer.paragraph(t('yearly_review.pdf.none_campaigns'));
  else
    writer.table({
      columns: [
        { header: t('yearly_review.pdf.col.campaign'), width: 3 },
        { header: t('yearly_review.pdf.col.targeted'), width: 1.4, align: 'right' },
        { header: t('yearly_review.pdf.col.joined'), width: 1.4, align: 'right' },
        { header: t('yearly_review.pdf.col.declined'), width: 1.4, align: 'right' },
      ],
      rows: year.campaigns.map((campaign) => [campaign.name, integer.format(campaign.targeted), integer.format(campaign.joined), integer.format(campaign.declined)]),
    });
  drawMoney(writer, year);
}

function drawActivity(writer: PdfWriter, year: ReviewYear, charts: readonly ReviewChart[]): void {
  writer.heading(t('yearly_review.pdf.rounds'));
  if (year.vehicles.length === 0) writer.paragraph(t('yearly_review.pdf.no_runs'));
  else
    writer.table({
    columns: [
      { header: t('yearly_review.pdf.col.vehicle'), width: 3 },
      { header: t('yearly_review.pdf.col.runs'), width: 1.5, align: 'right' },
      { header: t('yearly_review.pdf.col.km'), width: 1.5, align: 'right' },
    ],
    rows: year.vehicles.map((vehicle) => [vehicle.name, integer.format(vehicle.runs), integer.format(Math.round(vehicle.metres / 1000))]),
  });
  writer.heading(t('yearly_review.pdf.services'));
  writer.paragraph(t('yearly_review.pdf.services_text', { requests: integer.format(year.serviceRequests), repairs: integer.format(year.repairsDone) }));
  if (year.categories.length === 0) return;
  writer.heading(t('yearly_review.pdf.categories'));
  drawCharts(writer, charts, 'categories');
  writer.table({
    columns: [
      { header: t('yearly_review.pdf.col.category'), width: 3 },
      { header: t('yearly_review.pdf.col.sales'), width: 1.5, align: 'right' },
    ],
    rows: [...year.categories].sort((a, b) => b.salesCents - a.salesCents).map((category) => [category.label, formatEuros(category.salesCents)]),
  });
}

// ---- highlights ----

function trendWords(trend: Trend): string | undefined {
  if (trend.direction === 'up' || trend.direction === 'down') return t(`yearly_review.pdf.hl.word.${trend.direction}`, { percent: integer.format(Math.abs(trend.percent ?? 0)) });
  return trend.direction === 'same' ? t('yearly_review.pdf.hl.word.same') : undefined;
}

/** The year's highlights, each a sentence. */
export function highlightsOf(year: ReviewYear, previous: ReviewYear): string[] {
  const sentences: string[] = [];
  const month = biggestMonth(year);
  if (month) sentences.push(t('yearly_review.pdf.hl.biggest_month', { month: monthName(month.month).toLowerCase(), amount: formatEuros(month.goodsCents) }));
  const categories = bestCategories(year);
  if (categories.length > 0) sentences.push(t('yearly_review.pdf.hl.best_categories', { list: categories.map((category) => `${category.label} (${formatEuros(category.salesCents)})`).join(', ') }));
  if (year.shopsJoined.length > 0) sentences.push(t('yearly_review.pdf.hl.new_shops', { list: year.shopsJoined.map((shop) => shop.name).join(', ') }));
  const sales = trendOf(goodsOf(year), goodsOf(previous));
  const salesWords = trendWords(sales);
  if (salesWords) sentences.push(t('yearly_review.pdf.hl.sales_trend', { trend: salesWords, previous: previous.year }));
  else if (sales.direction === 'new') sentences.push(t('yearly_review.pdf.hl.first_year'));
  const activeWords = trendWords(trendOf(year.members.active, previous.members.active));
  if (activeWords) sentences.push(t('yearly_review.pdf.hl.members_trend', { trend: activeWords, previous: previous.year }));
  return sentences;
}

function drawHighlights(writer: PdfWriter, year: ReviewYear, previous: ReviewYear): void {
  writer.pageBreak();
  writer.title(t('yearly_review.pdf.highlights'));
  for (const sentence of highlightsOf(year, previous)) writer.paragraph(`• ${sentence}`);
}

/** The review's PDF. A quiet year (nothing recorded) gets its cover and a plain sentence saying so. */
export function renderReviewPdf(review: ReviewDocument): Promise<Buffer> {
  const metadata = { title: t('yearly_review.pdf.title', { year: review.year.year }), author: t('yearly_review.pdf.cover_for', { of_town: ofTown(review.town) }), createdAt: review.createdAt };
  return renderPdf(metadata, (writer) => {
    drawCover(writer, review);
    writer.pageBreak();
    if (isQuietYear(review.year)) {
      writer.title(t('yearly_review.pdf.figures'));
      writer.paragraph(t('yearly_review.pdf.quiet', { year: review.year.year }));
      return;
    }
    drawFigures(writer, review.year, review.previous);
    drawMonths(writer, review);
    drawShops(writer, review.year);
    drawActivity(writer, review.year, review.charts);
    drawHighlights(writer, review.year, review.previous);
  });
}
