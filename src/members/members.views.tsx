// The concierge's pages about members (search, new member, member card, edit) and the
// resident's « Mon compte ».
import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime } from '../platform/clock.ts';
import { t, tDynamic, tPlural } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import { ActionButton, Checkbox, Form, HiddenField, RadioGroup, SubmitButton, TextArea, TextField, type FormState } from '../ui/forms.tsx';
import type { Member } from './members.repository.ts';
import { fullName, MEMBER_KINDS } from './members.rules.ts';
import type { SiteAccess } from './members.service.ts';
import { Pager } from '../ui/pager.tsx';
import { BACKOFFICE_PATH, OWN_ORDERS_PATH, OWN_REQUESTS_PATH } from '../platform/paths.ts';
import { ACCOUNT_PATH, EDIT_OWN_DETAILS_PATH, MEMBERS_PATH, NEWS_PATH, NEW_MEMBER_PATH, RETENTION_PATH, editMemberPath, memberAccessPath, memberPath } from './members.paths.ts';
import { SEGMENTS } from './members.segments.ts';
import { RESET_REQUEST_PATH } from '../platform/auth/auth.paths.ts';
import { formatPhone } from '../platform/typography.ts';
import { OWN_COMPANY_USAGE_PATH, companyPath } from './members.paths.ts';
import type { Company } from './members.companies.repository.ts';

const LIST_PATH = MEMBERS_PATH;

function backOfficeTrail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], ...rest];
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export function kindLabel(kind: string): string {
  return tDynamic(`members.kind.${kind}`);
}

