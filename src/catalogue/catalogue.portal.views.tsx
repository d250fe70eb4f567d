// The merchant's pages: the storefront overview, the offer form, withdrawing an offer and the
// storefront's presentation.
import type { ComponentChildren } from 'preact';
import { t } from '../platform/i18n/index.ts';
import { centsToInput } from '../platform/money.ts';
import type { FormValues } from '../platform/forms.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import { Checkbox, FileField, Form, HiddenField, RadioGroup, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../ui/forms.tsx';
import type { Shop } from '../shops/index.ts';
import type { Offer } from './catalogue.repository.ts';
import { DEFAULT_LOAD_CLASS, FORM_AVAILABILITIES, LOAD_CLASSES, MAX_OFFERS_PER_SHOP, VAT_RATES_BP, loadClassLabel } from './catalogue.rules.ts';
import type { ShopOverview } from './catalogue.portal.service.ts';
import { AvailabilityBadge, Photo, PriceLine } from './catalogue.components.tsx';
import { newOfferPath, offerActionPath, offerEditPath, portalShopPath, publicShopPath, storefrontEditPath } from './catalogue.paths.ts';
import { PHOTO_GUIDE_PATH } from './catalogue.paths.ts';
import { portalPagePath } from '../platform/paths.ts';

const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp';

function portalTrail(shop: Shop, current?: string): Array<[string, string?]> {
  return current ? [[t('portal.breadcrumb'), portalShopPath(shop.id)], [current]] : [[t('portal.breadcrumb')]];
}

/** A one-button form whose label names the offer for screen readers (« Monter : Plateau… »). */
function OfferAction({ ctx, action, label, title, danger }: { ctx: PageContext; action: string; label: string; title: string; danger?: boolean }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <button type="submit" class={danger ? 'button button--danger' : 'button button--secondary'}>
        {label}
        <span class="visually-hidden">{t('portal.offer_suffix', { title })}</span>
      </button>
    </form>
  );
}

function OfferRow({ ctx, shopId, offer, first, last }: { ctx: PageContext; shopId: string; offer: Offer; first: boolean; last: boolean }) {
  const base = offerEditPath(shopId, offer.id);
  return (
    <li class="offer-row" id={`offre-${offer.id}`}>
      <div class="offer-row__photo">
        <Photo imageId={offer.imageId} alt={offer.title} width={160} height={120} />
      </div>
      <div class="offer-row__body">
        <h3>{offer.title}</h3>
        <PriceLine offer={offer} />
        <p>
          <AvailabilityBadge offer={offer} />
        </p>
        <p>{t('offer.load.line', { label: loadClassLabel(offer.loadClass) })}</p>
        <div class="actions">
          <a href={base} class="button">
            {t('portal.edit')}
            <span class="visually-hidden">{t('portal.offer_suffix', { title: offer.title })}</span>
          </a>
          {first ? null : <OfferAction ctx={ctx} action={offerActionPath(shopId, offer.id, 'monter')} label={t('portal.move_up')} title={offer.title} />}
          {last ? null : <OfferAction ctx={ctx} action={offerActionPath(shopId, offer.id, 'descendre')} label={t('portal.move_down')} title={offer.title} />}
          {offer.availability === 'paused' ? (
            <OfferAction ctx={ctx} action={offerActionPath(shopId, offer.id, 'reprendre')} label={t('portal.resume')} title={offer.title} />
          ) : (
            <OfferAction ctx={ctx} action={offerActionPath(shopId, offer.id, 'pause')} label={t('portal.pause')} title={offer.title} />
          )}
          <a href={offerActionPath(shopId, offer.id, 'retirer')} class="button button--secondary">
            {t('portal.withdraw')}
            <span class="visually-hidden">{t('portal.offer_suffix', { title: offer.title })}</span>
          </a>
        </div>
      </div>
    </li>
  );
}

