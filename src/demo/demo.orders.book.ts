// The writer of the demo orders: each order is a story of moves — accepted, ready,
// collected, handed over, refused, cancelled — replayed in time order; every move is checked
// against the orders' own transition tables and the order follows its purchase orders by the
// orders' own rule, so the history of each order reads as if clerks and merchants had clicked
// through it. Account ids are not known while the town is built (the demo logins are made
// last): the history names who acted by label only, as it does for the system.
import type { Insertable } from 'kysely';
import type { Database } from '../db/index.ts';
import type { CounterPaymentsTable, MembersTable, OffersTable, OrderEventsTable, OrderLinesTable, SlotBookingsTable } from '../db/schema.ts';
import {
  ORDER_TRANSITIONS,
  PURCHASE_ORDER_TRANSITIONS,
  collectionCodeFrom,
  orderStatusFor,
  type Channel,
  type CounterPaymentMethod,
  type OrderStatus,
  type PurchaseOrderStatus,
  type RefusalReason,
} from '../orders/index.ts';
import type { SlotTime } from '../places/index.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import { canMove } from '../platform/transitions.ts';
import { Random, SeededIds } from './demo.random.ts';
import type { DemoShop } from './demo.shops.ts';

export type OrderRow = Insertable<Database['orders']>;
export type PurchaseOrderRow = Insertable<Database['purchase_orders']> & { status: PurchaseOrderStatus };

const SECOND_MS = 1000;

/** « Élodie Marchetti (adhérent) », as the history labels a person. */
export function actorLabel(name: string, role: 'resident' | 'merchant' | 'concierge'): string {
  return `${name} (${t(`role.${role}`).toLowerCase()})`;
}

export function memberLabel(member: MembersTable): string {
  return actorLabel(`${member.first_name} ${member.last_name}`, 'resident');
}

export interface LinePick {
  offer: OffersTable;
  quantity: number;
}

export interface PartPlan {
  shop: DemoShop;
  lines: LinePick[];
  /** Departure of the collection round planned for this shop. */
  roundAt: string;
}

export interface OrderPlan {
  member: MembersTable;
  channel: Channel;
  placeId: string;
  slot: SlotTime;
  placedAt: string;
  parts: PartPlan[];
  /** Who entered it: the member on the site, the concierge otherwise. */
  placedBy: string;
}

interface Part {
  row: PurchaseOrderRow;
  lines: OrderLinesTable[];
  shop: DemoShop;
  merchant: string;
}

/** Every row the demo orders write, gathered for bulk inserts. */
export class OrderBook {
  readonly orders: OrderRow[] = [];
  readonly purchaseOrders: PurchaseOrderRow[] = [];
  readonly lines: OrderLinesTable[] = [];
  readonly events: OrderEventsTable[] = [];
  readonly payments: CounterPaymentsTable[] = [];
  private readonly ids = new SeededIds('orders');
  private readonly eventIds = new SeededIds('order-events');
  private readonly codeRandom = new Random('orders:codes');
  /** Codes are drawn unique over the whole demo, which keeps them unique among open orders. */
  private readonly codes = new Set<string>();

  constructor(readonly conciergeLabel: string) {}

  id(atIso: string): string {
    return this.ids.next(atIso);
  }

  eventId(atIso: string): string {
    return this.eventIds.next(atIso);
  }

  private code(): string {
    for (;;) {
      const bytes = Uint8Array.from({ length: 8 }, () => this.codeRandom.int(0, 255));
      const code = collectionCodeFrom(bytes);
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
  }

  place(plan: OrderPlan): DemoOrder {
    const order = new DemoOrder(this, plan, this.code());
    this.orders.push(order.row);
    for (const part of order.parts) {
      this.purchaseOrders.push(part.row);
      this.lines.push(...part.lines);
    }
    return order;
  }

  /** Places taken in each slot: every order not cancelled holds one, as checkout books it. */
  bookings(): SlotBookingsTable[] {
    const booked = new Map<string, SlotBookingsTable>();
    for (const order of this.orders) {
      if (order.status === 'cancelled') continue;
      const key = `${order.place_id} ${order.slot_start_at}`;
      const row = booked.get(key) ?? { place_id: order.place_id, start_at: order.slot_start_at, booked: 0 };
      row.booked += 1;
      booked.set(key, row);
    }
    return [...booked.values()];
  }
}

/** One order being told, move by move, in time order. */
export class DemoOrder {
  readonly row: OrderRow;
  readonly parts: Part[];
  private lastMs: number;

