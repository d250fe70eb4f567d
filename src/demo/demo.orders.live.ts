// The live day: the conciergerie as the concierge finds it on the seeding day's morning.
// Purchase orders wait at some eight shops for today's collection rounds (sent, accepted or
// already prepared); orders brought in by earlier rounds wait at the counter, stored on a
// shelf (« B4 ») or in the fridge (« Frigo 1 ») for fish, cheese and meat, their members
// expected in today's slots; two were never fetched — one past the reminder delay, one past
// the limit. A few orders are for the coming days. The demo resident has one order on its
// way, and the demo merchants (cheese shop, fishmonger) have purchase orders to prepare.
// When the counter is closed today (Sunday), « today » for rounds and slots is its next
// opening day (OrdersTown.liveDate); everything told happened before the seeding day began.
import type { MembersTable } from '../db/schema.ts';
import { localDateOf } from '../places/index.ts';
import { memberLabel, runInOrder, type DemoOrder, type LinePick, type Move, type OrderBook, type PartPlan } from './demo.orders.book.ts';
import { addDays, localInstant, offersAt, plusMinutes, quantityFor, roundFor, slotsFrom, slotsOn, weighted, type DemoPlace, type OrdersTown, type PlaceKey } from './demo.orders.context.ts';
import { CATEGORY_WEIGHTS, CHILLED_CATEGORIES } from './demo.orders.data.ts';
import { partMoves, placesOf } from './demo.orders.history.ts';
import { Random } from './demo.random.ts';
import type { DemoShop } from './demo.shops.ts';

const DAY_MINUTES = 24 * 60;
const CHEESE_SHOP = 'Fromagerie Lou Cabanoun';
const FISHMONGER = 'Poissonnerie du Port';
const CHOCOLATIER = 'Chocolaterie Duval';
/** Shops whose purchase orders go on today's rounds, besides the demo merchants. */
const ROUND_SHOPS = 5;
const WAITING_AT_COUNTER = 9;

type Stage = 'sent' | 'accepted' | 'ready';
/** Where the shops stand on the morning of a round, taken in turn: some have not answered yet. */
const STAGES: readonly Stage[] = ['ready', 'accepted', 'sent'];

class LiveDay {
  private readonly random = new Random('orders:live');
  /** One live order per member: the « expected » list names each person once. */
  private readonly busy = new Set<string>();
  private turn = 0;

  constructor(
    private readonly town: OrdersTown,
    private readonly book: OrderBook,
  ) {
    this.busy.add(town.demoResidentId);
  }

  shop(name: string): DemoShop {
    const shop = this.town.shops.find((candidate) => candidate.row.trade_name === name);
    if (!shop) throw new Error(`demo: no shop « ${name} »`);
    return shop;
  }

  /** A member who collects at that place, registered before the story starts, with no other live order. */
  member(place: PlaceKey): MembersTable {
    const registeredBy = plusMinutes(this.town.nowAt, -20 * DAY_MINUTES);
    const free = this.town.members.filter((member) => !this.busy.has(member.id) && member.created_at < registeredBy);
    const candidates = free.filter((member) => placesOf(member).some(([key]) => key === place));
    const member = this.random.pick(candidates.length > 0 ? candidates : free);
    this.busy.add(member.id);
    return member;
  }

  /** Lines of a shop: in stock, or made to order only. */
  lines(shop: DemoShop, at: string, madeToOrder = false): LinePick[] {
    const offers = offersAt(this.town, shop.row.id, at).filter((offer) => (offer.lead_time_days > 0) === madeToOrder);
    return this.random.sample(offers, this.random.chance(0.3) ? 2 : 1).map((offer) => ({ offer, quantity: quantityFor(this.random, offer.price_cents) }));
  }

  parts(shops: readonly DemoShop[], placedAt: string, madeToOrder = false): PartPlan[] | undefined {
    const parts: PartPlan[] = [];
    for (const shop of shops) {
      const lines = this.lines(shop, placedAt, madeToOrder);
      if (lines.length === 0) return undefined;
      const roundAt = roundFor(this.town, shop.row.id, placedAt, Math.max(...lines.map((line) => line.offer.lead_time_days)));
      if (!roundAt) return undefined;
      parts.push({ shop, lines, roundAt });
    }
    return parts;
  }

  notBefore(parts: readonly PartPlan[]): string {
    return plusMinutes(parts.map((part) => part.roundAt).sort().at(-1)!, this.town.timing.roundMinutes);
  }

