// Photos sent by merchants: recognised by their content (not their name), checked, turned
// into a JPEG at most 1200 px wide without metadata (no GPS position, no camera serial),
// then stored. An image never changes: a new photo is a new image.
import sharp from 'sharp';
import type { Executor } from '../../db/index.ts';
import { nowIso } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { newId } from '../ids.ts';
import { findImage, insertImage, type StoredImage } from './images.repository.ts';

export type { StoredImage };
export { findImage };

export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp'] as const;
export const MIN_WIDTH_PX = 300;
export const MAX_WIDTH_PX = 1200;
const JPEG_QUALITY = 80;

export interface ProcessedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

/** "5 Mo", for the message of a photo that is too heavy. */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(megabytes)} Mo`;
}

async function readMetadata(input: Buffer): Promise<sharp.Metadata | undefined> {
  try {
    return await sharp(input).metadata();
  } catch {
    return undefined;
  }
}

/**
 * Checks and converts an uploaded photo. Refusals are DomainErrors on `field`: not a JPEG,
 * PNG or WebP image, heavier than `maxBytes`, narrower than 300 px once upright.
 */
export async function preparePhoto(input: Buffer, maxBytes: number, field = 'photo'): Promise<ProcessedImage> {
  if (input.length > maxBytes) throw new DomainError('image_too_large', field, { max: formatMegabytes(maxBytes) });
  const metadata = await readMetadata(input);
  if (!metadata || !(ACCEPTED_FORMATS as readonly string[]).includes(metadata.format ?? '')) throw new DomainError('image_invalid', field);
  const width = metadata.autoOrient?.width ?? metadata.width ?? 0;
  if (width < MIN_WIDTH_PX) throw new DomainError('image_too_small', field);
  try {
    const { data, info } = await sharp(input)
      .rotate()
      .resize({ width: MAX_WIDTH_PX, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch {
    // A truncated or corrupt file can pass the header check and fail on decoding.
    throw new DomainError('image_invalid', field);
  }
}

/** Stores a processed photo and returns its id. */
export async function storeImage(db: Executor, image: ProcessedImage): Promise<string> {
  const id = newId();
  await insertImage(db, { id, content_type: 'image/jpeg', bytes: image.bytes, width: image.width, height: image.height, created_at: nowIso() });
  return id;
}

export function imageUrl(id: string): string {
  return `/images/${id}.jpg`;
}

/** The neutral drawing shown where a shop or an offer has no photo (decorative: empty alt). */
export const PLACEHOLDER_URL = '/static/placeholder.svg';

/**
 * Reads the photo field of a multipart form: no file (or an empty one, as browsers send when
 * nothing was chosen) is undefined; anything else is checked and converted.
 */
export async function readPhotoField(value: unknown, maxBytes: number, field = 'photo'): Promise<ProcessedImage | undefined> {
  if (value === undefined || value === '') return undefined;
  if (!Buffer.isBuffer(value)) throw new DomainError('image_invalid', field);
  if (value.length === 0) return undefined;
  return preparePhoto(value, maxBytes, field);
}
