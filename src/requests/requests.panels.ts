// What a kind of request adds to the request's pages. The root shows what every request has
// (member, status, history, messages); each kind's sub-area gives its sections — the item and
// its moves, the quotes, the appointment — for the concierge, the member and the follow page.
import type { VNode } from 'preact';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import type { RequestFile } from './requests.service.ts';

export interface PanelInput {
  db: Db;
  config: Config;
  ctx: PageContext;
  file: RequestFile;
}

export interface KindPanels {
  /** the concierge's sections and actions on the request's page */
  concierge?: (input: PanelInput) => Promise<VNode | null>;
  /** the member's sections (and actions: accept a quote…) on « Mes demandes » */
  member?: (input: PanelInput) => Promise<VNode | null>;
  /** the follow page's sections, opened by the member's link without login: nothing the member may not see */
  follow?: (input: PanelInput) => Promise<VNode | null>;
}
