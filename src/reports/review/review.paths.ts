// The addresses of the yearly review, for its routes and the pages that link to it.
import { TOWN_REVIEW_PATH } from '../../platform/paths.ts';

export const REVIEW_PATH = TOWN_REVIEW_PATH;

export function reviewPath(id: string): string {
  return `${REVIEW_PATH}/${id}`;
}

export function reviewPdfPath(id: string): string {
  return `${reviewPath(id)}/bilan.pdf`;
}

/** The request's page without its automatic reloading, for whoever turned it off. */
export function reviewStaticPath(id: string): string {
  return `${reviewPath(id)}?actualiser=non`;
}
