// The addresses of the shops' pages, for the routes that serve them and the views that link to them.
import { backOfficePath, portalPagePath, portalShopPath, publicShopPath } from '../platform/paths.ts';

export const DIRECTORY_PATH = backOfficePath('commerces');
export const NEW_SHOP_PATH = `${DIRECTORY_PATH}/nouveau`;

export function shopPath(id: string): string {
  return `${DIRECTORY_PATH}/${id}`;
}

export function editShopPath(id: string): string {
  return `${shopPath(id)}/modifier`;
}

export function shopStagePath(id: string): string {
  return `${shopPath(id)}/etape`;
}

export function merchantAccountsPath(id: string): string {
  return `${shopPath(id)}/comptes`;
}

/** The concierge's page of a shop's settlement terms (served by the settlement area). */
export function shopTermsLinkPath(id: string): string {
  return `${shopPath(id)}/reglement`;
}

/** The shop's storefront editor, its public storefront and its opening hours. */
export const storefrontPath = portalShopPath;
export { publicShopPath };

export function hoursPath(id: string): string {
  return portalPagePath(id, 'horaires');
}

export function merchantAccountPath(id: string, accountId: string, action: 'desactiver' | 'reactiver'): string {
  return `${merchantAccountsPath(id)}/${accountId}/${action}`;
}

/** A provider's absences (days without appointments), kept by the concierge. */
export function absencesPath(id: string): string {
  return `${shopPath(id)}/absences`;
}

export function absenceRemovePath(id: string, absenceId: string): string {
  return `${absencesPath(id)}/${absenceId}/supprimer`;
}

// ---- importing the town's list of shops (sub-area import/) and exporting the directory ----

export const IMPORT_SHOPS_PATH = `${DIRECTORY_PATH}/importer`;
export const EXPORT_SHOPS_PATH = `${DIRECTORY_PATH}/export.csv`;

/** An uploaded list: its column mapping and preview (GET), its import (POST). */
export function shopImportPath(id: string): string {
  return `${IMPORT_SHOPS_PATH}/${id}`;
}
