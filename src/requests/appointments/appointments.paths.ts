// The addresses of appointments: the concierge's actions under the request's page, the
// provider's signed link (no account), and the calendar file for the member and the follow page.
import { followPath, ownRequestPath, requestPath } from '../requests.paths.ts';

export type DeskAction = 'deplacer' | 'annuler' | 'fait';

/** The concierge's appointment page of a request, where it is booked; `action` for the others. */
export function appointmentDeskPath(requestId: string, action?: DeskAction): string {
  return requestPath(requestId, action ? `rendez-vous/${action}` : 'rendez-vous');
}

/** The provider's page, opened from its mail; the token is the key. */
export function providerAnswerPath(appointmentId: string, token: string, action?: 'confirmer' | 'refuser'): string {
  return `/rendez-vous/${appointmentId}/${token}${action ? `/${action}` : ''}`;
}

export const CALENDAR_FILE = 'rendez-vous.ics';

export function memberCalendarPath(requestId: string): string {
  return `${ownRequestPath(requestId)}/${CALENDAR_FILE}`;
}

export function followCalendarPath(requestId: string, token: string): string {
  return `${followPath(requestId, token)}/${CALENDAR_FILE}`;
}