/** The merchant's home; `summary` (what waits, from orders) comes right under the title. */
export function OverviewView({ ctx, overview, summary }: { ctx: PageContext; overview: ShopOverview; summary?: ComponentChildren }) {
  const { shop, offers, canAdd } = overview;
  const title = t(ctx.account?.role === 'concierge' ? 'portal.title_concierge' : 'portal.title', { name: shop.tradeName });
  return (
    <Page ctx={ctx} title={title} trail={portalTrail(shop)} noindex>
      <h1>{title}</h1>
      {summary}
      {shop.stage === 'member' ? null : <p class="panel">{t('portal.not_public')}</p>}
      <ul class="portal-links">
        {shop.stage === 'member' ? (
          <li>
            <a href={publicShopPath(shop.id)}>{t('portal.see_public')}</a>
          </li>
        ) : null}
        <li>
          <a href={portalPagePath(shop.id, 'commandes')}>{t('portal.orders.link')}</a>
        </li>
        <li>
          <a href={portalPagePath(shop.id, 'solde')}>{t('settlement.shop.link')}</a>
        </li>
        <li>
          <a href={portalPagePath(shop.id, 'reglement')}>{t('terms.merchant_link')}</a>
        </li>
        <li>
          <a href={portalPagePath(shop.id, 'releves')}>{t('portal.money.statements')}</a>
        </li>
        <li>
          <a href={portalPagePath(shop.id, 'factures')}>{t('portal.money.invoices')}</a>
        </li>
        <li>
          <a href={portalPagePath(shop.id, 'virements')}>{t('portal.money.payouts')}</a>
        </li>
        <li>
          <a href={storefrontEditPath(shop.id)}>{t('portal.edit_storefront')}</a>
        </li>
        <li>
          <a href={portalPagePath(shop.id, 'horaires')}>{t('portal.edit_hours')}</a>
        </li>
      </ul>
      <h2>{t('portal.offers_title', { count: offers.length, max: MAX_OFFERS_PER_SHOP })}</h2>
      <p>{t('portal.offers_lead')}</p>
      {canAdd ? (
        <p>
          <a href={newOfferPath(shop.id)} class="button">
            {t('portal.add_offer')}
          </a>
        </p>
      ) : (
        <p class="panel">{t('portal.limit_reached', { max: MAX_OFFERS_PER_SHOP })}</p>
      )}
      {offers.length === 0 ? (
        <p>{t('portal.no_offers')}</p>
      ) : (
        <ol class="offer-rows">
          {offers.map((offer, index) => (
            <OfferRow ctx={ctx} shopId={shop.id} offer={offer} first={index === 0} last={index === offers.length - 1} />
          ))}
        </ol>
      )}
    </Page>
  );
}

/** The form's strings for an existing offer. */
export function offerFormValues(offer: Offer): FormValues {
  return {
    title: offer.title,
    description: offer.description,
    price: centsToInput(offer.priceCents),
    vat_rate: String(offer.vatRateBp),
    unit: offer.unit,
    measure_amount: offer.measureAmount === null ? '' : String(offer.measureAmount),
    measure_unit: offer.measureUnit ?? '',
    availability: offer.availability,
    lead_time_days: offer.leadTimeDays > 0 ? String(offer.leadTimeDays) : '',
    load_class: offer.loadClass,
  };
}

export function offerFormLabels(): Record<string, string> {
  return {
    title: t('offer_form.title'),
    description: t('offer_form.description'),
    price: t('offer_form.price'),
    vat_rate: t('offer_form.vat_rate'),
    unit: t('offer_form.unit'),
    measure_amount: t('offer_form.measure_amount'),
    measure_unit: t('offer_form.measure_unit'),
    availability: t('offer_form.availability'),
    lead_time_days: t('offer_form.lead_time_days'),
    load_class: t('offer_form.load_class'),
    photo: t('offer_form.photo'),
  };
}

interface OfferFormProps {
  ctx: PageContext;
  shop: Shop;
  state: FormState;
  /** The offer being changed; none when adding one. */
  offer?: Offer;
  idempotencyKey?: string;
  maxPhotoLabel: string;
}

