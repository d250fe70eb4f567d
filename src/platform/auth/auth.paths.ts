// The addresses of logging in and out, passwords and the second login step.
import { backOfficePath } from '../paths.ts';

export const LOGIN_PATH = '/connexion';
export const LOGIN_CODE_PATH = `${LOGIN_PATH}/code`;
export const LOGOUT_PATH = '/deconnexion';
export const RESET_REQUEST_PATH = '/mot-de-passe-oublie';

export function passwordLinkPath(token: string): string {
  return `/mot-de-passe/${token}`;
}

/** Where a concierge or town account that must set up its second step is sent first. */
export const TOTP_SETUP_PATH = backOfficePath('securite');

export function totpActionPath(action: 'nouveau-code' | 'activer' | 'desactiver'): string {
  return `${TOTP_SETUP_PATH}/${action}`;
}
