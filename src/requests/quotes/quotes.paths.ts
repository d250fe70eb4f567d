// The addresses of quote rounds: the provider's signed link (no account), the provider's portal
// page, the concierge's pages under the request, the member's comparison under « Mes demandes ».
import { portalPagePath } from '../../platform/paths.ts';
import { followPath, ownRequestPath, requestPath } from '../requests.paths.ts';

export type ProviderAction = 'envoyer' | 'refuser' | 'fait';

/** The provider's page opened from its mail: the token is the only key. */
export function quoteLinkPath(quoteId: string, token: string, action?: ProviderAction): string {
  return `/devis/${quoteId}/${token}${action ? `/${action}` : ''}`;
}

/** The concierge's quotes of a request: who was asked, what came in, the choice. */
export function conciergeQuotesPath(requestId: string): string {
  return requestPath(requestId, 'devis');
}

export function askProvidersPath(requestId: string): string {
  return requestPath(requestId, 'devis/demander');
}

/** One quote for the concierge: record it (phone, paper), record the member's acceptance, mark the work done, its PDF. */
export function conciergeQuotePath(requestId: string, quoteId: string, action?: 'saisir' | 'refus' | 'accepter' | 'fait' | 'pdf'): string {
  return requestPath(requestId, `devis/${quoteId}${action ? `/${action}` : ''}`);
}

/** The member's comparison of the quotes, and the acceptance of one. */
export function memberQuotesPath(requestId: string): string {
  return `${ownRequestPath(requestId)}/devis`;
}

export function memberQuotePath(requestId: string, quoteId: string, action: 'accepter' | 'pdf'): string {
  return `${memberQuotesPath(requestId)}/${quoteId}/${action}`;
}

/** A quote's PDF from the member's follow page (the follow link's token opens it). */
export function followQuotePdfPath(requestId: string, token: string, quoteId: string): string {
  return `${followPath(requestId, token)}/devis/${quoteId}/pdf`;
}

/** The requests addressed to a provider with a login, on its portal. */
export function portalQuotesPath(shopId: string): string {
  return portalPagePath(shopId, 'demandes');
}

export function portalQuotePath(shopId: string, quoteId: string, action?: ProviderAction | 'pdf'): string {
  return `${portalQuotesPath(shopId)}/${quoteId}${action ? `/${action}` : ''}`;
}
