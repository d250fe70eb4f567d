// The checks the crawler runs on one page, and the meter of what the page transfers.
//
// Sizes are measured on a cold cache: the browser's cache is off for the whole crawl
// (Network.setCacheDisabled), so every page is weighed as a visitor arriving on it first
// would download it — its HTML, stylesheet and both fonts every time. Fonts count (only images
// are set aside, as the requirement says); measuring them once and then trusting the cache
// would hide a page that is too heavy for whoever lands on it from a search or a mail.
// Sizes are transfer sizes (Chromium's encodedDataLength: compressed body and headers).
//
// 200 % zoom: a 1280 px wide window zoomed to 200 % lays pages out in 640 CSS pixels, so the
// page is checked at a 640 px viewport (the device pixel ratio changes no CSS layout): it must
// not scroll sideways and its running text must stay at least 16 CSS px.
import type { CDPSession, Page } from 'playwright-core';
import { expectNoAxeViolations } from '../../test/helpers/browser.ts';

export const JS_LIMIT_BYTES = 30 * 1024;
export const TRANSFER_LIMIT_BYTES = 100 * 1024;
export const MIN_TEXT_PX = 16;
export const NARROW_WIDTH_PX = 320;
export const ZOOMED_WIDTH_PX = 640;
export const WIDE = { width: 1280, height: 800 };

/** The check names, in French: they are the words of the report. */
export const CHECKS = {
  status: 'statut HTTP',
  axe: 'axe',
  h1: 'un seul h1',
  lang: 'lang="fr"',
  narrow: '320 px sans défilement horizontal',
  zoom: 'zoom 200 % lisible',
  console: 'aucune erreur console',
  js: 'JavaScript ≤ 30 Ko',
  transfer: 'transfert ≤ 100 Ko (hors images)',
} as const;
export type CheckName = (typeof CHECKS)[keyof typeof CHECKS];

export interface PageFinding {
  check: CheckName;
  detail: string;
}

export interface Weight {
  scriptBytes: number;
  /** Everything but images: documents, stylesheets, fonts, scripts. */
  transferBytes: number;
  imageBytes: number;
}

/** Adds up what the page's requests transfer between two resets, images apart. */
export class TransferMeter {
  private readonly kinds = new Map<string, { mime: string; type: string }>();
  private weight: Weight = { scriptBytes: 0, transferBytes: 0, imageBytes: 0 };

  private constructor(cdp: CDPSession) {
    cdp.on('Network.responseReceived', (event) => this.kinds.set(event.requestId, { mime: event.response.mimeType, type: event.type }));
    cdp.on('Network.loadingFinished', (event) => this.add(event.requestId, event.encodedDataLength));
  }

  static async attach(page: Page): Promise<TransferMeter> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    return new TransferMeter(cdp);
  }

  reset(): void {
    this.kinds.clear();
    this.weight = { scriptBytes: 0, transferBytes: 0, imageBytes: 0 };
  }

  read(): Weight {
    return { ...this.weight };
  }

  private add(requestId: string, bytes: number): void {
    const kind = this.kinds.get(requestId);
    if (!kind) return;
    if (kind.type === 'Image' || kind.mime.startsWith('image/')) {
      this.weight.imageBytes += bytes;
      return;
    }
    this.weight.transferBytes += bytes;
    if (kind.type === 'Script' || /javascript|ecmascript/.test(kind.mime)) this.weight.scriptBytes += bytes;
  }
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1).replace('.', ',')} Ko`;

/** What the page's shape says: one h1, lang="fr". */
async function checkShape(page: Page): Promise<PageFinding[]> {
  const { h1, lang } = await page.evaluate(() => ({ h1: document.querySelectorAll('h1').length, lang: document.documentElement.lang }));
  const findings: PageFinding[] = [];
  if (h1 !== 1) findings.push({ check: CHECKS.h1, detail: `${h1} h1` });
  if (lang !== 'fr') findings.push({ check: CHECKS.lang, detail: `lang="${lang}"` });
  return findings;
}

async function checkAxe(page: Page): Promise<PageFinding[]> {
  try {
    await expectNoAxeViolations(page);
    return [];
  } catch (error) {
    return [{ check: CHECKS.axe, detail: (error as Error).message }];
  }
}

/** How far the page overflows sideways at the current width, in px (0 when it fits). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return Math.max(0, root.scrollWidth - root.clientWidth);
  });
}

/** The smallest computed font size of the body and of the running text in main (paragraphs). */
function smallestTextPx(page: Page): Promise<{ px: number; where: string }> {
  return page.evaluate(() => {
    let smallest = { px: parseFloat(getComputedStyle(document.body).fontSize), where: 'body' };
    for (const paragraph of document.querySelectorAll('main p')) {
      if (!paragraph.textContent?.trim()) continue;
      const px = parseFloat(getComputedStyle(paragraph).fontSize);
      if (px < smallest.px) smallest = { px, where: `main p.${paragraph.className || '(sans classe)'} « ${paragraph.textContent.trim().slice(0, 40)} »` };
    }
    return smallest;
  });
}

async function checkWidths(page: Page): Promise<PageFinding[]> {
  const findings: PageFinding[] = [];
  await page.setViewportSize({ width: NARROW_WIDTH_PX, height: 640 });
  const narrow = await sidewaysOverflow(page);
  if (narrow > 0) findings.push({ check: CHECKS.narrow, detail: `déborde de ${narrow} px à ${NARROW_WIDTH_PX} px` });
  await page.setViewportSize({ width: ZOOMED_WIDTH_PX, height: 400 });
  const zoomed = await sidewaysOverflow(page);
  if (zoomed > 0) findings.push({ check: CHECKS.zoom, detail: `déborde de ${zoomed} px à ${ZOOMED_WIDTH_PX} px (1280 px à 200 %)` });
  const text = await smallestTextPx(page);
  if (text.px < MIN_TEXT_PX) findings.push({ check: CHECKS.zoom, detail: `texte de ${String(text.px).replace('.', ',')} px < ${MIN_TEXT_PX} px : ${text.where}` });
  await page.setViewportSize(WIDE);
  return findings;
}

function checkWeight(weight: Weight): PageFinding[] {
  const findings: PageFinding[] = [];
  if (weight.scriptBytes > JS_LIMIT_BYTES) findings.push({ check: CHECKS.js, detail: `${kilobytes(weight.scriptBytes)} de JavaScript` });
  if (weight.transferBytes > TRANSFER_LIMIT_BYTES) findings.push({ check: CHECKS.transfer, detail: `${kilobytes(weight.transferBytes)} transférés hors images` });
  return findings;
}

/** Every check of one loaded page (left at the wide viewport); console errors are the caller's. */
export async function checkLoadedPage(page: Page, weight: Weight): Promise<PageFinding[]> {
  return [...(await checkShape(page)), ...checkWeight(weight), ...(await checkAxe(page)), ...(await checkWidths(page))];
}

export { kilobytes };
