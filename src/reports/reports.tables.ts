// The dashboard's tables, described once: the page draws them and the files are written from
// the same columns, so a file holds exactly what the page shows. Each table has a short code
// for the address of its file.
import { t, type MessageKey } from '../platform/i18n/index.ts';
import type { Column } from '../platform/spreadsheets.ts';
import { formatRate } from '../platform/money.ts';
import { monthName } from './reports.charts.tsx';
import type { MonthFigures, Part, RequestStatusFigures, TownFigures, VehicleFigures } from './reports.figures.ts';
import { perUnitCents } from './reports.rules.ts';

export interface Table<R> {
  code: string;
  titleKey: MessageKey;
  columns: readonly Column<R>[];
  rows: (figures: TownFigures) => readonly R[];
}

const col = <R,>(headerKey: MessageKey, kind: Column<R>['kind'], value: Column<R>['value']): Column<R> => ({ header: t(headerKey), kind, value });

const monthColumn = (): Column<MonthFigures> => col('reports.col.month', 'text', (row) => (row.live ? `${monthName(row.month)} (${t('reports.open')})` : monthName(row.month)));

const months = (figures: TownFigures): readonly MonthFigures[] => figures.months;

/** A breakdown's parts and its total. */
function withTotal(parts: readonly Part[]): Part[] {
  return [...parts, { key: '', label: t('reports.col.total'), value: parts.reduce((sum, part) => sum + part.value, 0) }];
}

const members: Table<MonthFigures> = {
  code: 'adherents',
  titleKey: 'reports.table.members',
  columns: [monthColumn(), col('reports.col.members_new', 'integer', (row) => row.membersNew), col('reports.col.members_total', 'integer', (row) => row.membersTotal), col('reports.col.members_active', 'integer', (row) => row.membersActive)],
  rows: months,
};

interface StageRow extends Part {
  rate: string;
}

const shops: Table<StageRow> = {
  code: 'commerces',
  titleKey: 'reports.table.shops',
  columns: [col('reports.col.stage', 'text', (row) => row.label), col('reports.col.shops', 'integer', (row) => row.value), col('reports.col.adherence', 'text', (row) => row.rate)],
  rows: (figures) => [
    ...figures.shops.byStage.map((part) => ({ ...part, rate: '' })),
    { key: '', label: t('reports.col.total'), value: figures.shops.all, rate: formatRate(figures.shops.adherenceBp) },
  ],
};

const shopsMonths: Table<MonthFigures> = {
  code: 'commerces-par-mois',
  titleKey: 'reports.table.shops_months',
  columns: [monthColumn(), col('reports.col.shops_joined', 'integer', (row) => row.shopsJoined), col('reports.col.shops_active', 'integer', (row) => row.shopsActive)],
  rows: months,
};

const salesMonths: Table<MonthFigures> = {
  code: 'ventes-par-mois',
  titleKey: 'reports.table.sales_months',
  columns: [
    monthColumn(),
    col('reports.col.orders', 'integer', (row) => row.orders),
    col('reports.col.goods', 'cents', (row) => row.goodsCents),
    col('reports.col.services', 'cents', (row) => row.servicesCents),
    col('reports.col.basket', 'cents', (row) => perUnitCents(row.goodsCents, row.goodsOrders) ?? null),
  ],
  rows: months,
};

function partTable(code: string, titleKey: MessageKey, headerKey: MessageKey, parts: (figures: TownFigures) => readonly Part[]): Table<Part> {
  return { code, titleKey, columns: [col(headerKey, 'text', (row) => row.label), col('reports.col.sales', 'cents', (row) => row.value)], rows: (figures) => withTotal(parts(figures)) };
}

interface ChannelRow {
  label: string;
  orders: number;
  cents: number;
}

const channels: Table<ChannelRow> = {
  code: 'canaux',
  titleKey: 'reports.table.channels',
  columns: [col('reports.col.channel', 'text', (row) => row.label), col('reports.col.orders', 'integer', (row) => row.orders), col('reports.col.sales', 'cents', (row) => row.cents)],
  rows: (figures) => {
    const sales = new Map(figures.sales.byChannel.map((part) => [part.key, part.value]));
    const rows = figures.orders.byChannel.map((part) => ({ label: part.label, orders: part.value, cents: sales.get(part.key) ?? 0 }));
    return [...rows, { label: t('reports.col.total'), orders: figures.orders.total, cents: rows.reduce((sum, row) => sum + row.cents, 0) }];
  },
};

const commission: Table<MonthFigures> = {
  code: 'commission',
  titleKey: 'reports.table.commission',
  columns: [monthColumn(), col('reports.col.commission', 'cents', (row) => row.commissionCents), col('reports.col.orders', 'integer', (row) => row.orders)],
  rows: months,
};

const runs: Table<VehicleFigures> = {
  code: 'tournees',
  titleKey: 'reports.table.runs',
  columns: [col('reports.col.vehicle', 'text', (row) => row.vehicle), col('reports.col.runs', 'integer', (row) => row.runs), col('reports.col.km', 'integer', (row) => Math.round(row.metres / 1000))],
  rows: (figures) => figures.vehicles,
};

const requests: Table<Part> = {
  code: 'demandes',
  titleKey: 'reports.table.requests',
  columns: [col('reports.col.kind', 'text', (row) => row.label), col('reports.col.requests', 'integer', (row) => row.value)],
  rows: (figures) => withTotal(figures.requests.byKind),
};

const requestsStatus: Table<RequestStatusFigures> = {
  code: 'demandes-statut',
  titleKey: 'reports.table.requests_status',
  columns: [col('reports.col.kind', 'text', (row) => row.kindLabel), col('reports.col.status', 'text', (row) => row.statusLabel), col('reports.col.requests', 'integer', (row) => row.count)],
  rows: (figures) => [...figures.requests.byKindAndStatus].sort((a, b) => a.kindLabel.localeCompare(b.kindLabel, 'fr') || a.statusLabel.localeCompare(b.statusLabel, 'fr')),
};

export const TABLES = {
  members,
  shops,
  shopsMonths,
  salesMonths,
  categories: partTable('categories', 'reports.table.categories', 'reports.col.category', (figures) => figures.sales.byCategory),
  channels,
  destinations: partTable('destinations', 'reports.table.destinations', 'reports.col.destination', (figures) => figures.sales.byDestination),
  commission,
  runs,
  requests,
  requestsStatus,
};

export type AnyTable = Table<any>;

export function tableByCode(code: string): AnyTable | undefined {
  return Object.values(TABLES).find((table: AnyTable) => table.code === code);
}

/** The codes of the tables, as the address of a file names them. */
export const TABLE_CODES: readonly string[] = Object.values(TABLES).map((table: AnyTable) => table.code);
