// Use cases every kind of request shares: asking (a resident on the site, the concierge on the
// phone or at the counter, from a mail), reading a request (its member, the concierge), the
// one door for status moves (`moveRequest`, which writes the history and tells the member once
// per status), messages, advice answered, cancelling, rating, and the public follow page.
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import { inTransaction } from '../db/index.ts';
import { findMembersByIds, fullName, getOwnMember, type Member } from '../members/index.ts';
import { findProvidersByIds, findShopsByIds, tradesText, type Provider } from '../shops/index.ts';
import { formatPhone } from '../platform/typography.ts';
import { t } from '../platform/i18n/index.ts';
import { actorOf, assertConcierge, requireRole, type Actor } from '../platform/actor.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { createOnce } from '../platform/idempotency/index.ts';
import { isSignedToken } from '../platform/signed-links.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { FOLLOW_PURPOSE, queueMessageMail, queueStatusMail } from './requests.mails.ts';
import {
  findRequest,
  insertEvent,
  insertMessage,
  insertRequest,
  countRequestsByStatus,
  listEvents,
  listMessages,
  listRequests,
  listRequestsOfMember,
  rateRequestOnce,
  updateRequest,
  updateRequestStatus,
  wasNotified,
  type RequestChannel,
  type RequestEvent,
  type RequestMessage,
  type ServiceRequest,
} from './requests.repository.ts';
import { CANCELLABLE_HERE, canMoveRequest, canRate, OPEN_STATUSES, REQUEST_STATUSES, requestNumberLabel, STATUS_RULES, type RequestKind, type RequestStatus } from './requests.rules.ts';

export interface RequestInput {
  kind: RequestKind;
  title: string;
  details: string;
  /** the concierge's: for which member, through which channel */
  memberId?: string;
  channel?: Exclude<RequestChannel, 'site'>;
  providerShopId?: string | null;
  dueDate?: string | null;
}

/** A resident asks on the site for themselves; the concierge asks for a member. Once per key. */
export async function askForService(db: Db, config: Config, actor: CurrentAccount | null, input: RequestInput, idempotencyKey: string): Promise<string> {
  const reader = requireRole(actor, 'resident', 'concierge');
  const memberId = reader.role === 'resident' ? (await ownMemberOrRefuse(db, reader)).id : input.memberId;
  if (!memberId || (await findMembersByIds(db, [memberId])).length === 0) throw new DomainError('request_member_unknown', 'member_id');
  if (input.providerShopId && (await findShopsByIds(db, [input.providerShopId])).length === 0) throw notFound();
  const channel: RequestChannel = reader.role === 'resident' ? 'site' : (input.channel ?? 'phone');
  return createOnce(db, `request.ask:${reader.id}`, idempotencyKey, async (trx) => {
    const at = nowIso();
    const request = await insertRequest(trx, {
      memberId,
      kind: input.kind,
      title: input.title,
      details: input.details,
      channel,
      providerShopId: input.providerShopId ?? null,
      dueDate: input.dueDate ?? null,
      createdByAccountId: reader.id,
      at,
    });
    const by = actorOf(reader);
    await insertEvent(trx, { requestId: request.id, kind: 'created', toStatus: 'new', note: '', accountId: by.accountId, actorLabel: by.label, at });
    return request.id;
  });
}

async function ownMemberOrRefuse(db: Executor, actor: CurrentAccount): Promise<Member> {
  const member = await getOwnMember(db, actor);
  if (!member) throw new DomainError('request_no_member');
  return member;
}

/** The request when the actor may read it: the concierge, or the member it belongs to. */
export async function readableRequest(db: Executor, actor: CurrentAccount | null, requestId: string): Promise<ServiceRequest> {
  const reader = requireRole(actor, 'resident', 'concierge');
  const request = await findRequest(db, requestId);
  if (!request) throw notFound();
  if (reader.role === 'resident' && reader.memberId !== request.memberId) throw notFound();
  return request;
}

export interface RequestFile {
  request: ServiceRequest;
  member: Member;
  providerName: string | null;
  events: RequestEvent[];
  messages: RequestMessage[];
}

