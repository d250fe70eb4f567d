// The addresses of the orders' pages, for the routes that serve them and the views that link to them.
import { ADD_TO_BASKET_PATH, BASKET_PATH, CHECKOUT_PATH, OWN_ORDERS_PATH, backOfficePath, portalPagePath } from '../platform/paths.ts';

export { ADD_TO_BASKET_PATH, BASKET_PATH, CHECKOUT_PATH, OWN_ORDERS_PATH };

// ---- the resident: basket, checkout, own orders, online payment ----

export const ACCEPT_CHANGES_PATH = `${BASKET_PATH}/accepter`;

export function basketLinePath(lineId: string, action?: 'retirer'): string {
  return action ? `${BASKET_PATH}/lignes/${lineId}/${action}` : `${BASKET_PATH}/lignes/${lineId}`;
}

export const CHECKOUT_PLACE_PATH = `${CHECKOUT_PATH}/lieu`;
export const CHECKOUT_SLOT_PATH = `${CHECKOUT_PATH}/creneau`;
export const CHECKOUT_PAYMENT_PATH = `${CHECKOUT_PATH}/paiement`;
export const CHECKOUT_CONFIRM_PATH = `${CHECKOUT_PATH}/confirmer`;

export function thanksPath(orderId: string): string {
  return `${CHECKOUT_PATH}/merci/${orderId}`;
}

export function ownOrderPath(orderId: string): string {
  return `${OWN_ORDERS_PATH}/${orderId}`;
}

export function ownOrderActionPath(orderId: string, action: 'annuler' | 'recommander'): string {
  return `${ownOrderPath(orderId)}/${action}`;
}

export function payPath(orderId: string): string {
  return `/commandes/${orderId}/payer`;
}

export function paymentReturnPath(orderId: string, outcome: 'retour' | 'annule'): string {
  return `/commandes/${orderId}/paiement/${outcome}`;
}

// ---- the concierge: orders, the desk, the counter, the inbox ----

export const ORDERS = backOfficePath('commandes');

export function orderPath(orderId: string): string {
  return `${ORDERS}/${orderId}`;
}

export function orderActionPath(orderId: string, action: 'encaisser' | 'rembourser'): string {
  return `${orderPath(orderId)}/${action}`;
}

export function linePricePath(orderId: string, lineId: string): string {
  return `${orderPath(orderId)}/lignes/${lineId}/prix`;
}

export const DESK = backOfficePath('commandes/nouvelle');
export const DESK_NEW_MEMBER_PATH = `${DESK}/adherent`;

export function deskMemberPath(memberId: string, step?: 'ajouter' | 'achat-libre' | 'accepter' | 'creneau' | 'commande'): string {
  return step ? `${DESK}/${memberId}/${step}` : `${DESK}/${memberId}`;
}

export function deskLinePath(memberId: string, lineId: string, action?: 'retirer'): string {
  return action ? `${DESK}/${memberId}/lignes/${lineId}/${action}` : `${DESK}/${memberId}/lignes/${lineId}`;
}

export const COUNTER = backOfficePath('comptoir');
export const UNCOLLECTED = `${COUNTER}/non-retirees`;

export function counterOrderPath(orderId: string, action?: 'recu' | 'non-retiree'): string {
  return action ? `${COUNTER}/${orderId}/${action}` : `${COUNTER}/${orderId}`;
}

export const INBOX_PATH = backOfficePath('boite');

export function mailPath(mailId: string, action?: 'classer'): string {
  return action ? `${INBOX_PATH}/${mailId}/${action}` : `${INBOX_PATH}/${mailId}`;
}

// ---- a merchant: its shop's purchase orders ----

export function purchaseOrdersPath(shopId: string): string {
  return portalPagePath(shopId, 'commandes');
}

export function purchaseOrderPath(shopId: string, poId: string, action?: 'accepter' | 'prete'): string {
  return action ? `${purchaseOrdersPath(shopId)}/${poId}/${action}` : `${purchaseOrdersPath(shopId)}/${poId}`;
}

export function refuseLinePath(shopId: string, poId: string, lineId: string): string {
  return `${purchaseOrderPath(shopId, poId)}/lignes/${lineId}/refuser`;
}
