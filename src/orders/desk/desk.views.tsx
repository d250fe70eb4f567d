// The concierge's « Nouvelle commande », first page: find the member (or register them) for
// whom the order is taken. Their basket is in desk.basket.views.tsx, the slot in
// desk.slot.views.tsx; the « Prix confirmé » form is on the order's record.
import type { InboundMail } from '../../notifications/index.ts';
import type { Member } from '../../members/index.ts';
import { t, tDynamic, tPlural } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { Form, HiddenField, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { Pager } from '../../ui/pager.tsx';
import { DESK, DESK_NEW_MEMBER_PATH, deskMemberPath } from '../orders.paths.ts';
import { deskHref, deskTrail, MailCarried, MailPanel, memberName, SearchForm } from './desk.components.tsx';
import { MEMBERSHIP_REQUESTS } from '../site/membership.paths.ts';
import { formatBasketNumber } from '../site/membership.rules.ts';
import type { MembershipRequest } from '../site/membership.service.ts';
import { formatPhone } from '../../platform/typography.ts';

// The order's record (orders.backoffice.views.tsx) takes the price form from here.

export interface FindMemberProps {
  ctx: PageContext;
  query: string;
  result: { members: Member[]; total: number; page: number; pageCount: number } | undefined;
  newMember: FormState;
  idempotencyKey: string;
  mail: InboundMail | undefined;
  /** Membership requests waiting for a call back. */
  requestCount: number;
  /** The membership request whose visitor is being registered (« Inscrire cet adhérent »). */
  fromRequest?: MembershipRequest;
}

function MemberResult({ member, mailId }: { member: Member; mailId: string | undefined }) {
  const name = memberName(member);
  return (
    <li class="desk-result">
      <p class="desk-result__name">
        <strong>
          {member.lastName.toUpperCase()} {member.firstName}
        </strong>{' '}
        <span class="muted">— {tDynamic(`members.kind.${member.kind}`)}</span>
      </p>
      <p>
        {member.phone ? formatPhone(member.phone) : <span class="muted">{t('desk.find.no_phone')}</span>} · {member.email ?? <span class="muted">{t('desk.find.no_email')}</span>}
      </p>
      <a class="button" href={deskHref(deskMemberPath(member.id), { courriel: mailId, appel: '1' })}>
        {t('desk.find.order_for', { name })}
      </a>
    </li>
  );
}

export function FindMemberPage({ ctx, query, result, newMember, idempotencyKey, mail, requestCount, fromRequest }: FindMemberProps) {
  const title = t('desk.title');
  const labels = { last_name: t('desk.new.last_name'), first_name: t('desk.new.first_name'), phone: t('desk.new.phone'), email: t('desk.new.email') };
  // Nobody found: what was searched is most likely the new member's name, or phone.
  const unknown = result?.members.length === 0 ? query : undefined;
  const looksLikePhone = unknown !== undefined && /^[\d\s.+()-]+$/.test(unknown);
  return (
    <Page ctx={ctx} title={title} trail={deskTrail([title])} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('desk.find.lead')}</p>
      {requestCount > 0 ? (
        <p>
          <a href={MEMBERSHIP_REQUESTS}>{t('desk.find.requests', { count: requestCount })}</a>
        </p>
      ) : null}
      <MailPanel ctx={ctx} mail={mail} />
      <SearchForm action={DESK} label={t('desk.find.label')} hint={t('desk.find.hint')} query={query} mailId={mail?.id} />
      {result ? (
        <section aria-labelledby="adherents-trouves">
          <h2 id="adherents-trouves">{t('desk.find.results')}</h2>
          {result.members.length === 0 ? (
            <p>{t('desk.find.none', { query })}</p>
          ) : (
            <>
              <p class="muted">{tPlural('desk.find.count', result.total, { query })}</p>
              <ul class="desk-results">
                {result.members.map((member) => (
                  <MemberResult member={member} mailId={mail?.id} />
                ))}
              </ul>
              <Pager page={result.page} pageCount={result.pageCount} hrefOf={(page) => deskHref(DESK, { q: query, page: String(page), courriel: mail?.id })} />
            </>
          )}
        </section>
      ) : null}
      <section aria-labelledby="nouvel-adherent" class="panel">
        <h2 id="nouvel-adherent">{t('desk.new.title')}</h2>
        <p>{t('desk.new.lead')}</p>
        {fromRequest ? <p class="panel panel--warning">{t('desk.find.from_request', { number: formatBasketNumber(fromRequest.basketNumber) })}</p> : null}
        <Form ctx={ctx} action={DESK_NEW_MEMBER_PATH} state={newMember} labels={labels}>
          <HiddenField name="idempotency_key" value={idempotencyKey} />
          <MailCarried mailId={mail?.id} />
          {newMember.values.demande ? <HiddenField name="demande" value={newMember.values.demande} /> : null}
          <TextField name="last_name" label={labels.last_name} state={newMember} required autocomplete="off" size="medium" defaultValue={looksLikePhone || unknown?.includes('@') ? undefined : unknown} />
          <TextField name="first_name" label={labels.first_name} state={newMember} required autocomplete="off" size="medium" />
          <TextField name="phone" label={labels.phone} state={newMember} type="tel" inputMode="tel" autocomplete="off" size="medium" defaultValue={looksLikePhone ? unknown : undefined} />
          <TextField name="email" label={labels.email} state={newMember} type="email" autocomplete="off" defaultValue={mail?.fromAddress ?? (unknown?.includes('@') ? unknown : undefined)} />
          <SubmitButton>{t('desk.new.submit')}</SubmitButton>
        </Form>
      </section>
    </Page>
  );
}
