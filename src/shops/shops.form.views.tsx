// The form of a shop's identity: to add a shop to the directory, or to correct it.
import { t } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Form, RadioGroup, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import type { Category, Shop } from './shops.repository.ts';
import { formatSiret } from './shops.rules.ts';
import { DIRECTORY_PATH, NEW_SHOP_PATH, editShopPath, shopPath } from './shops.paths.ts';
import { BACKOFFICE_PATH } from '../platform/paths.ts';
import { ProviderFormFields, providerLabels } from './providers.views.tsx';

export function identityLabels(): Record<string, string> {
  return {
    trade_name: t('shops.form.trade_name'),
    legal_name: t('shops.form.legal_name'),
    siret: t('shops.form.siret'),
    category_code: t('shops.form.category'),
    address_line: t('shops.form.address_line'),
    postal_code: t('shops.form.postal_code'),
    city: t('shops.form.city'),
    latitude: t('shops.form.latitude'),
    longitude: t('shops.form.longitude'),
    phone: t('shops.form.phone'),
    email: t('shops.form.email'),
    description: t('shops.form.description'),
    independent: t('shops.form.independent'),
    ...providerLabels(),
  };
}

/** The saved identity as form values, for the edit form's first display. */
export function identityValues(shop: Shop): Record<string, string> {
  const degrees = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));
  return {
    trade_name: shop.tradeName,
    legal_name: shop.legalName,
    siret: shop.siret ? formatSiret(shop.siret) : '',
    category_code: shop.categoryCode,
    address_line: shop.addressLine,
    postal_code: shop.postalCode,
    city: shop.city,
    latitude: degrees(shop.latitude),
    longitude: degrees(shop.longitude),
    phone: shop.phone ?? '',
    email: shop.email ?? '',
    description: shop.description,
  };
}

function IdentityFields({ state, categories }: { state: FormState; categories: Category[] }) {
  const labels = identityLabels();
  return (
    <>
      <TextField name="trade_name" label={labels.trade_name} state={state} required autocomplete="organization" />
      <TextField name="legal_name" label={labels.legal_name} hint={t('shops.form.legal_name_hint')} state={state} required />
      <TextField name="siret" label={labels.siret} hint={t('shops.form.siret_hint')} state={state} inputMode="numeric" size="medium" />
      <SelectField
        name="category_code"
        label={labels.category_code}
        state={state}
        required
        placeholder={t('shops.form.category_choose')}
        options={categories.map((category) => [category.code, category.label])}
      />
      <TextField name="address_line" label={labels.address_line} hint={t('shops.form.address_hint')} state={state} required autocomplete="street-address" />
      <TextField name="postal_code" label={labels.postal_code} state={state} required inputMode="numeric" size="short" autocomplete="postal-code" />
      <TextField name="city" label={labels.city} state={state} required size="medium" autocomplete="address-level2" />
      <TextField name="latitude" label={labels.latitude} hint={t('shops.form.coordinates_hint')} state={state} inputMode="decimal" size="medium" />
      <TextField name="longitude" label={labels.longitude} hint={t('shops.form.coordinates_hint')} state={state} inputMode="decimal" size="medium" />
      <TextField name="phone" label={labels.phone} hint={t('shops.form.phone_hint')} type="tel" state={state} size="medium" />
      <TextField name="email" label={labels.email} hint={t('shops.form.email_hint')} type="email" state={state} />
      <TextArea name="description" label={labels.description} hint={t('shops.form.description_hint')} state={state} />
      <ProviderFormFields state={state} />
    </>
  );
}

export function NewShopPage({ ctx, state, categories }: { ctx: PageContext; state: FormState; categories: Category[] }) {
  const title = t('shops.form.new_title');
  return (
    <Page
      ctx={ctx}
      title={title}
      trail={[[t('shops.trail.backoffice'), BACKOFFICE_PATH], [t('shops.trail.directory'), DIRECTORY_PATH], [title]]}
      noindex
    >
      <h1>{title}</h1>
      <p>{t('shops.form.intro')}</p>
      <p class="muted">{t('form.required_hint')}</p>
      <Form ctx={ctx} action={NEW_SHOP_PATH} state={state} labels={identityLabels()}>
        <input type="hidden" name="idempotency_key" value={state.values.idempotency_key ?? ''} />
        <RadioGroup
          name="independent"
          label={t('shops.form.independent')}
          hint={t('shops.form.independent_hint')}
          state={state}
          required
          options={[
            ['oui', t('shops.form.independent_yes')],
            ['non', t('shops.form.independent_no')],
          ]}
        />
        <IdentityFields state={state} categories={categories} />
        <div class="actions">
          <SubmitButton>{t('shops.form.submit_new')}</SubmitButton>
          <a href={DIRECTORY_PATH}>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}

export function EditShopPage({ ctx, shop, state, categories }: { ctx: PageContext; shop: Shop; state: FormState; categories: Category[] }) {
  const title = t('shops.form.edit_title', { shop: shop.tradeName });
  return (
    <Page
      ctx={ctx}
      title={title}
      trail={[
        [t('shops.trail.backoffice'), BACKOFFICE_PATH],
        [t('shops.trail.directory'), DIRECTORY_PATH],
        [shop.tradeName, shopPath(shop.id)],
        [t('shops.page.edit')],
      ]}
      noindex
    >
      <h1>{title}</h1>
      <p class="muted">{t('form.required_hint')}</p>
      <Form ctx={ctx} action={editShopPath(shop.id)} state={state} labels={identityLabels()}>
        <IdentityFields state={state} categories={categories} />
        <div class="actions">
          <SubmitButton>{t('shops.form.submit_edit')}</SubmitButton>
          <a href={shopPath(shop.id)}>{t('form.cancel')}</a>
        </div>
      </Form>
    </Page>
  );
}
