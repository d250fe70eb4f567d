// The addresses of « Courriels envoyés », for the routes that serve them and the views that link to them.
import { backOfficePath } from '../platform/paths.ts';

export const MAILS_PATH = backOfficePath('courriels');

export function mailPath(id: string): string {
  return `${MAILS_PATH}/${id}`;
}