export function addressText(member: Pick<Member, 'addressLine' | 'postalCode' | 'city'>): string {
  return [member.addressLine, [member.postalCode, member.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

function MembersTable({ members }: { members: Member[] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('members.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('members.col.name')}</th>
            <th scope="col">{t('members.col.phone')}</th>
            <th scope="col">{t('members.col.email')}</th>
            <th scope="col">{t('members.col.city')}</th>
            <th scope="col">{t('members.col.kind')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr>
              <th scope="row">
                <a href={memberPath(member.id)}>
                  {member.lastName.toUpperCase()} {member.firstName}
                </a>
              </th>
              <td class="nowrap">{member.phone ?? ''}</td>
              <td>{member.email ?? ''}</td>
              <td>{member.city}</td>
              <td>{kindLabel(member.kind)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MembersListPage(props: { ctx: PageContext; query: string; segment: string; members: Member[]; total: number; page: number; pageCount: number }) {
  const { ctx, query, segment, members, total, page, pageCount } = props;
  const title = t('members.list.title');
  const hrefOf = (target: number) => `${LIST_PATH}?${new URLSearchParams({ ...(query ? { q: query } : {}), ...(segment !== 'all' ? { groupe: segment } : {}), page: String(target) })}`;
  const summary = query ? tPlural('members.list.count_for', total, { query }) : tPlural('members.list.count', total);
  return (
    <Page ctx={ctx} title={title} trail={backOfficeTrail([title])} noindex>
      <h1>{title}</h1>
      <p class="actions">
        <a href={NEW_MEMBER_PATH} class="button">
          {t('members.list.new')}
        </a>
        <a href={NEWS_PATH} class="button button--secondary">
          {t('news.link')}
        </a>
        <a href={RETENTION_PATH} class="button button--secondary">
          {t('retention.link')}
        </a>
      </p>
      <p>{t('members.list.intro')}</p>
      <form method="get" action={LIST_PATH} class="search-form" role="search">
        <div class="field">
          <label for="champ-q">{t('members.list.search_label')}</label>
          <input id="champ-q" name="q" type="search" value={query} class="input input--long" autocomplete="off" />
        </div>
        <div class="field">
          <label for="champ-groupe">{t('segments.label')}</label>
          <select id="champ-groupe" name="groupe" class="input input--medium">
            {SEGMENTS.map((value) => (
              <option value={value} selected={value === segment}>
                {tDynamic(`segments.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t('members.list.search_submit')}
        </button>
      </form>
      {query || segment !== 'all' ? (
        <p>
          <a href={LIST_PATH}>{t('members.list.show_all')}</a>
        </p>
      ) : null}
      <h2>{summary}</h2>
      {members.length === 0 ? (
        <p>{query ? t('members.list.none_for', { query }) : t('members.list.none')}</p>
      ) : (
        <MembersTable members={members} />
      )}
      <Pager page={page} pageCount={pageCount} hrefOf={hrefOf} />
    </Page>
  );
}

const FIELD_LABELS = {
  first_name: t('members.field.first_name'),
  last_name: t('members.field.last_name'),
  phone: t('members.field.phone'),
  email: t('members.field.email'),
  address_line: t('members.field.address_line'),
  postal_code: t('members.field.postal_code'),
  city: t('members.field.city'),
  kind: t('members.field.kind'),
  notes: t('members.field.notes'),
  needs_delivery: t('delivery.member.needs_delivery'),
  open_access: t('members.field.open_access'),
};

/** Name, contact and address fields, shared by the concierge's forms and « Mon compte ». */
export function IdentityFields({ state, withEmail }: { state: FormState; withEmail: boolean }) {
  const labels = FIELD_LABELS;
  return (
    <>
      <TextField name="first_name" label={labels.first_name} state={state} autocomplete="given-name" size="medium" required />
      <TextField name="last_name" label={labels.last_name} state={state} autocomplete="family-name" size="medium" required />
      <TextField name="phone" label={labels.phone} hint={t('members.field.phone_hint')} type="tel" inputMode="tel" autocomplete="tel" size="medium" state={state} />
      {withEmail ? (
        <TextField name="email" label={labels.email} hint={t('members.field.email_hint')} type="email" autocomplete="email" state={state} />
      ) : null}
      <TextField name="address_line" label={labels.address_line} hint={t('members.field.address_hint')} autocomplete="street-address" state={state} />
      <TextField name="postal_code" label={labels.postal_code} inputMode="numeric" autocomplete="postal-code" size="short" state={state} />
      <TextField name="city" label={labels.city} autocomplete="address-level2" size="medium" state={state} />
    </>
  );
}

function MemberFields({ state }: { state: FormState }) {
  return (
    <>
      <IdentityFields state={state} withEmail />
      <RadioGroup
        name="kind"
        label={FIELD_LABELS.kind}
        state={state}
        options={MEMBER_KINDS.map((kind) => [kind, kindLabel(kind)])}
        defaultValue="resident"
        required
      />
      <Checkbox name="needs_delivery" label={FIELD_LABELS.needs_delivery} hint={t('delivery.member.needs_delivery_hint')} state={state} />
      <TextArea name="notes" label={FIELD_LABELS.notes} hint={t('members.field.notes_hint')} state={state} rows={4} />
    </>
  );
}

export function NewMemberPage({ ctx, state }: { ctx: PageContext; state: FormState }) {
  const title = t('members.new.title');
  return (
    <Page ctx={ctx} title={title} trail={backOfficeTrail([t('members.list.title'), LIST_PATH], [title])} noindex>
      <h1>{title}</h1>
      <p>{t('members.new.intro')}</p>
      <p class="muted">{t('form.required_hint')}</p>
      <Form ctx={ctx} action={NEW_MEMBER_PATH} state={state} labels={FIELD_LABELS}>
        <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />
        <MemberFields state={state} />
        <Checkbox name="open_access" label={FIELD_LABELS.open_access} hint={t('members.field.open_access_hint')} state={state} />
        <SubmitButton>{t('members.new.submit')}</SubmitButton>
      </Form>
    </Page>
  );
}

export function EditMemberPage({ ctx, member, state, hasAccess }: { ctx: PageContext; member: Member; state: FormState; hasAccess: boolean }) {
  const title = t('members.edit.title');
  const cardPath = memberPath(member.id);
  return (
    <Page ctx={ctx} title={title} trail={backOfficeTrail([t('members.list.title'), LIST_PATH], [fullName(member), cardPath], [title])} noindex>
      <h1>{title}</h1>
      {hasAccess ? <p class="panel">{t('members.edit.access_note')}</p> : null}
      <p class="muted">{t('form.required_hint')}</p>
      <Form ctx={ctx} action={editMemberPath(member.id)} state={state} labels={FIELD_LABELS}>
        <MemberFields state={state} />
        <div class="actions">
          <SubmitButton>{t('form.save')}</SubmitButton>
          <a href={cardPath}>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}

function Missing() {
  return <span class="muted">{t('members.card.none')}</span>;
}

function AccessSection({ ctx, member, access }: { ctx: PageContext; member: Member; access: SiteAccess | null }) {
  if (!access) {
    return (
      <section aria-labelledby="acces" class="panel">
        <h2 id="acces">{t('members.card.access_title')}</h2>
        <p>{t('members.card.no_access')}</p>
        {member.email ? <ActionButton ctx={ctx} action={memberAccessPath(member.id, 'acces')} label={t('members.card.open_access')} /> : <p>{t('members.card.no_access_needs_email')}</p>}
      </section>
    );
  }
  const state = access.disabled ? t('members.card.access_disabled') : access.activated ? t('members.card.access_active') : t('members.card.access_invited');
  return (
    <section aria-labelledby="acces" class="panel">
      <h2 id="acces">{t('members.card.access_title')}</h2>
      <dl class="facts">
        <dt>{t('members.card.access_login')}</dt>
        <dd>{access.email}</dd>
        <dt>{t('members.card.access_state')}</dt>
        <dd>{state}</dd>
        <dt>{t('members.card.last_login')}</dt>
        <dd>{access.lastLoginAt ? formatDateTime(access.lastLoginAt, ctx.timeZone) : t('members.card.never')}</dd>
      </dl>
      {access.disabled ? (
        <ActionButton ctx={ctx} action={memberAccessPath(member.id, 'acces/reactiver')} label={t('members.card.enable')} />
      ) : (
        <>
          {/* Once the member chose a password, no sheet may carry a link to choose another. */}
          {access.activated ? null : <p class="muted">{t('members.card.print_invitation_hint')}</p>}
          <div class="actions">
            {access.activated ? null : <ActionButton ctx={ctx} action={memberAccessPath(member.id, 'acces/invitation')} label={t('members.card.print_invitation')} />}
            <ActionButton ctx={ctx} action={memberAccessPath(member.id, 'acces/desactiver')} label={t('members.card.disable')} danger />
          </div>
        </>
      )}
    </section>
  );
}

export function MemberCardPage(props: { ctx: PageContext; member: Member; access: SiteAccess | null; company?: { id: string; name: string } | null; privacy?: ComponentChildren }) {
  const { ctx, member, access, company, privacy } = props;
  if (member.erasedAt) return <ErasedMemberPage ctx={ctx} member={member} />;
  const name = fullName(member);
  const address = addressText(member);
  return (
    <Page ctx={ctx} title={name} trail={backOfficeTrail([t('members.list.title'), LIST_PATH], [name])} noindex>
      <h1>{name}</h1>
      <h2>{t('members.card.contact')}</h2>
      <dl class="facts">
        <dt>{t('members.field.phone')}</dt>
        <dd>{member.phone ? <a href={telHref(member.phone)} class="nowrap">{formatPhone(member.phone)}</a> : <Missing />}</dd>
        <dt>{t('members.field.email')}</dt>
        <dd>{member.email ? <a href={`mailto:${member.email}`}>{member.email}</a> : <Missing />}</dd>
        <dt>{t('members.card.address')}</dt>
        <dd>{address || <Missing />}</dd>
        <dt>{t('members.card.kind')}</dt>
        <dd>{kindLabel(member.kind)}</dd>
        <dt>{t('delivery.member.home')}</dt>
        <dd>{member.needsDelivery ? t('delivery.member.needed') : t('delivery.member.no_need')}</dd>
        {company ? (
          <>
            <dt>{t('delivery.member.company')}</dt>
            <dd>
              <a href={companyPath(company.id)}>{company.name}</a>
            </dd>
          </>
        ) : null}
        <dt>{t('members.card.registered')}</dt>
        <dd>{formatDate(member.createdAt, ctx.timeZone)}</dd>
      </dl>
      {member.notes ? (
        <>
          <h2>{t('members.card.notes')}</h2>
          <p class="pre-line">{member.notes}</p>
        </>
      ) : null}
      <p class="actions">
        <a href={editMemberPath(member.id)} class="button button--secondary">
          {t('members.card.edit')}
        </a>
      </p>
      <AccessSection ctx={ctx} member={member} access={access} />
      {privacy}
    </Page>
  );
}

/** An erased member: a row kept for the figures, with nothing to show or change. */
function ErasedMemberPage({ ctx, member }: { ctx: PageContext; member: Member }) {
  const name = t('erasure.replacement');
  return (
    <Page ctx={ctx} title={name} trail={backOfficeTrail([t('members.list.title'), LIST_PATH], [name])} noindex>
      <h1>{name}</h1>
      <p class="panel">{t('erasure.card.erased', { date: formatDate(member.erasedAt!, ctx.timeZone) })}</p>
    </Page>
  );
}

/**
 * `highlight`: what another area puts first (the next order to collect); `contactOf`: the
 * company whose contact this member is, which earns a link to its employees' use of the service.
 */
export function AccountPage(props: { ctx: PageContext; member: Member | null; highlight?: ComponentChildren; contactOf?: Company | null; privacy?: ComponentChildren }) {
  const { ctx, member, highlight, contactOf, privacy } = props;
  const account = ctx.account!;
  const title = t('account.title');
  const phone = ctx.conciergerie.phone;
  return (
    <Page ctx={ctx} title={title} trail={[[t('nav.home'), '/'], [title]]} noindex>
      <h1>{title}</h1>
      {highlight}
      <p class="lead">{t('account.intro')}</p>
      <dl class="facts">
        <dt>{t('account.name')}</dt>
        <dd>{member ? fullName(member) : account.displayName}</dd>
        <dt>{t('account.email')}</dt>
        <dd>{account.email}</dd>
        {member ? (
          <>
            <dt>{t('account.phone')}</dt>
            <dd>{member.phone ? formatPhone(member.phone) : <Missing />}</dd>
            <dt>{t('account.address')}</dt>
            <dd>{addressText(member) || <Missing />}</dd>
          </>
        ) : null}
      </dl>
      {member ? (
        <p class="actions">
          <a href={OWN_ORDERS_PATH} class="button">
            {t('myorders.title')}
          </a>
          <a href={OWN_REQUESTS_PATH} class="button button--secondary">
            {t('requests.own.title')}
          </a>
          <a href={EDIT_OWN_DETAILS_PATH} class="button button--secondary">
            {t('account.edit')}
          </a>
          <a href={RESET_REQUEST_PATH} class="button button--secondary">
            {t('account.password')}
          </a>
          {contactOf ? (
            <a href={OWN_COMPANY_USAGE_PATH} class="button button--secondary">
              {t('company_usage.link')}
            </a>
          ) : null}
        </p>
      ) : (
        <>
          <p class="panel">{t('account.no_member', { phone })}</p>
          <p>
            <a href={RESET_REQUEST_PATH}>{t('account.password')}</a>
          </p>
        </>
      )}
      {privacy}
      <p class="muted">{t('account.email_note', { phone })}</p>
    </Page>
  );
}

export function EditOwnDetailsPage({ ctx, state }: { ctx: PageContext; state: FormState }) {
  const title = t('account.edit_title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('nav.home'), '/'], [t('account.title'), ACCOUNT_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p class="muted">{t('form.required_hint')}</p>
      <Form ctx={ctx} action={EDIT_OWN_DETAILS_PATH} state={state} labels={FIELD_LABELS}>
        <IdentityFields state={state} withEmail={false} />
        <div class="actions">
          <SubmitButton>{t('form.save')}</SubmitButton>
          <a href={ACCOUNT_PATH}>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}
