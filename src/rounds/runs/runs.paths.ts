// The addresses of delivery runs: the concierge's pages under the back office, the driver's
// on their phone, the papers of a run.
import { backOfficePath, DRIVER_PATH } from '../../platform/paths.ts';

/** The runs of a date (today's without `?date=`). */
export const RUNS_PATH = backOfficePath('tournees-de-livraison');
export const PREPARE_RUNS_PATH = `${RUNS_PATH}/preparer`;

export function runPath(runId: string): string {
  return `${RUNS_PATH}/${runId}`;
}

/** The run sheet; `withPrices: false` for the copy without amounts. */
export function runSheetPath(runId: string, withPrices = true): string {
  return `${runPath(runId)}/feuille.pdf${withPrices ? '' : '?prix=non'}`;
}

export function stopMovePath(runId: string, stopId: string): string {
  return `${runPath(runId)}/arrets/${stopId}/deplacer`;
}

/** The drop-off point's list of who collects what, to print (PDF) and to tick back in. */
export function signOffSheetPath(runId: string, stopId: string): string {
  return `${runPath(runId)}/arrets/${stopId}/emargement.pdf`;
}

export function signOffPath(runId: string, stopId: string): string {
  return `${runPath(runId)}/arrets/${stopId}/emargement`;
}

export function runDriverPath(runId: string): string {
  return `${runPath(runId)}/chauffeur`;
}

export function orderMovePath(runId: string): string {
  return `${runPath(runId)}/commandes/deplacer`;
}

// ---- the driver's phone ----

export function driverRunPath(runId: string): string {
  return `${DRIVER_PATH}/${runId}`;
}

export function driverStopPath(runId: string, stopId: string): string {
  return `${driverRunPath(runId)}/arrets/${stopId}`;
}

export function driverStartPath(runId: string): string {
  return `${driverRunPath(runId)}/depart`;
}

export function driverFinishPath(runId: string): string {
  return `${driverRunPath(runId)}/retour`;
}

/** Records what happened to one order at its stop. */
export function driverOutcomePath(runId: string, orderId: string): string {
  return `${driverRunPath(runId)}/commandes/${orderId}/issue`;
}

export function driverUndoPath(runId: string, orderId: string): string {
  return `${driverRunPath(runId)}/commandes/${orderId}/annuler`;
}

/** Tells the members of a run when it comes (once per order). */
export function runNotifyPath(runId: string): string {
  return `${runPath(runId)}/prevenir`;
}
