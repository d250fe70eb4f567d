// Canvassing campaigns: the list with their progress, the form of a new one, and a campaign's
// page with its figures and its table of target shops.
import { formatLocalDate } from '../../platform/calendar.ts';
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';
import { Form, HiddenField, SelectField, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import type { Category } from '../shops.repository.ts';
import { SHOP_STAGES } from '../shops.rules.ts';
import { shopPath } from '../shops.paths.ts';
import { CAMPAIGNS_PATH, NEW_CAMPAIGN_PATH, campaignPath, visitPath } from './crm.paths.ts';
import type { CampaignPage, CampaignResult } from './campaigns.service.ts';
import { reasonName, stageName } from './crm.views.tsx';

const trail = (last?: string): Array<[string, string] | [string]> =>
  last ? [[t('shops.trail.backoffice'), BACKOFFICE_PATH], [t('crm.campaigns.title'), CAMPAIGNS_PATH], [last]] : [[t('shops.trail.backoffice'), BACKOFFICE_PATH], [t('crm.campaigns.title')]];

function period(result: CampaignResult): string {
  return t('crm.campaigns.period', { from: formatLocalDate(result.startsOn), to: formatLocalDate(result.endsOn) });
}

export function CampaignsPage({ ctx, campaigns }: { ctx: PageContext; campaigns: CampaignResult[] }) {
  const title = t('crm.campaigns.title');
  return (
    <Page ctx={ctx} title={title} trail={trail()} noindex>
      <h1>{title}</h1>
      {ctx.account?.role === 'concierge' ? (
        <p>
          <a href={NEW_CAMPAIGN_PATH} class="button">
            {t('crm.campaigns.add')}
          </a>
        </p>
      ) : null}
      {campaigns.length === 0 ? (
        <p class="muted">{t('crm.campaigns.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table ledger-table--stack">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('crm.campaigns.col_name')}</th>
                <th scope="col">{t('crm.campaigns.targets')}</th>
                <th scope="col">{t('crm.campaigns.contacted')}</th>
                <th scope="col">{t('crm.campaigns.in_talks')}</th>
                <th scope="col">{t('crm.campaigns.joined')}</th>
                <th scope="col">{t('crm.campaigns.declined')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((campaign) => (
                <tr>
                  <th scope="row" data-label={t('crm.campaigns.col_name')}>
                    <a href={campaignPath(campaign.id)}>{campaign.name}</a>
                    <br />
                    <span class="muted">{period(campaign)}</span>
                  </th>
                  <td data-label={t('crm.campaigns.targets')}>{campaign.targets}</td>
                  <td data-label={t('crm.campaigns.contacted')}>{campaign.contacted}</td>
                  <td data-label={t('crm.campaigns.in_talks')}>{campaign.inTalks}</td>
                  <td data-label={t('crm.campaigns.joined')}>{campaign.joined}</td>
                  <td data-label={t('crm.campaigns.declined')}>{campaign.declined}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

export function NewCampaignPage({ ctx, state, categories }: { ctx: PageContext; state: FormState; categories: Category[] }) {
  const title = t('crm.campaigns.add_title');
  const labels = { name: t('crm.campaigns.name'), starts_on: t('crm.campaigns.starts_on'), ends_on: t('crm.campaigns.ends_on'), stages: t('crm.campaigns.stages'), category: t('crm.campaigns.category') };
  const picked = (state.values.stages ?? 'prospect,contacted').split(',');
  const stagesError = state.errors.stages;
  return (
    <Page ctx={ctx} title={title} trail={trail(title)} noindex>
      <h1>{title}</h1>
      <Form ctx={ctx} action={NEW_CAMPAIGN_PATH} state={state} labels={labels}>
        <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />
        <TextField name="name" label={labels.name} state={state} required />
        <TextField name="starts_on" label={labels.starts_on} state={state} hint={t('crm.date_hint')} size="short" required inputMode="numeric" />
        <TextField name="ends_on" label={labels.ends_on} state={state} hint={t('crm.date_hint')} size="short" required inputMode="numeric" />
        <fieldset class={stagesError ? 'field field--error' : 'field'} id="champ-stages" aria-describedby={stagesError ? 'aide-stages erreur-stages' : 'aide-stages'}>
          <legend>{labels.stages}</legend>
          <p class="field__hint" id="aide-stages">
            {t('crm.campaigns.stages_hint')}
          </p>
          {stagesError ? (
            <p class="field__error" id="erreur-stages">
              {stagesError}
            </p>
          ) : null}
          {SHOP_STAGES.filter((stage) => stage !== 'do_not_contact').map((stage) => (
            <div class="field--checkbox">
              <input type="checkbox" id={`champ-stages-${stage}`} name="stages" value={stage} checked={picked.includes(stage)} />
              <label for={`champ-stages-${stage}`}>{stageName(stage)}</label>
            </div>
          ))}
        </fieldset>
        <SelectField name="category" label={labels.category} state={state} options={categories.map((category) => [category.code, category.label])} placeholder={t('crm.campaigns.all_categories')} />
        <SubmitButton>{t('crm.campaigns.save')}</SubmitButton>
      </Form>
    </Page>
  );
}

export function CampaignDetailPage({ ctx, page }: { ctx: PageContext; page: CampaignPage }) {
  const { result, targets } = page;
  const reasons = Object.entries(result.declinedReasons).sort((a, b) => b[1] - a[1]);
  return (
    <Page ctx={ctx} title={result.name} trail={trail(result.name)} noindex>
      <h1>{result.name}</h1>
      <p class="lead">{period(result)}</p>
      <dl class="facts">
        <dt>{t('crm.campaigns.targets')}</dt>
        <dd>{result.targets}</dd>
        <dt>{t('crm.campaigns.contacted')}</dt>
        <dd>{result.contacted}</dd>
        <dt>{t('crm.campaigns.in_talks')}</dt>
        <dd>{result.inTalks}</dd>
        <dt>{t('crm.campaigns.joined')}</dt>
        <dd>{result.joined}</dd>
        <dt>{t('crm.campaigns.declined')}</dt>
        <dd>{result.declined}</dd>
      </dl>
      {reasons.length > 0 ? (
        <>
          <h2>{t('crm.campaigns.reasons')}</h2>
          <ul>
            {reasons.map(([reason, count]) => (
              <li>
                {t("crm.campaigns.reason_count", { reason: reasonName(reason), count })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('crm.campaigns.shops')}</h2>
      <div class="table-wrap">
        <table class="table ledger-table--stack">
          <caption class="visually-hidden">{t('crm.campaigns.shops')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('crm.campaigns.col_shop')}</th>
              <th scope="col">{t('crm.campaigns.col_stage')}</th>
              {ctx.account?.role === 'concierge' ? <th scope="col">{t('crm.campaigns.col_action')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {targets.map((target) => (
              <tr>
                <th scope="row" data-label={t('crm.campaigns.col_shop')}>
                  <a href={shopPath(target.shopId)}>{target.tradeName}</a>
                </th>
                <td data-label={t('crm.campaigns.col_stage')}>{stageName(target.stage)}</td>
                {ctx.account?.role === 'concierge' ? (
                  <td data-label={t('crm.campaigns.col_action')}>
                    {target.stage === 'do_not_contact' ? (
                      <span class="muted">{stageName(target.stage)}</span>
                    ) : (
                      <a href={visitPath(target.shopId, { campaignId: result.id })} aria-label={t('crm.campaigns.visit_named', { shop: target.tradeName })}>
                        {t('crm.visit.start')}
                      </a>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
