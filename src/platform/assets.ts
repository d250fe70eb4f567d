// The files every page links to (stylesheet, typeface, favicon, the town's mark), read once at
// start and kept in memory, each at an address that carries a hash of its content: a browser
// keeps it a year and fetches a new version as soon as the content, hence the address, changes.
// Text files are compressed once here (brotli and gzip), not on every request.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
const STATIC_PREFIX = '/static/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
/** Worth compressing: woff2 and PNG are compressed already. */
const TEXT_TYPES = new Set(['.css', '.svg']);

/** Only the latin subset in two weights: what French text needs, about 60 KB in all. */
const FONT_FILES = ['atkinson-hyperlegible-next-latin-400-normal.woff2', 'atkinson-hyperlegible-next-latin-700-normal.woff2'];

interface Asset {
  /** False for the plain address of the stylesheet, which keeps its name from one version to the next. */
  immutable: boolean;
  type: string;
  body: Buffer;
  brotli?: Buffer;
  gzip?: Buffer;
}

/** The addresses a page links to. */
export interface AssetUrls {
  stylesheet: string;
  /** Fonts the stylesheet uses on every page: preloaded, so text is not drawn twice. */
  fonts: string[];
  favicon: string;
  faviconPng: string;
  touchIcon: string;
  logo: string;
}

export interface Assets {
  urls: AssetUrls;
  /** Served at their hashed address, keyed by it. */
  files: Map<string, Asset>;
}

function hashOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 12);
}

function assetOf(extension: string, body: Buffer): Asset {
  const type = TYPES[extension];
  if (!type) throw new Error(`no content type known for ${extension}`);
  if (!TEXT_TYPES.has(extension)) return { immutable: true, type, body };
  return {
    immutable: true,
    type,
    body,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
  };
}

function fontDir(): string {
  const packageJson = createRequire(import.meta.url).resolve('@fontsource/atkinson-hyperlegible-next/package.json');
  return join(dirname(packageJson), 'files/');
}

/**
 * Reads the assets: the fonts and images first, then the stylesheet with the fonts' plain
 * names (`url(fonts/NAME)`) replaced by their hashed addresses, so the stylesheet's own hash
 * changes with them.
 */
export function loadAssets(logoFile?: string): Assets {
  const files = new Map<string, Asset>();
  const add = (name: string, body: Buffer): string => {
    const extension = extname(name).toLowerCase();
    const url = `${STATIC_PREFIX}${basename(name, extname(name))}.${hashOf(body)}${extension}`;
    files.set(url, assetOf(extension, body));
    return url;
  };
  const fonts = FONT_FILES.map((name) => ({ name, url: add(name, readFileSync(fontDir() + name)) }));
  let css = readFileSync(`${PUBLIC_DIR}styles.css`, 'utf8');
  for (const font of fonts) css = css.replaceAll(`url("fonts/${font.name}")`, `url("${font.url}")`);
  const logoPath = logoFile ?? `${PUBLIC_DIR}town-mark.svg`;
  // The print sheets, which have no page context, link the stylesheet by its plain name.
  files.set(`${STATIC_PREFIX}styles.css`, { ...assetOf('.css', Buffer.from(css)), immutable: false });
  return {
    files,
    urls: {
      stylesheet: add('styles.css', Buffer.from(css)),
      fonts: fonts.map((font) => font.url),
      favicon: add('favicon.svg', readFileSync(`${PUBLIC_DIR}favicon.svg`)),
      faviconPng: add('favicon-32.png', readFileSync(`${PUBLIC_DIR}favicon-32.png`)),
      touchIcon: add('apple-touch-icon.png', readFileSync(`${PUBLIC_DIR}apple-touch-icon.png`)),
      logo: add(`logo${extname(logoPath).toLowerCase()}`, readFileSync(logoPath)),
    },
  };
}

/** The best encoding the browser accepts among those kept: brotli, then gzip, else none. */
function encodingFor(request: FastifyRequest, asset: Asset): 'br' | 'gzip' | undefined {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (asset.brotli && /\bbr\b/.test(accepted)) return 'br';
  if (asset.gzip && /\bgzip\b/.test(accepted)) return 'gzip';
  return undefined;
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset): FastifyReply {
  reply.header('cache-control', asset.immutable ? IMMUTABLE : 'public, max-age=3600').type(asset.type);
  if (asset.brotli || asset.gzip) reply.header('vary', 'accept-encoding');
  const encoding = encodingFor(request, asset);
  if (!encoding) return reply.send(asset.body);
  return reply.header('content-encoding', encoding).send(encoding === 'br' ? asset.brotli : asset.gzip);
}

/** One route per asset at its hashed address (registered before @fastify/static's wildcard). */
export async function assetRoutes(app: FastifyInstance, { assets }: { assets: Assets }): Promise<void> {
  for (const [url, asset] of assets.files) {
    app.get(url, async (request, reply) => sendAsset(request, reply, asset));
  }
  // Browsers that ignore the page's icon links still ask for this address.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect(assets.urls.faviconPng, 301));
}