  place(member: MembersTable, place: DemoPlace, placedAt: string, parts: PartPlan[], slotOn?: string): DemoOrder | undefined {
    const slots = slotsFrom(this.town, place, this.notBefore(parts), 14).filter((slot) => !slotOn || slot.localDate === slotOn);
    if (slots.length === 0) return undefined;
    const channel = member.email && this.random.chance(0.75) ? 'site' : this.random.pick(['telephone', 'comptoir'] as const);
    const placedBy = channel === 'site' ? memberLabel(member) : this.book.conciergeLabel;
    // Members pick a slot of the first day they can come, or of the day asked for.
    const slot = this.random.pick(slots.filter((candidate) => candidate.localDate === slots[0].localDate));
    return this.book.place({ member, channel, placeId: place.row.id, slot, placedAt, parts, placedBy });
  }

  /** Accepted (and prepared) by its shop before the day began; `sent` waits for the merchant. */
  stageMoves(order: DemoOrder, index: number, stage: Stage): Move[] {
    if (stage === 'sent') return [];
    const acceptAt = plusMinutes(order.row.placed_at, this.random.int(5, 50));
    const moves: Move[] = [{ at: acceptAt, run: (at) => order.accept(index, at) }];
    if (stage === 'ready') moves.push({ at: plusMinutes(acceptAt, this.random.int(5, 20)), run: (at) => order.ready(index, at) });
    return moves;
  }

  /** Yesterday evening, when orders for today's rounds come in. */
  eveningBefore(): string {
    return localInstant(this.random, this.town, addDays(this.town.today, -1), 17 * 60, 22 * 60 + 30);
  }

  /** Shops whose next round, for an order placed yesterday evening, leaves on the live day. */
  roundShops(): DemoShop[] {
    const placedAt = localInstant(this.random, this.town, addDays(this.town.today, -1), 22 * 60, 22 * 60);
    const onLiveDay = (shop: DemoShop) => {
      const roundAt = roundFor(this.town, shop.row.id, placedAt, 0);
      return roundAt !== undefined && localDateOf(roundAt, this.town.timeZone) === this.town.liveDate && offersAt(this.town, shop.row.id, placedAt).some((offer) => offer.lead_time_days === 0);
    };
    const eligible = this.town.shops.filter(onLiveDay).filter((shop) => ![CHEESE_SHOP, FISHMONGER, CHOCOLATIER].includes(shop.row.trade_name));
    const chosen = new Set<DemoShop>();
    for (let tries = 0; chosen.size < ROUND_SHOPS && tries < 100 && eligible.length > 0; tries += 1) {
      chosen.add(weighted(this.random, eligible.map((shop) => [shop, CATEGORY_WEIGHTS[shop.row.category_code] ?? 1] as const)));
    }
    return [...chosen];
  }

  /** Orders to be fetched by today's rounds, in every stage a shop can be in. */
  toCollectToday(): void {
    const shops = this.roundShops();
    for (let index = 0; index < shops.length; index += 1) {
      // Every third order takes two shops: the round fetches it from both.
      const group = index % 3 === 2 && index + 1 < shops.length ? [shops[index], shops[++index]] : [shops[index]];
      const placedAt = this.eveningBefore();
      const parts = this.parts(group, placedAt);
      if (!parts) continue;
      const order = this.place(this.member('counter'), this.town.places.counter, placedAt, parts);
      if (order) runInOrder(order.parts.flatMap((_, part) => this.stageMoves(order, part, STAGES[this.turn++ % STAGES.length])));
    }
  }

  /** Fetched by earlier rounds and stored at the counter; their members come today. */
  waitingAtCounter(place: DemoPlace, key: PlaceKey, count: number): void {
    const slotsToday = slotsOn(this.town, place, this.town.liveDate);
    if (slotsToday.length === 0) return;
    for (let made = 0, tries = 0; made < count && tries < count * 4; tries += 1) {
      const placedAt = localInstant(this.random, this.town, addDays(this.town.today, -this.random.int(1, 2)), 8 * 60, 14 * 60);
      // The first two are fish, cheese or meat: they wait in the fridge.
      const first = made < 2 ? this.anyShop(CHILLED_CATEGORIES) : this.anyShop();
      const shops = this.random.chance(0.3) ? [first, this.anyShop()] : [first];
      const parts = new Set(shops).size === shops.length ? this.parts(shops, placedAt) : undefined;
      if (!parts || this.notBefore(parts) > plusMinutes(this.town.nowAt, -60)) continue;
      const order = this.place(this.member(key), place, placedAt, parts, this.town.liveDate);
      if (!order) continue;
      runInOrder(order.parts.flatMap((_, index) => partMoves(this.random, this.town, order, index, false)));
      made += 1;
    }
  }

