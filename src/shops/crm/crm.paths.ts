// Addresses of the CRM's pages: a shop's contacts, contacts log, follow-ups and visit screen
// hang under the shop's page; the task list and the campaigns have their own.
import { backOfficePath } from '../../platform/paths.ts';
import { shopPath } from '../shops.paths.ts';

export const TASKS_PATH = backOfficePath('relances');
export const CAMPAIGNS_PATH = backOfficePath('campagnes');
export const NEW_CAMPAIGN_PATH = `${CAMPAIGNS_PATH}/nouvelle`;

export function campaignPath(id: string): string {
  return `${CAMPAIGNS_PATH}/${id}`;
}

export function newContactPath(shopId: string): string {
  return `${shopPath(shopId)}/contacts/nouveau`;
}

export function contactPath(shopId: string, contactId: string, action: 'modifier' | 'supprimer'): string {
  return `${shopPath(shopId)}/contacts/${contactId}/${action}`;
}

export function newInteractionPath(shopId: string): string {
  return `${shopPath(shopId)}/echanges/nouveau`;
}

export function newTaskPath(shopId: string): string {
  return `${shopPath(shopId)}/relances/nouvelle`;
}

export function taskPath(shopId: string, taskId: string, action: 'fait' | 'plus-tard' | 'suite'): string {
  return `${shopPath(shopId)}/relances/${taskId}/${action}`;
}

/** The phone-first visit screen; from a campaign's list it carries the campaign, from the board the task it settles. */
export function visitPath(shopId: string, from: { campaignId?: string; taskId?: string } = {}): string {
  const query = new URLSearchParams();
  if (from.campaignId) query.set('campagne', from.campaignId);
  if (from.taskId) query.set('relance', from.taskId);
  const search = query.toString();
  return `${shopPath(shopId)}/visite${search ? `?${search}` : ''}`;
}

export function visitPhotosPath(shopId: string): string {
  return `${shopPath(shopId)}/visite/photos`;
}
