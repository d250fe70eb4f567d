// What pages show of an appointment: the facts (when in words, where, how long, where it
// stands), the concierge's forms (book, move, cancel, done), the member's « ajouter à mon
// agenda » link, and the provider's page opened from its signed link. No script anywhere.
import type { Config } from '../../config.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { formatPhone } from '../../platform/typography.ts';
import { ActionButton, Form, HiddenField, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../ui/forms.tsx';
import { telHref } from '../../ui/site-header.tsx';
import type { ProviderChoice } from './appointments.context.ts';
import { appointmentDeskPath } from './appointments.paths.ts';
import { DURATION_CHOICES, durationInWords, frenchDate, isLive, whenInWords } from './appointments.rules.ts';
import type { AppointmentSummary } from './appointments.service.ts';

export function AppointmentFacts({ summary, config, nowAt }: { summary: AppointmentSummary; config: Config; nowAt: string }) {
  const { appointment } = summary;
  return (
    <dl class="facts">
      <dt>{t('appointments.panel.when')}</dt>
      <dd>{whenInWords(appointment.startsAt, config.timeZone, nowAt)}</dd>
      <dt>{t('appointments.panel.where')}</dt>
      <dd>
        {summary.providerName}, {summary.providerAddress}
      </dd>
      <dt>{t('appointments.panel.duration')}</dt>
      <dd>{durationInWords(appointment.durationMinutes)}</dd>
      <dt>{t('appointments.panel.status')}</dt>
      <dd>{tDynamic(`appointments.status.${appointment.status}`)}</dd>
    </dl>
  );
}

const SLOT_LABELS = {
  provider: t('appointments.field.provider'),
  date: t('appointments.field.date'),
  time: t('appointments.field.time'),
  duration: t('appointments.field.duration'),
  reason: t('appointments.field.reason'),
};

function SlotFields({ state }: { state: FormState }) {
  const durations: Array<[string, string]> = DURATION_CHOICES.map((minutes) => [String(minutes), durationInWords(minutes)]);
  return (
    <>
      <TextField name="date" label={SLOT_LABELS.date} hint={t('appointments.field.date_hint')} state={state} size="short" required autocomplete="off" />
      <TextField name="time" label={SLOT_LABELS.time} hint={t('appointments.field.time_hint')} state={state} size="short" required autocomplete="off" />
      <SelectField name="duration" label={SLOT_LABELS.duration} options={durations} defaultValue="60" state={state} required />
    </>
  );
}

export type DeskForm = 'book' | 'move' | 'cancel';

export interface DeskState {
  which?: DeskForm;
  state: FormState;
}

function stateFor(desk: DeskState, which: DeskForm, defaults: Record<string, string> = {}): FormState {
  return desk.which === which ? desk.state : { values: defaults, errors: {} };
}

function BookForm({ ctx, requestId, providers, desk, idempotencyKey }: { ctx: PageContext; requestId: string; providers: ProviderChoice[]; desk: DeskState; idempotencyKey: string }) {
  const state = stateFor(desk, 'book');
  return (
    <section aria-labelledby="rdv-proposer">
      <h3 id="rdv-proposer">{t('appointments.desk.book_title')}</h3>
      <p>{t('appointments.desk.book_hint')}</p>
      <Form ctx={ctx} action={appointmentDeskPath(requestId)} state={state} labels={SLOT_LABELS}>
        <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? idempotencyKey} />
        <SelectField name="provider" label={SLOT_LABELS.provider} options={providers.map((choice) => [choice.id, choice.name])} placeholder="" state={state} required />
        <SlotFields state={state} />
        <SubmitButton>{t('appointments.desk.book')}</SubmitButton>
      </Form>
    </section>
  );
}

