// Providers on the pages: their part of the shop form, their facts on the concierge's shop
// page and on their public page, and the page of their absences.
import { formatLocalDate } from '../platform/calendar.ts';
import { t } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { BACKOFFICE_PATH } from '../platform/paths.ts';
import { formatPhone } from '../platform/typography.ts';
import { ActionButton, Checkbox, FieldError, Form, RadioGroup, SubmitButton, TextArea, TextField, type FormState } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import { channelField, labelField, tradeField } from './providers.fields.ts';
import {
  PROVIDER_LABELS,
  PROVIDER_LABEL_CODES,
  REQUEST_CHANNELS,
  REQUEST_CHANNEL_CODES,
  TRADES,
  TRADE_CODES,
  type ProviderLabel,
  type ProviderProfile,
  type TradeCode,
} from './providers.rules.ts';
import type { AbsencesRecord } from './providers.service.ts';
import type { Shop } from './shops.repository.ts';
import { DIRECTORY_PATH, absenceRemovePath, absencesPath, shopPath } from './shops.paths.ts';

export function tradesText(trades: readonly TradeCode[]): string {
  return trades.map((code) => TRADES[code]).join(', ');
}

/** « Prestataire adhérent » or « Prestataire non adhérent »: the directory says which. */
export function providerBadgeText(stage: string): string {
  return stage === 'member' ? t('providers.badge_member') : t('providers.badge_not_member');
}

export function providerLabels(): Record<string, string> {
  return {
    kind: t('providers.form.kind'),
    trades: t('providers.form.trades'),
    labels: t('providers.form.labels'),
    area_served: t('providers.form.area_served'),
    makes_quotes: t('providers.form.makes_quotes'),
    usual_delay_days: t('providers.form.usual_delay'),
  };
}

/** A group of checkboxes under one legend, its error named by the group (`#champ-<name>`). */
function CheckboxGroup({ name, legend, hint, state, options }: { name: string; legend: string; hint: string; state: FormState; options: Array<[field: string, label: string, hint?: string]> }) {
  const error = state.errors[name];
  return (
    <fieldset class={error ? 'field field--error' : 'field'} id={`champ-${name}`} aria-describedby={[`aide-${name}`, error ? `erreur-${name}` : ''].filter(Boolean).join(' ')}>
      <legend>{legend}</legend>
      <p class="field__hint" id={`aide-${name}`}>
        {hint}
      </p>
      <FieldError field={name} message={error} />
      {options.map(([field, label, optionHint]) => (
        <Checkbox name={field} label={label} hint={optionHint} state={state} />
      ))}
    </fieldset>
  );
}

/** The provider's part of the shop form; ignored for a plain shop. */
export function ProviderFormFields({ state }: { state: FormState }) {
  const labels = providerLabels();
  return (
    <>
      <RadioGroup
        name="kind"
        label={labels.kind}
        state={state}
        defaultValue="shop"
        options={[
          ['shop', t('providers.form.kind_shop')],
          ['provider', t('providers.form.kind_provider')],
        ]}
      />
      <fieldset class="panel provider-fields">
        <legend>{t('providers.form.profile_title')}</legend>
        <p class="field__hint">{t('providers.form.profile_hint')}</p>
        <CheckboxGroup name="trades" legend={labels.trades} hint={t('providers.form.trades_hint')} state={state} options={TRADE_CODES.map((code) => [tradeField(code), TRADES[code]])} />
        <TextField name="area_served" label={labels.area_served} hint={t('providers.form.area_served_hint')} state={state} />
        <CheckboxGroup
          name="channels"
          legend={t('providers.form.channels')}
          hint={t('providers.form.channels_hint')}
          state={state}
          options={REQUEST_CHANNEL_CODES.map((code) => [channelField(code), REQUEST_CHANNELS[code]])}
        />
        <RadioGroup
          name="makes_quotes"
          label={labels.makes_quotes}
          state={state}
          defaultValue="non"
          options={[
            ['oui', t('providers.form.yes')],
            ['non', t('providers.form.no')],
          ]}
        />
        <TextField name="usual_delay_days" label={labels.usual_delay_days} hint={t('providers.form.usual_delay_hint')} state={state} inputMode="numeric" size="short" />
        <CheckboxGroup
          name="labels"
          legend={labels.labels}
          hint={t('providers.form.labels_hint')}
          state={state}
          options={PROVIDER_LABEL_CODES.map((code) => [labelField(code), PROVIDER_LABELS[code], t(`providers.form.label_hint.${code}`)])}
        />
      </fieldset>
    </>
  );
}

function delayText(days: number | null): string {
  if (days === null) return t('providers.page.not_given');
  if (days === 0) return t('providers.page.delay_none');
  return days === 1 ? t('providers.page.delay_one') : t('providers.page.delay_days', { count: days });
}

/** What each label means to the client, in plain words, when it means something to them. */
function LabelSentences({ labels }: { labels: readonly ProviderLabel[] }) {
  return (
    <>
      {labels.includes('personal_services') ? <p class="panel">{t('providers.tax_credit')}</p> : null}
      {labels.includes('repair_bonus') ? <p class="panel">{t('providers.repair_bonus')}</p> : null}
    </>
  );
}

