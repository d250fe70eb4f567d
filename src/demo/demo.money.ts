// The demo town's money, told through the real use cases once its year of orders is in:
// every member shop's settlement terms (a valid French IBAN and a real bank's BIC, entered by
// one concierge and confirmed by the other, a VAT number for most, two paid back by the
// week, one under a self-billing mandate), the town's
// rates and one shop's negotiated 4 %, every period closed up to two months before today
// (last month is left for the concierge to close), the shops' invoices recorded and matched
// (one difference left to resolve), the payout batches prepared, approved, sent and paid —
// all but the latest closed month's, left awaiting approval — and, on the live day, a few
// orders paid online with the demo provider and two refunds.
import { composeIBAN } from 'ibantools';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { OrderLinesTable } from '../db/schema.ts';
import { payDemoCheckout, recordRefund, startOnlinePayment, type OrderStatus } from '../orders/index.ts';
import { addDays, localDateOf, localToUtc } from '../platform/calendar.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { centsToInput } from '../platform/money.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { acceptDifference, addCommissionRate, addVatRate, closePeriod, conciergeStatements, confirmBankChange, issueSelfBilledInvoice, moveBatchStep, pendingBankChangeOf, periodOf, postCounterActivity, prepareBatch, recordShopInvoice, updateTerms, type Period, type Statement } from '../settlement/index.ts';
import { Random } from './demo.random.ts';
import type { DemoShop } from './demo.shops.ts';

/** Real French banks of the region: bank code (5 digits) and BIC. */
const BANKS: ReadonlyArray<readonly [string, string]> = [
  ['30004', 'BNPAFRPPXXX'],
  ['30003', 'SOGEFRPP'],
  ['30002', 'CRLYFRPP'],
  ['11306', 'AGRIFRPP813'],
  ['14607', 'CCBPFRPPMAR'],
  ['11315', 'CEPAFRPP131'],
  ['20041', 'PSSTFRPPMAR'],
  ['30066', 'CMCIFRPPXXX'],
];

const WEEKLY_SHOPS = ['Boucherie Martinez', 'Les Jardins de Provence'];
const SELF_BILLING_SHOPS = ['Maison Gauthier'];
const NEGOTIATED_SHOP = 'Le Panier Provençal';
/** Shops whose invoice differs from their statement: the first's is accepted, the last is left to resolve. */
const DIFFERENCE_SHOPS = ['Chocolaterie Duval', 'Poissonnerie du Port'];
const ONLINE_ORDERS = 3;

