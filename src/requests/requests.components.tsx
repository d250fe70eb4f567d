// Pieces every request page shows: where the request stands among its kind's steps, its
// history, its messages and a message form.
import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Form, SubmitButton, TextArea, type FormState } from '../ui/forms.tsx';
import type { RequestEvent, RequestMessage } from './requests.repository.ts';
import { KIND_STATUSES, STATUS_RULES, requestNumberLabel, type RequestKind, type RequestStatus } from './requests.rules.ts';
import type { RequestFile } from './requests.service.ts';

export const MESSAGE_MAX = 2000;

export function statusLabel(status: RequestStatus): string {
  return tDynamic(`requests.status.${status}`);
}

export function kindLabel(kind: RequestKind): string {
  return tDynamic(`requests.kind_short.${kind}`);
}

export function numberOf(file: Pick<RequestFile, 'request'>): string {
  return requestNumberLabel(file.request.number);
}

const TONE: Record<RequestStatus, string> = {
  new: 'problem',
  at_counter: 'moving',
  at_provider: 'moving',
  ready: 'moving',
  handed_back: 'done',
  quotes_asked: 'moving',
  quotes_received: 'moving',
  quote_accepted: 'moving',
  appointment_proposed: 'moving',
  appointment_confirmed: 'moving',
  answered: 'done',
  done: 'done',
  cancelled: 'closed',
};

export function StatusBadge({ status }: { status: RequestStatus }) {
  return <span class={`badge badge--tone-${TONE[status]}`}>{statusLabel(status)}</span>;
}

/** The kind's steps in order, the current one marked; a cancelled request says so instead. */
export function StatusSteps({ kind, status }: { kind: RequestKind; status: RequestStatus }) {
  if (status === 'cancelled') return <p class="notice">{statusLabel(status)}</p>;
  const steps = KIND_STATUSES[kind].filter((step) => step !== 'cancelled');
  const current = steps.indexOf(status);
  return (
    <ol class="request-steps">
      {steps.map((step, index) => (
        <li class={index < current ? 'request-steps__done' : index === current ? 'request-steps__now' : undefined} aria-current={index === current ? 'step' : undefined}>
          {statusLabel(step)}
        </li>
      ))}
    </ol>
  );
}

function eventText(event: RequestEvent): string {
  if (event.kind === 'created') return t('requests.history.created');
  if (event.kind === 'status' && event.fromStatus && event.toStatus) return t('requests.history.status', { from: statusLabel(event.fromStatus), to: statusLabel(event.toStatus) });
  return event.note;
}

/** Who did what and when; `withNames: false` on the public follow page. */
export function History({ events, timeZone, withNames }: { events: readonly RequestEvent[]; timeZone: string; withNames: boolean }) {
  return (
    <ul class="request-history">
      {events.map((event) => (
        <li>
          <span class="request-history__when">{formatDateTime(event.at, timeZone)}</span> — {eventText(event)}
          {event.kind === 'status' && event.note ? <> : « {event.note} »</> : null}
          {withNames ? <span class="muted"> ({event.actorLabel}{event.notified ? `, ${t('requests.history.notified')}` : ''})</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function Messages({ messages, timeZone, memberLabel }: { messages: readonly RequestMessage[]; timeZone: string; memberLabel: string }) {
  if (messages.length === 0) return <p>{t('requests.page.no_messages')}</p>;
  return (
    <ul class="request-messages">
      {messages.map((message) => (
        <li class={`request-message request-message--${message.author}`}>
          <p class="request-message__who">
            {message.author === 'concierge' ? t('requests.page.from_concierge') : message.author === 'member' ? memberLabel : message.authorLabel} ·{' '}
            {formatDateTime(message.at, timeZone)}
          </p>
          <p class="pre-line">{message.body}</p>
        </li>
      ))}
    </ul>
  );
}

export function MessageForm({ ctx, action, state, label, hint }: { ctx: PageContext; action: string; state: FormState; label: string; hint?: string }) {
  return (
    <Form ctx={ctx} action={action} state={state} labels={{ body: label }}>
      <TextArea name="body" label={label} hint={hint} state={state} rows={4} required />
      <SubmitButton>{t('requests.page.send')}</SubmitButton>
    </Form>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="block" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Who the request waits on now, in words. */
export function waitingOnLabel(status: RequestStatus): string {
  return tDynamic(`requests.waiting.${STATUS_RULES[status].waitingOn}`);
}
