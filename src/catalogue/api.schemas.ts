// Shapes of the public JSON API (camelCase, money in cents, VAT rates in basis points), and
// the functions that turn the catalogue's domain objects into them.
import { Type, type Static } from '@sinclair/typebox';
import { ID_PATTERN } from '../platform/ids.ts';
import { imageUrl } from '../platform/images/images.ts';
import type { Category, OpeningRange, Shop } from '../shops/index.ts';
import type { Offer } from './catalogue.repository.ts';
import { unitPrice } from './catalogue.rules.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorSchema = Type.Object(
  { error: Type.String({ description: 'Code of the refusal, e.g. not_found, bad_request' }), message: Type.String({ description: 'Message in French' }) },
  { title: 'Erreur' },
);

export const CategorySchema = Type.Object({ code: Type.String(), label: Type.String() });

export const AddressSchema = Type.Object({ line: Type.String(), postalCode: Type.String(), city: Type.String() });

export const ShopSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: CategorySchema,
  description: Type.String(),
  address: AddressSchema,
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  imageUrl: Nullable(Type.String({ description: 'Path of the shop photo (JPEG)' })),
  url: Type.String({ description: 'Path of the public storefront page' }),
});

export const OfferSchema = Type.Object({
  id: Type.String(),
  shopId: Type.String(),
  shopName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  priceCents: Type.Integer({ description: 'Price including VAT, in euro cents' }),
  vatRateBp: Type.Integer({ description: 'VAT rate in basis points: 550 = 5,5 %' }),
  unit: Type.String({ description: 'What the price buys, e.g. « la bouteille 75 cl »' }),
  measure: Nullable(Type.Object({ amount: Type.Integer(), unit: Type.Union([Type.Literal('g'), Type.Literal('ml')]) })),
  unitPrice: Nullable(
    Type.Object({ cents: Type.Integer({ description: 'Price per kilo or per litre, in cents' }), per: Type.Union([Type.Literal('kg'), Type.Literal('l')]) }),
  ),
  availability: Type.Union([Type.Literal('in_stock'), Type.Literal('made_to_order')]),
  leadTimeDays: Type.Integer({ description: 'Days to prepare a made-to-order offer; 0 when in stock' }),
  imageUrl: Nullable(Type.String()),
  url: Type.String({ description: 'Path of the public offer page' }),
});

const PageFields = {
  page: Type.Integer({ minimum: 1 }),
  pageCount: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer(),
  total: Type.Integer(),
};

export const ShopListSchema = Type.Object({ ...PageFields, shops: Type.Array(ShopSchema) });

export const OpeningRangeSchema = Type.Object({
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }),
  opensAt: Type.String({ description: 'Local time, HH:MM' }),
  closesAt: Type.String({ description: 'Local time, HH:MM' }),
});

export const ShopDetailSchema = Type.Composite([ShopSchema, Type.Object({ openingHours: Type.Array(OpeningRangeSchema), offers: Type.Array(OfferSchema) })]);

export const OfferListSchema = Type.Object({ ...PageFields, offers: Type.Array(OfferSchema) });

export const PageQuerySchema = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }, { additionalProperties: false });

export const OffersQuerySchema = Type.Object(
  {
    category: Type.Optional(Type.String({ pattern: '^[a-z0-9_-]{1,40}$', description: 'Category code, e.g. fromagerie' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to find in titles, descriptions and shop names; accents ignored' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

export const ShopParamsSchema = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export function shopJson(shop: Shop, category: Category): Static<typeof ShopSchema> {
  return {
    id: shop.id,
    name: shop.tradeName,
    category: { code: category.code, label: category.label },
    description: shop.description,
    address: { line: shop.addressLine, postalCode: shop.postalCode, city: shop.city },
    latitude: shop.latitude,
    longitude: shop.longitude,
    phone: shop.phone,
    email: shop.email,
    imageUrl: shop.imageId ? imageUrl(shop.imageId) : null,
    url: `/commerces/${shop.id}`,
  };
}

export function offerJson(offer: Offer, shopName: string): Static<typeof OfferSchema> {
  return {
    id: offer.id,
    shopId: offer.shopId,
    shopName,
    title: offer.title,
    description: offer.description,
    priceCents: offer.priceCents,
    vatRateBp: offer.vatRateBp,
    unit: offer.unit,
    measure: offer.measureAmount !== null && offer.measureUnit !== null ? { amount: offer.measureAmount, unit: offer.measureUnit } : null,
    unitPrice: unitPrice(offer.priceCents, offer.measureAmount, offer.measureUnit),
    availability: offer.availability === 'made_to_order' ? 'made_to_order' : 'in_stock',
    leadTimeDays: offer.leadTimeDays,
    imageUrl: offer.imageId ? imageUrl(offer.imageId) : null,
    url: `/offres/${offer.id}`,
  };
}

export function openingRangeJson(range: OpeningRange): Static<typeof OpeningRangeSchema> {
  return { weekday: range.weekday, opensAt: range.opensAt, closesAt: range.closesAt };
}
