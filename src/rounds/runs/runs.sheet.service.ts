// The papers of a delivery run as PDF files: the run sheet the driver takes in the van (with
// the amounts to collect, or a copy without any price) and a drop-off point's list of who
// collects what. Who may read them is runDetail's rule: the concierge, and the run's own
// driver; anyone else is told the run does not exist.
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/index.ts';
import { utcToLocal } from '../../places/index.ts';
import { formatClock, formatDate } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { runName } from './runs.rules.ts';
import { t, tPlural } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { formatPhone } from '../../platform/typography.ts';
import { renderRunSheetPdf, renderSignOffPdf, type Cell, type Grid, type SheetStop } from './runs.sheet.pdf.ts';
import { runDetail, type OrderOnStop, type RunDetail, type StopView } from './runs.service.ts';

export interface PdfFile {
  filename: string;
  bytes: Buffer;
}

/** « vendredi 11 décembre »: a local date read at noon, so no time zone moves it a day. */
export function runDateText(date: string, timeZone: string): string {
  return formatDate(`${date}T12:00:00.000Z`, timeZone);
}

/** « Fourgonnette, tournée 1 ». */
export function runLabel(detail: RunDetail): string {
  return runName(detail.run);
}

/** « 2 × Pain de campagne », one line per article. */
export function contentsOf(order: OrderOnStop): string[] {
  return order.lines.map((line) => t('runsheet.order.line', { quantity: line.quantity, title: line.title }));
}

function stopHeading(stop: StopView, timeZone: string): string {
  if (!stop.plannedArrivalAt) return t('runsheet.stop.heading', { number: stop.number, name: stop.name });
  const time = formatClock(utcToLocal(stop.plannedArrivalAt, timeZone).time);
  return t('runsheet.stop.heading_time', { number: stop.number, name: stop.name, time });
}

function memberCell(order: OrderOnStop): string {
  const who = t('runsheet.order.member', { name: order.memberName, code: order.collectionCode });
  return order.memberPhone ? `${who}\n${formatPhone(order.memberPhone)}` : who;
}

function sheetStop(stop: StopView, withPrices: boolean, timeZone: string): SheetStop {
  const lines = [t('runsheet.stop.address', { address: stop.address })];
  if (stop.phone) lines.push(t('runsheet.stop.phone', { phone: formatPhone(stop.phone) }));
  if (stop.accessNotes) lines.push(t('runsheet.stop.access', { notes: stop.accessNotes }));
  if (stop.isDropOff) lines.push(t('runsheet.stop.drop_off'));
  const columns = [
    { header: t('runsheet.column.order'), width: 2.8 },
    { header: t('runsheet.column.contents'), width: 3.8 },
    ...(withPrices ? [{ header: t('runsheet.column.due'), width: 2, align: 'right' as const }] : []),
    { header: t('runsheet.column.signature'), width: 2.6 },
  ];
  const rows = stop.orders.map((order): Cell[] => [
    memberCell(order),
    contentsOf(order).join('\n'),
    ...(withPrices ? [order.dueCents > 0 ? formatEuros(order.dueCents) : t('runsheet.order.paid')] : []),
    '',
  ]);
  return { heading: stopHeading(stop, timeZone), lines, orders: { columns, rows } };
}

function runFacts(detail: RunDetail, withPrices: boolean): string[] {
  const { run } = detail;
  const facts = [
    t('runsheet.window', { from: formatClock(run.windowOpens), to: formatClock(run.windowCloses) }),
    run.driverName ? t('runsheet.driver', { name: run.driverName }) : t('runsheet.no_driver'),
    t('runsheet.counts', { stops: tPlural('runs.stops', detail.stops.length), orders: tPlural('runs.orders', detail.orderCount) }),
  ];
  const dueCents = detail.stops.reduce((sum, stop) => sum + stop.orders.reduce((inner, order) => inner + order.dueCents, 0), 0);
  facts.push(withPrices ? t('runsheet.total_due', { amount: formatEuros(dueCents) }) : t('runsheet.no_prices'));
  return facts;
}

