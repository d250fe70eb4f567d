// One picture per demo shop, drawn offline so the demo pages are not grey boxes and no two
// shops look alike: its trade's drawing, in a colour drawn from a hash of its name, with its
// initials on a sign. The letters are drawn as squares from a 5×7 grid, so no font is needed
// and the same name always gives the same bytes.
import sharp from 'sharp';
import type { ImagesTable } from '../db/schema.ts';
import type { SeededIds } from './demo.random.ts';

const WIDTH = 640;
const HEIGHT = 480;

type Motif = (main: string, accent: string) => string;

const MOTIFS: Record<string, Motif> = {
  fish: (main, accent) =>
    `<ellipse cx="300" cy="250" rx="150" ry="70" fill="${main}"/><polygon points="440,250 530,190 530,310" fill="${main}"/><circle cx="215" cy="235" r="12" fill="${accent}"/>`,
  wedge: (main, accent) =>
    `<polygon points="150,330 490,330 430,160" fill="${main}"/><circle cx="330" cy="280" r="22" fill="${accent}"/><circle cx="410" cy="300" r="14" fill="${accent}"/><circle cx="400" cy="230" r="12" fill="${accent}"/>`,
  bottle: (main, accent) =>
    `<rect x="270" y="180" width="100" height="220" rx="20" fill="${main}"/><rect x="300" y="90" width="40" height="100" fill="${main}"/><rect x="270" y="260" width="100" height="70" fill="${accent}"/>`,
  loaf: (main, accent) =>
    `<ellipse cx="320" cy="270" rx="200" ry="80" fill="${main}"/><path d="M200 240 l40 40 M270 225 l40 40 M340 220 l40 40 M410 230 l40 40" stroke="${accent}" stroke-width="12" stroke-linecap="round"/>`,
  basket: (main, accent) =>
    `<circle cx="250" cy="230" r="55" fill="${accent}"/><circle cx="340" cy="215" r="60" fill="#e8b23a"/><circle cx="420" cy="235" r="50" fill="#7fae3a"/><polygon points="160,260 480,260 440,390 200,390" fill="${main}"/>`,
  cake: (main, accent) =>
    `<rect x="190" y="250" width="260" height="110" rx="12" fill="${main}"/><rect x="220" y="180" width="200" height="80" rx="12" fill="${accent}"/><circle cx="320" cy="165" r="18" fill="#c0392b"/>`,
  box: (main, accent) =>
    `<rect x="190" y="190" width="260" height="190" rx="8" fill="${main}"/><rect x="305" y="190" width="30" height="190" fill="${accent}"/><rect x="190" y="265" width="260" height="30" fill="${accent}"/><circle cx="300" cy="180" r="25" fill="${accent}"/><circle cx="340" cy="180" r="25" fill="${accent}"/>`,
  book: (main, accent) =>
    `<rect x="180" y="300" width="280" height="50" fill="${main}"/><rect x="200" y="250" width="250" height="50" fill="${accent}"/><rect x="190" y="200" width="260" height="50" fill="${main}"/><rect x="210" y="150" width="230" height="50" fill="${accent}"/>`,
  shirt: (main, accent) =>
    `<path d="M250 130 L200 150 L140 220 L190 260 L220 230 L220 390 L420 390 L420 230 L450 260 L500 220 L440 150 L390 130 Q320 180 250 130 Z" fill="${main}"/><circle cx="320" cy="260" r="30" fill="${accent}"/>`,
  shoe: (main, accent) =>
    `<path d="M150 330 L150 240 Q200 230 240 200 L300 250 Q420 270 490 300 L490 340 L150 340 Z" fill="${main}"/><rect x="150" y="340" width="340" height="22" fill="${accent}"/>`,
  spool: (main, accent) =>
    `<rect x="250" y="140" width="140" height="24" fill="${accent}"/><rect x="270" y="164" width="100" height="172" fill="${main}"/><rect x="250" y="336" width="140" height="24" fill="${accent}"/><path d="M390 250 Q470 280 450 380" stroke="${main}" stroke-width="6" fill="none"/>`,
  flower: (main, accent) =>
    `<rect x="312" y="250" width="16" height="160" fill="#4f7f3a"/><circle cx="320" cy="170" r="45" fill="${main}"/><circle cx="270" cy="215" r="45" fill="${main}"/><circle cx="370" cy="215" r="45" fill="${main}"/><circle cx="290" cy="265" r="45" fill="${main}"/><circle cx="350" cy="265" r="45" fill="${main}"/><circle cx="320" cy="225" r="30" fill="${accent}"/>`,
  ring: (main, accent) =>
    `<circle cx="320" cy="280" r="90" fill="none" stroke="${main}" stroke-width="24"/><polygon points="320,130 360,175 320,210 280,175" fill="${accent}"/>`,
  toy: (main, accent) =>
    `<rect x="180" y="270" width="110" height="110" fill="${main}"/><rect x="300" y="270" width="110" height="110" fill="${accent}"/><rect x="240" y="160" width="110" height="110" fill="${accent}"/><circle cx="470" cy="320" r="55" fill="${main}"/>`,
  vase: (main, accent) =>
    `<path d="M270 140 L370 140 L360 180 Q440 250 380 380 L260 380 Q200 250 280 180 Z" fill="${main}"/><rect x="230" y="270" width="180" height="26" fill="${accent}"/>`,
  glasses: (main, accent) =>
    `<circle cx="240" cy="250" r="70" fill="${accent}" stroke="${main}" stroke-width="16"/><circle cx="400" cy="250" r="70" fill="${accent}" stroke="${main}" stroke-width="16"/><path d="M310 245 Q320 225 330 245" stroke="${main}" stroke-width="14" fill="none"/>`,
  bike: (main, accent) =>
    `<circle cx="210" cy="310" r="80" fill="none" stroke="${main}" stroke-width="14"/><circle cx="430" cy="310" r="80" fill="none" stroke="${main}" stroke-width="14"/><path d="M210 310 L290 200 L400 200 L430 310 M290 200 L320 310 L400 200" stroke="${accent}" stroke-width="12" fill="none"/>`,
};

