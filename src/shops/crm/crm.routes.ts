// The CRM's pages: a shop's contacts, contacts log, follow-ups and visit screen, the list of
// follow-ups, and the canvassing campaigns. The concierge writes; the town reads the lists
// and campaigns; anyone else gets 404 (the services check).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { assertConcierge } from '../../platform/actor.ts';
import { localDateOf, parseLocalDate } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { Fields, emptyToNull, formSchema, normalisePhone, type FieldErrors, type FormValues } from '../../platform/forms.ts';
import { FormRefused, currentAccount, formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t, tPlural } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { readPhotoField, type ProcessedImage } from '../../platform/images/images.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { listCategories } from '../shops.repository.ts';
import { SHOP_STAGES, type ShopStage } from '../shops.rules.ts';
import { getShop } from '../shops.service.ts';
import { shopPath } from '../shops.paths.ts';
import { EXIT_REASONS, INTERACTION_KINDS, OUTCOMES, suggestNextTask, type ExitReason } from './crm.rules.ts';
import { addContactOnce, completeTask, editContact, getContact, keepVisitPhotos, logInteraction, logVisitOnce, removeContact } from './crm.service.ts';
import { campaignList, campaignPage, createCampaignOnce, getCampaign } from './campaigns.service.ts';
import { addManualTask, getTask, snoozeTask, taskPage } from './tasks.service.ts';
import {
  CAMPAIGNS_PATH,
  NEW_CAMPAIGN_PATH,
  TASKS_PATH,
  campaignPath,
  contactPath,
  newContactPath,
  newInteractionPath,
  newTaskPath,
  taskPath,
  visitPath,
  visitPhotosPath,
} from './crm.paths.ts';
import { ContactFormPage, InteractionFormPage, TaskDonePage, TaskFormPage, TaskSnoozePage } from './crm.views.tsx';
import { VisitPage, VisitPhotosPage } from './visit.views.tsx';
import { TasksPage } from './tasks.views.tsx';
import { CampaignDetailPage, CampaignsPage, NewCampaignPage } from './campaigns.views.tsx';

/** Photos one visit sends at most: a few products to start a storefront, not the whole shop. */
export const MAX_VISIT_PHOTOS = 6;

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ContactParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), contactId: Type.String({ pattern: ID_PATTERN }) });
const TaskParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), taskId: Type.String({ pattern: ID_PATTERN }) });
const OptionalReason = Type.Optional(Type.Union([Fields.choice(EXIT_REASONS), Type.Literal('')]));
const OptionalId = Type.Optional(Type.String({ pattern: `^$|${ID_PATTERN}` }));

const ContactBody = formSchema({ person: Fields.text(120), role: Fields.optionalText(80), phone: Fields.optionalPhone(), email: Fields.optionalEmail() });
const NewContactBody = formSchema({ person: Fields.text(120), role: Fields.optionalText(80), phone: Fields.optionalPhone(), email: Fields.optionalEmail(), idempotency_key: Fields.idempotencyKey() });
const InteractionBody = formSchema({
  kind: Fields.choice(INTERACTION_KINDS),
  date: Fields.text(20),
  met: Fields.optionalText(200),
  outcome: Fields.choice(OUTCOMES),
  reason: OptionalReason,
  notes: Fields.optionalText(2000),
});
const VisitBody = formSchema({
  met: Fields.optionalText(200),
  notes: Fields.optionalText(2000),
  outcome: Fields.choice(OUTCOMES),
  reason: OptionalReason,
  next_title: Fields.optionalText(200),
  next_date: Fields.optionalText(20),
  task_id: OptionalId,
  campaign_id: OptionalId,
  idempotency_key: Fields.idempotencyKey(),
});
const TaskBody = formSchema({ title: Fields.text(200), due_date: Fields.text(20) });
const DoneBody = formSchema({ kind: Fields.choice(INTERACTION_KINDS), outcome: Fields.choice(OUTCOMES), note: Fields.text(2000) });
const SnoozeBody = formSchema({ until: Fields.text(20) });
const CampaignBody = formSchema({
  idempotency_key: Fields.idempotencyKey(),
  name: Fields.text(120),
  starts_on: Fields.text(20),
  ends_on: Fields.text(20),
  stages: Type.Optional(Type.Union([Fields.choice(SHOP_STAGES), Type.Array(Fields.choice(SHOP_STAGES), { maxItems: 10 })])),
  category: Type.Optional(Type.String({ pattern: '^[a-z0-9_-]{0,40}$' })),
});
const PhotosBody = formSchema({ photos: Type.Optional(Type.Unsafe<unknown>({})) });
const EmptyBody = formSchema({});
const VisitQuery = Type.Object({ campagne: OptionalId, relance: OptionalId });
const SuggestQuery = Type.Object({ apres: Type.Optional(Fields.choice(INTERACTION_KINDS)), resultat: Type.Optional(Fields.choice(OUTCOMES)) });