  constructor(
    private readonly book: OrderBook,
    plan: OrderPlan,
    code: string,
  ) {
    const id = book.id(plan.placedAt);
    this.parts = plan.parts.map((part, index) => this.partOf(id, part, plan.placedAt, index));
    let position = 0;
    for (const part of this.parts) for (const line of part.lines) line.position = ++position;
    this.row = {
      id,
      member_id: plan.member.id,
      placed_by_account_id: null,
      channel: plan.channel,
      status: 'placed',
      place_id: plan.placeId,
      slot_start_at: plan.slot.startAt,
      slot_end_at: plan.slot.endAt,
      slot_local_date: plan.slot.localDate,
      payment_method: 'at_counter',
      collection_code: code,
      total_cents: 0,
      placed_at: plan.placedAt,
      updated_at: plan.placedAt,
      ready_at: null,
      reminded_at: null,
      closed_at: null,
    };
    this.recomputeTotals();
    this.lastMs = Date.parse(plan.placedAt) - SECOND_MS;
    this.event(plan.placedBy, 'order_status', { to: 'placed', at: plan.placedAt });
    for (const part of this.parts) this.event(plan.placedBy, 'purchase_order_status', { part, to: 'sent', at: plan.placedAt });
  }

  private partOf(orderId: string, plan: PartPlan, placedAt: string, index: number): Part {
    const id = this.book.id(placedAt);
    const lines = plan.lines.map(({ offer, quantity }) => ({
      id: this.book.id(placedAt),
      order_id: orderId,
      purchase_order_id: id,
      shop_id: plan.shop.row.id,
      offer_id: offer.id,
      title: offer.title,
      unit: offer.unit,
      quantity,
      unit_price_cents: offer.price_cents,
      vat_rate_bp: offer.vat_rate_bp,
      total_cents: offer.price_cents * quantity,
      price_is_estimate: 0,
      status: 'ordered',
      refusal_reason: null,
      refusal_note: null,
      position: index,
    }));
    const row: PurchaseOrderRow = {
      id,
      order_id: orderId,
      shop_id: plan.shop.row.id,
      status: 'sent',
      total_cents: 0,
      collection_round_at: plan.roundAt,
      created_at: placedAt,
      updated_at: placedAt,
      storage_location: null,
      chilled: 0,
      collected_at: null,
    };
    return { row, lines, shop: plan.shop, merchant: actorLabel(plan.shop.ownerName || plan.shop.row.trade_name, 'merchant') };
  }

  get status(): OrderStatus {
    return this.row.status as OrderStatus;
  }

  /** Events of one order never share an instant, so their history reads in the order told. */
  private stamp(at: string): string {
    this.lastMs = Math.max(Date.parse(at), this.lastMs + SECOND_MS);
    return new Date(this.lastMs).toISOString();
  }

  private event(actor: string, kind: string, fields: { part?: Part; from?: string; to?: string; note?: string; at: string }): string {
    const at = this.stamp(fields.at);
    this.book.events.push({
      id: this.book.eventId(at),
      order_id: this.row.id,
      purchase_order_id: fields.part?.row.id ?? null,
      account_id: null,
      actor_label: actor,
      kind,
      from_status: fields.from ?? null,
      to_status: fields.to ?? null,
      note: fields.note ?? '',
      at,
    });
    this.row.updated_at = at;
    if (fields.part) fields.part.row.updated_at = at;
    return at;
  }

  private recomputeTotals(): void {
    let orderTotal = 0;
    for (const part of this.parts) {
      part.row.total_cents = part.lines.reduce((sum, line) => (line.status === 'ordered' ? sum + line.total_cents : sum), 0);
      orderTotal += part.row.total_cents;
    }
    this.row.total_cents = orderTotal;
  }

