// The member's pages: « J'ai besoin de… » (one plain page, the phone number first), « Mes
// demandes », one request with its steps, history and messages, and the follow page of the
// link sent by mail (the same without login, without staff names).
import type { VNode } from 'preact';
import { formatDate } from '../platform/clock.ts';
import { LOGIN_PATH } from '../platform/auth/auth.paths.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { formatPhone } from '../platform/typography.ts';
import { Form, HiddenField, MessageSummary, RadioGroup, SubmitButton, TextArea, TextField, type FormState } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import { telHref } from '../ui/site-header.tsx';
import { History, Messages, MessageForm, Section, StatusBadge, StatusSteps, numberOf } from './requests.components.tsx';
import { ASK_PATH, OWN_REQUESTS_PATH, ownRequestPath } from './requests.paths.ts';
import type { ServiceRequest } from './requests.repository.ts';
import { canRate, RATINGS, REQUEST_KINDS, requestNumberLabel } from './requests.rules.ts';
import type { RequestFile } from './requests.service.ts';

export const TITLE_MAX = 120;
export const DETAILS_MAX = 4000;

function CallUs({ ctx }: { ctx: PageContext }) {
  const { phone, phoneHours } = ctx.conciergerie;
  return (
    <p class="panel request-call">
      {t('requests.ask.call_lead')}{' '}
      <a href={telHref(phone)} class="big-phone nowrap">
        {formatPhone(phone)}
      </a>
      <br />
      {phoneHours}
    </p>
  );
}

const KIND_OPTIONS = (): Array<[string, string]> => REQUEST_KINDS.map((kind) => [kind, `${tDynamic(`requests.kind.${kind}`)} — ${tDynamic(`requests.kind_hint.${kind}`)}`]);

export function AskPage({ ctx, state, canAsk }: { ctx: PageContext; state: FormState; canAsk: boolean }) {
  const labels = { kind: t('requests.ask.kind'), title: t('requests.ask.what'), details: t('requests.ask.details') };
  return (
    <Page ctx={ctx} title={t('requests.ask.title')}>
      <h1>{t('requests.ask.title')}</h1>
      <p class="lead">{t('requests.ask.intro')}</p>
      <CallUs ctx={ctx} />
      {canAsk ? (
        <Form ctx={ctx} action={ASK_PATH} state={state} labels={labels}>
          <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />
          <RadioGroup name="kind" label={labels.kind} state={state} options={KIND_OPTIONS()} required />
          <TextField name="title" label={labels.title} hint={t('requests.ask.what_hint')} state={state} required />
          <TextArea name="details" label={labels.details} hint={t('requests.ask.details_hint')} state={state} rows={5} />
          <SubmitButton>{t('requests.ask.submit')}</SubmitButton>
        </Form>
      ) : (
        <p>
          <a href={`${LOGIN_PATH}?retour=${encodeURIComponent(ASK_PATH)}`}>{t('requests.ask.login')}</a>
        </p>
      )}
    </Page>
  );
}

function RequestCard({ request, timeZone }: { request: ServiceRequest; timeZone: string }) {
  return (
    <li class="card">
      <h2 class="card__title">
        <a href={ownRequestPath(request.id)}>
          {requestNumberLabel(request.number)} · {request.title}
        </a>
      </h2>
      <p>
        <StatusBadge status={request.status} /> {t('requests.own.since', { date: formatDate(request.createdAt, timeZone) })}
      </p>
    </li>
  );
}

export function OwnRequestsPage({ ctx, requests }: { ctx: PageContext; requests: readonly ServiceRequest[] }) {
  return (
    <Page ctx={ctx} title={t('requests.own.title')} noindex>
      <h1>{t('requests.own.title')}</h1>
      <p>
        <a class="button" href={ASK_PATH}>
          {t('requests.own.ask')}
        </a>
      </p>
      {requests.length === 0 ? <p>{t('requests.own.none')}</p> : <ul class="cards request-cards">{requests.map((request) => <RequestCard request={request} timeZone={ctx.timeZone} />)}</ul>}
      <CallUs ctx={ctx} />
    </Page>
  );
}