/** Everything a request's page shows, for whoever may read it. */
export async function requestFile(db: Executor, actor: CurrentAccount | null, requestId: string): Promise<RequestFile> {
  const request = await readableRequest(db, actor, requestId);
  return fileOf(db, request);
}

async function fileOf(db: Executor, request: ServiceRequest): Promise<RequestFile> {
  const [[member], providers, events, messages] = await Promise.all([
    findMembersByIds(db, [request.memberId]),
    request.providerShopId ? findShopsByIds(db, [request.providerShopId]) : Promise.resolve([]),
    listEvents(db, request.id),
    listMessages(db, request.id),
  ]);
  if (!member) throw notFound();
  return { request, member, providerName: providers[0]?.tradeName ?? null, events, messages };
}

/** The public follow page's request: the link's token is the only key. */
export async function followedRequest(db: Executor, config: Config, requestId: string, token: string): Promise<RequestFile> {
  if (!isSignedToken(config.sessionSecret, FOLLOW_PURPOSE, requestId, token)) throw notFound();
  const request = await findRequest(db, requestId);
  if (!request) throw notFound();
  return fileOf(db, request);
}

export interface MoveResult {
  moved: boolean;
  notified: boolean;
}

/**
 * The one door for a request's status: checks the kind's table, moves only from the status
 * read (two people pressing at once move it once), writes the history, and tells the member
 * when the new status tells and was never told before for this request.
 */
export async function moveRequest(trx: Executor, config: Config, request: ServiceRequest, to: RequestStatus, by: Actor, note = '', options: MoveOptions = {}): Promise<MoveResult> {
  if (request.status === to) return { moved: false, notified: false };
  if (!canMoveRequest(request.kind, request.status, to)) throw new DomainError('request_move_not_allowed');
  const at = nowIso();
  if (!(await updateRequestStatus(trx, request.id, request.status, to, at))) return { moved: false, notified: false };
  const notified = options.toldByCaller ? true : await notifyMember(trx, config, request, to, note);
  await insertEvent(trx, { requestId: request.id, kind: 'status', fromStatus: request.status, toStatus: to, note, notified, accountId: by.accountId, actorLabel: by.label, at });
  return { moved: true, notified };
}

export interface MoveOptions {
  /** The caller sends the member its own mail about this move (a calendar cancellation): no status mail on top. */
  toldByCaller?: boolean;
}

/** The member's mail about a status, once per status (a status reached again is not mailed twice). */
async function notifyMember(trx: Executor, config: Config, request: ServiceRequest, to: RequestStatus, note: string): Promise<boolean> {
  if (!STATUS_RULES[to].notifies || (await wasNotified(trx, request.id, to))) return false;
  const [member] = await findMembersByIds(trx, [request.memberId]);
  return member !== undefined && (await queueStatusMail(trx, config, { ...request, status: to }, member, note));
}

/** A status move the concierge makes from the request's page. */
export async function moveAsConcierge(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, to: RequestStatus, note = ''): Promise<MoveResult> {
  const concierge = assertConcierge(actor);
  return inTransaction(db, async (trx) => {
    const request = await findRequest(trx, requestId);
    if (!request) throw notFound();
    return moveRequest(trx, config, request, to, actorOf(concierge), note);
  });
}

/** A message on the request: by its member, or by the concierge (the member is told by mail). */
export async function postMessage(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, body: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const request = await readableRequest(trx, actor, requestId);
    const writer = actor as CurrentAccount;
    const fromConcierge = writer.role === 'concierge';
    const at = nowIso();
    await insertMessage(trx, request.id, { author: fromConcierge ? 'concierge' : 'member', authorLabel: writer.displayName, accountId: writer.id, body, at });
    if (!fromConcierge) return;
    const [member] = await findMembersByIds(trx, [request.memberId]);
    if (member) await queueMessageMail(trx, config, request, member, body);
  });
}

/** « Plomberie Rey (plombier) : 04 42 … » for each provider the concierge suggests. */
function suggestionLines(providers: readonly Provider[]): string[] {
  return providers.map((provider) => `${provider.tradeName} (${tradesText(provider.trades).toLocaleLowerCase('fr')})${provider.phone ? ` : ${formatPhone(provider.phone)}` : ''}`);
}

