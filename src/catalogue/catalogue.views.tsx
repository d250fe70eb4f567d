// The public pages of the catalogue: home, shops, a category, a storefront, an offer, search.
import { t } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import { Form, SubmitButton, TextField, emptyForm } from '../ui/forms.tsx';
import { PublicProviderFacts, type Category, type Shop } from '../shops/index.ts';
import type { Offer } from './catalogue.repository.ts';
import { measureLabel, vatRateLabel } from './catalogue.rules.ts';
import type { CategoryCount, CategoryPage, HomePage, SearchResult, ShopList, Storefront } from './catalogue.service.ts';
import { AvailabilityBadge, BasketNoticePanel, MembershipHint, OfferCards, Photo, PriceLine, ShopCards } from './catalogue.components.tsx';
import type { BasketNotice } from './catalogue.notice.ts';
import { Pager, pageHref } from '../ui/pager.tsx';
import { SHOPS_PATH, categoryPath, publicShopPath, SEARCH_PATH } from './catalogue.paths.ts';
import { ADD_TO_BASKET_PATH, ASK_PATH, backOfficePath } from '../platform/paths.ts';
import { formatPhone } from '../platform/typography.ts';

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** A sentence whose phone number can be tapped, and never breaks across two lines. */
function WithPhoneLink({ text, phone }: { text: string; phone: string }) {
  const at = text.indexOf(phone);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <a href={telHref(phone)} class="nowrap">
        {phone}
      </a>
      {text.slice(at + phone.length)}
    </>
  );
}

const HOME: [string, string] = ['Accueil', '/'];
const SHOPS: [string, string] = ['Les commerces', SHOPS_PATH];

function SearchForm({ ctx, query }: { ctx: PageContext; query: string }) {
  return (
    <Form ctx={ctx} action={SEARCH_PATH} method="get" state={emptyForm({ q: query })} class="search-form">
      <TextField name="q" label={t('search.label')} hint={t('search.hint')} type="search" state={emptyForm({ q: query })} />
      <SubmitButton>{t('search.submit')}</SubmitButton>
    </Form>
  );
}

function CategoryPills({ categories }: { categories: CategoryCount[] }) {
  return (
    <ul class="pills">
      {categories.map((category) => (
        <li>
          <a href={categoryPath(category.code)}>{t('shop_list.category_count', { label: category.label, count: category.shopCount })}</a>
        </li>
      ))}
    </ul>
  );
}

function labelsOf(categories: Category[]): Map<string, string> {
  return new Map(categories.map((category) => [category.code, category.label]));
}

/** A few of each on the home page, so that it stays a few screens long on a phone. */
const HOME_OFFER_CARDS = 3;
const HOME_SHOP_CARDS = 3;

/**
 * Search first; then a few new offers and shops with the way to all of them, the categories
 * folded (two dozen pills would fill a phone's screen); how it works last.
 */
export function HomePageView({ ctx, home }: { ctx: PageContext; home: HomePage }) {
  const title = t('home.title', { town: ctx.conciergerie.town });
  return (
    <Page ctx={ctx} title={title}>
      <h1>{title}</h1>
      <SearchForm ctx={ctx} query="" />
      <MembershipHint account={ctx.account} />
      <p class="panel">
        {t('requests.home.text')} <a href={ASK_PATH}>{t('requests.ask.home_link')}</a>
      </p>
      <h2>{t('home.new_offers')}</h2>
      {home.offers.length > 0 ? <OfferCards offers={home.offers.slice(0, HOME_OFFER_CARDS)} level={3} /> : <p>{t('home.no_offers')}</p>}
      {home.shops.length > 0 ? (
        <>
          <h2>{t('home.some_shops')}</h2>
          <ShopCards shops={home.shops.slice(0, HOME_SHOP_CARDS)} categoryLabels={labelsOf(home.categories)} level={3} />
          <p>
            <a href={SHOPS_PATH} class="button button--secondary">
              {t('home.all_shops')}
            </a>
          </p>
        </>
      ) : null}
      {home.categories.length > 0 ? (
        <details class="home-categories">
          <summary>{t('home.categories')}</summary>
          <CategoryPills categories={home.categories} />
        </details>
      ) : null}
      <section class="panel" aria-labelledby="comment">
        <h2 id="comment">{t('home.how_title')}</h2>
        <ol>
          <li>{t('home.how_1')}</li>
          <li>{t('home.how_2')}</li>
          <li>{t('home.how_3')}</li>
          <li>
            <WithPhoneLink text={t('home.how_4', { phone: formatPhone(ctx.conciergerie.phone) })} phone={formatPhone(ctx.conciergerie.phone)} />
          </li>
        </ol>
      </section>
    </Page>
  );
}

/** « Tous les commerces · Seulement les prestataires ». */
function KindPills({ providersOnly }: { providersOnly: boolean }) {
  return (
    <ul class="pills">
      <li>
        <a href={SHOPS_PATH} aria-current={providersOnly ? undefined : 'page'}>
          {t('providers.public.all')}
        </a>
      </li>
      <li>
        <a href={`${SHOPS_PATH}?genre=prestataires`} aria-current={providersOnly ? 'page' : undefined}>
          {t('providers.public.only_providers')}
        </a>
      </li>
    </ul>
  );
}

