// Pieces shared by the catalogue's pages: photos, offer and shop cards, prices, the pager.
import type { ComponentChildren } from 'preact';
import { imageUrl, PLACEHOLDER_URL } from '../platform/images/images.ts';
import { formatEuros } from '../platform/money.ts';
import { providerBadgeText, type Shop } from '../shops/index.ts';
import type { Offer } from './catalogue.repository.ts';
import { availabilityBadge, availabilityLabel, unitPriceLabel } from './catalogue.rules.ts';
import { offerPath, publicShopPath } from './catalogue.paths.ts';
import type { BasketNotice } from './catalogue.notice.ts';
import { t } from '../platform/i18n/index.ts';
import { BASKET_PATH, MEMBERSHIP_REQUEST_PATH } from '../platform/paths.ts';

/** A stored photo with its meaning as alt text, or the decorative placeholder (empty alt). */
export function Photo({ imageId, alt, width = 400, height = 300 }: { imageId: string | null; alt: string; width?: number; height?: number }) {
  if (!imageId) return <img src={PLACEHOLDER_URL} alt="" width={width} height={height} loading="lazy" />;
  return <img src={imageUrl(imageId)} alt={alt} width={width} height={height} loading="lazy" />;
}

export function Heading({ level, children }: { level: 2 | 3; children: ComponentChildren }) {
  return level === 2 ? <h2>{children}</h2> : <h3>{children}</h3>;
}

export function AvailabilityBadge({ offer }: { offer: Offer }) {
  return <span class={`badge ${availabilityBadge(offer.availability)}`}>{availabilityLabel(offer.availability, offer.leadTimeDays)}</span>;
}

/** « 45,00 € le plateau pour 4 », then « 24,00 € le kg » when a net quantity is known. */
export function PriceLine({ offer }: { offer: Offer }) {
  const perUnit = unitPriceLabel(offer.priceCents, offer.measureAmount, offer.measureUnit);
  return (
    <p class="offer-price">
      <span class="price">{formatEuros(offer.priceCents)}</span> {offer.unit}
      {perUnit ? (
        <>
          <br />
          <span class="muted">{perUnit}</span>
        </>
      ) : null}
    </p>
  );
}

/**
 * A card is one link, its title's: the link's ::after covers the whole card (picture, title,
 * price), so a tap anywhere opens it while a screen reader hears one link named by the title.
 * The secondary lines sit above that layer so their text can still be selected.
 */
export function OfferCard({ offer, shopName, level }: { offer: Offer; shopName?: string; level: 2 | 3 }) {
  return (
    <li class="card card--linked" id={`offre-${offer.id}`}>
      <Photo imageId={offer.imageId} alt="" />
      <div class="card__body">
        <Heading level={level}>
          <a href={offerPath(offer.id)} class="card__link">
            {offer.title}
          </a>
        </Heading>
        <PriceLine offer={offer} />
        {shopName ? <p class="muted card__shop card__aside">{shopName}</p> : null}
        <p class="card__aside">
          <AvailabilityBadge offer={offer} />
        </p>
      </div>
    </li>
  );
}

export function OfferCards({ offers, level }: { offers: Array<{ offer: Offer; shopName?: string }>; level: 2 | 3 }) {
  return (
    <ul class="cards">
      {offers.map(({ offer, shopName }) => (
        <OfferCard offer={offer} shopName={shopName} level={level} />
      ))}
    </ul>
  );
}

export function ShopCard({ shop, categoryLabel, trades, level }: { shop: Shop; categoryLabel?: string; trades?: string; level: 2 | 3 }) {
  return (
    <li class="card card--linked">
      <Photo imageId={shop.imageId} alt="" />
      <div class="card__body">
        <Heading level={level}>
          <a href={publicShopPath(shop.id)} class="card__link">
            {shop.tradeName}
          </a>
        </Heading>
        {categoryLabel ? <p class="muted card__aside">{categoryLabel}</p> : null}
        {shop.kind === 'provider' ? (
          <p class="card__aside">
            <span class="badge">{providerBadgeText(shop.stage)}</span> {trades ?? ''}
          </p>
        ) : null}
        <p class="card__aside">
          {shop.addressLine}, {shop.city}
        </p>
      </div>
    </li>
  );
}

export function ShopCards({ shops, categoryLabels, trades, level }: { shops: Shop[]; categoryLabels?: Map<string, string>; trades?: Map<string, string>; level: 2 | 3 }) {
  return (
    <ul class="cards">
      {shops.map((shop) => (
        <ShopCard shop={shop} categoryLabel={categoryLabels?.get(shop.categoryCode)} trades={trades?.get(shop.id)} level={level} />
      ))}
    </ul>
  );
}


/** Shown once after adding to the basket: what the basket now holds, and the way to it. */
export function BasketNoticePanel({ notice }: { notice: BasketNotice }) {
  const params = { count: notice.articleCount, total: formatEuros(notice.totalCents) };
  return (
    <div class="flash basket-notice" role="status">
      <p>{notice.articleCount === 1 ? t('catalogue.added_one', params) : t('catalogue.added', params)}</p>
      <p>
        <a href={BASKET_PATH}>{t('catalogue.see_basket')}</a>
      </p>
    </div>
  );
}

/** « Pour commander, il faut être adhérent : c'est gratuit », for anyone who is not a member yet. */
export function MembershipHint({ account }: { account: { role: string } | null }) {
  if (account?.role === 'resident') return null;
  return (
    <p class="panel membership-hint">
      {t('catalogue.membership_hint')} <a href={MEMBERSHIP_REQUEST_PATH}>{t('catalogue.membership_ask')}</a>
    </p>
  );
}