  private moveOrder(to: OrderStatus, actor: string, at: string): string {
    if (!canMove(ORDER_TRANSITIONS, this.status, to)) throw new Error(`demo: order ${this.status} → ${to}`);
    const when = this.event(actor, 'order_status', { from: this.status, to, at });
    this.row.status = to;
    if (to === 'ready') this.row.ready_at = when;
    if (to === 'handed_over' || to === 'cancelled' || to === 'not_collected') this.row.closed_at = when;
    return when;
  }

  private movePart(part: Part, to: PurchaseOrderStatus, actor: string, at: string): string {
    if (!canMove(PURCHASE_ORDER_TRANSITIONS, part.row.status, to)) throw new Error(`demo: purchase order ${part.row.status} → ${to}`);
    const when = this.event(actor, 'purchase_order_status', { part, from: part.row.status, to, at });
    part.row.status = to;
    return when;
  }

  /** The order moves as its purchase orders call for, by the orders' own rule. */
  private follow(actor: string, at: string): void {
    const next = orderStatusFor(this.status, this.parts.map((part) => part.row.status));
    if (next) this.moveOrder(next, actor, at);
  }

  accept(index: number, at: string): void {
    const part = this.parts[index];
    this.follow(part.merchant, this.movePart(part, 'accepted', part.merchant, at));
  }

  ready(index: number, at: string): void {
    const part = this.parts[index];
    this.follow(part.merchant, this.movePart(part, 'ready', part.merchant, at));
  }

  /** Received at the counter from the collection round and stored. */
  collect(index: number, at: string, storage: { location: string; chilled: boolean }): void {
    const part = this.parts[index];
    const when = this.movePart(part, 'collected', this.book.conciergeLabel, at);
    Object.assign(part.row, { storage_location: storage.location, chilled: storage.chilled ? 1 : 0, collected_at: when });
    this.follow(this.book.conciergeLabel, when);
  }

  /** The shop cannot supply a line; a purchase order with nothing left is refused. */
  refuseLine(index: number, lineIndex: number, at: string, reason: RefusalReason, note: string | null): void {
    const part = this.parts[index];
    const line = part.lines[lineIndex];
    Object.assign(line, { status: 'refused', refusal_reason: reason, refusal_note: note });
    this.recomputeTotals();
    const reasonText = tDynamic(`orders.refusal.${reason}`) + (note ? ` : ${note}` : '');
    const when = this.event(part.merchant, 'line_refused', { part, note: `${line.quantity} × ${line.title} — ${reasonText}`, at });
    if (part.lines.every((candidate) => candidate.status === 'refused')) this.movePart(part, 'refused', part.merchant, when);
    this.follow(part.merchant, when);
  }

  /** Given to the member, paid at the counter. */
  handOver(at: string, method: CounterPaymentMethod): void {
    const actor = this.book.conciergeLabel;
    for (const part of this.parts) if (part.row.status === 'collected') this.movePart(part, 'handed_over', actor, at);
    const when = this.moveOrder('handed_over', actor, at);
    this.book.payments.push({ id: this.book.id(when), order_id: this.row.id, method, amount_cents: this.row.total_cents, account_id: null, actor_label: actor, at: when });
  }

  /** Cancelled before any shop started: the order first, then each purchase order. */
  cancel(at: string, actor: string): void {
    const when = this.moveOrder('cancelled', actor, at);
    for (const part of this.parts) this.movePart(part, 'cancelled', actor, when);
  }

  remind(at: string): void {
    this.row.reminded_at = at;
  }

  notCollected(at: string): void {
    this.moveOrder('not_collected', this.book.conciergeLabel, at);
  }
}

/** A move to make at an instant; stories are told by running their moves in time order. */
export interface Move {
  at: string;
  run: (at: string) => void;
}

export function runInOrder(moves: Move[]): void {
  for (const move of [...moves].sort((a, b) => a.at.localeCompare(b.at))) move.run(move.at);
}
