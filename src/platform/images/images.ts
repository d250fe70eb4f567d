// Photos sent by merchants: recognised by their content (not their name), checked, turned
// into a JPEG at most 1200 px wide without metadata (no GPS position, no camera serial),
// then stored. An image never changes: a new photo is a new image.
// Decoding costs memory and time by the pixel, not by the byte (a 31 KB PNG can declare
// 16 000 × 16 000 pixels): sharp opens an upload only under a pixel limit, and an account
// has a few photos decoded an hour, counted in the database so that every app process sees
// the same count.
import type sharp from 'sharp';
import type { Executor } from '../../db/index.ts';
import { now, nowIso } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { newId } from '../ids.ts';
import { countImageUploadsAfter, deleteImageUpload, findImage, insertImage, insertImageUpload, type StoredImage } from './images.repository.ts';

export type { StoredImage };
export { findImage };

export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp'] as const;
export const MIN_WIDTH_PX = 300;
export const MAX_WIDTH_PX = 1200;
const JPEG_QUALITY = 80;
/** sharp refuses to open an image above this many pixels, from its header, before decoding it. */
export const MAX_INPUT_PIXELS = 40_000_000;
const HOUR_MS = 60 * 60 * 1000;

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

function checkBytes(input: Buffer, maxBytes: number, field: string): void {
  if (input.length > maxBytes) throw new DomainError('image_too_large', field, { max: formatMegabytes(maxBytes) });
}

/** Every upload is opened through here, so none is decoded past the pixel limit. */
async function openUpload(input: Buffer): Promise<sharp.Sharp> {
  // sharp (libvips, tens of MB) is loaded with the first photo, not by every server at start.
  const { default: sharp } = await import('sharp');
  return sharp(input, { limitInputPixels: MAX_INPUT_PIXELS });
}

/**
 * The refusal for an error of sharp: over the pixel limit (sharp says so from the header,
 * before decoding anything), or not an image it can read.
 */
function refusalOf(error: unknown, field: string): DomainError {
  if (error instanceof Error && /pixel limit/i.test(error.message)) {
    return new DomainError('image_too_many_pixels', field, { max: new Intl.NumberFormat('fr-FR').format(MAX_INPUT_PIXELS / 1_000_000) });
  }
  return new DomainError('image_invalid', field);
}

async function readMetadata(input: Buffer, field: string): Promise<sharp.Metadata> {
  try {
    return await (await openUpload(input)).metadata();
  } catch (error) {
    throw refusalOf(error, field);
  }
}

/**
 * Checks and converts an uploaded photo. Refusals are DomainErrors on `field`: not a JPEG,
 * PNG or WebP image, heavier than `maxBytes`, more than 40 million pixels, narrower than
 * 300 px once upright.
 */
export async function preparePhoto(input: Buffer, maxBytes: number, field = 'photo'): Promise<ProcessedImage> {
  checkBytes(input, maxBytes, field);
  const metadata = await readMetadata(input, field);
  if (!(ACCEPTED_FORMATS as readonly string[]).includes(metadata.format ?? '')) throw new DomainError('image_invalid', field);
  const width = metadata.autoOrient?.width ?? metadata.width ?? 0;
  if (width < MIN_WIDTH_PX) throw new DomainError('image_too_small', field);
  try {
    const { data, info } = await (await openUpload(input))
      .rotate()
      .resize({ width: MAX_WIDTH_PX, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch (error) {
    // A truncated or corrupt file can pass the header check and fail on decoding.
    throw refusalOf(error, field);
  }
}

/** Stores a processed photo and returns its id. */
export async function storeImage(db: Executor, image: ProcessedImage): Promise<string> {
  const id = newId();
  await insertImage(db, { id, content_type: 'image/jpeg', bytes: image.bytes, width: image.width, height: image.height, created_at: nowIso() });
  return id;
}

/** Who sends a photo, and within which limits (settings UPLOAD_MAX_BYTES, UPLOAD_MAX_PER_HOUR). */
export interface PhotoUpload {
  db: Executor;
  accountId: string;
  maxBytes: number;
  maxPerHour: number;
}

/**
 * Counts the photo against the account's allowance of the last hour, or refuses it, before
 * anything is decoded. What is counted is each photo handed to sharp, kept or not (a form
 * refused for another field, or sent again, decodes its photo all the same). The sending is
 * written, committed, then counted: two processes receiving photos of one account at the same
 * instant each see the other's, so the limit is never passed. A refused sending is taken
 * back, so an account that keeps trying is not held back any longer.
 */
async function takeUploadAllowance(upload: PhotoUpload, field: string): Promise<void> {
  const sentAt = now();
  const hourBefore = new Date(sentAt.getTime() - HOUR_MS).toISOString();
  const id = newId();
  await insertImageUpload(upload.db, { id, account_id: upload.accountId, sent_at: sentAt.toISOString() }, hourBefore);
  if ((await countImageUploadsAfter(upload.db, upload.accountId, hourBefore)) > upload.maxPerHour) {
    await deleteImageUpload(upload.db, id);
    throw new DomainError('image_upload_limit', field, { max: upload.maxPerHour });
  }
}

export function imageUrl(id: string): string {
  return `/images/${id}.jpg`;
}

/** The neutral drawing shown where a shop or an offer has no photo (decorative: empty alt). */
export const PLACEHOLDER_URL = '/static/placeholder.svg';

/**
 * Reads the photo field of a multipart form: no file (or an empty one, as browsers send when
 * nothing was chosen) is undefined; a file within the size limit counts against the
 * account's hourly allowance, then is checked and converted.
 */
export async function readPhotoField(value: unknown, upload: PhotoUpload, field = 'photo'): Promise<ProcessedImage | undefined> {
  if (value === undefined || value === '') return undefined;
  if (!Buffer.isBuffer(value)) throw new DomainError('image_invalid', field);
  if (value.length === 0) return undefined;
  checkBytes(value, upload.maxBytes, field);
  await takeUploadAllowance(upload, field);
  return preparePhoto(value, upload.maxBytes, field);
}