/** The provider's facts on the concierge's shop page. */
export function ProviderSection({ ctx, shop, profile }: { ctx: PageContext; shop: Shop; profile: ProviderProfile }) {
  const none = <span class="muted">{t('providers.page.none')}</span>;
  return (
    <section aria-labelledby="prestataire">
      <h2 id="prestataire">{t('providers.page.title')}</h2>
      <p>
        <span class="badge">{providerBadgeText(shop.stage)}</span>
      </p>
      <dl class="facts">
        <dt>{t('providers.page.trades')}</dt>
        <dd>{profile.trades.length > 0 ? tradesText(profile.trades) : none}</dd>
        <dt>{t('providers.page.area_served')}</dt>
        <dd>{profile.areaServed || <span class="muted">{t('providers.page.not_given')}</span>}</dd>
        <dt>{t('providers.page.channels')}</dt>
        <dd>{profile.requestChannels.length > 0 ? profile.requestChannels.map((code) => REQUEST_CHANNELS[code]).join(', ') : none}</dd>
        <dt>{t('providers.page.quotes')}</dt>
        <dd>{profile.makesQuotes ? t('providers.page.quotes_yes') : t('providers.page.quotes_no')}</dd>
        <dt>{t('providers.page.delay')}</dt>
        <dd>{delayText(profile.usualDelayDays)}</dd>
        <dt>{t('providers.page.labels')}</dt>
        <dd>{profile.labels.length > 0 ? profile.labels.map((code) => PROVIDER_LABELS[code]).join(', ') : none}</dd>
      </dl>
      <LabelSentences labels={profile.labels} />
      {ctx.account ? (
        <p>
          <a href={absencesPath(shop.id)}>{t('providers.page.absences_link')}</a>
        </p>
      ) : null}
    </section>
  );
}

/** A member provider's public page: what it does, its labels, where it goes, and the way to reach it. */
export function PublicProviderFacts({ profile, conciergeriePhone }: { profile: ProviderProfile; conciergeriePhone: string }) {
  const phone = formatPhone(conciergeriePhone);
  return (
    <section aria-labelledby="prestations" class="provider-public">
      <h2 id="prestations">{t('providers.page.title')}</h2>
      <dl class="facts">
        <dt>{t('providers.page.trades')}</dt>
        <dd>{tradesText(profile.trades)}</dd>
        {profile.areaServed ? (
          <>
            <dt>{t('providers.page.area_served')}</dt>
            <dd>{profile.areaServed}</dd>
          </>
        ) : null}
        {profile.labels.length > 0 ? (
          <>
            <dt>{t('providers.page.labels')}</dt>
            <dd>{profile.labels.map((code) => PROVIDER_LABELS[code]).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <LabelSentences labels={profile.labels} />
      <ViaConciergerie phone={phone} />
    </section>
  );
}

/** « Pour le joindre, passez par la conciergerie au 04 42 … »: the number can be tapped and never breaks. */
function ViaConciergerie({ phone }: { phone: string }) {
  const text = t('providers.via_conciergerie', { phone });
  const at = text.indexOf(phone);
  return (
    <p class="lead">
      {text.slice(0, at)}
      <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} class="nowrap">
        {phone}
      </a>
      {text.slice(at + phone.length)}
    </p>
  );
}

// ---- absences ----

function absencesLabels(): Record<string, string> {
  return { starts_on: t('absences.starts_on'), ends_on: t('absences.ends_on'), note: t('absences.note') };
}

function AbsencesTable({ ctx, shop, record }: { ctx: PageContext; shop: Shop; record: AbsencesRecord }) {
  if (record.upcoming.length === 0) return <p>{t('absences.none')}</p>;
  const concierge = ctx.account?.role === 'concierge';
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('absences.upcoming')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('absences.col_from')}</th>
            <th scope="col">{t('absences.col_to')}</th>
            <th scope="col">{t('absences.col_note')}</th>
            {concierge ? <th scope="col">{t('absences.col_action')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {record.upcoming.map((absence) => (
            <tr>
              <td data-label={t('absences.col_from')}>{formatLocalDate(absence.startsOn)}</td>
              <td data-label={t('absences.col_to')}>{formatLocalDate(absence.endsOn)}</td>
              <td data-label={t('absences.col_note')}>{absence.note}</td>
              {concierge ? (
                <td data-label={t('absences.col_action')}>
                  <ActionButton ctx={ctx} action={absenceRemovePath(shop.id, absence.id)} label={t('absences.remove')} danger />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AbsencesPage({ ctx, shop, record, state }: { ctx: PageContext; shop: Shop; record: AbsencesRecord; state: FormState }) {
  const title = t('absences.title', { shop: shop.tradeName });
  return (
    <Page
      ctx={ctx}
      title={title}
      trail={[[t('shops.trail.backoffice'), BACKOFFICE_PATH], [t('shops.trail.directory'), DIRECTORY_PATH], [shop.tradeName, shopPath(shop.id)], [t('absences.trail')]]}
      noindex
    >
      <h1>{title}</h1>
      <p class="lead">{record.isProvider ? t('absences.lead') : t('absences.not_provider')}</p>
      <h2>{t('absences.upcoming')}</h2>
      <AbsencesTable ctx={ctx} shop={shop} record={record} />
      {ctx.account?.role === 'concierge' ? (
        <>
          <h2>{t('absences.new_title')}</h2>
          <Form ctx={ctx} action={absencesPath(shop.id)} state={state} labels={absencesLabels()}>
            <TextField name="starts_on" label={t('absences.starts_on')} hint={t('absences.date_hint')} state={state} required size="medium" />
            <TextField name="ends_on" label={t('absences.ends_on')} hint={t('absences.date_hint')} state={state} required size="medium" />
            <TextArea name="note" label={t('absences.note')} hint={t('absences.note_hint')} state={state} rows={2} />
            <SubmitButton>{t('absences.submit')}</SubmitButton>
          </Form>
        </>
      ) : null}
    </Page>
  );
}
