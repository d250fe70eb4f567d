// The concierge's pages about companies: the list, a new company, a company's card with its
// employees (add one by e-mail or phone, remove one).
import { t } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { BACKOFFICE_PATH } from '../platform/paths.ts';
import { formatPhone } from '../platform/typography.ts';
import { ActionButton, Checkbox, Form, HiddenField, RadioGroup, SubmitButton, TextField, type FormState } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import type { Company } from './members.companies.repository.ts';
import type { CompanyStop } from './members.companies.service.ts';
import { COMPANIES_PATH, NEW_COMPANY_PATH, companyEmployeesPath, companyPath, companyUsagePath, editCompanyPath, memberPath, removeEmployeePath } from './members.paths.ts';
import type { Member } from './members.repository.ts';
import { fullName } from './members.rules.ts';

function trail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], ...rest];
}

const LABELS = {
  name: t('delivery.company.name'),
  address_line: t('delivery.company.address_line'),
  postal_code: t('members.field.postal_code'),
  city: t('members.field.city'),
  contact_name: t('delivery.company.contact_name'),
  contact_phone: t('delivery.company.contact_phone'),
  contact_email: t('delivery.company.contact_email'),
  pays_delivery_fee: t('delivery.company.pays_fee'),
  place_id: t('delivery.company.stop'),
  member: t('delivery.company.add_member'),
};

function addressOf(company: Company): string {
  return `${company.addressLine}, ${company.postalCode} ${company.city}`.trim();
}

export function CompaniesListPage({ ctx, companies }: { ctx: PageContext; companies: Array<Company & { employeeCount: number }> }) {
  const title = t('delivery.company.list_title');
  return (
    <Page ctx={ctx} title={title} trail={trail([title])} noindex>
      <h1>{title}</h1>
      <p>{t('delivery.company.list_intro')}</p>
      <p>
        <a href={NEW_COMPANY_PATH} class="button">
          {t('delivery.company.new')}
        </a>
      </p>
      {companies.length === 0 ? (
        <p class="panel">{t('delivery.company.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{LABELS.name}</th>
                <th scope="col">{LABELS.contact_name}</th>
                <th scope="col">{t('delivery.company.employees')}</th>
              </tr>
            </thead>
            <tbody>
              {companies.map((company) => (
                <tr>
                  <td>
                    <a href={companyPath(company.id)}>{company.name}</a>
                  </td>
                  <td>{company.contactName}</td>
                  <td>{company.employeeCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

function CompanyFields({ state, stops }: { state: FormState; stops: readonly CompanyStop[] }) {
  return (
    <>
      <TextField name="name" label={LABELS.name} state={state} required />
      <TextField name="address_line" label={LABELS.address_line} hint={t('delivery.company.address_hint')} autocomplete="street-address" state={state} required />
      <TextField name="postal_code" label={LABELS.postal_code} inputMode="numeric" autocomplete="postal-code" size="short" state={state} />
      <TextField name="city" label={LABELS.city} autocomplete="address-level2" size="medium" state={state} />
      <TextField name="contact_name" label={LABELS.contact_name} state={state} size="medium" required />
      <TextField name="contact_phone" label={LABELS.contact_phone} type="tel" inputMode="tel" size="medium" state={state} />
      <TextField name="contact_email" label={LABELS.contact_email} type="email" state={state} />
      <RadioGroup name="place_id" label={LABELS.place_id} hint={t('delivery.company.stop_hint')} state={state} options={stops.map((stop) => [stop.id, stop.name])} defaultValue={stops[0]?.id} required />
      <Checkbox name="pays_delivery_fee" label={LABELS.pays_delivery_fee} state={state} />
    </>
  );
}

export function CompanyFormPage({ ctx, state, stops, company }: { ctx: PageContext; state: FormState; stops: readonly CompanyStop[]; company?: Company }) {
  const title = company ? t('delivery.company.edit_title', { name: company.name }) : t('delivery.company.new');
  const listTrail: [string, string] = [t('delivery.company.list_title'), COMPANIES_PATH];
  return (
    <Page ctx={ctx} title={title} trail={company ? trail(listTrail, [company.name, companyPath(company.id)], [title]) : trail(listTrail, [title])} noindex>
      <h1>{title}</h1>
      <p class="muted">{t('form.required_hint')}</p>
      {stops.length === 0 ? <p class="panel">{t('delivery.company.no_stop')}</p> : null}
      <Form ctx={ctx} action={company ? editCompanyPath(company.id) : NEW_COMPANY_PATH} state={state} labels={LABELS}>
        {company ? null : <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />}
        <CompanyFields state={state} stops={stops} />
        <div class="actions">
          <SubmitButton>{company ? t('form.save') : t('delivery.company.create')}</SubmitButton>
          <a href={company ? companyPath(company.id) : COMPANIES_PATH}>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}

export interface CompanyCardProps {
  ctx: PageContext;
  company: Company;
  employees: Member[];
  stopName: string;
  /** The add-an-employee form, with its error when one was refused. */
  state: FormState;
}

export function CompanyCardPage({ ctx, company, employees, stopName, state }: CompanyCardProps) {
  return (
    <Page ctx={ctx} title={company.name} trail={trail([t('delivery.company.list_title'), COMPANIES_PATH], [company.name])} noindex>
      <h1>{company.name}</h1>
      <dl class="facts">
        <dt>{LABELS.address_line}</dt>
        <dd>{addressOf(company)}</dd>
        <dt>{LABELS.contact_name}</dt>
        <dd>
          {company.contactName}
          {company.contactPhone ? <span class="nowrap"> — {formatPhone(company.contactPhone)}</span> : null}
          {company.contactEmail ? <> — {company.contactEmail}</> : null}
        </dd>
        <dt>{LABELS.place_id}</dt>
        <dd>{stopName}</dd>
        <dt>{t('delivery.company.fee')}</dt>
        <dd>{company.paysDeliveryFee ? t('delivery.company.fee_company') : t('delivery.company.fee_employee')}</dd>
      </dl>
      <div class="actions">
        <a href={editCompanyPath(company.id)} class="button button--secondary">
          {t('delivery.company.edit')}
        </a>
        <a href={companyUsagePath(company.id)} class="button button--secondary">
          {t('company_usage.concierge_link')}
        </a>
      </div>
      <h2 id="salaries">{t('delivery.company.employees')}</h2>
      {employees.length === 0 ? (
        <p>{t('delivery.company.no_employee')}</p>
      ) : (
        <ul class="plain-list">
          {employees.map((member) => (
            <li>
              <a href={memberPath(member.id)}>{fullName(member)}</a>{' '}
              <ActionButton ctx={ctx} action={removeEmployeePath(company.id, member.id)} label={t('delivery.company.remove', { name: fullName(member) })} danger />
            </li>
          ))}
        </ul>
      )}
      <Form ctx={ctx} action={companyEmployeesPath(company.id)} state={state} labels={LABELS}>
        <TextField name="member" label={LABELS.member} hint={t('delivery.company.add_member_hint')} state={state} size="medium" />
        <SubmitButton>{t('delivery.company.add')}</SubmitButton>
      </Form>
    </Page>
  );
}
