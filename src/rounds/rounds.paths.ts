// The addresses of the concierge's day, for the routes that serve them and the views that link to them.
import { backOfficePath } from '../platform/paths.ts';

export const BOARD_PATH = backOfficePath('aujourdhui');
export const ROUND_PATH = backOfficePath('tournee');
export const PRINT_PATH = `${ROUND_PATH}/imprimer`;

/** Where a purchase order's reception form posts. */
export function receptionPath(purchaseOrderId: string): string {
  return `${ROUND_PATH}/bons/${purchaseOrderId}/reception`;
}

/** The round (or its sheet, with `path`) of a date; today's needs no date in the address. */
export function roundHref(date: string, today: string, path = ROUND_PATH): string {
  return date === today ? path : `${path}?date=${date}`;
}