/** The run sheet: every stop in the run's order with its orders and a box to sign; without any amount when `withPrices` is false. */
export async function runSheetPdf(db: Executor, config: Config, actor: CurrentAccount | null, runId: string, withPrices: boolean): Promise<PdfFile> {
  const detail = await runDetail(db, actor, runId);
  const date = runDateText(detail.run.runDate, config.timeZone);
  const bytes = await renderRunSheetPdf(
    { title: `${t('runsheet.title')} — ${runLabel(detail)}, ${date}`, author: config.conciergerie.name },
    {
      title: t('runsheet.title'),
      subtitle: t('runsheet.subtitle', { run: runLabel(detail), date }),
      facts: runFacts(detail, withPrices),
      stops: detail.stops.map((stop) => sheetStop(stop, withPrices, config.timeZone)),
      empty: t('runsheet.empty'),
    },
  );
  const names = { date: detail.run.runDate, number: detail.run.number };
  return { filename: withPrices ? t('runsheet.filename', names) : t('runsheet.filename_no_prices', names), bytes };
}

/** A drop-off stop of a run the actor may read; any other stop is « not found ». */
export async function dropOffStop(db: Executor, actor: CurrentAccount | null, runId: string, stopId: string): Promise<{ detail: RunDetail; stop: StopView }> {
  const detail = await runDetail(db, actor, runId);
  const stop = detail.stops.find((candidate) => candidate.id === stopId);
  if (!stop || !stop.isDropOff) throw notFound();
  return { detail, stop };
}

function signOffGrid(stop: StopView): Grid {
  const columns = [
    { header: t('signoff.column.member'), width: 3 },
    { header: t('signoff.column.code'), width: 1.8 },
    { header: t('signoff.column.contents'), width: 3.4 },
    { header: t('signoff.column.due'), width: 2.2, align: 'right' as const },
    { header: t('signoff.column.collected'), width: 1.4 },
    // room to write how it was paid beside the box
    { header: t('signoff.column.paid'), width: 2 },
    { header: t('signoff.column.signature'), width: 3.4 },
  ];
  const byName = [...stop.orders].sort((a, b) => a.memberName.localeCompare(b.memberName, 'fr'));
  const rows = byName.map((order): Cell[] => [
    order.memberPhone ? `${order.memberName}\n${formatPhone(order.memberPhone)}` : order.memberName,
    order.collectionCode,
    contentsOf(order).join('\n'),
    order.dueCents > 0 ? formatEuros(order.dueCents) : t('signoff.nothing_due'),
    { tick: true },
    order.dueCents > 0 ? { tick: true } : '—',
    '',
  ]);
  return { columns, rows };
}

/** The list a drop-off point keeps on the day: one line per member, in alphabetical order, boxes to tick and a column to sign. */
export async function signOffSheetPdf(db: Executor, config: Config, actor: CurrentAccount | null, runId: string, stopId: string): Promise<PdfFile> {
  const { detail, stop } = await dropOffStop(db, actor, runId, stopId);
  const date = runDateText(detail.run.runDate, config.timeZone);
  const dueCents = stop.orders.reduce((sum, order) => sum + order.dueCents, 0);
  const bytes = await renderSignOffPdf(
    { title: `${t('signoff.sheet.title')} — ${stop.name}, ${date}`, author: config.conciergerie.name },
    {
      title: t('signoff.sheet.title'),
      subtitle: t('signoff.sheet.subtitle', { place: stop.name, date }),
      facts: [t('signoff.sheet.address', { address: stop.address }), t('signoff.sheet.run', { run: runLabel(detail) })],
      instructions: t('signoff.sheet.instructions'),
      grid: signOffGrid(stop),
      footer: t('signoff.sheet.footer', { orders: tPlural('runs.orders', stop.orders.length), amount: formatEuros(dueCents) }),
    },
  );
  return { filename: t('signoff.filename', { date: detail.run.runDate }), bytes };
}
