// Orders: what members buy through the conciergerie. A basket holds lines across shops (a
// resident's, a visitor's until they log in, or one the concierge fills for a member); a
// line names an offer of the catalogue, or is free text (« à acheter pour moi ») with an
// estimated price to confirm. Checkout turns a basket into an order — paid once, collected
// at a collection point in a slot, with a short collection code — split into one purchase
// order per shop. The collection round fetches each purchase order from its shop; the
// order is ready when everything due is at the counter, then handed over. Orders arrive
// through a channel: site, téléphone, courriel or comptoir. Every status move is recorded
// with who made it and when.
export type { Order, OrderEvent, OrderLine, EventKind } from './orders.repository.ts';
export type { PurchaseOrder, PurchaseOrderSummary } from './orders.purchase-orders.repository.ts';
export type { BasketLine } from './site/basket.repository.ts';
export {
  CHANNELS,
  COUNTER_PAYMENT_METHODS,
  LINE_TRANSITIONS,
  ONLINE_PAYMENT_TRANSITIONS,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  OPEN_ORDER_STATUSES,
  PAYMENT_METHODS,
  PURCHASE_ORDER_STATUSES,
  PURCHASE_ORDER_TRANSITIONS,
  collectionCodeFrom,
  normaliseCode,
  orderStatusFor,
  type Channel,
  type CounterPaymentMethod,
  type LineStatus,
  type OnlinePaymentStatus,
  type OrderStatus,
  type PaymentMethod,
  type PurchaseOrderStatus,
  type RefusalReason,
} from './orders.rules.ts';
export { collectionRoundFor, planCollection, type TimingSettings } from './orders.timing.ts';
export { accountBasketKey, addFreeTextLine, addToBasket, joinVisitorBasket, readBasket, type Basket, type BasketItem, type FreeTextLine } from './site/basket.service.ts';
export { checkoutPlan, placeOrder, residentBuyer, type Buyer, type CheckoutChoice, type CheckoutPlan } from './site/checkout.service.ts';
export { followPurchaseOrders, lockAndRead, moveOrder, movePurchaseOrder } from './orders.moves.ts';
export { cancelOrder, orderRecord, type OrderDetail, type OrderRecord } from './orders.service.ts';
export { deskBasketKey, placeDeskOrder } from './desk/desk.service.ts';
export { confirmLinePrice } from './orders.price.service.ts';
export { counterOrder, declareNotCollected, handOver, searchCounter, uncollectedOrders, type CounterOrder, type HandOverInput } from './counter/counter.service.ts';
// The area's background jobs (app.ts lists them): reminders of orders waiting at the counter, abandoned visitors' baskets.
export { COLLECTION_REMINDERS_JOB, sendCollectionReminders } from './counter/reminders.service.ts';
export { ABANDONED_BASKETS_JOB } from './site/basket.service.ts';
export {
  FIRST_CURSOR,
  counterPaymentsAfter,
  handOversAfter,
  whenMoneyFactsRecorded,
  type CounterPaymentFact,
  type FactCursor,
  type HandOverFact,
  type MoneyFacts,
  type MoneyFactsListener,
} from './money/money.service.ts';
export { onlinePaymentsAfter, type OnlinePaymentFact } from './money/payments.service.ts';
export { payDemoCheckout, startOnlinePayment } from './money/payments.service.ts';
export { recordRefund } from './money/refunds.service.ts';
export { refundsAfter, type RefundFact } from './money/refunds.service.ts';
export { countOrdersPlacedPerPeriod } from './orders.figures.repository.ts';
export {
  atTheCounter,
  expectedOn,
  lateThings,
  purchaseOrdersForRound,
  receivePurchaseOrder,
  type CounterItem,
  type ExpectedItem,
  type LateThings,
  type PickLine,
  type Reception,
  type ReceptionResult,
  type RoundItem,
  type RoundPurchaseOrder,
} from './counter/reception.service.ts';
export { orderPath, purchaseOrderPath } from './orders.paths.ts';