/** [motif, background, main, accent] per category; unknown categories get a vase. */
const STYLES: Record<string, readonly [string, string, string, string]> = {
  alimentation: ['basket', '#f3e9d2', '#a8743a', '#c0392b'],
  boulangerie: ['loaf', '#f6ead8', '#c88a3d', '#8a5a22'],
  boucherie: ['loaf', '#f4e1dc', '#b0413e', '#f2d0c4'],
  poissonnerie: ['fish', '#d9ecf2', '#3a7ca5', '#ffffff'],
  fromagerie: ['wedge', '#f7f1d5', '#f2c94c', '#e0a800'],
  primeur: ['basket', '#e6f2dc', '#8d6e3f', '#d35400'],
  traiteur: ['cake', '#f1e7dd', '#d9a066', '#a0522d'],
  cave: ['bottle', '#efe3ea', '#6b1f3a', '#f2e6d0'],
  chocolaterie: ['box', '#f1e4d8', '#5a3825', '#c9a227'],
  patisserie: ['cake', '#fbe9ef', '#f4c2d0', '#ffffff'],
  librairie: ['book', '#e9eef5', '#2c4f7c', '#c0392b'],
  papeterie: ['book', '#eef0e6', '#557a46', '#e0a800'],
  habillement: ['shirt', '#e7eef6', '#2f5d8a', '#f2c94c'],
  chaussures: ['shoe', '#f0ebe4', '#7a4b2a', '#2b2b2b'],
  cordonnerie: ['shoe', '#ece6df', '#4a3222', '#9c6b3c'],
  retouche: ['spool', '#f3e8f1', '#8e44ad', '#c9a227'],
  fleuriste: ['flower', '#eef5e6', '#e56b8a', '#f2c94c'],
  bijouterie: ['ring', '#f2f0ea', '#c9a227', '#5dade2'],
  jouets: ['toy', '#eef3fb', '#e74c3c', '#3498db'],
  maison: ['vase', '#f3efe6', '#3f7f7a', '#e0a800'],
  beaute: ['vase', '#f6eef5', '#9b59b6', '#ffffff'],
  optique: ['glasses', '#eaf1f4', '#2b2b2b', '#d6eaf8'],
  sport: ['bike', '#e9f4ee', '#2b2b2b', '#e67e22'],
};

