// The basket page: lines grouped by shop with their subtotals, quantities to change, lines
// to remove, and what changed since the person chose them (new price, no longer available).
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { ErrorSummary, FieldError, Form, type FormState, HiddenField, SubmitButton, TextField } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import type { Basket, BasketItem } from './basket.service.ts';
import { BasketTotal, ShopSubtotal } from '../orders.components.tsx';
import { MAX_QUANTITY } from '../orders.rules.ts';
import { ACCEPT_CHANGES_PATH, ADD_TO_BASKET_PATH, CHECKOUT_PATH, basketLinePath } from '../orders.paths.ts';
import { MembershipHint, SHOPS_PATH, offerPath } from '../../catalogue/index.ts';

const TRAIL: Array<[string, string?]> = [[t('nav.home'), '/'], [t('basket.title')]];

/** A message for each line whose quantity was refused, and the value typed. */
export interface LineErrors {
  errors: FieldErrors;
  values: Record<string, string>;
}

function Csrf({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken()} />;
}

/** « Le prix a changé : 12,00 € → 13,50 € » or « N’est plus disponible ». */
export function ChangeNotice({ item }: { item: BasketItem }) {
  if (item.unavailable) return <p class="field__error">{t('basket.unavailable')}</p>;
  if (item.priceChanged) {
    return <p class="field__error">{t('basket.price_changed', { before: formatEuros(item.line.seenPriceCents), after: formatEuros(item.priceCents) })}</p>;
  }
  return null;
}

/** The changes to accept before ordering, with the one button that accepts them. */
export function ChangesPanel({ ctx, basket, next }: { ctx: PageContext; basket: Basket; next?: 'commande' }) {
  const changed = basket.items.filter((item) => item.unavailable || item.priceChanged);
  return (
    <div class="panel panel--warning" role="status">
      <p>{t('basket.review_lead')}</p>
      <ul>
        {changed.map((item) => (
          <li>
            <strong>{item.line.title}</strong>
            <ChangeNotice item={item} />
          </li>
        ))}
      </ul>
      <form method="post" action={ACCEPT_CHANGES_PATH} class="inline-form">
        <Csrf ctx={ctx} />
        {next ? <HiddenField name="next" value={next} /> : null}
        <button type="submit" class="button">
          {t('basket.accept_changes')}
        </button>
      </form>
    </div>
  );
}

function QuantityForm({ ctx, item, state }: { ctx: PageContext; item: BasketItem; state: LineErrors }) {
  const id = `champ-quantite-${item.line.id}`;
  const error = state.errors[item.line.id];
  return (
    <form method="post" action={basketLinePath(item.line.id)} class={error ? 'quantity-form field--error' : 'quantity-form'}>
      <Csrf ctx={ctx} />
      <label for={id}>{t('basket.quantity_label', { title: item.line.title })}</label>
      <FieldError field={id} message={error} />
      <span class="quantity-form__row">
        <input
          id={id}
          name="quantity"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_QUANTITY}
          value={state.values[item.line.id] ?? String(item.line.quantity)}
          class="input input--short"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `erreur-${id}` : undefined}
        />
        <button type="submit" class="button button--secondary">
          {t('basket.update')}
          <span class="visually-hidden">{t('basket.suffix', { title: item.line.title })}</span>
        </button>
      </span>
    </form>
  );
}

function BasketLineView({ ctx, item, state }: { ctx: PageContext; item: BasketItem; state: LineErrors }) {
  const { line } = item;
  return (
    <li class="basket-line">
      <h3>{line.offerId ? <a href={offerPath(line.offerId)}>{line.title}</a> : line.title}</h3>
      <p>
        <span class="price">{formatEuros(item.priceCents)}</span> {line.unit}
      </p>
      <ChangeNotice item={item} />
      {item.unavailable ? null : <QuantityForm ctx={ctx} item={item} state={state} />}
      <p>
        {t('basket.col.total')}&nbsp;: <strong>{formatEuros(item.totalCents)}</strong>
      </p>
      <form method="post" action={basketLinePath(line.id, 'retirer')} class="inline-form">
        <Csrf ctx={ctx} />
        <button type="submit" class="button button--secondary">
          {t('basket.remove')}
          <span class="visually-hidden">{t('basket.suffix', { title: line.title })}</span>
        </button>
      </form>
    </li>
  );
}

/** `continueHref`: « Continuer mes achats » goes back to the shop of the last offer added. */
export function BasketPage({ ctx, basket, state, continueHref }: { ctx: PageContext; basket: Basket; state: LineErrors; continueHref: string }) {
  const title = t('basket.title');
  if (basket.items.length === 0) {
    return (
      <Page ctx={ctx} title={title} trail={TRAIL} noindex>
        <h1>{title}</h1>
        <p>{t('basket.empty')}</p>
        <p>{t('basket.empty_help')}</p>
        <MembershipHint account={ctx.account} />
        <p>
          <a href={SHOPS_PATH} class="button">
            {t('basket.browse')}
          </a>
        </p>
      </Page>
    );
  }
  return (
    <Page ctx={ctx} title={title} trail={TRAIL} noindex>
      <h1>{title}</h1>
      <ErrorSummary errors={Object.fromEntries(Object.entries(state.errors).map(([id, message]) => [`quantite-${id}`, message]))} labels={{}} />
      {basket.needsReview ? <ChangesPanel ctx={ctx} basket={basket} /> : null}
      {basket.groups.map((group) => (
        <section aria-labelledby={`commerce-${group.shopId}`}>
          <h2 id={`commerce-${group.shopId}`}>{t('basket.from_shop', { shop: group.shopName })}</h2>
          <ul class="basket-lines">
            {group.items.map((item) => (
              <BasketLineView ctx={ctx} item={item} state={state} />
            ))}
          </ul>
          <ShopSubtotal shopName={group.shopName} cents={group.subtotalCents} />
        </section>
      ))}
      <BasketTotal cents={basket.totalCents} />
      {ctx.account ? null : <p>{t('basket.login_hint')}</p>}
      <MembershipHint account={ctx.account} />
      <div class="actions">
        <a href={CHECKOUT_PATH} class="button">
          {t('basket.checkout')}
        </a>
        <a href={continueHref}>{t('basket.continue')}</a>
      </div>
    </Page>
  );
}

/**
 * Adding an offer, as its own page: where the offer page's small form lands when the
 * quantity is refused, with the message next to the field and the typed value kept.
 */
export function AddToBasketPage({ ctx, offer, state }: { ctx: PageContext; offer: { id: string; title: string; unit: string; priceCents: number }; state: FormState }) {
  const title = t('basket.add_title', { title: offer.title });
  return (
    <Page ctx={ctx} title={title} trail={[[t('nav.home'), '/'], [offer.title, offerPath(offer.id)], [t('basket.add')]]} noindex>
      <h1>{title}</h1>
      <p>
        <span class="price">{formatEuros(offer.priceCents)}</span> {offer.unit}
      </p>
      <Form ctx={ctx} action={ADD_TO_BASKET_PATH} state={state} labels={{ quantity: t('basket.quantity') }}>
        <HiddenField name="offer_id" value={offer.id} />
        {state.values.retour ? <HiddenField name="retour" value={state.values.retour} /> : null}
        <TextField name="quantity" label={t('basket.quantity')} hint={t('basket.quantity_hint', { max: MAX_QUANTITY })} state={state} inputMode="numeric" size="short" defaultValue="1" />
        <SubmitButton>{t('basket.add')}</SubmitButton>
      </Form>
      <p>
        <a href={offerPath(offer.id)}>{t('basket.back_to_offer')}</a>
      </p>
    </Page>
  );
}
