// For each form whose body carries an idempotency key: a submission filled as its page would
// fill it, so that the matrix can send it twice and see one creation.
import type { Body } from './route-fill.ts';
import type { Who } from './route-table.ts';
import type { Town } from './route-town.ts';
import { quoteRound, shopImportsOf } from './route-world-parts.ts';
import { CONCIERGE, firstSlot, makeOrder } from './orders.ts';
import { makeMember } from './members.ts';
import { confirmBankDetails, handedOverOrder } from './settlement.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { accountBasketKey, addToBasket, receivePurchaseOrder, residentBuyer } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { addOfferForMember, deskBasketKey } from '../../src/orders/desk/desk.service.ts';
import { sendToProvider, takeInItem } from '../../src/requests/repairs/repairs.service.ts';
import { askForService } from '../../src/requests/requests.service.ts';

export interface Repeat {
  who: Who;
  url: string;
  body: Body;
  /** A PDF sent with the form (multipart), for the shop’s invoice. */
  pdf?: boolean;
}

/** A form that creates something, filled as its page would be, for each route whose body carries an idempotency key. */
export function repeats(town: Town): Record<string, () => Promise<Repeat>> {
  const { ctx, accounts, world: w } = town;
  const { db, config } = ctx;
  const setup = { ctx, accounts };
  const frenchDate = (daysAhead: number) => localDateOf(new Date(Date.now() + daysAhead * 86_400_000).toISOString(), config.timeZone).split('-').reverse().join('/');
  const key = () => newIdempotencyKey();
  const atCounter = async () => {
    const made = await makeOrder(db, config, { placeId: w.placeA, lines: [{ offerId: w.offerB, quantity: 1 }] });
    const po = await db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).executeTakeFirstOrThrow();
    await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: 'B2', chilled: false });
    return { orderId: made.orderId, poId: po.id };
  };
  const batchOfB = async () => (await db.selectFrom('payouts').select('batch_id').where('statement_id', '=', w.statementB).executeTakeFirstOrThrow()).batch_id;
  return {
    'POST /gestion/demandes/:id/rendez-vous': async () => {
      const requestId = await askForService(db, config, { ...CONCIERGE, id: w.appointmentConcierge }, { kind: 'appointment', memberId: w.memberB, channel: 'phone', title: 'Deux fois ?', details: '' }, key());
      return { who: 'concierge', url: `/gestion/demandes/${requestId}/rendez-vous`, body: { provider: w.appointmentProvider, date: frenchDate(8), time: '11:00', duration: '60', idempotency_key: key() } };
    },
    'POST /gestion/demandes/:id/devis/demander': async () => {
      const id = await askForService(db, config, accounts.get('concierge')!, { kind: 'quote', title: 'Peinture', details: '', memberId: w.memberB, channel: 'phone' }, key());
      return { who: 'concierge', url: `/gestion/demandes/${id}/devis/demander`, body: { providers: [w.shopB], idempotency_key: key() } };
    },
    'POST /gestion/demandes/:id/devis/:quoteId/accepter': async () => {
      const round = await quoteRound(setup, w.memberB, w.shopB);
      return { who: 'concierge', url: `/gestion/demandes/${round.requestId}/devis/${round.quoteId}/accepter`, body: { who: 'Mme Essai', accepted_on: frenchDate(0), idempotency_key: key() } };
    },
    'POST /compte/demandes/:id/devis/:quoteId/accepter': async () => {
      const round = await quoteRound(setup, w.memberA, w.shopA);
      return { who: 'residentA', url: `/compte/demandes/${round.requestId}/devis/${round.quoteId}/accepter`, body: { idempotency_key: key() } };
    },
    'POST /besoin': async () => ({ who: 'residentA', url: '/besoin', body: { kind: 'quote', title: 'Peindre deux fois ?', details: '', idempotency_key: key() } }),
    'POST /gestion/demandes/nouvelle': async () => ({
      who: 'concierge',
      url: '/gestion/demandes/nouvelle',
      body: { member_id: w.memberB, kind: 'repair', title: 'Ourlet deux fois ?', details: '', channel: 'counter', due_date: '', idempotency_key: key() },
    }),
    'POST /adhesion': async () => ({ who: 'visitor', url: '/adhesion', body: { name: 'Rose Deuxfois', phone: '04 42 11 22 55', email: '', idempotency_key: key() } }),
    'POST /gestion/entreprises/nouvelle': async () => ({
      who: 'concierge',
      url: '/gestion/entreprises/nouvelle',
      body: { name: 'Entreprise Deuxfois', address_line: '2 rue du Tubé', postal_code: '13800', city: 'Istres', contact_name: 'Paul Deuxfois', contact_phone: '', contact_email: '', place_id: w.companyPlace, idempotency_key: key() },
    }),
    'POST /gestion/adherents/nouveau': async () => ({
      who: 'concierge',
      url: '/gestion/adherents/nouveau',
      body: { first_name: 'Paul', last_name: 'Deuxfois', phone: '04 42 11 22 33', email: '', address_line: '', postal_code: '', city: '', kind: 'resident', notes: '', idempotency_key: key() },
    }),
    'POST /gestion/commerces/nouveau': async () => ({
      who: 'concierge',
      url: '/gestion/commerces/nouveau',
      body: {
        trade_name: 'Mercerie Deuxfois',
        legal_name: 'Mercerie Deuxfois SARL',
        siret: '',
        category_code: 'habillement',
        address_line: '3 rue Deuxfois',
        postal_code: '13800',
        city: 'Istres',
        latitude: '43.51',
        longitude: '4.98',
        phone: '',
        email: '',
        description: '',
        independent: 'oui',
        idempotency_key: key(),
      },
    }),
    'POST /gestion/commerces/:id/comptes': async () => ({ who: 'concierge', url: `/gestion/commerces/${w.shopC}/comptes`, body: { display_name: 'Marchand C', email: 'marchand.c@exemple.fr', idempotency_key: key() } }),
    'POST /gestion/demandes/:id/objet/depot': async () => {
      const id = await askForService(db, config, accounts.get('concierge')!, { kind: 'repair', title: 'Ourlet', details: '', memberId: w.memberB, channel: 'counter' }, key());
      return { who: 'concierge', url: `/gestion/demandes/${id}/objet/depot`, body: { description: 'pantalon, ourlet', provider: w.shopB, shelf: 'B4', price: '', idempotency_key: key() } };
    },
    'POST /gestion/demandes/:id/objet/retour': async () => {
      const concierge = accounts.get('concierge')!;
      const id = await askForService(db, config, concierge, { kind: 'repair', title: 'Veste', details: '', memberId: w.memberB, channel: 'counter' }, key());
      await takeInItem(db, config, concierge, id, { description: 'veste, bouton', providerShopId: w.shopB, shelf: 'B5', agreedPriceCents: null, bonusEligible: false, bonusCode: null }, key());
      await sendToProvider(db, config, concierge, id);
      return { who: 'concierge', url: `/gestion/demandes/${id}/objet/retour`, body: { shelf: 'B5', price: '14,00', idempotency_key: key() } };
    },
    'POST /gestion/demandes/:id/objet/pieces': async () => ({ who: 'concierge', url: `/gestion/demandes/${w.repairA}/objet/pieces`, body: { kind: 'invoice', idempotency_key: key() }, pdf: true }),
    'POST /gestion/lieux/nouveau': async () => ({
      who: 'concierge',
      url: '/gestion/lieux/nouveau',
      body: { name: 'Maison de quartier', kind: 'community_centre', address_line: '1 place Deuxfois', postal_code: '13800', city: 'Istres', phone: '', idempotency_key: key() },
    }),
    'POST /gestion/lieux/:id/fermetures': async () => ({
      who: 'concierge',
      url: `/gestion/lieux/${w.placeB}/fermetures`,
      body: { closure_from: frenchDate(90), closure_to: frenchDate(91), closure_reason: 'Congés', idempotency_key: key() },
    }),
    'POST /gestion/lieux/:id/ouvertures': async () => ({
      who: 'concierge',
      url: `/gestion/lieux/${w.placeB}/ouvertures`,
      body: { opening_date: frenchDate(120), opening_reason: 'Braderie', opening_opens_1: '09:00', opening_closes_1: '12:00', idempotency_key: key() },
    }),
    'POST /boutique/:shopId/offres/nouvelle': async () => ({
      who: 'merchantA',
      url: `/boutique/${w.shopA}/offres/nouvelle`,
      body: { title: 'Tomme', description: '', price: '4,20', vat_rate: '550', unit: 'la pièce', measure_amount: '', measure_unit: '', availability: 'in_stock', lead_time_days: '', idempotency_key: key() },
    }),
    'POST /gestion/commandes/nouvelle/adherent': async () => ({ who: 'concierge', url: '/gestion/commandes/nouvelle/adherent', body: { last_name: 'Téléphone', first_name: 'Rose', phone: '04 42 11 22 44', email: '', idempotency_key: key() } }),
    'POST /gestion/commandes/nouvelle/:memberId/commande': async () => {
      const memberId = await makeMember(db);
      await addOfferForMember(db, CONCIERGE, memberId, w.offerB, 1);
      const slot = await firstSlot(db, config, CONCIERGE, { ownerKey: deskBasketKey(memberId), memberId, channel: 'telephone' }, w.placeA);
      return { who: 'concierge', url: `/gestion/commandes/nouvelle/${memberId}/commande`, body: { place_id: w.placeA, slot: slot.startAt, canal: 'telephone', payment: 'at_counter', idempotency_key: key() } };
    },
    'POST /commande': async () => {
      const resident = accounts.get('residentB')!;
      await addToBasket(db, accountBasketKey(resident.id), w.offerB, 1);
      const slot = await firstSlot(db, config, resident, residentBuyer(resident), w.placeA);
      return { who: 'residentB', url: '/commande', body: { place_id: w.placeA, slot: slot.startAt, payment: 'at_counter', idempotency_key: key() } };
    },
    'POST /gestion/comptoir/:id': async () => {
      const { orderId, poId } = await atCounter();
      return { who: 'concierge', url: `/gestion/comptoir/${orderId}`, body: { bons: [poId], shown: poId, payment: 'cash', idempotency_key: key() } };
    },
    'POST /gestion/commandes/:id/encaisser': async () => {
      const { orderId } = await atCounter();
      return { who: 'concierge', url: `/gestion/commandes/${orderId}/encaisser`, body: { method: 'cash', montant: '1,00', idempotency_key: key() } };
    },
    'POST /gestion/commandes/:id/rembourser': async () => {
      const { orderId } = await handedOverOrder(db, config, w.placeA, [{ offerId: w.offerB }]);
      return { who: 'concierge', url: `/gestion/commandes/${orderId}/rembourser`, body: { quoi: 'montant', montant: '1,00', source: 'card', motif: 'Geste commercial', idempotency_key: key() } };
    },
    'POST /commandes/:id/payer': async () => {
      const resident = accounts.get('residentA')!;
      const { orderId } = await makeOrder(db, config, { resident, placeId: w.placeA, lines: [{ offerId: w.offerA2, quantity: 1 }], paymentMethod: 'online' });
      const order = await db.selectFrom('orders').select('total_cents').where('id', '=', orderId).executeTakeFirstOrThrow();
      return { who: 'residentA', url: `/commandes/${orderId}/payer`, body: { montant_cents: String(order.total_cents), idempotency_key: key() } };
    },
    'POST /gestion/releves/:id/facture': async () => {
      const statement = await db.selectFrom('statements').select(['sales_cents', 'refunds_cents']).where('id', '=', w.statementC).executeTakeFirstOrThrow();
      const amount = ((Number(statement.sales_cents) - Number(statement.refunds_cents)) / 100).toFixed(2).replace('.', ',');
      return { who: 'concierge', url: `/gestion/releves/${w.statementC}/facture`, body: { number: 'FC-0001', invoice_date: frenchDate(0), amount, idempotency_key: key() }, pdf: true };
    },
    'POST /gestion/releves/:id/autofacture': async () => ({ who: 'concierge', url: `/gestion/releves/${w.statementD}/autofacture`, body: { idempotency_key: key() } }),
    'POST /gestion/factures/:id/avoir': async () => {
      const invoice = await db.selectFrom('commission_invoices').select('id').where('statement_id', '=', w.statementC).executeTakeFirstOrThrow();
      return { who: 'concierge', url: `/gestion/factures/${invoice.id}/avoir`, body: { reason: 'Erreur de taux', idempotency_key: key() } };
    },
    'POST /gestion/virements': async () => {
      // Shop B’s new IBAN, left waiting for the tests above, is confirmed first: B can be paid.
      await confirmBankDetails(db, [w.shopB]);
      return { who: 'concierge', url: '/gestion/virements', body: { releves: [w.statementB], idempotency_key: key() } };
    },
    // The batch of statement B, made just above, moved step by step: approved by the other concierge.
    'POST /gestion/virements/:id/approuver': async () => ({ who: 'concierge2', url: `/gestion/virements/${await batchOfB()}/approuver`, body: { idempotency_key: key() } }),
    'POST /gestion/virements/:id/envoye': async () => ({ who: 'concierge', url: `/gestion/virements/${await batchOfB()}/envoye`, body: { idempotency_key: key() } }),
    'POST /gestion/virements/:id/paye': async () => ({ who: 'concierge', url: `/gestion/virements/${await batchOfB()}/paye`, body: { idempotency_key: key() } }),
    // MEMBERS + PRIVACY: one news mail per key, even to a segment nobody agreed in.
    'POST /gestion/adherents/lettre/envoyer': async () => ({ who: 'concierge', url: '/gestion/adherents/lettre/envoyer', body: { segment: 'consent', subject: 'Nouvelles', body: 'Bonjour.', idempotency_key: key() } }),
    // IMPORT + HEALTH: a fresh list of concierge A's, imported with the columns guessed.
    'POST /gestion/commerces/importer/:id': async () => {
      const importId = (await shopImportsOf(setup, accounts.get('concierge')!.id, 7)).shopImportA;
      return { who: 'concierge', url: `/gestion/commerces/importer/${importId}`, body: { idempotency_key: key() } };
    },
    // A visit tapped twice on the phone logs one visit.
    'POST /gestion/commerces/:id/visite': async () => ({
      who: 'concierge',
      url: `/gestion/commerces/${w.shopA}/visite`,
      body: { met: '', notes: 'Passée deux fois ?', outcome: 'informed', reason: '', next_title: 'Repasser', next_date: frenchDate(20), task_id: '', campaign_id: '', idempotency_key: key() },
    }),
    // A contact or a campaign sent twice is added once.
    'POST /gestion/commerces/:id/contacts/nouveau': async () => ({
      who: 'concierge',
      url: `/gestion/commerces/${w.shopA}/contacts/nouveau`,
      body: { person: 'Mme Deux-Fois', role: 'gérante', phone: '04 42 00 00 08', email: '', idempotency_key: key() },
    }),
    'POST /gestion/campagnes/nouvelle': async () => ({
      who: 'concierge',
      url: '/gestion/campagnes/nouvelle',
      body: { name: 'Campagne envoyée deux fois', starts_on: frenchDate(1), ends_on: frenchDate(30), stages: 'prospect', category: '', idempotency_key: key() },
    }),
  };
}

