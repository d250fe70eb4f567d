// The addresses of the money pages, for the routes that serve them and the views that link to them.
import { backOfficePath, portalPagePath, TOWN_MONEY_PATH } from '../platform/paths.ts';
import { shopTermsLinkPath } from '../shops/index.ts';

// ---- the concierge ----

export const TRIAL_BALANCE_PATH = backOfficePath('comptabilite');
export const TOWN_RATES_PATH = `${TRIAL_BALANCE_PATH}/taux`;
export const TOWN_COMMISSION_PATH = `${TOWN_RATES_PATH}/commission`;
export const TOWN_VAT_PATH = `${TOWN_RATES_PATH}/tva`;
export const EXPORT_PATH = backOfficePath('comptabilite/export');
export const EXPORT_FILE_PATH = `${EXPORT_PATH}/fichier`;

export const STATEMENTS_PATH = backOfficePath('releves');
export const CLOSE_PERIOD_PATH = `${STATEMENTS_PATH}/cloturer`;

export function statementPath(id: string): string {
  return `${STATEMENTS_PATH}/${id}`;
}

export function statementInvoicePath(id: string): string {
  return `${statementPath(id)}/facture`;
}

export function acceptDifferencePath(id: string): string {
  return `${statementPath(id)}/ecart`;
}

export function selfBillPath(id: string): string {
  return `${statementPath(id)}/autofacture`;
}

export function commissionPdfPath(id: string): string {
  return `${backOfficePath('factures')}/${id}.pdf`;
}

export function cancelInvoicePath(id: string): string {
  return `${backOfficePath('factures')}/${id}/avoir`;
}

export function receivedPdfPath(id: string): string {
  return `${backOfficePath('factures-recues')}/${id}.pdf`;
}

export const PAYOUTS_PATH = backOfficePath('virements');

export function batchPath(batchId: string): string {
  return `${PAYOUTS_PATH}/${batchId}`;
}

/** The step a batch's form moves it by, in its URL. */
export const STEP_PATHS = { approve: 'approuver', send: 'envoye', pay: 'paye' } as const;

export function batchStepPath(batchId: string, step: (typeof STEP_PATHS)[keyof typeof STEP_PATHS]): string {
  return `${batchPath(batchId)}/${step}`;
}

export function batchFilePath(batchId: string): string {
  return `${batchPath(batchId)}/fichier.xml`;
}

export function shopTermsPath(shopId: string): string {
  return shopTermsLinkPath(shopId);
}

export function shopRatePath(shopId: string): string {
  return `${shopTermsPath(shopId)}/taux`;
}

/** « Confirmer le nouvel IBAN », on either terms page of a shop. */
export function confirmPath(termsPath: string): string {
  return `${termsPath}/confirmer`;
}

// ---- a shop's merchants ----

export function shopBalancePath(shopId: string): string {
  return portalPagePath(shopId, 'solde');
}

export function merchantTermsPath(shopId: string): string {
  return portalPagePath(shopId, 'reglement');
}

export function shopStatementsPath(shopId: string): string {
  return portalPagePath(shopId, 'releves');
}

export function shopStatementPath(shopId: string, id: string): string {
  return `${shopStatementsPath(shopId)}/${id}`;
}

export function shopInvoicesPath(shopId: string): string {
  return portalPagePath(shopId, 'factures');
}

export function shopCommissionPdfPath(shopId: string, id: string): string {
  return `${shopInvoicesPath(shopId)}/${id}.pdf`;
}

export function shopOwnPdfPath(shopId: string, id: string): string {
  return `${portalPagePath(shopId, 'factures-envoyees')}/${id}.pdf`;
}

export function shopPayoutsPath(shopId: string): string {
  return portalPagePath(shopId, 'virements');
}

// ---- the town ----

export { TOWN_MONEY_PATH };
export const TOWN_MONTHS_FILE_PATH = `${TOWN_MONEY_PATH}/par-mois`;
export const TOWN_FILE_PATH = `${TOWN_MONEY_PATH}/fichier`;
