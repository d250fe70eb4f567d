// Orders: what members buy through the conciergerie. A basket holds lines across shops (a
// resident's, a visitor's until they log in, or one the concierge fills for a member); a
// line names an offer of the catalogue, or is free text (« à acheter pour moi ») with an
// estimated price to confirm. Checkout turns a basket into an order — paid once, collected
// at a collection point in a slot, with a short collection code — split into one purchase
// order per shop. The collection round fetches each purchase order from its shop; the
// order is ready when everything due is at the counter, then handed over. Orders arrive
// through a channel: site, téléphone, courriel or comptoir. Every status move is recorded
// with who made it and when.
export {
  ORDER_TRANSITIONS,
  PURCHASE_ORDER_TRANSITIONS,
  collectionCodeFrom,
  orderStatusFor,
  type Channel,
  type CounterPaymentMethod,
  type OrderStatus,
  type PurchaseOrderStatus,
  type RefusalReason,
} from './orders.rules.ts';
export { collectionRoundFor, type TimingSettings } from './orders.timing.ts';
export { ABANDONED_BASKETS_JOB, accountBasketKey, addFreeTextLine, addToBasket, basketLineCount, joinVisitorBasket } from './site/basket.service.ts';
export { checkoutPlan, placeOrder, residentBuyer, type Buyer } from './site/checkout.service.ts';
// « Mon compte » (a members page) opens on the next order to collect; app.ts passes this along.
export { nextOrderHighlight } from './site/account.routes.ts';
export { moveOrder } from './orders.moves.ts';
export { cancelOrder } from './orders.service.ts';
export { handOver } from './counter/counter.service.ts';
// Reminders of orders waiting at the counter, a background job (app.ts lists the jobs).
export { COLLECTION_REMINDERS_JOB, sendCollectionReminders } from './counter/reminders.service.ts';
export {
  FIRST_CURSOR,
  counterPaymentsAfter,
  handOversAfter,
  whenMoneyFactsRecorded,
  type CounterPaymentFact,
  type FactCursor,
  type HandOverFact,
  type MoneyFacts,
} from './money/money.service.ts';
export { onlinePaymentsAfter, payDemoCheckout, startOnlinePayment, type OnlinePaymentFact } from './money/payments.service.ts';
export { recordRefund, refundsAfter, type RefundFact } from './money/refunds.service.ts';
export { countOrdersPlacedPerPeriod } from './orders.figures.repository.ts';
export { countOpenRequests as countOpenMembershipRequests } from './site/membership.repository.ts';
export {
  atTheCounter,
  expectedOn,
  lateThings,
  purchaseOrdersForRound,
  receivePurchaseOrder,
  type CounterItem,
  type ExpectedItem,
  type ReceptionResult,
  type RoundItem,
  type RoundPurchaseOrder,
} from './counter/reception.service.ts';
export { orderPath, purchaseOrderPath } from './orders.paths.ts';
// Orders that leave the counter on a delivery run: what they carry, the hand-over at the door, the way back.
export { backToCounter, deliverOrder, ordersForRuns, ordersOnRuns, type DeliveryLine, type OrderForRun } from './delivery/delivery.service.ts';
// Services (repairs, accepted quotes) sold as an order of one line from their provider.
export { isServiceHandedOver, markServiceDone, placeServiceOrder, type ServiceSale } from './services/services.service.ts';
