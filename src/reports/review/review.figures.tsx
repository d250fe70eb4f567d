// What a year's review reads: the dashboard's figures for the twelve months (the same roll-ups,
// so the review and the dashboard never disagree), with what happened in the year that the
// dashboard does not list one by one — the shops that joined and left, the repairs handed
// back; and the dashboard's own charts of them, as SVG text for the PDF.
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { localDateOf, localToUtc } from '../../platform/calendar.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { HorizontalBarChart, MonthBarChart } from '../reports.charts.tsx';
import type { TownFigures } from '../reports.figures.ts';
import { townFigures } from '../reports.service.ts';
import type { ReviewChart } from './review.pdf.ts';
import { campaignsBetween, countRepairsDone, shopsJoinedBetween, shopsLeftBetween } from './review.repository.ts';
import type { ReviewShopEvent, ReviewYear } from './review.rules.ts';

/** Local midnight of 1 January of `year`, as a UTC instant. */
function yearStartAt(year: number, timeZone: string): string {
  return localToUtc(`${year}-01-01`, '00:00', timeZone) ?? `${year}-01-01T00:00:00.000Z`;
}

function reviewYearOf(year: number, figures: TownFigures): Omit<ReviewYear, 'repairsDone' | 'shopsJoined' | 'shopsLeft' | 'campaigns'> {
  return {
    year,
    members: { total: figures.members.total, active: figures.members.active12Months, newInYear: figures.members.newInPeriod },
    shops: { members: figures.shops.members, all: figures.shops.all, joinedInYear: figures.shops.joinedInPeriod },
    months: figures.months.map((month) => ({ month: month.month, orders: month.orders, goodsCents: month.goodsCents, servicesCents: month.servicesCents })),
    basketPerMemberCents: figures.sales.goodsPerMemberPerYearCents ?? 0,
    basketPerOrderCents: figures.sales.basketPerOrderCents ?? 0,
    commissionCents: figures.commission.earnedCents,
    budgetCents: figures.commission.budgetCents,
    vehicles: figures.vehicles.map((vehicle) => ({ name: vehicle.vehicle, runs: vehicle.runs, metres: vehicle.metres })),
    serviceRequests: figures.requests.byKind.reduce((sum, part) => sum + part.value, 0),
    categories: figures.sales.byCategory.map((part) => ({ label: part.label, salesCents: part.value })),
  };
}

/** The year's figures and events, as the review shows them. */
export async function readReviewYear(db: Db, config: Config, year: number): Promise<ReviewYear> {
  const fromAt = yearStartAt(year, config.timeZone);
  const toAt = yearStartAt(year + 1, config.timeZone);
  const dateOf = (at: string) => localDateOf(at, config.timeZone);
  const [figures, joined, left, repairsDone, campaigns] = await Promise.all([
    townFigures(db, config, { fromMonth: `${year}-01`, toMonth: `${year}-12` }),
    shopsJoinedBetween(db, fromAt, toAt),
    shopsLeftBetween(db, fromAt, toAt),
    countRepairsDone(db, fromAt, toAt),
    campaignsBetween(db, `${year}-01-01`, `${year + 1}-01-01`, config.timeZone),
  ]);
  const shopsJoined: ReviewShopEvent[] = joined.map((shop) => ({ name: shop.name, date: dateOf(shop.at), reason: null }));
  const shopsLeft: ReviewShopEvent[] = left.map((shop) => ({ name: shop.name, date: dateOf(shop.at), reason: shop.reasonCode ? tDynamic(`crm.reason.${shop.reasonCode}`) : null }));
  return { ...reviewYearOf(year, figures), repairsDone, shopsJoined, shopsLeft, campaigns };
}

/** The dashboard's charts of the year: goods sold and orders by month, sales by category. */
export function reviewCharts(year: ReviewYear): ReviewChart[] {
  const charts: ReviewChart[] = [
    {
      title: t('yearly_review.chart.goods'),
      section: 'months',
      svg: renderToString(
        <MonthBarChart id="bilan-ventes" title={t('yearly_review.chart.goods')} summary={t('yearly_review.chart.goods_summary', { year: year.year })} kind="cents" months={year.months.map((month) => ({ month: month.month, value: month.goodsCents }))} />,
      ),
    },
    {
      title: t('yearly_review.chart.orders'),
      section: 'months',
      svg: renderToString(
        <MonthBarChart id="bilan-commandes" title={t('yearly_review.chart.orders')} summary={t('yearly_review.chart.orders_summary', { year: year.year })} kind="count" months={year.months.map((month) => ({ month: month.month, value: month.orders }))} />,
      ),
    },
  ];
  const categories = year.categories.filter((category) => category.salesCents > 0);
  if (categories.length > 0) {
    charts.push({
      title: t('yearly_review.chart.categories'),
      section: 'categories',
      svg: renderToString(
        <HorizontalBarChart id="bilan-categories" title={t('yearly_review.chart.categories')} summary={t('yearly_review.chart.categories_summary', { year: year.year })} kind="cents" parts={categories.map((category) => ({ label: category.label, value: category.salesCents }))} />,
      ),
    });
  }
  return charts;
}
