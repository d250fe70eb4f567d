// The demo town's orders: a year of history (demo.orders.history.ts), the live day
// (demo.orders.live.ts) and the orders of the delivery runs (demo.runs.orders.ts), told
// through one writer (demo.orders.book.ts) and returned as rows for bulk inserts, with the
// slot bookings they hold.
import type { CounterPaymentsTable, OrderEventsTable, OrderLinesTable, SlotBookingsTable } from '../db/schema.ts';
import { DEMO_LOGINS } from './demo.logins.ts';
import { OrderBook, actorLabel, type OrderRow, type PurchaseOrderRow } from './demo.orders.book.ts';
import { ordersTown, type OrdersInput } from './demo.orders.context.ts';
import { tellHistory } from './demo.orders.history.ts';
import { tellLiveDay } from './demo.orders.live.ts';
import { tellDeliveries } from './demo.runs.orders.ts';

export type { OrdersInput } from './demo.orders.context.ts';

export interface DemoOrders {
  orders: OrderRow[];
  purchaseOrders: PurchaseOrderRow[];
  lines: OrderLinesTable[];
  events: OrderEventsTable[];
  payments: CounterPaymentsTable[];
  bookings: SlotBookingsTable[];
}

export function buildOrders(input: OrdersInput): DemoOrders {
  const town = ordersTown(input);
  const concierge = DEMO_LOGINS.find((login) => login.role === 'concierge')!;
  const book = new OrderBook(actorLabel(concierge.displayName, 'concierge'));
  tellHistory(town, book);
  tellLiveDay(town, book);
  tellDeliveries(town, book, input.places);
  const { orders, purchaseOrders, lines, events, payments } = book;
  return { orders, purchaseOrders, lines, events, payments, bookings: book.bookings() };
}
