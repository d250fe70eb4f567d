// The visitor's « Devenir adhérent » form and its confirmation with the basket number; the
// basket kept with a request, as both the visitor and the concierge read it.
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { PUBLIC_SHOPS_PATH } from '../../platform/paths.ts';
import { Form, HiddenField, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import type { Basket } from './basket.service.ts';
import { MEMBERSHIP_REQUEST_PATH } from './membership.paths.ts';
import { formatBasketNumber } from './membership.rules.ts';
import type { RequestWithBasket } from './membership.service.ts';

const TRAIL = (): Array<[string, string?]> => [[t('nav.home'), '/'], [t('join.title')]];

/** « 2 × Rosé de Provence — La Cave d’Istres … 19,80 € », then the total. */
export function KeptBasket({ basket, headingId, heading, level = 2 }: { basket: Basket; headingId: string; heading: string; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      <ul class="order-lines">
        {basket.groups.flatMap((group) =>
          group.items.map((item) => (
            <li class="order-line">
              <span>
                {item.line.quantity} × {item.line.title} <span class="muted">({group.shopName})</span>
              </span>{' '}
              <span class="nowrap">{item.unavailable ? t('basket.unavailable') : formatEuros(item.totalCents)}</span>
            </li>
          )),
        )}
      </ul>
      <p class="basket-total">
        {t('join.list.basket_total')}{'\u00a0'}: <strong>{formatEuros(basket.totalCents)}</strong>
      </p>
    </section>
  );
}

export interface RequestFormProps {
  ctx: PageContext;
  state: FormState;
  idempotencyKey: string;
  basket: Basket | undefined;
}

export function MembershipRequestPage({ ctx, state, idempotencyKey, basket }: RequestFormProps) {
  const labels = { name: t('join.name'), phone: t('join.phone'), email: t('join.email') };
  const { phone, phoneHours } = ctx.conciergerie;
  return (
    <Page ctx={ctx} title={t('join.title')} trail={TRAIL()}>
      <h1>{t('join.title')}</h1>
      <p class="lead">{t('join.lead')}</p>
      {ctx.account ? (
        <p class="panel">{t(ctx.account.role === 'resident' ? 'join.signed_in' : 'join.signed_in_staff')}</p>
      ) : (
        <>
          <p>{basket && basket.items.length > 0 ? t('join.basket_kept', { total: formatEuros(basket.totalCents) }) : t('join.basket_none')}</p>
          <Form ctx={ctx} action={MEMBERSHIP_REQUEST_PATH} state={state} labels={labels}>
            <HiddenField name="idempotency_key" value={idempotencyKey} />
            <TextField name="name" label={labels.name} hint={t('join.name_hint')} state={state} required autocomplete="name" />
            <TextField name="phone" label={labels.phone} hint={t('join.phone_hint')} state={state} required type="tel" inputMode="tel" autocomplete="tel" size="medium" />
            <TextField name="email" label={labels.email} hint={t('join.email_hint')} state={state} type="email" autocomplete="email" />
            <SubmitButton>{t('join.submit')}</SubmitButton>
          </Form>
        </>
      )}
      {/* Someone signed in has nothing to join: no call to the conciergerie to offer. */}
      {ctx.account ? null : <p>{t('join.or_call', { phone, hours: phoneHours })}</p>}
    </Page>
  );
}

export function MembershipRequestDonePage({ ctx, found }: { ctx: PageContext; found: RequestWithBasket | undefined }) {
  const { phone, phoneHours } = ctx.conciergerie;
  if (!found) {
    return (
      <Page ctx={ctx} title={t('join.title')} trail={TRAIL()} noindex>
        <h1>{t('join.title')}</h1>
        <p>{t('join.done.none')}</p>
        <p>
          <a href={MEMBERSHIP_REQUEST_PATH}>{t('join.title')}</a>
        </p>
      </Page>
    );
  }
  const { request, basket } = found;
  return (
    <Page ctx={ctx} title={t('join.done.title')} trail={TRAIL()} noindex>
      <h1>{t('join.done.title')}</h1>
      <p class="lead">{t('join.done.lead', { phone: request.phone })}</p>
      <div class="panel join-number">
        <p>
          {t('join.done.number')} <strong class="join-number__value">{formatBasketNumber(request.basketNumber)}</strong>
        </p>
        <p>{t('join.done.number_hint')}</p>
      </div>
      <p>{t('join.done.call', { phone, hours: phoneHours })}</p>
      {basket.items.length > 0 ? <KeptBasket basket={basket} headingId="panier-garde" heading={t('join.done.basket')} /> : null}
      <p>
        <a href={PUBLIC_SHOPS_PATH}>{t('join.done.back')}</a>
      </p>
    </Page>
  );
}
