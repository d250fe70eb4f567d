// The addresses of the collection points' pages, for the routes that serve them and the views that link to them.
import { backOfficePath } from '../platform/paths.ts';

export const PLACES_PATH = backOfficePath('lieux');
export const NEW_PLACE_PATH = `${PLACES_PATH}/nouveau`;

export function placePath(id: string): string {
  return `${PLACES_PATH}/${id}`;
}

export type PlaceForm = 'horaires' | 'creneaux' | 'fermetures' | 'ouvertures' | 'desactiver' | 'reactiver' | 'acces';

export function placeFormPath(id: string, form: PlaceForm): string {
  return `${placePath(id)}/${form}`;
}

/** Removing one closure or one exceptional opening. */
export function placeItemPath(id: string, list: 'fermetures' | 'ouvertures', itemId: string): string {
  return `${placePath(id)}/${list}/${itemId}/supprimer`;
}

/** The home-delivery zone and who may use it. */
export const HOME_DELIVERY_PATH = backOfficePath('livraison');
