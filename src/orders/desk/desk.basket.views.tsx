// The member's basket at the concierge's desk: the lines by shop, the catalogue to search and
// add from, free-text purchases with an estimated price, then the channel and the collection
// point before choosing the slot.
import type { InboundMail } from '../../notifications/index.ts';
import { t, tPlural } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import type { Destinations } from '../site/checkout.destinations.ts';
import { destinationOptions, HomeAddressFields, PLACE_LABELS } from '../site/checkout.views.tsx';
import { FieldError, Form, type FormState, HiddenField, RadioGroup, SelectField, SubmitButton, TextField } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { ChangeNotice } from '../site/basket.views.tsx';
import type { BasketItem } from '../site/basket.service.ts';
import { DESK, deskLinePath, deskMemberPath } from '../orders.paths.ts';
import { Csrf, deskHref, deskTrail, MailCarried, MailPanel, MemberFacts, memberName, offerAnchor, SearchForm } from './desk.components.tsx';
import { ResumeChoice, TakeUpByNumber, TakeUpPanel } from './desk.takeup.views.tsx';
import type { RequestWithBasket } from '../site/membership.service.ts';
import { DESK_CHANNELS, type DeskBasket } from './desk.service.ts';
import { MAX_QUANTITY } from '../orders.rules.ts';

/** The state of each form of the basket page after a refusal. */
export interface DeskForms {
  /** Adding an offer: the message and typed quantity per offer id. */
  add?: { offerId: string; error: string; quantity: string };
  /** Changing a line's quantity. */
  line?: { lineId: string; error: string; quantity: string };
  freeText?: FormState;
  next?: FormState;
  /** Taking up a membership request's basket by its number. */
  takeUp?: FormState;
}

export interface DeskBasketProps {
  ctx: PageContext;
  desk: DeskBasket;
  query: string;
  mail: InboundMail | undefined;
  destinations: Destinations;
  forms: DeskForms;
  /** The membership request whose new member this is, while its basket waits to be taken up. */
  takeUp?: RequestWithBasket;
  /** Opened for a new call: a basket left from an earlier one is asked about, not reused silently. */
  newCall?: boolean;
}

/** One number field with its label and its error, for the many small forms of the page. */
function QuantityInput({ id, label, value, error }: { id: string; label: string; value: string; error: string | undefined }) {
  return (
    <>
      <label for={id}>{label}</label>
      <FieldError field={id} message={error} />
      <input
        id={id}
        name="quantity"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_QUANTITY}
        value={value}
        class="input input--short"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `erreur-${id}` : undefined}
      />
    </>
  );
}

