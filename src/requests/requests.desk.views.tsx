// The concierge's pages of requests: the list by step and age with whom each waits on, a new
// request for a member (by phone, at the counter, from a mail), and a request's page with its
// kind's sections and actions.
import type { VNode } from 'preact';
import { formatDate } from '../platform/clock.ts';
import { t, tDynamic, tPlural } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { formatPhone } from '../platform/typography.ts';
import { fullName, memberPath, type Member } from '../members/index.ts';
import { tradesText, type Provider } from '../shops/index.ts';
import { Form, HiddenField, MessageSummary, RadioGroup, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import { History, MessageForm, Messages, Section, StatusBadge, StatusSteps, kindLabel, numberOf, statusLabel, waitingOnLabel } from './requests.components.tsx';
import { NEW_REQUEST_PATH, REQUESTS_PATH, requestPath } from './requests.paths.ts';
import type { ServiceRequest } from './requests.repository.ts';
import { daysWaiting, isOverdue, REQUEST_KINDS, REQUEST_STATUSES, requestNumberLabel, type RequestKind, type RequestStatus } from './requests.rules.ts';
import type { RequestFile } from './requests.service.ts';

const trailOf = (last?: string): Array<[string, string?]> => (last ? [[t('requests.list.title'), REQUESTS_PATH], [last]] : [[t('requests.list.title')]]);

export interface ListedRequest {
  request: ServiceRequest;
  memberName: string;
}

export interface RequestsFilter {
  kind: RequestKind | '';
  status: RequestStatus | 'open' | 'closed';
}

function Since({ request, nowAt }: { request: ServiceRequest; nowAt: string }) {
  const days = daysWaiting(request.statusChangedAt, nowAt);
  const late = isOverdue(request.status, request.statusChangedAt, nowAt);
  return (
    <>
      {days === 0 ? t('requests.list.today') : tPlural('requests.list.days', days)}
      {late ? <strong class="request-late"> · {t('requests.list.overdue')}</strong> : null}
    </>
  );
}

function FilterForm({ filter, counts }: { filter: RequestsFilter; counts: Map<RequestStatus, number> }) {
  const statusOptions: Array<[string, string]> = [
    ['open', t('requests.list.open')],
    ...REQUEST_STATUSES.filter((status) => (counts.get(status) ?? 0) > 0).map((status): [string, string] => [status, `${statusLabel(status)} (${counts.get(status)})`]),
    ['closed', t('requests.list.closed')],
  ];
  const state = { values: { genre: filter.kind, etape: filter.status }, errors: {} };
  return (
    <form method="get" action={REQUESTS_PATH} class="search-form">
      <SelectField name="genre" label={t('requests.list.filter_kind')} state={state} options={[['', t('requests.list.all')], ...REQUEST_KINDS.map((kind): [string, string] => [kind, kindLabel(kind)])]} />
      <SelectField name="etape" label={t('requests.list.filter_status')} state={state} options={statusOptions} />
      <button type="submit" class="button button--secondary">
        {t('requests.list.filter')}
      </button>
    </form>
  );
}

export function RequestsListPage(props: { ctx: PageContext; rows: readonly ListedRequest[]; filter: RequestsFilter; counts: Map<RequestStatus, number>; nowAt: string; links: VNode | null }) {
  const { ctx, rows, nowAt } = props;
  return (
    <Page ctx={ctx} title={t('requests.list.title')} noindex trail={trailOf()}>
      <h1>{t('requests.list.title')}</h1>
      <p class="actions">
        <a class="button" href={NEW_REQUEST_PATH}>
          {t('requests.list.new')}
        </a>
        {props.links}
      </p>
      <FilterForm filter={props.filter} counts={props.counts} />
      {rows.length === 0 ? (
        <p>{t('requests.list.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('requests.list.number')}</th>
                <th scope="col">{t('requests.list.member')}</th>
                <th scope="col">{t('requests.list.what')}</th>
                <th scope="col">{t('requests.list.step')}</th>
                <th scope="col">{t('requests.list.waits_on')}</th>
                <th scope="col">{t('requests.list.since')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ request, memberName }) => (
                <tr>
                  <td class="nowrap">
                    <a href={requestPath(request.id)}>{requestNumberLabel(request.number)}</a>
                  </td>
                  <td>{memberName}</td>
                  <td>
                    {kindLabel(request.kind)} : {request.title}
                  </td>
                  <td>
                    <StatusBadge status={request.status} />
                  </td>
                  <td>{waitingOnLabel(request.status)}</td>
                  <td>
                    <Since request={request} nowAt={nowAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

export interface NewRequestProps {
  ctx: PageContext;
  query: string;
  found: readonly Member[];
  member: Member | null;
  state: FormState;
  fromMail: { id: string; from: string; receivedAt: string } | null;
}

function MemberSearch({ query, found }: { query: string; found: readonly Member[] }) {
  return (
    <>
      <form method="get" action={NEW_REQUEST_PATH} class="search-form" role="search">
        <div class="field">
          <label for="champ-q">{t('requests.new.member')}</label>
          <p class="field__hint" id="aide-q">
            {t('requests.new.member_hint')}
          </p>
          <input id="champ-q" name="q" type="search" class="input input--long" value={query} aria-describedby="aide-q" />
        </div>
        <button type="submit" class="button button--secondary">
          {t('requests.new.search')}
        </button>
      </form>
      {found.length > 0 ? (
        <ul class="pick-list">
          {found.map((member) => (
            <li>
              <a href={`${NEW_REQUEST_PATH}?adherent=${member.id}`}>
                {fullName(member)}
                {member.phone ? ` · ${formatPhone(member.phone)}` : ''}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

const CHANNELS = ['phone', 'counter', 'email'] as const;

function NewRequestForm({ ctx, member, state, fromMail }: { ctx: PageContext; member: Member; state: FormState; fromMail: NewRequestProps['fromMail'] }) {
  const labels = { kind: t('requests.ask.kind'), title: t('requests.ask.what'), details: t('requests.ask.details'), channel: t('requests.new.channel'), due_date: t('requests.new.due') };
  return (
    <Form ctx={ctx} action={NEW_REQUEST_PATH} state={state} labels={labels}>
      <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />
      <HiddenField name="member_id" value={member.id} />
      {fromMail ? <HiddenField name="mail_id" value={fromMail.id} /> : null}
      <p class="panel">
        <strong>{fullName(member)}</strong>
        {member.phone ? ` · ${formatPhone(member.phone)}` : ''}
        {fromMail ? (
          <>
            <br />
            {t('requests.new.from_mail', { from: fromMail.from, date: formatDate(fromMail.receivedAt, ctx.timeZone) })}
          </>
        ) : null}
      </p>
      <RadioGroup name="kind" label={labels.kind} state={state} options={REQUEST_KINDS.map((kind) => [kind, tDynamic(`requests.kind.${kind}`)])} required />
      <TextField name="title" label={labels.title} hint={t('requests.ask.what_hint')} state={state} required />
      <TextArea name="details" label={labels.details} state={state} rows={5} />
      <RadioGroup name="channel" label={labels.channel} state={state} options={CHANNELS.map((channel) => [channel, tDynamic(`requests.channel.${channel}`)])} defaultValue={fromMail ? 'email' : 'phone'} required />
      <TextField name="due_date" label={labels.due_date} hint={t('requests.new.due_hint')} state={state} size="medium" />
      <SubmitButton>{t('requests.new.submit')}</SubmitButton>
    </Form>
  );
}

export function NewRequestPage(props: NewRequestProps) {
  const title = t('requests.new.title');
  return (
    <Page ctx={props.ctx} title={title} noindex trail={trailOf(title)}>
      <h1>{title}</h1>
      {props.member ? (
        <NewRequestForm ctx={props.ctx} member={props.member} state={props.state} fromMail={props.fromMail} />
      ) : (
        <>
          <MessageSummary errors={props.state.errors} />
          <MemberSearch query={props.query} found={props.found} />
        </>
      )}
    </Page>
  );
}

export interface DeskForms {
  message: FormState;
  answer: FormState;
  cancel: FormState;
}

function MemberCard({ member }: { member: Member }) {
  return (
    <p>
      <a href={memberPath(member.id)}>{fullName(member)}</a>
      {member.phone ? (
        <>
          {' '}
          · <span class="nowrap">{formatPhone(member.phone)}</span>
        </>
      ) : null}
      {member.email ? <> · {member.email}</> : null}
    </p>
  );
}

/** The providers to name in the answer, each with its trades and whether it is a member. */
function SuggestedProviders({ providers, state }: { providers: readonly Provider[]; state: FormState }) {
  if (providers.length === 0) return null;
  const ticked = new Set(String(state.values.suggested ?? '').split(','));
  return (
    <fieldset class="field">
      <legend>{t('requests.concierge.suggested')}</legend>
      {providers.map((provider) => (
        <div class="field field--checkbox">
          <input id={`champ-suggested-${provider.shopId}`} type="checkbox" name="suggested" value={provider.shopId} checked={ticked.has(provider.shopId)} />
          <label for={`champ-suggested-${provider.shopId}`}>
            {provider.tradeName} — {tradesText(provider.trades)}
            {provider.isMember ? '' : ` (${t('requests.concierge.not_member')})`}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function AnswerForm({ ctx, request, state, providers }: { ctx: PageContext; request: ServiceRequest; state: FormState; providers: readonly Provider[] }) {
  return (
    <Section title={t('requests.concierge.answer')} id="repondre">
      <Form ctx={ctx} action={requestPath(request.id, 'reponse')} state={state} labels={{ answer: t('requests.concierge.answer') }}>
        <TextArea name="answer" label={t('requests.page.answer')} hint={t('requests.concierge.answer_hint')} state={state} rows={6} required />
        <SuggestedProviders providers={providers} state={state} />
        <SubmitButton>{t('requests.concierge.answer_submit')}</SubmitButton>
      </Form>
    </Section>
  );
}

function CancelForm({ ctx, request, state }: { ctx: PageContext; request: ServiceRequest; state: FormState }) {
  return (
    <Section title={t('requests.concierge.cancel')} id="annuler">
      <Form ctx={ctx} action={requestPath(request.id, 'annuler')} state={state} labels={{ reason: t('requests.concierge.cancel_reason') }}>
        <TextField name="reason" label={t('requests.concierge.cancel_reason')} state={state} required />
        <SubmitButton secondary>{t('requests.concierge.cancel')}</SubmitButton>
      </Form>
    </Section>
  );
}

export function DeskRequestPage(props: { ctx: PageContext; providers: readonly Provider[]; file: RequestFile; panel: VNode | null; forms: DeskForms; nowAt: string; canCancel: boolean }) {
  const { ctx, file, forms } = props;
  const { request, member } = file;
  const title = t('requests.concierge.title', { number: numberOf(file), member: fullName(member) });
  const days = daysWaiting(request.statusChangedAt, props.nowAt);
  const answerShown = request.kind === 'advice' && request.status === 'new';
  return (
    <Page ctx={ctx} title={title} noindex trail={trailOf(numberOf(file))}>
      <h1>{title}</h1>
      <MessageSummary errors={{ ...(answerShown ? {} : forms.answer.errors), ...(props.canCancel ? {} : forms.cancel.errors) }} />
      <MemberCard member={member} />
      <p>
        {kindLabel(request.kind)} · {t('requests.concierge.channel', { channel: tDynamic(`requests.channel_by.${request.channel}`), date: formatDate(request.createdAt, ctx.timeZone) })}
        {request.dueDate ? <> · {t('requests.page.due', { date: formatDate(`${request.dueDate}T12:00:00Z`, ctx.timeZone) })}</> : null}
      </p>
      <p>
        <StatusBadge status={request.status} /> {t('requests.concierge.waits_on', { who: waitingOnLabel(request.status), days: days === 0 ? t('requests.list.today') : tPlural('requests.list.days', days) })}
      </p>
      <Section title={t('requests.page.what')} id="ce-que">
        <p>
          <strong>{request.title}</strong>
        </p>
        {request.details ? <p class="pre-line">{request.details}</p> : null}
        {request.answer ? <p class="pre-line panel">{request.answer}</p> : null}
        {request.rating !== null ? <p>{t('requests.concierge.rating', { rating: request.rating })}{request.ratingNote ? ` : « ${request.ratingNote} »` : ''}</p> : null}
      </Section>
      <StatusSteps kind={request.kind} status={request.status} />
      {props.panel}
      {answerShown ? <AnswerForm ctx={ctx} request={request} state={forms.answer} providers={props.providers} /> : null}
      <Section title={t('requests.page.messages')} id="messages">
        <Messages messages={file.messages} timeZone={ctx.timeZone} memberLabel={fullName(member)} />
        <MessageForm ctx={ctx} action={requestPath(request.id, 'message')} state={forms.message} label={t('requests.concierge.message')} hint={t('requests.concierge.message_hint')} />
      </Section>
      <Section title={t('requests.page.history')} id="historique">
        <History events={file.events} timeZone={ctx.timeZone} withNames />
      </Section>
      {props.canCancel ? <CancelForm ctx={ctx} request={request} state={forms.cancel} /> : null}
    </Page>
  );
}