export function OfferFormView({ ctx, shop, state, offer, idempotencyKey, maxPhotoLabel }: OfferFormProps) {
  const title = offer ? t('offer_form.edit_title', { title: offer.title }) : t('offer_form.new_title');
  const labels = offerFormLabels();
  const action = offer ? offerEditPath(shop.id, offer.id) : newOfferPath(shop.id);
  return (
    <Page ctx={ctx} title={title} trail={portalTrail(shop, offer ? offer.title : t('offer_form.new_title'))} noindex>
      <h1>{title}</h1>
      <p>{t('form.required_hint')}</p>
      <Form ctx={ctx} action={action} state={state} labels={labels} multipart>
        {idempotencyKey ? <HiddenField name="idempotency_key" value={idempotencyKey} /> : null}
        <TextField name="title" label={labels.title} hint={t('offer_form.title_hint')} state={state} required />
        <TextArea name="description" label={labels.description} hint={t('offer_form.description_hint')} state={state} />
        <TextField name="price" label={labels.price} hint={t('offer_form.price_hint')} state={state} inputMode="decimal" size="short" required />
        <RadioGroup name="vat_rate" label={labels.vat_rate} state={state} required options={VAT_RATES_BP.map((rate) => [String(rate), t(`offer_form.vat_${rate}`)])} />
        <TextField name="unit" label={labels.unit} hint={t('offer_form.unit_hint')} state={state} required />
        <TextField name="measure_amount" label={labels.measure_amount} hint={t('offer_form.measure_amount_hint')} state={state} inputMode="numeric" size="short" />
        <SelectField
          name="measure_unit"
          label={labels.measure_unit}
          state={state}
          placeholder={t('offer_form.measure_none')}
          options={[
            ['g', t('offer_form.measure_g')],
            ['ml', t('offer_form.measure_ml')],
          ]}
        />
        <RadioGroup
          name="availability"
          label={labels.availability}
          state={state}
          required
          defaultValue="in_stock"
          options={FORM_AVAILABILITIES.map((availability) => [availability, t(`offer_form.${availability}`)])}
        />
        <TextField name="lead_time_days" label={labels.lead_time_days} hint={t('offer_form.lead_time_hint')} state={state} inputMode="numeric" size="short" />
        <RadioGroup
          name="load_class"
          label={labels.load_class}
          hint={t('offer_form.load_class_hint')}
          state={state}
          required
          defaultValue={DEFAULT_LOAD_CLASS}
          options={LOAD_CLASSES.map((loadClass) => [loadClass, t(`offer_form.load_${loadClass}`)])}
        />
        {offer?.imageId ? <CurrentPhoto imageId={offer.imageId} alt={offer.title} state={state} /> : null}
        <p>
          <a href={PHOTO_GUIDE_PATH} target="_blank">
            {t('photo_guide.link')}
          </a>
        </p>
        <FileField name="photo" label={labels.photo} hint={t('offer_form.photo_hint', { max: maxPhotoLabel })} state={state} accept={PHOTO_ACCEPT} />
        <div class="actions">
          <SubmitButton>{offer ? t('offer_form.submit_edit') : t('offer_form.submit_new')}</SubmitButton>
          <a href={portalShopPath(shop.id)}>{t('offer_form.back')}</a>
        </div>
      </Form>
    </Page>
  );
}

function CurrentPhoto({ imageId, alt, state }: { imageId: string; alt: string; state: FormState }) {
  return (
    <div class="field current-photo">
      <p>
        <strong>{t('offer_form.current_photo')}</strong>
      </p>
      <Photo imageId={imageId} alt={alt} width={320} height={240} />
      <Checkbox name="remove_photo" label={t('offer_form.remove_photo')} state={state} />
    </div>
  );
}

export function WithdrawView({ ctx, shop, offer }: { ctx: PageContext; shop: Shop; offer: Offer }) {
  const title = t('withdraw.title', { title: offer.title });
  return (
    <Page ctx={ctx} title={title} trail={portalTrail(shop, offer.title)} noindex>
      <h1>{title}</h1>
      <p>{t('withdraw.explain')}</p>
      <div class="actions">
        <form method="post" action={offerActionPath(shop.id, offer.id, 'retirer')} class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button type="submit" class="button button--danger">
            {t('withdraw.confirm')}
          </button>
        </form>
        <a href={portalShopPath(shop.id)}>{t('withdraw.cancel')}</a>
      </div>
    </Page>
  );
}

export function storefrontFormValues(shop: Shop): FormValues {
  return { description: shop.description, phone: shop.phone ?? '', email: shop.email ?? '' };
}

export function StorefrontFormView({ ctx, shop, state, maxPhotoLabel }: { ctx: PageContext; shop: Shop; state: FormState; maxPhotoLabel: string }) {
  const title = t('storefront_form.title');
  const labels = {
    description: t('storefront_form.description'),
    phone: t('storefront_form.phone'),
    email: t('storefront_form.email'),
    photo: t('storefront_form.photo'),
  };
  return (
    <Page ctx={ctx} title={`${title} — ${shop.tradeName}`} trail={portalTrail(shop, title)} noindex>
      <h1>{title}</h1>
      <p>{t('storefront_form.lead')}</p>
      <Form ctx={ctx} action={storefrontEditPath(shop.id)} state={state} labels={labels} multipart>
        <TextArea name="description" label={labels.description} hint={t('storefront_form.description_hint')} state={state} rows={6} />
        <TextField name="phone" label={labels.phone} type="tel" autocomplete="tel" state={state} size="medium" />
        <TextField name="email" label={labels.email} type="email" autocomplete="email" state={state} />
        {shop.imageId ? <CurrentPhoto imageId={shop.imageId} alt={shop.tradeName} state={state} /> : null}
        <FileField name="photo" label={labels.photo} hint={t('offer_form.photo_hint', { max: maxPhotoLabel })} state={state} accept={PHOTO_ACCEPT} />
        <div class="actions">
          <SubmitButton>{t('storefront_form.submit')}</SubmitButton>
          <a href={portalShopPath(shop.id)}>{t('offer_form.back')}</a>
        </div>
      </Form>
    </Page>
  );
}
