// Pieces shared by the catalogue's pages: photos, offer and shop cards, prices, the pager.
import type { ComponentChildren } from 'preact';
import { imageUrl, PLACEHOLDER_URL } from '../platform/images/images.ts';
import { formatEuros } from '../platform/money.ts';
import type { Shop } from '../shops/index.ts';
import type { Offer } from './catalogue.repository.ts';
import { availabilityBadge, availabilityLabel, unitPriceLabel } from './catalogue.rules.ts';
import { offerPath, publicShopPath } from './catalogue.paths.ts';

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

export function OfferCard({ offer, shopName, level }: { offer: Offer; shopName?: string; level: 2 | 3 }) {
  return (
    <li class="card" id={`offre-${offer.id}`}>
      <Photo imageId={offer.imageId} alt={offer.title} />
      <Heading level={level}>
        <a href={offerPath(offer.id)}>{offer.title}</a>
      </Heading>
      {shopName ? <p class="muted card__shop">{shopName}</p> : null}
      <PriceLine offer={offer} />
      <p>
        <AvailabilityBadge offer={offer} />
      </p>
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

export function ShopCard({ shop, categoryLabel, level }: { shop: Shop; categoryLabel?: string; level: 2 | 3 }) {
  return (
    <li class="card">
      <Photo imageId={shop.imageId} alt={shop.tradeName} />
      <Heading level={level}>
        <a href={publicShopPath(shop.id)}>{shop.tradeName}</a>
      </Heading>
      {categoryLabel ? <p class="muted">{categoryLabel}</p> : null}
      <p>
        {shop.addressLine}, {shop.city}
      </p>
    </li>
  );
}

export function ShopCards({ shops, categoryLabels, level }: { shops: Shop[]; categoryLabels?: Map<string, string>; level: 2 | 3 }) {
  return (
    <ul class="cards">
      {shops.map((shop) => (
        <ShopCard shop={shop} categoryLabel={categoryLabels?.get(shop.categoryCode)} level={level} />
      ))}
    </ul>
  );
}