/** A typed date, or a French message next to its field. */
function dateOf(input: string, field: string, errors: FieldErrors): string {
  const date = parseLocalDate(input);
  if (!date) errors[field] = t('errors.crm_date_invalid');
  return date ?? '';
}

function refuseIf(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw new FormRefused(errors);
}

function contactOf(body: { person: string; role: string; phone: string; email: string }) {
  if (body.person.trim() === '') throw new FormRefused({ person: t('field.required') });
  return { person: body.person.trim(), role: body.role.trim(), phone: normalisePhone(body.phone), email: emptyToNull(body.email)?.toLowerCase() ?? null };
}

function today(request: FastifyRequest): string {
  return localDateOf(nowIso(), request.server.config.timeZone);
}

export async function crmRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  const readers = onlyRoles('concierge', 'town');

  async function conciergeShop(request: FastifyRequest, id: string) {
    assertConcierge(request.account);
    return getShop(db, id);
  }

  // ---- contacts ----

  app.get(newContactPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const shop = await conciergeShop(request, request.params.id);
    const state = emptyForm({ idempotency_key: newIdempotencyKey() });
    return sendPage(reply, ContactFormPage({ ctx: pageContext(request, reply), shop, state, action: newContactPath(shop.id), editing: false }));
  });

  formRoute(app, newContactPath(':id'), {
    body: NewContactBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await addContactOnce(db, request.account, id, contactOf(body), body.idempotency_key);
      return redirectTo(`${shopPath(id)}#contacts`, t('crm.contacts.saved'));
    },
    render: async (request, reply, state, { id }) => {
      const shop = await conciergeShop(request, id);
      return sendPage(reply, ContactFormPage({ ctx: pageContext(request, reply), shop, state, action: newContactPath(id), editing: false }), 422);
    },
  });

  app.get(contactPath(':id', ':contactId', 'modifier'), { preHandler: concierge, schema: { params: ContactParams } }, async (request, reply) => {
    const { id, contactId } = request.params;
    const shop = await conciergeShop(request, id);
    const contact = await getContact(db, request.account, id, contactId);
    const state = emptyForm({ person: contact.person, role: contact.role, phone: contact.phone ?? '', email: contact.email ?? '' });
    return sendPage(reply, ContactFormPage({ ctx: pageContext(request, reply), shop, state, action: contactPath(id, contactId, 'modifier'), editing: true }));
  });

  formRoute(app, contactPath(':id', ':contactId', 'modifier'), {
    body: ContactBody,
    params: ContactParams,
    preHandler: concierge,
    run: async (request, body, { id, contactId }) => {
      await editContact(db, request.account, id, contactId, contactOf(body));
      return redirectTo(`${shopPath(id)}#contacts`, t('crm.contacts.saved'));
    },
    render: async (request, reply, state, { id, contactId }) => {
      const shop = await conciergeShop(request, id);
      await getContact(db, request.account, id, contactId);
      return sendPage(reply, ContactFormPage({ ctx: pageContext(request, reply), shop, state, action: contactPath(id, contactId, 'modifier'), editing: true }), 422);
    },
  });

  formRoute(app, contactPath(':id', ':contactId', 'supprimer'), {
    body: EmptyBody,
    params: ContactParams,
    preHandler: concierge,
    run: async (request, _body, { id, contactId }) => {
      await removeContact(db, request.account, id, contactId);
      return redirectTo(`${shopPath(id)}#contacts`, t('crm.contacts.removed'));
    },
  });

  // ---- interactions ----

  app.get(newInteractionPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const shop = await conciergeShop(request, request.params.id);
    const state = emptyForm({ kind: 'call', date: today(request).split('-').reverse().join('/'), outcome: 'informed' });
    return sendPage(reply, InteractionFormPage({ ctx: pageContext(request, reply), shop, state }));
  });

  formRoute(app, newInteractionPath(':id'), {
    body: InteractionBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const errors: FieldErrors = {};
      const localDate = dateOf(body.date, 'date', errors);
      refuseIf(errors);
      const input = { kind: body.kind, localDate, met: body.met.trim(), notes: body.notes.trim(), outcome: body.outcome, reasonCode: (body.reason || null) as ExitReason | null, campaignId: null, next: null, settlesTaskId: null };
      await logInteraction(db, request.account, id, input);
      const next = suggestNextTask(body.kind, body.outcome, today(request));
      return redirectTo(next ? `${newTaskPath(id)}?apres=${body.kind}&resultat=${body.outcome}` : `${shopPath(id)}#echanges`, t('crm.log.saved'));
    },
    render: async (request, reply, state, { id }) => {
      const shop = await conciergeShop(request, id);
      return sendPage(reply, InteractionFormPage({ ctx: pageContext(request, reply), shop, state }), 422);
    },
  });

  // ---- follow-up tasks ----

  app.get(TASKS_PATH, { preHandler: readers }, async (request, reply) => {
    const date = today(request);
    return sendPage(reply, TasksPage({ ctx: pageContext(request, reply), board: await taskPage(db, request.account, date), today: date }));
  });

  /** A new follow-up; after a contact (`apres`), the suggested one, prefilled. */
  app.get(newTaskPath(':id'), { preHandler: concierge, schema: { params: IdParams, querystring: SuggestQuery } }, async (request, reply) => {
    const shop = await conciergeShop(request, request.params.id);
    const { apres, resultat } = request.query;
    const suggestion = apres ? suggestNextTask(apres, resultat ?? 'informed', today(request)) : null;
    const values: FormValues = suggestion ? { title: t(suggestion.titleKey as 'crm.suggest.call'), due_date: suggestion.dueDate.split('-').reverse().join('/') } : {};
    return sendPage(reply, TaskFormPage({ ctx: pageContext(request, reply), shop, state: emptyForm(values), suggested: suggestion !== null }));
  });

  formRoute(app, newTaskPath(':id'), {
    body: TaskBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const errors: FieldErrors = {};
      const dueDate = dateOf(body.due_date, 'due_date', errors);
      if (body.title.trim() === '') errors.title = t('field.required');
      refuseIf(errors);
      await addManualTask(db, request.account, id, { title: body.title.trim(), dueDate });
      return redirectTo(`${shopPath(id)}#relances`, t('crm.tasks.saved'));
    },
    render: async (request, reply, state, { id }) => {
      const shop = await conciergeShop(request, id);
      return sendPage(reply, TaskFormPage({ ctx: pageContext(request, reply), shop, state, suggested: false }), 422);
    },
  });

  async function taskOf(request: FastifyRequest, id: string, taskId: string) {
    const shop = await conciergeShop(request, id);
    return { shop, task: await getTask(db, request.account, id, taskId) };
  }

  app.get(taskPath(':id', ':taskId', 'fait'), { preHandler: concierge, schema: { params: TaskParams } }, async (request, reply) => {
    const { shop, task } = await taskOf(request, request.params.id, request.params.taskId);
    return sendPage(reply, TaskDonePage({ ctx: pageContext(request, reply), shop, task, state: emptyForm() }));
  });

  formRoute(app, taskPath(':id', ':taskId', 'fait'), {
    body: DoneBody,
    params: TaskParams,
    preHandler: concierge,
    run: async (request, body, { id, taskId }) => {
      const { task } = await taskOf(request, id, taskId);
      if (body.note.trim() === '') throw new FormRefused({ note: t('field.required') });
      const next = await completeTask(db, request.account, id, taskId, { kind: body.kind, outcome: body.outcome, note: body.note.trim(), today: today(request) });
      const flash = t('crm.tasks.closed', { title: task.title });
      return redirectTo(next ? `${newTaskPath(id)}?apres=${body.kind}&resultat=${body.outcome}` : `${shopPath(id)}#relances`, flash);
    },
    render: async (request, reply, state, { id, taskId }) => {
      const { shop, task } = await taskOf(request, id, taskId);
      return sendPage(reply, TaskDonePage({ ctx: pageContext(request, reply), shop, task, state }), 422);
    },
  });

  app.get(taskPath(':id', ':taskId', 'plus-tard'), { preHandler: concierge, schema: { params: TaskParams } }, async (request, reply) => {
    const { shop, task } = await taskOf(request, request.params.id, request.params.taskId);
    return sendPage(reply, TaskSnoozePage({ ctx: pageContext(request, reply), shop, task, state: emptyForm() }));
  });

  formRoute(app, taskPath(':id', ':taskId', 'plus-tard'), {
    body: SnoozeBody,
    params: TaskParams,
    preHandler: concierge,
    run: async (request, body, { id, taskId }) => {
      const errors: FieldErrors = {};
      const until = dateOf(body.until, 'until', errors);
      refuseIf(errors);
      await snoozeTask(db, request.account, id, taskId, until, today(request));
      return redirectTo(`${shopPath(id)}#relances`, t('crm.tasks.later_done', { date: body.until.trim() }));
    },
    render: async (request, reply, state, { id, taskId }) => {
      const { shop, task } = await taskOf(request, id, taskId);
      return sendPage(reply, TaskSnoozePage({ ctx: pageContext(request, reply), shop, task, state }), 422);
    },
  });

  // ---- the visit screen ----

  async function renderVisit(request: FastifyRequest, reply: FastifyReply, id: string, from: { campaignId?: string; taskId?: string }, state = emptyForm(), status = 200) {
    const shop = await conciergeShop(request, id);
    const task = from.taskId ? await getTask(db, request.account, id, from.taskId).catch(() => null) : null;
    const campaign = from.campaignId ? ((await getCampaign(db, from.campaignId)) ?? null) : null;
    if (status === 200) {
      const suggestion = suggestNextTask('visit', 'informed', today(request));
      state = emptyForm({ outcome: 'informed', next_title: t('crm.suggest.visit'), next_date: suggestion!.dueDate.split('-').reverse().join('/'), idempotency_key: newIdempotencyKey() });
    }
    return sendPage(reply, VisitPage({ ctx: pageContext(request, reply), shop, state, task: task && task.state !== 'done' ? task : null, campaign }), status);
  }

  app.get(visitPath(':id'), { preHandler: concierge, schema: { params: IdParams, querystring: VisitQuery } }, async (request, reply) =>
    renderVisit(request, reply, request.params.id, { campaignId: request.query.campagne || undefined, taskId: request.query.relance || undefined }),
  );

  formRoute(app, visitPath(':id'), {
    body: VisitBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const errors: FieldErrors = {};
      const nextDate = body.next_date.trim() === '' ? null : dateOf(body.next_date, 'next_date', errors);
      if (nextDate && body.next_title.trim() === '') errors.next_title = t('field.required');
      refuseIf(errors);
      const input = {
        kind: 'visit' as const,
        localDate: today(request),
        met: body.met.trim(),
        notes: body.notes.trim(),
        outcome: body.outcome,
        reasonCode: (body.reason || null) as ExitReason | null,
        campaignId: body.campaign_id || null,
        next: nextDate ? { title: body.next_title.trim(), dueDate: nextDate } : null,
        settlesTaskId: body.task_id || null,
      };
      const { settled } = await logVisitOnce(db, request.account, id, input, body.idempotency_key);
      return redirectTo(visitPhotosPath(id), settled ? t('crm.visit.saved_settled', { title: settled.title }) : t('crm.visit.saved'));
    },
    render: (request, reply, state, { id }) => renderVisit(request, reply, id, { campaignId: state.values.campaign_id || undefined, taskId: state.values.task_id || undefined }, state, 422),
  });

  app.get(visitPhotosPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const shop = await conciergeShop(request, request.params.id);
    return sendPage(reply, VisitPhotosPage({ ctx: pageContext(request, reply), shop, state: emptyForm(), maxPhotos: MAX_VISIT_PHOTOS }));
  });

  /**
   * The photos of a visit are kept with the shop, waiting to become offers: an offer needs a
   * title and a real price the merchant gives (a placeholder price would be sold the day it
   * is resumed), and the catalogue reads the shops, not the reverse.
   */
  async function photosOf(request: FastifyRequest): Promise<{ images: ProcessedImage[]; errors: FieldErrors }> {
    const body = (request.body ?? {}) as { photos?: unknown };
    const files = (Array.isArray(body.photos) ? body.photos : [body.photos]).filter((file) => file !== undefined && file !== '' && !(Buffer.isBuffer(file) && file.length === 0));
    if (files.length === 0) return { images: [], errors: { photos: t('crm.photos.none_chosen') } };
    if (files.length > MAX_VISIT_PHOTOS) return { images: [], errors: { photos: t('crm.photos.too_many', { max: MAX_VISIT_PHOTOS }) } };
    const upload = { db, accountId: currentAccount(request).id, maxBytes: config.uploadMaxBytes, maxPerHour: config.uploadMaxPerHour };
    try {
      const images: ProcessedImage[] = [];
      for (const file of files) images.push((await readPhotoField(file, upload, 'photos'))!);
      return { images, errors: {} };
    } catch (error) {
      if (error instanceof DomainError) return { images: [], errors: { photos: t(`errors.${error.code}`, error.params) } };
      throw error;
    }
  }

  formRoute(app, visitPhotosPath(':id'), {
    body: PhotosBody,
    params: IdParams,
    preHandler: concierge,
    config: { multipartOptions: { limits: { fileSize: config.uploadMaxBytes + 1, files: MAX_VISIT_PHOTOS + 1 }, throwFileSizeLimit: false } },
    check: async (request) => photosOf(request),
    run: async (request, _body, { id }, { checked }) => {
      const count = await keepVisitPhotos(db, request.account, id, checked.images);
      return redirectTo(`${shopPath(id)}#photos-visite`, tPlural('crm.photos.saved', count));
    },
    render: async (request, reply, state, { id }) => {
      const shop = await conciergeShop(request, id);
      return sendPage(reply, VisitPhotosPage({ ctx: pageContext(request, reply), shop, state, maxPhotos: MAX_VISIT_PHOTOS }), 422);
    },
  });

  // ---- campaigns ----

  app.get(CAMPAIGNS_PATH, { preHandler: readers }, async (request, reply) =>
    sendPage(reply, CampaignsPage({ ctx: pageContext(request, reply), campaigns: await campaignList(db, request.account, config.timeZone) })),
  );

  app.get(NEW_CAMPAIGN_PATH, { preHandler: concierge }, async (request, reply) => {
    assertConcierge(request.account);
    return sendPage(reply, NewCampaignPage({ ctx: pageContext(request, reply), state: emptyForm({ idempotency_key: newIdempotencyKey() }), categories: await listCategories(db) }));
  });

  formRoute(app, NEW_CAMPAIGN_PATH, {
    body: CampaignBody,
    preHandler: concierge,
    run: async (request, body) => {
      const errors: FieldErrors = {};
      const startsOn = dateOf(body.starts_on, 'starts_on', errors);
      const endsOn = dateOf(body.ends_on, 'ends_on', errors);
      refuseIf(errors);
      const stages = (body.stages === undefined ? [] : Array.isArray(body.stages) ? body.stages : [body.stages]) as ShopStage[];
      const input = { name: body.name.trim(), startsOn, endsOn, stages, categoryCode: body.category || undefined };
      const id = await createCampaignOnce(db, request.account, input, body.idempotency_key);
      return redirectTo(campaignPath(id), t('crm.campaigns.created'));
    },
    render: async (request, reply, state) => sendPage(reply, NewCampaignPage({ ctx: pageContext(request, reply), state, categories: await listCategories(db) }), 422),
  });

  app.get(campaignPath(':id'), { preHandler: readers, schema: { params: IdParams } }, async (request, reply) =>
    sendPage(reply, CampaignDetailPage({ ctx: pageContext(request, reply), page: await campaignPage(db, request.account, request.params.id, config.timeZone) })),
  );
}