function CatalogueSection({ ctx, desk, query, mailId, forms }: { ctx: PageContext; desk: DeskBasket; query: string; mailId: string | undefined; forms: DeskForms }) {
  const base = deskMemberPath(desk.member.id);
  // A refused offer that is no longer in the results (paused meanwhile) says so above them.
  const gone = forms.add && !desk.offers?.some(({ offer }) => offer.id === forms.add?.offerId) ? forms.add.error : undefined;
  return (
    <section aria-labelledby="catalogue">
      <h2 id="catalogue">{t('desk.catalogue.title')}</h2>
      <SearchForm action={base} label={t('desk.catalogue.label')} hint={t('desk.catalogue.hint')} query={query} mailId={mailId} />
      <FieldError message={gone} alert />
      {desk.offers && desk.offers.length === 0 ? <p>{t('desk.catalogue.none', { query })}</p> : null}
      {desk.offers && desk.offers.length > 0 ? (
        <>
          <p class="muted">{tPlural('desk.catalogue.count', desk.offers.length, { query })}</p>
          <ul class="desk-results">
            {desk.offers.map(({ offer, shopName }) => {
              const error = forms.add?.offerId === offer.id ? forms.add : undefined;
              const inBasket = inBasketOf(desk, offer.id);
              return (
                <li class={error ? 'desk-result field--error' : 'desk-result'} id={offerAnchor(offer.id)}>
                  <p class="desk-result__name">
                    <strong>{offer.title}</strong> <span class="muted">— {shopName}</span>
                  </p>
                  <p>
                    <span class="price">{formatEuros(offer.priceCents)}</span> {offer.unit}
                  </p>
                  {inBasket > 0 ? <p class="desk-result__in-basket">{t('desk.catalogue.in_basket', { count: inBasket })}</p> : null}
                  <form method="post" action={deskMemberPath(desk.member.id, 'ajouter')} class="quantity-form">
                    <Csrf ctx={ctx} />
                    <HiddenField name="offer_id" value={offer.id} />
                    <HiddenField name="q" value={query} />
                    <MailCarried mailId={mailId} />
                    <QuantityInput id={`champ-ajout-${offer.id}`} label={t('desk.catalogue.quantity', { title: offer.title })} value={error?.quantity ?? '1'} error={error?.error} />
                    <SubmitButton secondary>
                      {t('desk.catalogue.add')}
                      <span class="visually-hidden"> : {offer.title}</span>
                    </SubmitButton>
                  </form>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function DeskLine({ ctx, memberId, item, mailId, forms }: { ctx: PageContext; memberId: string; item: BasketItem; mailId: string | undefined; forms: DeskForms }) {
  const { line } = item;
  const error = forms.line?.lineId === line.id ? forms.line : undefined;
  return (
    <li class="basket-line">
      <h4>{line.title}</h4>
      <p>
        <span class="price">{formatEuros(item.priceCents)}</span> {line.unit}
        {line.priceIsEstimate ? <span class="badge badge--order">{t('desk.basket.estimate')}</span> : null}
      </p>
      <ChangeNotice item={item} />
      {item.unavailable ? null : (
        <form method="post" action={deskLinePath(memberId, line.id)} class={error ? 'quantity-form field--error' : 'quantity-form'}>
          <Csrf ctx={ctx} />
          <MailCarried mailId={mailId} />
          <QuantityInput id={`champ-quantite-${line.id}`} label={t('basket.quantity_label', { title: line.title })} value={error?.quantity ?? String(line.quantity)} error={error?.error} />
          <SubmitButton secondary>
            {t('basket.update')}
            <span class="visually-hidden">{t('basket.suffix', { title: line.title })}</span>
          </SubmitButton>
        </form>
      )}
      <p>
        {t('desk.basket.line_total')}&nbsp;: <strong>{formatEuros(item.totalCents)}</strong>
      </p>
      <form method="post" action={deskLinePath(memberId, line.id, 'retirer')} class="inline-form">
        <Csrf ctx={ctx} />
        <MailCarried mailId={mailId} />
        <SubmitButton secondary>
          {t('basket.remove')}
          <span class="visually-hidden">{t('basket.suffix', { title: line.title })}</span>
        </SubmitButton>
      </form>
    </li>
  );
}

function BasketSection({ ctx, desk, mailId, forms }: { ctx: PageContext; desk: DeskBasket; mailId: string | undefined; forms: DeskForms }) {
  const { basket } = desk;
  return (
    <section aria-labelledby="panier">
      <h2 id="panier">{t('desk.basket.lines')}</h2>
      {basket.items.length === 0 ? <p>{t('desk.basket.empty')}</p> : null}
      {basket.needsReview ? (
        <div class="panel panel--warning" role="status">
          <p>{t('desk.basket.review_lead')}</p>
          <form method="post" action={deskMemberPath(desk.member.id, 'accepter')} class="inline-form">
            <Csrf ctx={ctx} />
            <MailCarried mailId={mailId} />
            <SubmitButton>{t('basket.accept_changes')}</SubmitButton>
          </form>
        </div>
      ) : null}
      {basket.groups.map((group) => (
        <section aria-labelledby={`commerce-${group.shopId}`}>
          <h3 id={`commerce-${group.shopId}`}>{t('basket.from_shop', { shop: group.shopName })}</h3>
          <ul class="basket-lines">
            {group.items.map((item) => (
              <DeskLine ctx={ctx} memberId={desk.member.id} item={item} mailId={mailId} forms={forms} />
            ))}
          </ul>
          <p class="basket-subtotal">
            {t('basket.subtotal', { shop: group.shopName })}&nbsp;: <strong>{formatEuros(group.subtotalCents)}</strong>
          </p>
        </section>
      ))}
      {basket.items.length > 0 ? (
        <p class="basket-total">
          {t('basket.total')}&nbsp;: <strong>{formatEuros(basket.totalCents)}</strong>
        </p>
      ) : null}
    </section>
  );
}

function FreeTextSection({ ctx, desk, mailId, state }: { ctx: PageContext; desk: DeskBasket; mailId: string | undefined; state: FormState }) {
  const labels = { shop_id: t('desk.free.shop'), title: t('desk.free.description'), price: t('desk.free.price'), quantity: t('desk.free.quantity') };
  return (
    <section aria-labelledby="achat-libre" class="panel">
      <h2 id="achat-libre">{t('desk.free.title')}</h2>
      <p>{t('desk.free.lead')}</p>
      <Form ctx={ctx} action={deskMemberPath(desk.member.id, 'achat-libre')} state={state} labels={labels}>
        <MailCarried mailId={mailId} />
        <SelectField name="shop_id" label={labels.shop_id} state={state} required placeholder={t('desk.free.shop_placeholder')} options={desk.shops.map((shop) => [shop.id, shop.name])} />
        <TextField name="title" label={labels.title} hint={t('desk.free.description_hint')} state={state} required autocomplete="off" />
        <TextField name="price" label={labels.price} hint={t('desk.free.price_hint')} state={state} required inputMode="decimal" size="short" autocomplete="off" />
        <TextField name="quantity" label={labels.quantity} state={state} required inputMode="numeric" size="short" defaultValue="1" autocomplete="off" />
        <SubmitButton secondary>{t('desk.free.submit')}</SubmitButton>
      </Form>
    </section>
  );
}

/** The member's destinations: the collection points, their company's run, home delivery when open to them. */
function NextSection({ ctx, desk, mailId, destinations, state }: { ctx: PageContext; desk: DeskBasket; mailId: string | undefined; destinations: Destinations; state: FormState }) {
  if (desk.basket.items.length === 0) return null;
  const labels = { canal: t('desk.next.channel'), place_id: t('desk.next.place'), address: PLACE_LABELS.address, postal_code: PLACE_LABELS.postal_code };
  const points = destinationOptions(ctx, destinations);
  return (
    <section aria-labelledby="retrait">
      <h2 id="retrait">{t('desk.next.title')}</h2>
      {points.length === 0 ? (
        <p class="panel">{t('checkout.place_none')}</p>
      ) : (
        <Form ctx={ctx} action={deskMemberPath(desk.member.id, 'creneau')} method="get" state={state} labels={labels}>
          <MailCarried mailId={mailId} />
          <RadioGroup name="canal" label={labels.canal} state={state} options={DESK_CHANNELS.map((channel) => [channel, t(`orders.channel.${channel}`)])} defaultValue={mailId ? 'courriel' : 'telephone'} />
          <RadioGroup name="place_id" label={labels.place_id} state={state} options={points} defaultValue={points[0][0]} />
          <HomeAddressFields destinations={destinations} state={state} />
          <SubmitButton>{t('desk.next.submit')}</SubmitButton>
        </Form>
      )}
    </section>
  );
}

/** How many of this offer the basket holds already. */
function inBasketOf(desk: DeskBasket, offerId: string): number {
  return desk.basket.items.filter((item) => item.line.offerId === offerId).reduce((sum, item) => sum + item.line.quantity, 0);
}

export function DeskBasketPage({ ctx, desk, query, mail, destinations, forms, takeUp, newCall }: DeskBasketProps) {
  const name = memberName(desk.member);
  const title = t('desk.basket.title', { name });
  const empty = { values: {}, errors: {} };
  return (
    <Page ctx={ctx} title={title} trail={deskTrail([t('desk.title'), deskHref(DESK, { courriel: mail?.id })], [name])} noindex>
      <h1>{title}</h1>
      <MemberFacts member={desk.member} />
      <p>
        <a href={deskHref(DESK, { courriel: mail?.id })}>{t('desk.basket.other_member')}</a>
      </p>
      {newCall && !takeUp ? <ResumeChoice ctx={ctx} desk={desk} mailId={mail?.id} query={query} /> : null}
      {takeUp ? <TakeUpPanel ctx={ctx} desk={desk} mailId={mail?.id} found={takeUp} /> : null}
      <div class={mail ? 'desk-columns' : undefined}>
        <MailPanel ctx={ctx} mail={mail} />
        <div class={mail ? undefined : 'desk-order'}>
          <div class="desk-order__catalogue">
            <CatalogueSection ctx={ctx} desk={desk} query={query} mailId={mail?.id} forms={forms} />
            <FreeTextSection ctx={ctx} desk={desk} mailId={mail?.id} state={forms.freeText ?? empty} />
          </div>
          <div class="desk-order__basket">
            <BasketSection ctx={ctx} desk={desk} mailId={mail?.id} forms={forms} />
            {takeUp ? null : <TakeUpByNumber ctx={ctx} desk={desk} mailId={mail?.id} state={forms.takeUp} />}
            <NextSection ctx={ctx} desk={desk} mailId={mail?.id} destinations={destinations} state={forms.next ?? empty} />
          </div>
        </div>
      </div>
    </Page>
  );
}
