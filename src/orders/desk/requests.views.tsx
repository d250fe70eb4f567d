// The concierge's « Demandes d'adhésion (n) »: visitors to call back, newest first, each
// with the basket kept under its number, « Inscrire cet adhérent » and « Classer ».
import { formatDateTime } from '../../platform/clock.ts';
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { SubmitButton } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';
import { membershipRequestPath } from '../site/membership.paths.ts';
import { formatBasketNumber } from '../site/membership.rules.ts';
import { REQUESTS_SHOWN, type RequestWithBasket } from '../site/membership.service.ts';
import { KeptBasket } from '../site/membership.views.tsx';
import { DESK } from '../orders.paths.ts';
import { Csrf, deskHref } from './desk.components.tsx';

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function RequestCard({ ctx, found }: { ctx: PageContext; found: RequestWithBasket }) {
  const { request, basket } = found;
  const headingId = `demande-${request.id}`;
  return (
    <li class="panel join-request">
      <h2 id={headingId}>
        {request.name} <span class="muted">— {t('join.list.number', { number: formatBasketNumber(request.basketNumber) })}</span>
      </h2>
      <p class="muted">{t('join.list.received', { date: formatDateTime(request.createdAt, ctx.timeZone) })}</p>
      <dl class="facts">
        <dt>{t('join.list.phone')}</dt>
        <dd>
          <a href={telHref(request.phone)} class="nowrap">
            {request.phone}
          </a>
        </dd>
        <dt>{t('join.list.email')}</dt>
        <dd>{request.email ?? t('join.list.no_email')}</dd>
      </dl>
      {basket.items.length > 0 ? (
        <KeptBasket basket={basket} headingId={`panier-${request.id}`} heading={t('join.list.number', { number: formatBasketNumber(request.basketNumber) })} level={3} />
      ) : (
        <p>{t('join.list.basket_empty')}</p>
      )}
      {request.status === 'taken_up' && request.handledAt ? (
        <p>{t('join.list.taken_up', { label: request.handledByLabel ?? '', date: formatDateTime(request.handledAt, ctx.timeZone) })}</p>
      ) : null}
      <div class="actions">
        {request.status === 'open' ? (
          <a class="button" href={deskHref(DESK, { demande: request.id })}>
            {t('join.list.register')}
            <span class="visually-hidden"> : {request.name}</span>
          </a>
        ) : null}
        <form method="post" action={membershipRequestPath(request.id, 'classer')} class="inline-form">
          <Csrf ctx={ctx} />
          <SubmitButton secondary>
            {t('join.list.close')}
            <span class="visually-hidden"> : {request.name}</span>
          </SubmitButton>
        </form>
      </div>
    </li>
  );
}

export function MembershipRequestsPage({ ctx, requests, total }: { ctx: PageContext; requests: RequestWithBasket[]; total: number }) {
  const title = t('join.list.title', { count: total });
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('join.list.lead')}</p>
      {requests.length === 0 ? <p>{t('join.list.none')}</p> : null}
      {total > REQUESTS_SHOWN ? <p class="muted">{t('join.list.more', { count: REQUESTS_SHOWN })}</p> : null}
      <ul class="join-requests">
        {requests.map((found) => (
          <RequestCard ctx={ctx} found={found} />
        ))}
      </ul>
    </Page>
  );
}