/** 5×7 letters, one string of rows per letter ('1' is a square). */
const LETTERS: Record<string, string> = {
  A: '01110 10001 10001 11111 10001 10001 10001',
  B: '11110 10001 10001 11110 10001 10001 11110',
  C: '01110 10001 10000 10000 10000 10001 01110',
  D: '11110 10001 10001 10001 10001 10001 11110',
  E: '11111 10000 10000 11110 10000 10000 11111',
  F: '11111 10000 10000 11110 10000 10000 10000',
  G: '01110 10001 10000 10111 10001 10001 01111',
  H: '10001 10001 10001 11111 10001 10001 10001',
  I: '01110 00100 00100 00100 00100 00100 01110',
  J: '00111 00010 00010 00010 00010 10010 01100',
  K: '10001 10010 10100 11000 10100 10010 10001',
  L: '10000 10000 10000 10000 10000 10000 11111',
  M: '10001 11011 10101 10101 10001 10001 10001',
  N: '10001 10001 11001 10101 10011 10001 10001',
  O: '01110 10001 10001 10001 10001 10001 01110',
  P: '11110 10001 10001 11110 10000 10000 10000',
  Q: '01110 10001 10001 10001 10101 10010 01101',
  R: '11110 10001 10001 11110 10100 10010 10001',
  S: '01111 10000 10000 01110 00001 00001 11110',
  T: '11111 00100 00100 00100 00100 00100 00100',
  U: '10001 10001 10001 10001 10001 10001 01110',
  V: '10001 10001 10001 10001 10001 01010 00100',
  W: '10001 10001 10001 10101 10101 10101 01010',
  X: '10001 10001 01010 00100 01010 10001 10001',
  Y: '10001 10001 01010 00100 00100 00100 00100',
  Z: '11111 00001 00010 00100 01000 10000 11111',
};

/** Little words a sign leaves out: « La Cave d’Istres » reads CI. */
const SMALL_WORDS = new Set(['la', 'le', 'les', 'l', 'de', 'du', 'des', 'd', 'et', 'a', 'au', 'aux', 'chez', 'en']);

/** Up to two initials of a shop's name, in capitals without accents. */
export function initialsOf(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length > 0 && !SMALL_WORDS.has(word.toLowerCase()));
  return words
    .slice(0, 2)
    .map((word) => word[0].toUpperCase())
    .join('');
}

/** FNV-1a: a small, stable hash of a name, for its colour. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash;
}

function hslHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

const CELL = 12;

/** The initials in white squares on a sign of the shop's colour, top left. */
function signOf(initials: string, colour: string): string {
  const letterWidth = 5 * CELL;
  const width = initials.length * letterWidth + (initials.length - 1) * CELL + 4 * CELL;
  const squares = [...initials].flatMap((letter, index) =>
    (LETTERS[letter] ?? '').split(' ').flatMap((row, y) =>
      [...row].flatMap((bit, x) => (bit === '1' ? [`M${24 + 2 * CELL + index * (letterWidth + CELL) + x * CELL} ${24 + 2 * CELL + y * CELL}h${CELL}v${CELL}h-${CELL}z`] : [])),
    ),
  );
  return `<rect x="24" y="24" width="${width}" height="${11 * CELL}" rx="16" fill="${colour}"/><path d="${squares.join('')}" fill="#ffffff"/>`;
}

/** The trade's drawing in the shop's own colour, with its initials. */
function svgOf(shopName: string, categoryCode: string): string {
  const [motif, , , accent] = STYLES[categoryCode] ?? ['vase', '#f3efe6', '#3f7f7a', '#e0a800'];
  const hue = hashOf(shopName) % 360;
  const main = hslHex(hue, 0.55, 0.33);
  const background = hslHex(hue, 0.45, 0.91);
  const initials = initialsOf(shopName);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`
    + `<rect width="${WIDTH}" height="${HEIGHT}" fill="${background}"/><rect y="380" width="${WIDTH}" height="100" fill="${main}" opacity="0.15"/>`
    + `${MOTIFS[motif](main, accent)}${initials ? signOf(initials, main) : ''}</svg>`;
}

/** One JPEG per shop, keyed by shop id; its offers show it too. */
export async function buildShopImages(
  shops: ReadonlyArray<{ id: string; name: string; categoryCode: string }>,
  ids: SeededIds,
  createdAt: string,
): Promise<Map<string, ImagesTable>> {
  const images = new Map<string, ImagesTable>();
  const rendered = await Promise.all(shops.map((shop) => sharp(Buffer.from(svgOf(shop.name, shop.categoryCode))).jpeg({ quality: 75 }).toBuffer()));
  shops.forEach((shop, index) => {
    images.set(shop.id, { id: ids.next(createdAt), content_type: 'image/jpeg', bytes: rendered[index], width: WIDTH, height: HEIGHT, created_at: createdAt });
  });
  return images;
}
