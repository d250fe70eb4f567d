// The addresses of service requests: the member's « J'ai besoin de… » and « Mes demandes »,
// the public follow page, the concierge's list and pages under the back office.
import { ASK_PATH, OWN_REQUESTS_PATH, backOfficePath } from '../platform/paths.ts';

export { ASK_PATH, OWN_REQUESTS_PATH };

export function ownRequestPath(requestId: string, action?: 'message' | 'annuler' | 'noter'): string {
  return `${OWN_REQUESTS_PATH}/${requestId}${action ? `/${action}` : ''}`;
}

/** The follow page of the link sent to the member: no login, the token is the key. */
export function followPath(requestId: string, token: string): string {
  return `/suivi/${requestId}/${token}`;
}

export const REQUESTS_PATH = backOfficePath('demandes');
export const NEW_REQUEST_PATH = `${REQUESTS_PATH}/nouvelle`;

export function requestPath(requestId: string, action?: string): string {
  return `${REQUESTS_PATH}/${requestId}${action ? `/${action}` : ''}`;
}
