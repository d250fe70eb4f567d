// The addresses of repairs: the counter's actions on a repair request, its printouts and the
// provider's papers, under the request's own address; the shelves under the requests' list.
import { REQUESTS_PATH, requestPath } from '../requests.paths.ts';

/** « Objets au comptoir »: every item on a shelf now. */
export const COUNTER_ITEMS_PATH = `${REQUESTS_PATH}/objets`;

export type RepairAction = 'depot' | 'chez-artisan' | 'retour' | 'rendu' | 'etiquette.pdf' | 'recu.pdf' | 'pieces';

export function repairPath(requestId: string, action: RepairAction): string {
  return requestPath(requestId, `objet/${action}`);
}

/** The provider's invoice kept with the item. */
export function repairInvoicePath(requestId: string, attachmentId: string): string {
  return requestPath(requestId, `objet/pieces/${attachmentId}.pdf`);
}
