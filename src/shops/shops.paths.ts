// The addresses of the shops' pages, for the routes that serve them and the views that link to them.

export const DIRECTORY_PATH = '/gestion/commerces';
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

export function merchantAccountPath(id: string, accountId: string, action: 'desactiver' | 'reactiver'): string {
  return `${merchantAccountsPath(id)}/${accountId}/${action}`;
}

/** The shop's storefront editor, its opening hours and its terms, shared with the merchant's pages. */
export function storefrontPath(id: string): string {
  return `/boutique/${id}`;
}

export function hoursPath(id: string): string {
  return `${storefrontPath(id)}/horaires`;
}

export function shopTermsLinkPath(id: string): string {
  return `${shopPath(id)}/reglement`;
}