/** The smallest file that starts as a PDF does: what the shops' scanned invoices stand for. */
const INVOICE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** The French RIB key of a bank, branch and account (digits only). */
function ribKey(bank: string, branch: string, account: string): string {
  const rest = (89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97;
  return String(97 - rest).padStart(2, '0');
}

function ibanAndBic(random: Random): { iban: string; bic: string } {
  const [bank, bic] = random.pick(BANKS);
  const branch = String(random.int(100, 99_999)).padStart(5, '0');
  const account = String(random.int(1, 99_999_999)).padStart(11, '0');
  const iban = composeIBAN({ countryCode: 'FR', bban: `${bank}${branch}${account}${ribKey(bank, branch, account)}` });
  if (!iban) throw new Error('demo: an invalid IBAN was drawn');
  return { iban, bic };
}

/** The French VAT number of a SIREN: FR, its two-digit key, the SIREN. */
function vatNumberOf(siret: string): string {
  const siren = siret.slice(0, 9);
  return `FR${String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0')}${siren}`;
}

export interface MoneyInput {
  config: Config;
  today: Date;
  shops: readonly DemoShop[];
  /** The demo concierges: the first does the work, the second approves what needs two people. */
  concierges: readonly CurrentAccount[];
  /** Live orders the members chose to pay online (see `chooseOnlineOrders`). */
  online: ReadonlyArray<{ orderId: string; memberId: string }>;
  /** Handed-over lines of the last days, to refund one or two. */
  refundable: ReadonlyArray<{ orderId: string; lineId: string }>;
}

/** The bank details of each member shop, confirmed by the second concierge, as the town would have them. */
async function setTerms(db: Db, config: Config, concierges: readonly CurrentAccount[], shops: readonly DemoShop[], since: string): Promise<void> {
  const [concierge, second] = concierges;
  const members = shops.filter((shop) => shop.row.stage === 'member');
  await enterTerms(db, config, concierge, members, since);
  if (!second) throw new Error('demo: a second concierge confirms the shops’ bank details');
  for (const shop of members) {
    const pending = await pendingBankChangeOf(db, second, shop.row.id);
    if (pending) await confirmBankChange(db, second, shop.row.id, pending.id);
  }
}

async function enterTerms(db: Db, config: Config, concierge: CurrentAccount, members: readonly DemoShop[], since: string): Promise<void> {
  const random = new Random('money:terms');
  await Promise.all(
    members.map((shop) => {
      const { iban, bic } = ibanAndBic(random);
      const name = shop.row.trade_name;
      const vatNumber = shop.row.siret && random.chance(0.85) ? vatNumberOf(shop.row.siret) : '';
      return updateTerms(db, config, concierge, shop.row.id, {
        settlementPeriod: WEEKLY_SHOPS.includes(name) ? 'weekly' : 'monthly',
        iban,
        bic,
        vatNumber,
        selfBillingSince: SELF_BILLING_SHOPS.includes(name) ? since : '',
      }).then((errors) => {
        if (errors) throw new Error(`demo: terms of « ${name} » refused: ${JSON.stringify(errors)}`);
      });
    }),
  );
}

async function setRates(db: Db, concierge: CurrentAccount, shops: readonly DemoShop[], since: string, negotiatedSince: string): Promise<void> {
  const refused = [
    await addCommissionRate(db, concierge, null, { rate: '5', startsOn: since }),
    // The providers' repairs and home services, from the start too.
    await addCommissionRate(db, concierge, null, { rate: '8', startsOn: since }, 'services'),
    await addVatRate(db, concierge, { rate: '20', exempt: false, startsOn: since }),
  ];
  const negotiated = shops.find((shop) => shop.row.trade_name === NEGOTIATED_SHOP);
  if (negotiated) refused.push(await addCommissionRate(db, concierge, negotiated.row.id, { rate: '4', startsOn: negotiatedSince }));
  if (refused.some((errors) => errors)) throw new Error(`demo: rates refused: ${JSON.stringify(refused)}`);
}

/**
 * The last two periods of each kind ending before `before`, in the order they end. A shop's
 * first statement counts everything it handed over before, so the year's history lands on
 * the first of them: two closings per kind keep the seed quick and leave one period paid and
 * one awaiting approval.
 */
function periodsToClose(before: string): Period[] {
  const periods: Period[] = [];
  for (const kind of ['monthly', 'weekly'] as const) {
    const last = periodOf(kind, addDays(before, -1));
    periods.push(periodOf(kind, addDays(last.start, -1)), last);
  }
  return periods.sort((a, b) => a.end.localeCompare(b.end) || a.kind.localeCompare(b.kind));
}

async function statementsWith(db: Db, concierge: CurrentAccount, status: 'awaiting_invoice' | 'settled'): Promise<Statement[]> {
  const all: Statement[] = [];
  for (let page = 1; ; page += 1) {
    const { statements, total } = await conciergeStatements(db, concierge, { status, page });
    all.push(...statements);
    if (all.length >= total || statements.length === 0) return all;
  }
}

/**
 * Each shop's invoice for each statement, a few days after the period: equal to the statement
 * but for the difference shops (an accepted one long ago, one left in the latest closed month).
 */
async function recordInvoices(db: Db, config: Config, concierge: CurrentAccount, dates: { today: string; latestEnd: string; mandateSince: string }): Promise<void> {
  const { today, latestEnd, mandateSince } = dates;
  const statements = await statementsWith(db, concierge, 'awaiting_invoice');
  const random = new Random('money:invoices');
  const oldestMonthly = statements.filter((s) => s.periodKind === 'monthly').map((s) => s.periodEnd).sort()[0];
  const accepted: string[] = [];
  await Promise.all(
    statements.map((statement, index) => {
      if (SELF_BILLING_SHOPS.includes(statement.shopName) && statement.periodStart >= mandateSince) return issueSelfBilledInvoice(db, config, concierge, statement.id, newIdempotencyKey());
      const dueCents = statement.salesCents - statement.refundsCents;
      const differs =
        (statement.shopName === DIFFERENCE_SHOPS[0] && statement.periodEnd === oldestMonthly) ||
        (statement.shopName === DIFFERENCE_SHOPS[1] && statement.periodEnd === latestEnd);
      if (differs && statement.shopName === DIFFERENCE_SHOPS[0]) accepted.push(statement.id);
      const invoiceDate = [addDays(statement.periodEnd, random.int(1, 6)), today].sort()[0];
      const number = `F${statement.periodEnd.slice(0, 4)}-${String(index + 1).padStart(4, '0')}`;
      return recordShopInvoice(db, config, concierge, statement.id, { number, invoiceDate, amount: centsToInput(dueCents + (differs ? 150 : 0)), file: INVOICE_PDF }, newIdempotencyKey());
    }),
  );
  for (const id of accepted) await acceptDifference(db, concierge, id, 'Frais de port facturés par erreur : écart accepté, retenu sur la facture suivante.');
}

/** One batch per closed month: paid for every month but the latest, which awaits approval. */
async function payOut(db: Db, config: Config, concierges: readonly CurrentAccount[], latestEnd: string): Promise<void> {
  const [concierge] = concierges;
  const byMonth = new Map<string, string[]>();
  for (const statement of await statementsWith(db, concierge, 'settled')) {
    const month = statement.periodEnd.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), statement.id]);
  }
  for (const month of [...byMonth.keys()].sort()) {
    const batchId = await prepareBatch(db, config, concierge, byMonth.get(month)!, newIdempotencyKey());
    if (month === latestEnd.slice(0, 7)) continue;
    const batch = await approve(db, config, concierges, batchId);
    await moveBatchStep(db, config, concierge, batch, 'send', newIdempotencyKey());
    await moveBatchStep(db, config, concierge, batch, 'pay', newIdempotencyKey());
  }
}