/** What the request is, where it stands, its kind's sections, its answer. */
function RequestBody({ ctx, file, panel, withNames }: { ctx: PageContext; file: RequestFile; panel: VNode | null; withNames: boolean }) {
  const { request } = file;
  return (
    <>
      <Section title={t('requests.page.what')} id="ce-que">
        <p>
          <strong>{request.title}</strong>
        </p>
        {request.details ? <p class="pre-line">{request.details}</p> : null}
        {file.providerName ? (
          <p>
            {t('requests.page.provider')} : {file.providerName}
          </p>
        ) : null}
      </Section>
      <Section title={t('requests.page.status')} id="ou-en-est">
        <StatusSteps kind={request.kind} status={request.status} />
      </Section>
      {request.answer ? (
        <Section title={t('requests.page.answer')} id="reponse">
          <p class="pre-line">{request.answer}</p>
        </Section>
      ) : null}
      {panel}
      <Section title={t('requests.page.history')} id="historique">
        <History events={file.events} timeZone={ctx.timeZone} withNames={withNames} />
      </Section>
    </>
  );
}

export interface OwnRequestForms {
  message: FormState;
  rating: FormState;
}

function RatingForm({ ctx, request, state }: { ctx: PageContext; request: ServiceRequest; state: FormState }) {
  if (request.rating !== null) return <p>{t('requests.page.your_rating', { rating: request.rating })}</p>;
  const labels = { rating: t('requests.page.rating'), note: t('requests.page.rating_note') };
  return (
    <Form ctx={ctx} action={ownRequestPath(request.id, 'noter')} state={state} labels={labels}>
      <RadioGroup name="rating" label={labels.rating} state={state} options={RATINGS.map((value) => [String(value), tDynamic(`requests.page.rating_value.${value}`)])} required />
      <TextArea name="note" label={labels.note} state={state} rows={3} />
      <SubmitButton>{t('requests.page.rate_submit')}</SubmitButton>
    </Form>
  );
}

export function OwnRequestPage({ ctx, file, panel, forms }: { ctx: PageContext; file: RequestFile; panel: VNode | null; forms: OwnRequestForms }) {
  const { request } = file;
  const title = t('requests.page.title', { number: numberOf(file) });
  return (
    <Page ctx={ctx} title={title} noindex trail={[[t('requests.own.title'), OWN_REQUESTS_PATH], [title]]}>
      <h1>{title}</h1>
      <MessageSummary errors={canRate(request.status) ? {} : forms.rating.errors} />
      <RequestBody ctx={ctx} file={file} panel={panel} withNames={false} />
      <Section title={t('requests.page.messages')} id="messages">
        <Messages messages={file.messages} timeZone={ctx.timeZone} memberLabel={t('requests.page.message')} />
        {request.status !== 'cancelled' ? <MessageForm ctx={ctx} action={ownRequestPath(request.id, 'message')} state={forms.message} label={t('requests.page.message')} /> : null}
      </Section>
      {canRate(request.status) ? (
        <Section title={t('requests.page.rate')} id="avis">
          <RatingForm ctx={ctx} request={request} state={forms.rating} />
        </Section>
      ) : null}
      {request.status === 'new' ? (
        <form method="post" action={ownRequestPath(request.id, 'annuler')} class="inline-form request-cancel">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button type="submit" class="button button--secondary">
            {t('requests.page.cancel')}
          </button>
        </form>
      ) : null}
      <CallUs ctx={ctx} />
    </Page>
  );
}

export function FollowPage({ ctx, file, panel }: { ctx: PageContext; file: RequestFile; panel: VNode | null }) {
  const title = t('requests.follow.title', { number: numberOf(file) });
  return (
    <Page ctx={ctx} title={title} noindex>
      <h1>{title}</h1>
      <p>{t('requests.follow.intro')}</p>
      <RequestBody ctx={ctx} file={file} panel={panel} withNames={false} />
      <CallUs ctx={ctx} />
    </Page>
  );
}