function shopsLead(list: ShopList): string {
  if (list.kind === 'provider') return list.total === 1 ? t('providers.public.providers_lead_one') : t('providers.public.providers_lead', { count: list.total });
  return list.total === 1 ? t('shop_list.lead_one') : t('shop_list.lead', { count: list.total });
}

export function ShopsPageView({ ctx, list }: { ctx: PageContext; list: ShopList }) {
  const providersOnly = list.kind === 'provider';
  const title = providersOnly ? t('providers.public.providers_title') : t('shop_list.title');
  const trail: Array<[string, string?]> = providersOnly ? [HOME, SHOPS, [title]] : [HOME, [title]];
  return (
    <Page ctx={ctx} title={list.page > 1 ? `${title} — ${t('pager.position', { page: list.page, count: list.pageCount })}` : title} trail={trail}>
      <h1>{title}</h1>
      <KindPills providersOnly={providersOnly} />
      {list.total === 0 ? (
        <p>{providersOnly ? t('providers.public.providers_none') : t('shop_list.none')}</p>
      ) : (
        <>
          <p class="lead">{shopsLead(list)}</p>
          {providersOnly ? null : (
            <>
              <h2>{t('shop_list.by_category')}</h2>
              <CategoryPills categories={list.categories} />
            </>
          )}
          <h2>{providersOnly ? t('providers.public.all_providers') : t('shop_list.all')}</h2>
          <ShopCards shops={list.items} categoryLabels={labelsOf(list.categories)} trades={list.trades} level={3} />
          <Pager page={list.page} pageCount={list.pageCount} hrefOf={(page) => pageHref(SHOPS_PATH, page, { genre: providersOnly ? 'prestataires' : undefined })} look="links" />
        </>
      )}
    </Page>
  );
}

export function CategoryPageView({ ctx, data }: { ctx: PageContext; data: CategoryPage }) {
  const { category } = data;
  return (
    <Page ctx={ctx} title={category.label} trail={[HOME, SHOPS, [category.label]]}>
      <h1>{category.label}</h1>
      <h2>{t('category.shops')}</h2>
      {data.items.length > 0 ? <ShopCards shops={data.items} level={3} /> : <p>{t('category.no_shops')}</p>}
      <Pager page={data.page} pageCount={data.pageCount} hrefOf={(page) => pageHref(categoryPath(category.code), page)} look="links" />
      {data.offers.length > 0 ? (
        <>
          <h2>{t('category.offers')}</h2>
          <OfferCards offers={data.offers} level={3} />
        </>
      ) : null}
    </Page>
  );
}

