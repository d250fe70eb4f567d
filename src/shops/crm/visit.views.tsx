// The « visite » screen, made for a phone in the shop: one thing per page, big buttons.
// First the visit (who was met, what was said, what came of it, when to come back), then the
// product photos taken on the spot.
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { FieldError, Form, HiddenField, SelectField, TextArea, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import type { Shop } from '../shops.repository.ts';
import { shopPath } from '../shops.paths.ts';
import { visitPath, visitPhotosPath } from './crm.paths.ts';
import { outcomeOptions, reasonOptions } from './crm.views.tsx';
import type { ShopTask } from './tasks.repository.ts';
import type { Campaign } from './campaigns.repository.ts';

export interface VisitPageProps {
  ctx: PageContext;
  shop: Shop;
  state: FormState;
  /** The follow-up this visit settles, when the concierge came from it. */
  task: ShopTask | null;
  campaign: Campaign | null;
}

export function VisitPage({ ctx, shop, state, task, campaign }: VisitPageProps) {
  const title = t('crm.visit.title', { shop: shop.tradeName });
  const labels = { met: t('crm.visit.met'), notes: t('crm.visit.notes'), outcome: t('crm.visit.outcome'), reason: t('crm.log.reason'), next_date: t('crm.visit.next_date'), next_title: t('crm.visit.next_title') };
  return (
    <Page ctx={ctx} title={title} noindex>
      <div class="visit">
        <p class="visit__step">{t('crm.visit.step', { step: 1, of: 2 })}</p>
        <h1>{title}</h1>
        {campaign ? <p>{t('crm.visit.for_campaign', { name: campaign.name })}</p> : null}
        {task ? <p class="panel">{t('crm.visit.settles', { title: task.title })}</p> : null}
        <Form ctx={ctx} action={visitPath(shop.id)} state={state} labels={labels}>
          {task ? <HiddenField name="task_id" value={task.id} /> : null}
          {campaign ? <HiddenField name="campaign_id" value={campaign.id} /> : null}
          <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />
          <TextField name="met" label={labels.met} state={state} hint={t('crm.visit.met_hint')} autocomplete="off" />
          <TextArea name="notes" label={labels.notes} state={state} rows={4} />
          <SelectField name="outcome" label={labels.outcome} state={state} options={outcomeOptions()} required />
          <SelectField name="reason" label={labels.reason} state={state} options={reasonOptions()} placeholder={t('crm.reason_placeholder')} hint={t('crm.log.reason_hint')} />
          <fieldset class="panel">
            <legend>{t('crm.visit.next_legend')}</legend>
            <TextField name="next_title" label={labels.next_title} state={state} />
            <TextField name="next_date" label={labels.next_date} state={state} hint={t('crm.visit.next_hint')} size="short" inputMode="numeric" />
          </fieldset>
          <button type="submit" class="button button--large visit__button">
            {t('crm.visit.save')}
          </button>
        </Form>
        <p>
          <a href={shopPath(shop.id)}>{t('crm.back_to_shop', { shop: shop.tradeName })}</a>
        </p>
      </div>
    </Page>
  );
}

export function VisitPhotosPage({ ctx, shop, state, maxPhotos }: { ctx: PageContext; shop: Shop; state: FormState; maxPhotos: number }) {
  const title = t('crm.photos.page_title');
  return (
    <Page ctx={ctx} title={`${title} — ${shop.tradeName}`} noindex>
      <div class="visit">
        <p class="visit__step">{t('crm.visit.step', { step: 2, of: 2 })}</p>
        <h1>{title}</h1>
        <p class="lead">{t('crm.photos.page_lead', { shop: shop.tradeName, max: maxPhotos })}</p>
        <Form ctx={ctx} action={visitPhotosPath(shop.id)} state={state} multipart labels={{ photos: t('crm.photos.field') }}>
          <PhotosField state={state} />
          <button type="submit" class="button button--large visit__button">
            {t('crm.photos.send')}
          </button>
        </Form>
        <p>
          <a href={shopPath(shop.id)} class="button button--secondary button--large visit__button">
            {t('crm.photos.skip')}
          </a>
        </p>
      </div>
    </Page>
  );
}

/** The phone's camera, several shots at once: `capture` opens the back camera on a phone. */
function PhotosField({ state }: { state: FormState }) {
  const error = state.errors.photos;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for="champ-photos">{t('crm.photos.field')}</label>
      <p class="field__hint" id="aide-photos">
        {t('crm.photos.hint')}
      </p>
      <FieldError field="photos" message={error} />
      <input
        id="champ-photos"
        name="photos"
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        class="input input--file"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'aide-photos erreur-photos' : 'aide-photos'}
      />
    </div>
  );
}