/** The concierge answers a question: the answer, with the providers suggested, closes it and is mailed. */
export async function answerAdvice(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, text: string, suggestedIds: readonly string[] = []): Promise<void> {
  const concierge = assertConcierge(actor);
  const suggested = await findProvidersByIds(db, [...new Set(suggestedIds)]);
  if (suggested.length !== new Set(suggestedIds).size) throw notFound();
  const answer = suggested.length === 0 ? text : [text, t('requests.answer.suggested'), ...suggestionLines(suggested)].join('\n');
  await inTransaction(db, async (trx) => {
    const request = await findRequest(trx, requestId);
    if (!request) throw notFound();
    if (request.kind !== 'advice') throw new DomainError('request_move_not_allowed');
    if (request.status !== 'new') throw new DomainError('request_already_answered');
    await updateRequest(trx, request.id, { answer }, nowIso());
    await moveRequest(trx, config, { ...request, answer }, 'answered', actorOf(concierge), answer);
  });
}

/** Giving up: the concierge at any open step, the member only before anything was started. */
export async function cancelRequest(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, reason: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const request = await readableRequest(trx, actor, requestId);
    const by = actor as CurrentAccount;
    if (by.role === 'resident' && request.status !== 'new') throw new DomainError('request_cancel_started');
    if (!CANCELLABLE_HERE.includes(request.status)) throw new DomainError('request_cancel_elsewhere');
    await moveRequest(trx, config, request, 'cancelled', actorOf(by), reason);
  });
}

/** The member marks the service once it is over, once. */
export async function rateService(db: Db, actor: CurrentAccount | null, requestId: string, rating: number, note: string | null): Promise<void> {
  await inTransaction(db, async (trx) => {
    const request = await readableRequest(trx, actor, requestId);
    if ((actor as CurrentAccount).role !== 'resident') throw notFound();
    if (!canRate(request.status)) throw new DomainError('request_rate_too_early', 'rating');
    if (!(await rateRequestOnce(trx, request.id, rating, note, nowIso()))) throw new DomainError('request_already_rated', 'rating');
  });
}

/** The resident's own requests, newest first (none for an account without a member). */
export async function ownRequests(db: Executor, actor: CurrentAccount | null): Promise<ServiceRequest[]> {
  const resident = requireRole(actor, 'resident');
  return resident.memberId ? listRequestsOfMember(db, resident.memberId) : [];
}

/** « D-0042 », for the message after a request was recorded. */
export async function numberOfRequest(db: Executor, actor: CurrentAccount | null, requestId: string): Promise<string> {
  return requestNumberLabel((await readableRequest(db, actor, requestId)).number);
}

/** How many requests the concierge's list shows at once: the longest waiting first. */
export const LIST_LIMIT = 200;

export interface DeskFilter {
  kind?: RequestKind;
  /** one status, or every open one, or every finished one */
  status: RequestStatus | 'open' | 'closed';
}

/** The concierge's list: requests of a step (or every open one), the longest waiting first, with their member's name. */
export async function deskRequests(db: Executor, actor: CurrentAccount | null, filter: DeskFilter): Promise<Array<{ request: ServiceRequest; memberName: string }>> {
  assertConcierge(actor);
  const statuses = filter.status === 'open' ? OPEN_STATUSES : filter.status === 'closed' ? REQUEST_STATUSES.filter((status) => !OPEN_STATUSES.includes(status)) : [filter.status];
  const requests = await listRequests(db, { statuses, kind: filter.kind, limit: LIST_LIMIT });
  const members = new Map((await findMembersByIds(db, [...new Set(requests.map((request) => request.memberId))])).map((member) => [member.id, member]));
  return requests.map((request) => ({ request, memberName: fullName(members.get(request.memberId) ?? { firstName: '?', lastName: '' }) }));
}

export async function requestCounts(db: Executor, actor: CurrentAccount | null): Promise<Map<RequestStatus, number>> {
  assertConcierge(actor);
  return countRequestsByStatus(db);
}