  anyShop(categories?: ReadonlySet<string>): DemoShop {
    const shops = categories ? this.town.shops.filter((shop) => categories.has(shop.row.category_code)) : this.town.shops;
    return weighted(this.random, shops.map((shop) => [shop, CATEGORY_WEIGHTS[shop.row.category_code] ?? 1] as const));
  }

  /**
   * An order at the counter since `readyDaysAgo` days, its slot long past; reminded when the
   * reminder delay has passed in the story (`reminded`).
   */
  uncollected(readyDaysAgo: number, reminded: boolean): void {
    const latestReadyAt = plusMinutes(this.town.nowAt, -readyDaysAgo * DAY_MINUTES);
    for (let tries = 0; tries < 40; tries += 1) {
      const placedAt = localInstant(this.random, this.town, addDays(this.town.today, -readyDaysAgo - this.random.int(2, 4)), 9 * 60, 19 * 60);
      const parts = this.parts([this.anyShop()], placedAt);
      if (!parts || this.notBefore(parts) > latestReadyAt) continue;
      const order = this.place(this.member('counter'), this.town.places.counter, placedAt, parts);
      if (!order) continue;
      const moves = partMoves(this.random, this.town, order, 0, false);
      if (reminded) {
        const readyAt = moves.map((move) => move.at).sort().at(-1)!;
        moves.push({ at: plusMinutes(readyAt, this.town.config.uncollectedReminderDays * DAY_MINUTES), run: (at) => order.remind(at) });
      }
      runInOrder(moves);
      return;
    }
  }

  /** The demo resident's order on its way: the chocolates are prepared, the cheese accepted. */
  demoResidentOrder(): void {
    const member = this.town.members.find((candidate) => candidate.id === this.town.demoResidentId)!;
    const placedAt = this.eveningBefore();
    const parts = this.parts([this.shop(CHEESE_SHOP), this.shop(CHOCOLATIER)], placedAt);
    if (!parts) return;
    const order = this.place(member, this.town.places.counter, placedAt, parts);
    if (order) runInOrder([...this.stageMoves(order, 0, 'accepted'), ...this.stageMoves(order, 1, 'ready')]);
  }

  /** The demo merchants' orders to prepare: new ones (and a seafood platter for later this week). */
  demoMerchantOrders(): void {
    for (const [name, stage] of [[FISHMONGER, 'sent'], [FISHMONGER, 'accepted'], [CHEESE_SHOP, 'sent']] as const) {
      const placedAt = this.eveningBefore();
      const parts = this.parts([this.shop(name)], placedAt);
      const order = parts && this.place(this.member('counter'), this.town.places.counter, placedAt, parts);
      if (order) runInOrder(this.stageMoves(order, 0, stage));
    }
    const placedAt = localInstant(this.random, this.town, addDays(this.town.today, -1), 12 * 60, 13 * 60);
    const platter = this.shop(FISHMONGER);
    const lines = offersAt(this.town, platter.row.id, placedAt).filter((offer) => offer.title.startsWith('Plateau')).slice(0, 1);
    const roundAt = roundFor(this.town, platter.row.id, placedAt, Math.max(2, ...lines.map((line) => line.lead_time_days)));
    if (lines.length > 0 && roundAt) {
      this.place(this.member('counter'), this.town.places.counter, placedAt, [{ shop: platter, lines: lines.map((offer) => ({ offer, quantity: 1 })), roundAt }]);
    }
  }

  /** Made-to-order goods for the coming days: the shops have not answered yet. */
  comingDays(count: number): void {
    for (let made = 0, tries = 0; made < count && tries < count * 6; tries += 1) {
      const placedAt = this.eveningBefore();
      const parts = this.parts([this.anyShop()], placedAt, true);
      if (!parts) continue;
      if (this.place(this.member('counter'), this.town.places.counter, placedAt, parts)) made += 1;
    }
  }

  tell(): void {
    this.demoResidentOrder();
    this.demoMerchantOrders();
    this.toCollectToday();
    this.waitingAtCounter(this.town.places.counter, 'counter', WAITING_AT_COUNTER);
    for (const key of ['community_centre', 'residence', 'company'] as const) this.waitingAtCounter(this.town.places[key], key, 2);
    this.uncollected(this.town.config.uncollectedReminderDays + 1, false);
    this.uncollected(this.town.config.uncollectedLimitDays + 2, true);
    this.comingDays(4);
  }
}

export function tellLiveDay(town: OrdersTown, book: OrderBook): void {
  new LiveDay(town, book).tell();
}
