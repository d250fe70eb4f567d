// Factories for offers and test photos, through the catalogue's own use cases.
import sharp from 'sharp';
import type { Db } from '../../src/db/index.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { preparePhoto } from '../../src/platform/images/images.ts';
import { createOffer } from '../../src/catalogue/catalogue.portal.service.ts';
import type { OfferInput } from '../../src/catalogue/catalogue.rules.ts';

const CONCIERGE = { id: 'factory', email: 'factory@exemple.fr', role: 'concierge', displayName: 'Factory', shopId: null, memberId: null } as const;

let counter = 0;

/** Creates an offer on `shopId` (in stock, 12,50 € at 5,5 % unless told otherwise); returns its id. */
export async function makeOffer(db: Db, shopId: string, fields: Partial<OfferInput> & { photo?: Buffer } = {}): Promise<string> {
  counter += 1;
  const { photo, ...input } = fields;
  const processed = photo ? await preparePhoto(photo, 10 * 1024 * 1024) : undefined;
  return createOffer(
    db,
    CONCIERGE,
    shopId,
    {
      title: `Offre ${counter}`,
      description: 'Une offre du centre-ville.',
      priceCents: 1250,
      vatRateBp: 550,
      unit: 'la pièce',
      measureAmount: null,
      measureUnit: null,
      availability: 'in_stock',
      leadTimeDays: 0,
      loadClass: 'small',
      ...input,
    },
    newIdempotencyKey(),
    processed,
  );
}

/** A plain test photo made on the fly (no binary fixtures). */
export async function makePhoto(width = 800, height = 600, format: 'jpeg' | 'png' | 'webp' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 60 } } });
  return image[format]().toBuffer();
}
