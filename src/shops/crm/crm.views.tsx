// The CRM on a shop's page (stage history, contacts, contacts log, follow-ups, visit photos)
// and the small pages that add to it: a contact, an interaction, a follow-up.
import { formatLocalDate } from '../../platform/calendar.ts';
import { formatDate } from '../../platform/clock.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { imageUrl } from '../../platform/images/images.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { formatPhone } from '../../platform/typography.ts';
import { ActionButton, Form, HiddenField, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';
import type { Shop } from '../shops.repository.ts';
import { DIRECTORY_PATH, shopPath } from '../shops.paths.ts';
import { EXIT_REASONS, INTERACTION_KINDS, OUTCOMES } from './crm.rules.ts';
import type { Contact, Interaction, StageEvent } from './crm.repository.ts';
import type { CrmRecord } from './crm.service.ts';
import type { ShopTask } from './tasks.repository.ts';
import { contactPath, newContactPath, newInteractionPath, newTaskPath, taskPath, visitPath } from './crm.paths.ts';

export function stageName(stage: string): string {
  return tDynamic(`shops.stage.${stage}`);
}

export function reasonName(code: string): string {
  return tDynamic(`crm.reason.${code}`);
}

export const kindOptions = (): Array<[string, string]> => INTERACTION_KINDS.map((kind) => [kind, tDynamic(`crm.kind.${kind}`)]);
export const outcomeOptions = (): Array<[string, string]> => OUTCOMES.map((outcome) => [outcome, tDynamic(`crm.outcome.${outcome}`)]);
export const reasonOptions = (): Array<[string, string]> => EXIT_REASONS.map((reason) => [reason, reasonName(reason)]);

function isConcierge(ctx: PageContext): boolean {
  return ctx.account?.role === 'concierge';
}

function shopTrail(shop: Shop, last: string): Array<[string, string] | [string]> {
  return [[t('shops.trail.backoffice'), BACKOFFICE_PATH], [t('shops.trail.directory'), DIRECTORY_PATH], [shop.tradeName, shopPath(shop.id)], [last]];
}

function StageHistory({ ctx, events }: { ctx: PageContext; events: StageEvent[] }) {
  return (
    <section aria-labelledby="historique-etapes">
      <h2 id="historique-etapes">{t('crm.history.title')}</h2>
      {events.length === 0 ? (
        <p class="muted">{t('crm.history.none')}</p>
      ) : (
        <ol class="crm-list">
          {events.map((event) => (
            <li>
              <strong>{formatDate(event.at, ctx.timeZone)}</strong> — {event.fromStage ? t('crm.history.move', { from: stageName(event.fromStage), to: stageName(event.toStage) }) : t('crm.history.recorded', { to: stageName(event.toStage) })}
              {event.reasonCode ? ` — ${t('crm.history.reason', { reason: reasonName(event.reasonCode) })}` : ''}
              {event.note ? ` (${event.note})` : ''}
              {event.who ? <span class="muted"> — {event.who}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Contacts({ ctx, shop, contacts }: { ctx: PageContext; shop: Shop; contacts: Contact[] }) {
  return (
    <section aria-labelledby="contacts">
      <h2 id="contacts">{t('crm.contacts.title')}</h2>
      {contacts.length === 0 ? <p class="muted">{t('crm.contacts.none')}</p> : null}
      <ul class="crm-list">
        {contacts.map((contact) => (
          <li>
            <strong>{contact.person}</strong>
            {contact.role ? `, ${contact.role}` : ''}
            {contact.phone ? (
              <>
                {' — '}
                <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} class="nowrap">
                  {formatPhone(contact.phone)}
                </a>
              </>
            ) : null}
            {contact.email ? (
              <>
                {' — '}
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </>
            ) : null}
            {isConcierge(ctx) ? (
              <div class="actions">
                <a href={contactPath(shop.id, contact.id, 'modifier')} class="button button--secondary" aria-label={t('crm.contacts.edit_named', { person: contact.person })}>
                  {t('crm.contacts.edit')}
                </a>
                <ActionButton ctx={ctx} action={contactPath(shop.id, contact.id, 'supprimer')} label={t('crm.contacts.remove_named', { person: contact.person })} danger />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {isConcierge(ctx) ? (
        <p>
          <a href={newContactPath(shop.id)}>{t('crm.contacts.add')}</a>
        </p>
      ) : null}
    </section>
  );
}

export function TaskLine({ ctx, shopId, task, today }: { ctx: PageContext; shopId: string; task: ShopTask; today: string }) {
  const when = task.state === 'done' ? t('crm.tasks.done_on', { date: formatDate(task.closedAt ?? task.createdAt, ctx.timeZone) }) : formatLocalDate(task.effectiveDate, today);
  return (
    <>
      <strong>{task.title}</strong> — {when}
      {task.state === 'snoozed' ? <span class="muted"> ({t('crm.tasks.snoozed')})</span> : null}
      {task.source === 'alert' ? <span class="badge">{t('crm.tasks.alert')}</span> : null}
      {task.state === 'done' && task.note ? <span class="muted"> — {task.note}</span> : null}
      {task.state !== 'done' && isConcierge(ctx) ? (
        <div class="actions">
          <a href={taskPath(shopId, task.id, 'fait')} class="button" aria-label={t('crm.tasks.done_named', { title: task.title })}>
            {t('crm.tasks.done')}
          </a>
          <a href={taskPath(shopId, task.id, 'plus-tard')} class="button button--secondary" aria-label={t('crm.tasks.later_named', { title: task.title })}>
            {t('crm.tasks.later')}
          </a>
        </div>
      ) : null}
    </>
  );
}

function Tasks({ ctx, shop, tasks, today }: { ctx: PageContext; shop: Shop; tasks: ShopTask[]; today: string }) {
  const live = tasks.filter((task) => task.state !== 'done');
  const done = tasks.filter((task) => task.state === 'done').slice(0, 5);
  return (
    <section aria-labelledby="relances">
      <h2 id="relances">{t('crm.tasks.title')}</h2>
      {live.length === 0 ? <p class="muted">{t('crm.tasks.none')}</p> : null}
      <ul class="crm-list">
        {live.map((task) => (
          <li>
            <TaskLine ctx={ctx} shopId={shop.id} task={task} today={today} />
          </li>
        ))}
      </ul>
      {isConcierge(ctx) && shop.stage !== 'do_not_contact' ? (
        <p>
          <a href={newTaskPath(shop.id)}>{t('crm.tasks.add')}</a>
        </p>
      ) : null}
      {done.length > 0 ? (
        <>
          <h3>{t('crm.tasks.done_title')}</h3>
          <ul class="crm-list">
            {done.map((task) => (
              <li>
                <TaskLine ctx={ctx} shopId={shop.id} task={task} today={today} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Interactions({ ctx, shop, interactions, today, dueTask }: { ctx: PageContext; shop: Shop; interactions: Interaction[]; today: string; dueTask: ShopTask | undefined }) {
  return (
    <section aria-labelledby="echanges">
      <h2 id="echanges">{t('crm.log.title')}</h2>
      {isConcierge(ctx) ? (
        <div class="actions">
          <a href={visitPath(shop.id, { taskId: dueTask?.id })} class="button">
            {t('crm.visit.start')}
          </a>
          <a href={newInteractionPath(shop.id)} class="button button--secondary">
            {t('crm.log.add')}
          </a>
        </div>
      ) : null}
      {interactions.length === 0 ? (
        <p class="muted">{t('crm.log.none')}</p>
      ) : (
        <ol class="crm-list">
          {interactions.map((item) => (
            <li>
              <strong>
                {tDynamic(`crm.kind.${item.kind}`)}, {formatLocalDate(item.localDate, today)}
              </strong>{' '}
              — {tDynamic(`crm.outcome.${item.outcome}`)}
              {item.reasonCode ? ` (${reasonName(item.reasonCode)})` : ''}
              {item.who ? <span class="muted"> — {item.who}</span> : null}
              {item.met ? <p>{t('crm.log.met', { met: item.met })}</p> : null}
              {item.notes ? <p>{item.notes}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Photos({ shop, photos }: { shop: Shop; photos: CrmRecord['photos'] }) {
  if (photos.length === 0) return null;
  return (
    <section aria-labelledby="photos-visite">
      <h2 id="photos-visite">{t('crm.photos.title')}</h2>
      <p>{t('crm.photos.lead', { shop: shop.tradeName })}</p>
      <ul class="crm-photos">
        {photos.map((photo, index) => (
          <li>
            <img src={imageUrl(photo.imageId)} alt={t('crm.photos.alt', { number: index + 1, shop: shop.tradeName })} width={240} height={180} loading="lazy" />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The CRM sections of a shop's back-office page. */
export function CrmSections({ ctx, shop, record, today }: { ctx: PageContext; shop: Shop; record: CrmRecord; today: string }) {
  // A visit settles the follow-up that is due (the earliest), so the concierge closes it by visiting.
  const dueTask = record.tasks.find((task) => task.state !== 'done' && task.effectiveDate <= today);
  return (
    <div class="crm">
      <div class="two-columns">
        <Tasks ctx={ctx} shop={shop} tasks={record.tasks} today={today} />
        <Contacts ctx={ctx} shop={shop} contacts={record.contacts} />
      </div>
      <Interactions ctx={ctx} shop={shop} interactions={record.interactions} today={today} dueTask={dueTask} />
      <Photos shop={shop} photos={record.photos} />
      <StageHistory ctx={ctx} events={record.events} />
    </div>
  );
}

// ---- small pages ----

export function ContactFormPage({ ctx, shop, state, action, editing }: { ctx: PageContext; shop: Shop; state: FormState; action: string; editing: boolean }) {
  const title = editing ? t('crm.contacts.edit_title') : t('crm.contacts.add_title');
  const labels = { person: t('crm.contacts.person'), role: t('crm.contacts.role'), phone: t('crm.contacts.phone'), email: t('crm.contacts.email') };
  return (
    <Page ctx={ctx} title={`${title} — ${shop.tradeName}`} trail={shopTrail(shop, title)} noindex>
      <h1>{title}</h1>
      <p class="lead">{shop.tradeName}</p>
      <Form ctx={ctx} action={action} state={state} labels={labels}>
        {editing ? null : <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />}
        <TextField name="person" label={labels.person} state={state} required autocomplete="off" />
        <TextField name="role" label={labels.role} state={state} hint={t('crm.contacts.role_hint')} size="medium" />
        <TextField name="phone" label={labels.phone} state={state} type="tel" inputMode="tel" size="medium" hint={t('crm.contacts.way_hint')} />
        <TextField name="email" label={labels.email} state={state} type="email" size="long" />
        <SubmitButton>{t('crm.contacts.save')}</SubmitButton>
      </Form>
      <p>
        <a href={shopPath(shop.id)}>{t('crm.back_to_shop', { shop: shop.tradeName })}</a>
      </p>
    </Page>
  );
}

export function InteractionFormPage({ ctx, shop, state }: { ctx: PageContext; shop: Shop; state: FormState }) {
  const title = t('crm.log.add_title');
  const labels = { kind: t('crm.log.kind'), date: t('crm.log.date'), outcome: t('crm.log.outcome'), reason: t('crm.log.reason'), notes: t('crm.log.notes'), met: t('crm.log.met_label') };
  return (
    <Page ctx={ctx} title={`${title} — ${shop.tradeName}`} trail={shopTrail(shop, title)} noindex>
      <h1>{title}</h1>
      <p class="lead">{shop.tradeName}</p>
      <Form ctx={ctx} action={newInteractionPath(shop.id)} state={state} labels={labels}>
        <SelectField name="kind" label={labels.kind} state={state} options={kindOptions()} required />
        <TextField name="date" label={labels.date} state={state} hint={t('crm.date_hint')} size="short" required inputMode="numeric" />
        <TextField name="met" label={labels.met} state={state} size="long" />
        <SelectField name="outcome" label={labels.outcome} state={state} options={outcomeOptions()} required />
        <SelectField name="reason" label={labels.reason} state={state} options={reasonOptions()} placeholder={t('crm.reason_placeholder')} hint={t('crm.log.reason_hint')} />
        <TextArea name="notes" label={labels.notes} state={state} rows={4} />
        <SubmitButton>{t('crm.log.save')}</SubmitButton>
      </Form>
      <p>
        <a href={shopPath(shop.id)}>{t('crm.back_to_shop', { shop: shop.tradeName })}</a>
      </p>
    </Page>
  );
}

/** A new follow-up: typed by hand, or the next step suggested after one was done (prefilled). */
export function TaskFormPage({ ctx, shop, state, suggested }: { ctx: PageContext; shop: Shop; state: FormState; suggested: boolean }) {
  const title = suggested ? t('crm.tasks.suggest_title') : t('crm.tasks.add_title');
  const labels = { title: t('crm.tasks.field_title'), due_date: t('crm.tasks.field_due') };
  return (
    <Page ctx={ctx} title={`${title} — ${shop.tradeName}`} trail={shopTrail(shop, title)} noindex>
      <h1>{title}</h1>
      <p class="lead">{suggested ? t('crm.tasks.suggest_lead', { shop: shop.tradeName }) : shop.tradeName}</p>
      <Form ctx={ctx} action={newTaskPath(shop.id)} state={state} labels={labels}>
        <TextField name="title" label={labels.title} state={state} required />
        <TextField name="due_date" label={labels.due_date} state={state} hint={t('crm.date_hint')} size="short" required inputMode="numeric" />
        <div class="actions">
          <SubmitButton>{suggested ? t('crm.tasks.suggest_accept') : t('crm.tasks.save')}</SubmitButton>
          {suggested ? (
            <a href={shopPath(shop.id)} class="button button--secondary">
              {t('crm.tasks.suggest_decline')}
            </a>
          ) : null}
        </div>
      </Form>
      {suggested ? null : (
        <p>
          <a href={shopPath(shop.id)}>{t('crm.back_to_shop', { shop: shop.tradeName })}</a>
        </p>
      )}
    </Page>
  );
}

export function TaskDonePage({ ctx, shop, task, state }: { ctx: PageContext; shop: Shop; task: ShopTask; state: FormState }) {
  const title = t('crm.tasks.done_title_page');
  const labels = { kind: t('crm.tasks.done_kind'), outcome: t('crm.log.outcome'), note: t('crm.tasks.done_note') };
  return (
    <Page ctx={ctx} title={`${title} — ${shop.tradeName}`} trail={shopTrail(shop, title)} noindex>
      <h1>{title}</h1>
      <p class="lead">
        {shop.tradeName} — {task.title}
      </p>
      <Form ctx={ctx} action={taskPath(shop.id, task.id, 'fait')} state={state} labels={labels}>
        <SelectField name="kind" label={labels.kind} state={state} options={kindOptions()} defaultValue="call" required />
        <SelectField name="outcome" label={labels.outcome} state={state} options={outcomeOptions().filter(([value]) => value !== 'declined')} defaultValue="informed" required />
        <TextArea name="note" label={labels.note} state={state} rows={4} required hint={t('crm.tasks.done_note_hint')} />
        <SubmitButton>{t('crm.tasks.done_save')}</SubmitButton>
      </Form>
      <p>
        <a href={shopPath(shop.id)}>{t('crm.back_to_shop', { shop: shop.tradeName })}</a>
      </p>
    </Page>
  );
}

export function TaskSnoozePage({ ctx, shop, task, state }: { ctx: PageContext; shop: Shop; task: ShopTask; state: FormState }) {
  const title = t('crm.tasks.later_title');
  return (
    <Page ctx={ctx} title={`${title} — ${shop.tradeName}`} trail={shopTrail(shop, title)} noindex>
      <h1>{title}</h1>
      <p class="lead">
        {shop.tradeName} — {task.title}
      </p>
      <Form ctx={ctx} action={taskPath(shop.id, task.id, 'plus-tard')} state={state} labels={{ until: t('crm.tasks.later_until') }}>
        <TextField name="until" label={t('crm.tasks.later_until')} state={state} hint={t('crm.date_hint')} size="short" required inputMode="numeric" />
        <SubmitButton>{t('crm.tasks.later_save')}</SubmitButton>
      </Form>
      <p>
        <a href={shopPath(shop.id)}>{t('crm.back_to_shop', { shop: shop.tradeName })}</a>
      </p>
    </Page>
  );
}