function ShopFacts({ shop, category }: { shop: Shop; category: Category }) {
  return (
    <dl class="facts">
      <dt>{t('storefront.category')}</dt>
      <dd>
        <a href={categoryPath(category.code)}>{category.label}</a>
      </dd>
      <dt>{t('storefront.address')}</dt>
      <dd>
        {shop.addressLine}, {shop.postalCode} {shop.city}
      </dd>
      {shop.phone ? (
        <>
          <dt>{t('storefront.phone')}</dt>
          <dd>
            <a href={telHref(shop.phone)}>{formatPhone(shop.phone)}</a>
          </dd>
        </>
      ) : null}
      {shop.email ? (
        <>
          <dt>{t('storefront.email')}</dt>
          <dd>
            <a href={`mailto:${shop.email}`}>{shop.email}</a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The shop's offers come first, right under its name: « Continuer mes achats » lands here. */
export function StorefrontView({ ctx, data, notice }: { ctx: PageContext; data: Storefront; notice?: BasketNotice }) {
  const { shop, category, hours, offers } = data;
  return (
    <Page ctx={ctx} title={shop.tradeName} trail={[HOME, SHOPS, [shop.tradeName]]}>
      {notice ? <BasketNoticePanel notice={notice} /> : null}
      <h1>{shop.tradeName}</h1>
      {shop.description ? <p class="lead">{shop.description}</p> : null}
      {data.provider ? <PublicProviderFacts profile={data.provider} conciergeriePhone={ctx.conciergerie.phone} /> : null}
      <h2>{t('storefront.offers')}</h2>
      {offers.length > 0 ? <OfferCards offers={offers.map((offer) => ({ offer }))} level={3} /> : <p>{t('storefront.no_offers')}</p>}
      <h2>{t('storefront.about')}</h2>
      <div class="two-columns">
        <div class="storefront-photo">
          <Photo imageId={shop.imageId} alt={shop.tradeName} width={600} height={450} />
        </div>
        <div>
          <ShopFacts shop={shop} category={category} />
          <h3>{t('storefront.hours')}</h3>
          {hours.length > 0 ? (
            <ul class="opening-hours">
              {hours.map((line) => (
                <li>
                  {line.day} : {line.text}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('storefront.no_hours')}</p>
          )}
        </div>
      </div>
    </Page>
  );
}

function OfferFacts({ offer }: { offer: Offer }) {
  const quantity = measureLabel(offer.measureAmount, offer.measureUnit);
  return (
    <ul class="offer-facts">
      {quantity ? <li>{t('offer.net_quantity', { quantity })}</li> : null}
      <li>{t('offer.vat_included', { rate: vatRateLabel(offer.vatRateBp) })}</li>
    </ul>
  );
}

/** The quantity and « Ajouter au panier »; the basket brings the person back to the shop's page. */
function AddToBasketForm({ ctx, offer, shop }: { ctx: PageContext; offer: Offer; shop: Shop }) {
  return (
    <form method="post" action={ADD_TO_BASKET_PATH} class="add-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <input type="hidden" name="offer_id" value={offer.id} />
      <input type="hidden" name="retour" value={publicShopPath(shop.id)} />
      <label for="champ-quantity">{t('basket.quantity')}</label>
      <span class="add-form__row">
        <input id="champ-quantity" name="quantity" type="number" inputMode="numeric" min={1} max={50} value="1" class="input input--short" />
        <button type="submit" class="button">
          {t('basket.add')}
        </button>
      </span>
    </form>
  );
}

/**
 * What a resident came for comes first, right under the title: the price, whether it is
 * available and « Ajouter au panier »; the picture follows on a phone and sits beside from
 * wider screens (see .offer-layout in the stylesheet).
 */
/** Only visitors and residents buy on the site; staff take orders through the phone desk, merchants sell. */
function buysHere(ctx: PageContext): boolean {
  return ctx.account === null || ctx.account.role === 'resident';
}

/** Where a concierge looking at an offer goes to order it for a member. */
function StaffOrderHint({ ctx }: { ctx: PageContext }) {
  if (ctx.account?.role !== 'concierge') return null;
  return (
    <p class="panel">
      {t('offer.staff_hint')} <a href={backOfficePath('commandes/nouvelle')}>{t('offer.staff_hint_link')}</a>
    </p>
  );
}

export function OfferPageView({ ctx, offer, shop, notice }: { ctx: PageContext; offer: Offer; shop: Shop; notice?: BasketNotice }) {
  const paused = offer.availability === 'paused';
  const buys = buysHere(ctx);
  return (
    <Page ctx={ctx} title={`${offer.title} — ${shop.tradeName}`} trail={[HOME, SHOPS, [shop.tradeName, publicShopPath(shop.id)], [offer.title]]}>
      {notice ? <BasketNoticePanel notice={notice} /> : null}
      <div class="offer-layout">
        <div class="offer-layout__buy">
          <h1>{offer.title}</h1>
          <PriceLine offer={offer} />
          <p>
            <AvailabilityBadge offer={offer} />
          </p>
          {paused ? <p class="panel">{t('offer.paused_notice')}</p> : buys ? <AddToBasketForm ctx={ctx} offer={offer} shop={shop} /> : <StaffOrderHint ctx={ctx} />}
        </div>
        <div class="offer-layout__photo">
          <Photo imageId={offer.imageId} alt={offer.title} width={600} height={450} />
        </div>
        <div class="offer-layout__more">
          <OfferFacts offer={offer} />
          <p>
            {t('offer.from_shop')} <a href={publicShopPath(shop.id)}>{shop.tradeName}</a>
          </p>
          {offer.description ? <p class="offer-description">{offer.description}</p> : null}
          {paused || !buys ? null : (
            <p class="panel">
              {t('offer.how_to_order')} <a href={telHref(ctx.conciergerie.phone)}>{formatPhone(ctx.conciergerie.phone)}</a>
            </p>
          )}
          <p>
            <a href={publicShopPath(shop.id)}>{t('offer.see_shop', { shop: shop.tradeName })}</a>
          </p>
        </div>
      </div>
    </Page>
  );
}

export function SearchPageView({ ctx, result }: { ctx: PageContext; result: SearchResult }) {
  const title = result.searched ? t('search.title_with_query', { query: result.query }) : t('search.title');
  const nothing = result.searched && result.shops.length === 0 && result.offers.length === 0;
  return (
    <Page ctx={ctx} title={title} trail={[HOME, [t('search.title')]]}>
      <h1>{title}</h1>
      <SearchForm ctx={ctx} query={result.query} />
      {nothing ? (
        <div class="panel" role="status">
          <p>{t('search.nothing', { query: result.query })}</p>
          <p>
            {t('search.nothing_help')} <a href={telHref(ctx.conciergerie.phone)}>{formatPhone(ctx.conciergerie.phone)}</a>
          </p>
        </div>
      ) : null}
      {result.shops.length > 0 ? (
        <>
          <h2>{t('search.shops', { count: result.shops.length })}</h2>
          <ShopCards shops={result.shops} level={3} />
        </>
      ) : null}
      {result.offers.length > 0 ? (
        <>
          <h2>{t('search.offers', { count: result.offers.length })}</h2>
          <OfferCards offers={result.offers} level={3} />
        </>
      ) : null}
    </Page>
  );
}