async function approve(db: Db, config: Config, concierges: readonly CurrentAccount[], batchId: string): Promise<string> {
  const [first, second] = concierges;
  const batch = await moveBatchStep(db, config, first, batchId, 'approve', newIdempotencyKey()).catch(async (error: unknown) => {
    // Above the threshold, the one who prepared the batch cannot approve it.
    if (!second) throw error;
    return moveBatchStep(db, config, second, batchId, 'approve', newIdempotencyKey());
  });
  return batch.id;
}

/** The live day's online payments, as the residents made them on the demo provider's page. */
async function payOnline(db: Db, config: Config, online: MoneyInput['online']): Promise<void> {
  if (config.payments.provider !== 'demo') return;
  for (const { orderId, memberId } of online) {
    const resident: CurrentAccount = { id: memberId, email: '', role: 'resident', displayName: '', shopId: null, memberId };
    const url = await startOnlinePayment(db, config, resident, orderId);
    await payDemoCheckout(db, config, resident, url.split('/').at(-1)!);
  }
}

const REFUND_REASONS = ['Produit abîmé, rapporté le lendemain.', 'Erreur de taille, article non échangeable.'];

async function refund(db: Db, config: Config, concierge: CurrentAccount, refundable: MoneyInput['refundable']): Promise<void> {
  for (const [index, line] of refundable.slice(0, REFUND_REASONS.length).entries()) {
    await recordRefund(db, config, concierge, line.orderId, { scope: { kind: 'line', lineId: line.lineId }, reason: REFUND_REASONS[index] }, newIdempotencyKey());
  }
}

export async function seedDemoMoney(db: Db, input: MoneyInput): Promise<void> {
  const { config, concierges } = input;
  const concierge = concierges[0];
  if (!concierge) return;
  const today = localDateOf(input.today.toISOString(), config.timeZone);
  const firstMonth = periodOf('monthly', addDays(today, -366));
  const lastMonth = periodOf('monthly', addDays(periodOf('monthly', today).start, -1));
  const latestEnd = addDays(lastMonth.start, -1);
  const latestMonth = periodOf('monthly', latestEnd);
  // The mandate was signed for the latest closed month: one invoice issued by the conciergerie.
  const mandateSince = latestMonth.start;
  const negotiatedSince = periodOf('monthly', addDays(lastMonth.start, -150)).start;
  await setTerms(db, config, concierges, input.shops, mandateSince);
  await setRates(db, concierge, input.shops, firstMonth.start, negotiatedSince);
  // The year's counter activity goes into the ledger in large groups before the first closing.
  await postCounterActivity(db, config.timeZone, { together: 500 });
  for (const period of periodsToClose(lastMonth.start)) {
    const dayAfter = localToUtc(addDays(period.end, 1), '09:00', config.timeZone)!;
    await closePeriod(db, config, concierge, { kind: period.kind, start: period.start }, dayAfter);
  }
  await recordInvoices(db, config, concierge, { today, latestEnd, mandateSince });
  await payOut(db, config, concierges, latestEnd);
  await payOnline(db, config, input.online);
  await refund(db, config, concierge, input.refundable);
  await postCounterActivity(db, config.timeZone);
}

/**
 * Marks a few live orders placed on the site as paid online (their members chose so at
 * checkout): orders still at the shops, not the demo resident's. Answers them.
 */
export function chooseOnlineOrders(
  orders: Array<{ id: string; member_id: string; channel: string; status: string; payment_method: string }>,
  demoResidentId: string,
): Array<{ orderId: string; memberId: string }> {
  const chosen = orders.filter((order) => order.channel === 'site' && order.member_id !== demoResidentId && order.status === 'placed').slice(-ONLINE_ORDERS);
  for (const order of chosen) order.payment_method = 'online';
  return chosen.map((order) => ({ orderId: order.id, memberId: order.member_id }));
}

/** Two lines handed over in the last week, of different orders, for the refunds. */
export function refundableLines(
  orders: ReadonlyArray<{ id: string; status: string; updated_at: string }>,
  lines: readonly OrderLinesTable[],
  today: Date,
): Array<{ orderId: string; lineId: string }> {
  const since = new Date(today.getTime() - 7 * 86_400_000).toISOString();
  const recent = orders.filter((order) => order.status === ('handed_over' satisfies OrderStatus) && order.updated_at >= since).slice(0, 2);
  return recent.flatMap((order) => {
    const line = lines.find((candidate) => candidate.order_id === order.id && candidate.status === 'ordered');
    return line ? [{ orderId: order.id, lineId: line.id }] : [];
  });
}
