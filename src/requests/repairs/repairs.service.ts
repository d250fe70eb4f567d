// Items left for repair or alteration: the intake at the counter (the item, its provider, its
// shelf, the price agreed), then every move of the item through one door (`moveItem`), which
// moves the request through its own (`moveRequest`) in the same transaction. Coming back
// from the provider makes the member's order, so the repair is paid at the counter like any
// order; handing it back closes it.
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import { isServiceHandedOver, placeServiceOrder, type Channel } from '../../orders/index.ts';
import { findProvidersByIds, listProviders, tradesText, type TradeCode } from '../../shops/index.ts';

/** The trades that take an item in to repair or alter it. */
const REPAIR_TRADES: readonly TradeCode[] = ['tailor', 'cobbler', 'watchmaker', 'appliance_repair', 'computer_help'];
import { actorOf, assertConcierge, type Actor } from '../../platform/actor.ts';
import { formatDate, nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import { formatEuros, type Cents } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { findRequest, updateRequest, type RequestChannel, type ServiceRequest } from '../requests.repository.ts';
import { moveRequest } from '../requests.service.ts';
import { canMoveRequest } from '../requests.rules.ts';
import { canMove } from '../../platform/transitions.ts';
import { findItemOfRequest, insertItem, insertMove, updateItemStatus, type ItemChanges, type RepairItem } from './repairs.repository.ts';
import { bonusCents, ITEM_MOVES, ITEM_TRANSITIONS, REPAIR_VAT_RATE_BP, type BonusCode, type ItemMove } from './repairs.rules.ts';

export interface ProviderChoice {
  id: string;
  name: string;
}

/**
 * The providers the counter may give an item to. The one place that chooses them, so that the
 * directory's providers (with their trades and labels) can replace the shops here.
 */
export async function providerChoices(db: Executor): Promise<ProviderChoice[]> {
  const providers = (await listProviders(db, {})).filter((provider) => provider.trades.some((trade) => REPAIR_TRADES.includes(trade)));
  return providers.map((provider) => ({ id: provider.shopId, name: `${provider.tradeName} — ${tradesText(provider.trades)}` }));
}

export interface IntakeInput {
  description: string;
  providerShopId: string;
  shelf: string;
  agreedPriceCents: Cents | null;
  bonusEligible: boolean;
  bonusCode: BonusCode | null;
}

/** A repair request still « new », with no item yet: the one the counter may take in. */
async function requestToTakeIn(db: Executor, requestId: string): Promise<ServiceRequest> {
  const request = await findRequest(db, requestId);
  if (!request || request.kind !== 'repair') throw notFound();
  if (request.status !== 'new' || (await findItemOfRequest(db, requestId))) throw new DomainError('repair_already_taken_in');
  return request;
}

/**
 * The concierge takes the item in at the counter: it is written with its shelf, its first
 * move, the provider on the request, and the request moves to « at the counter » (which tells
 * the member). Once per form (its idempotency key).
 */
export async function takeInItem(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, input: IntakeInput, key: string): Promise<string> {
  const concierge = assertConcierge(actor);
  // A provider of the directory labelled « Bonus réparation » is eligible whatever the box says.
  const [provider] = await findProvidersByIds(db, [input.providerShopId]);
  if (!provider) throw new DomainError('repair_provider_unknown', 'provider');
  const bonusEligible = input.bonusEligible || provider.labels.includes('repair_bonus');
  return createOnce(
    db,
    'repair.intake',
    key,
    async (trx) => {
      const request = await requestToTakeIn(trx, requestId);
      const at = nowIso();
      const itemId = await insertItem(trx, { requestId, ...input, bonusEligible, at });
      const by = actorOf(concierge);
      await insertMove(trx, { itemId, toStatus: 'at_counter', shelf: input.shelf, providerShopId: null, accountId: by.accountId, actorLabel: by.label, at });
      await updateRequest(trx, requestId, { provider_shop_id: input.providerShopId }, at);
      await moveRequest(trx, config, request, 'at_counter', by, t('repairs.history.taken_in', { shelf: input.shelf }));
      return itemId;
    },
    boundTo(requestId, concierge.id),
  );
}

/** The request and its item, for a move made at the counter. */
async function requestWithItem(db: Executor, requestId: string): Promise<{ request: ServiceRequest; item: RepairItem }> {
  const request = await findRequest(db, requestId);
  if (!request || request.kind !== 'repair') throw notFound();
  const item = await findItemOfRequest(db, requestId);
  if (!item) throw new DomainError('request_move_not_allowed');
  return { request, item };
}

/**
 * The one door for an item's place: checks the item's table and the request's, moves the item
 * only from where it was read (a second click finds it moved and changes nothing), writes the
 * move, and moves the request through its own door in the same transaction.
 */
export async function moveItem(trx: Executor, config: Config, request: ServiceRequest, item: RepairItem, move: ItemMove, by: Actor, changes: ItemChanges = {}): Promise<boolean> {
  const target = ITEM_MOVES[move];
  if (item.status === 'handed_back') throw alreadyHandedBack(item, config);
  if (!canMove(ITEM_TRANSITIONS, item.status, target.item) || !canMoveRequest(request.kind, request.status, target.request)) {
    throw new DomainError('request_move_not_allowed');
  }
  const at = nowIso();
  if (!(await updateItemStatus(trx, item.id, item.status, target.item, changes, at))) return false;
  const shelf = changes.shelf ?? item.shelf;
  // Moved by someone else in between: the item's move is rolled back with the transaction.
  if (!(await moveRequest(trx, config, request, target.request, by, noteOf(move, shelf))).moved) throw new DomainError('request_move_not_allowed');
  await insertMove(trx, {
    itemId: item.id,
    toStatus: target.item,
    shelf: target.item === 'at_counter' ? shelf : null,
    providerShopId: target.item === 'at_provider' ? item.providerShopId : null,
    accountId: by.accountId,
    actorLabel: by.label,
    at,
  });
  return true;
}

function noteOf(move: ItemMove, shelf: string): string {
  return move === 'back_at_counter' ? t('repairs.history.back', { shelf }) : '';
}

function alreadyHandedBack(item: RepairItem, config: Config): DomainError {
  return new DomainError('repair_already_handed_back', undefined, { date: formatDate(item.handedBackAt ?? item.statusChangedAt, config.timeZone) });
}

/** « Porter chez l'artisan »: from the counter, or back to redo the work. */
export async function sendToProvider(db: Db, config: Config, actor: CurrentAccount | null, requestId: string): Promise<void> {
  const concierge = assertConcierge(actor);
  await inTransaction(db, async (trx) => {
    const { request, item } = await requestWithItem(trx, requestId);
    await moveItem(trx, config, request, item, 'to_provider', actorOf(concierge));
  });
}

/** « Rendu à l'adhérent »: once; a second time says when it was. */
export async function handBackItem(db: Db, config: Config, actor: CurrentAccount | null, requestId: string): Promise<void> {
  const concierge = assertConcierge(actor);
  await inTransaction(db, async (trx) => {
    const { request, item } = await requestWithItem(trx, requestId);
    if (item.status === 'handed_back') throw alreadyHandedBack(item, config);
    if (request.status !== 'ready') throw new DomainError('request_move_not_allowed');
    // The item leaves with its order paid: the counter's hand-over takes the money first.
    if (item.orderId && !(await isServiceHandedOver(trx, item.orderId))) throw new DomainError('repair_order_unpaid', undefined, { code: item.orderCode ?? '' });
    await moveItem(trx, config, request, item, 'hand_back', actorOf(concierge));
  });
}

export interface ReturnInput {
  shelf: string;
  /** the final price; needed the first time, when the member's order is made */
  finalPriceCents: Cents | null;
}

const ORDER_CHANNEL: Readonly<Record<RequestChannel, Channel>> = { site: 'site', phone: 'telephone', counter: 'comptoir', email: 'courriel' };

/**
 * « Revenu au comptoir »: the item is on a shelf again, ready to collect. The first time, the
 * member's order is made at the final price less the bonus réparation, ready at the counter;
 * after work redone, the order made the first time stands.
 */
export async function backAtCounter(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, input: ReturnInput, key: string): Promise<string> {
  const concierge = assertConcierge(actor);
  return createOnce(
    db,
    'repair.back',
    key,
    async (trx) => {
      const { request, item } = await requestWithItem(trx, requestId);
      if (request.status !== 'at_provider') throw new DomainError('request_move_not_allowed');
      const changes: ItemChanges = { shelf: input.shelf };
      if (!item.orderId) Object.assign(changes, await orderForRepair(trx, config, concierge, request, { ...item, shelf: input.shelf }, input.finalPriceCents));
      await moveItem(trx, config, request, item, 'back_at_counter', actorOf(concierge), changes);
      return item.id;
    },
    boundTo(requestId, concierge.id),
  );
}

async function orderForRepair(trx: Executor, config: Config, concierge: CurrentAccount, request: ServiceRequest, item: RepairItem, priceCents: Cents | null): Promise<ItemChanges> {
  if (priceCents === null) throw new DomainError('repair_price_required', 'price');
  const bonus = bonusCents(priceCents, item.bonusEligible, item.bonusCode);
  const title = bonus > 0 ? t('repairs.order.title_bonus', { what: item.description, bonus: formatEuros(bonus) }) : t('repairs.order.title', { what: item.description });
  const { orderId, code } = await placeServiceOrder(trx, config, {
    memberId: request.memberId,
    shopId: item.providerShopId,
    title,
    amountCents: priceCents - bonus,
    vatRateBp: REPAIR_VAT_RATE_BP,
    channel: ORDER_CHANNEL[request.channel],
    actor: concierge,
    ready: true,
    storageLocation: t('repairs.shelf', { shelf: item.shelf }),
  });
  return { finalPriceCents: priceCents, bonusCents: bonus, order: { id: orderId, code } };
}