function LiveForms({ ctx, summary, desk }: { ctx: PageContext; summary: AppointmentSummary; desk: DeskState }) {
  const { appointment } = summary;
  const requestId = appointment.requestId;
  const current = { date: frenchDate(appointment.localDate), time: appointment.localTime, duration: String(appointment.durationMinutes) };
  return (
    <>
      {appointment.status === 'confirmed' ? (
        <div class="actions">
          <ActionButton ctx={ctx} action={appointmentDeskPath(requestId, 'fait')} label={t('appointments.desk.done')} />
        </div>
      ) : null}
      <section aria-labelledby="rdv-deplacer">
        <h3 id="rdv-deplacer">{t('appointments.desk.move_title')}</h3>
        <p>{t('appointments.desk.move_hint')}</p>
        <Form ctx={ctx} action={appointmentDeskPath(requestId, 'deplacer')} state={stateFor(desk, 'move', current)} labels={SLOT_LABELS}>
          <SlotFields state={stateFor(desk, 'move', current)} />
          <SubmitButton>{t('appointments.desk.move')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="rdv-annuler">
        <h3 id="rdv-annuler">{t('appointments.desk.cancel_title')}</h3>
        <p>{t('appointments.desk.cancel_hint')}</p>
        <Form ctx={ctx} action={appointmentDeskPath(requestId, 'annuler')} state={stateFor(desk, 'cancel')} labels={SLOT_LABELS}>
          <TextArea name="reason" label={SLOT_LABELS.reason} state={stateFor(desk, 'cancel')} rows={3} />
          <button type="submit" class="button button--danger">
            {t('appointments.desk.cancel')}
          </button>
        </Form>
      </section>
    </>
  );
}

function ProviderContact({ summary }: { summary: AppointmentSummary }) {
  if (summary.providerHasEmail || !isLive(summary.appointment.status)) return null;
  return (
    <p class="notice">
      {t('appointments.panel.no_email')}{' '}
      {summary.providerPhone ? (
        <a href={telHref(summary.providerPhone)} class="nowrap">
          {formatPhone(summary.providerPhone)}
        </a>
      ) : null}
    </p>
  );
}

function Declined({ summary, config, nowAt }: { summary: AppointmentSummary; config: Config; nowAt: string }) {
  const { appointment } = summary;
  if (appointment.status !== 'declined') return null;
  const when = whenInWords(appointment.startsAt, config.timeZone, nowAt);
  return <p class="notice">{t('appointments.panel.declined', { provider: summary.providerName, when, reason: appointment.declineReason ?? '' })}</p>;
}

export interface DeskPanelProps {
  ctx: PageContext;
  config: Config;
  nowAt: string;
  requestId: string;
  requestStatus: string;
  summary: AppointmentSummary | undefined;
  providers: ProviderChoice[];
  desk: DeskState;
  idempotencyKey: string;
}

/** The concierge's section: the appointment as it stands and what can be done with it now. */
export function DeskPanel(props: DeskPanelProps) {
  const { ctx, config, nowAt, summary } = props;
  const live = summary && isLive(summary.appointment.status);
  return (
    <section class="panel" aria-labelledby="rdv-titre">
      <h2 id="rdv-titre">{t('appointments.panel.title')}</h2>
      {summary && summary.appointment.status !== 'declined' ? <AppointmentFacts summary={summary} config={config} nowAt={nowAt} /> : null}
      {summary ? <Declined summary={summary} config={config} nowAt={nowAt} /> : <p>{t('appointments.panel.none')}</p>}
      {summary ? <ProviderContact summary={summary} /> : null}
      {live ? <LiveForms ctx={ctx} summary={summary} desk={props.desk} /> : null}
      {!live && props.requestStatus === 'new' ? <BookForm ctx={ctx} requestId={props.requestId} providers={props.providers} desk={props.desk} idempotencyKey={props.idempotencyKey} /> : null}
    </section>
  );
}

/** The member's section (their page or the follow page): the date in words and the diary link. */
export function MemberPanel({ summary, config, nowAt, calendarHref }: { summary: AppointmentSummary | undefined; config: Config; nowAt: string; calendarHref: string }) {
  if (!summary || !isLive(summary.appointment.status) && summary.appointment.status !== 'done') return null;
  const { status } = summary.appointment;
  return (
    <section class="panel" aria-labelledby="rdv-adherent">
      <h2 id="rdv-adherent">{t('appointments.panel.title')}</h2>
      <AppointmentFacts summary={summary} config={config} nowAt={nowAt} />
      {status === 'proposed' ? <p>{t('appointments.panel.waiting_member')}</p> : null}
      {status === 'confirmed' ? (
        <p>
          <a href={calendarHref} class="button button--secondary" download="rendez-vous.ics" aria-describedby="rdv-agenda-aide">
            {t('appointments.panel.add_to_diary')}
          </a>
          <span class="field__hint" id="rdv-agenda-aide">
            {' '}
            {t('appointments.panel.add_to_diary_hint')}
          </span>
        </p>
      ) : null}
    </section>
  );
}
