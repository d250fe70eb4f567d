// The addresses of membership requests: the visitor's form and its confirmation, and the
// concierge's list in the back office.
import { BACKOFFICE_PATH, MEMBERSHIP_REQUEST_PATH } from '../../platform/paths.ts';

export { MEMBERSHIP_REQUEST_PATH };

export const MEMBERSHIP_REQUEST_DONE_PATH = `${MEMBERSHIP_REQUEST_PATH}/merci`;

export const MEMBERSHIP_REQUESTS = `${BACKOFFICE_PATH}/adhesions`;

export function membershipRequestPath(requestId: string, action: 'classer'): string {
  return `${MEMBERSHIP_REQUESTS}/${requestId}/${action}`;
}
