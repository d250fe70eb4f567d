// « Bien photographier vos produits »: one page of advice for merchants, six short points,
// each with a small drawing. The drawings are SVG with presentation attributes only (no
// style attribute, which the content security policy refuses), named for screen readers.
import type { ComponentChildren, JSX } from 'preact';
import { t, type MessageKey } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';

const INK = '#1b1b1b';
const GOOD = '#1e6b2e';

function Drawing({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <svg viewBox="0 0 160 110" width="160" height="110" role="img" aria-label={label} class="photo-tip__drawing">
      <rect x="1" y="1" width="158" height="108" rx="8" fill="#ffffff" stroke="#8a8578" stroke-width="2" />
      {children}
    </svg>
  );
}

const TIPS = ['light', 'background', 'framing', 'sharpness', 'whole', 'size'] as const;

/** A bottle: the product of every drawing, so that only the advice changes. */
function Bottle({ x, y, scale = 1 }: { x: number; y: number; scale?: number }) {
  return (
    <g transform={`translate(${x} ${y}) scale(${scale})`}>
      <rect x="-4" y="-38" width="8" height="16" fill="#6b1f3a" />
      <rect x="-12" y="-24" width="24" height="48" rx="6" fill="#6b1f3a" />
      <rect x="-12" y="-6" width="24" height="14" fill="#f2e6d0" />
    </g>
  );
}

const DRAWINGS: Record<(typeof TIPS)[number], () => JSX.Element> = {
  light: () => (
    <>
      <rect x="14" y="14" width="44" height="56" fill="#d6eaf8" stroke={INK} stroke-width="3" />
      <path d="M36 14v56M14 42h44" stroke={INK} stroke-width="3" />
      <path d="M62 40l22 10M62 54l22 4" stroke="#e0a800" stroke-width="4" stroke-linecap="round" />
      <Bottle x={112} y={62} />
    </>
  ),
  background: () => (
    <>
      <rect x="20" y="14" width="120" height="82" fill="#f3efe6" />
      <Bottle x={80} y={58} />
    </>
  ),
  framing: () => (
    <>
      <rect x="34" y="12" width="92" height="86" fill="none" stroke={GOOD} stroke-width="3" stroke-dasharray="8 5" />
      <Bottle x={80} y={58} scale={1.45} />
    </>
  ),
  sharpness: () => (
    <>
      <rect x="46" y="8" width="68" height="94" rx="10" fill={INK} />
      <rect x="52" y="16" width="56" height="78" fill="#f3efe6" />
      <Bottle x={80} y={60} scale={0.8} />
      <rect x="62" y="34" width="36" height="44" fill="none" stroke="#e0a800" stroke-width="3" />
    </>
  ),
  whole: () => (
    <>
      <ellipse cx="80" cy="70" rx="60" ry="20" fill="#c0c8cf" />
      <circle cx="55" cy="62" r="12" fill="#f2c94c" />
      <circle cx="80" cy="58" r="12" fill="#e8b23a" />
      <circle cx="105" cy="62" r="12" fill="#f2c94c" />
      <circle cx="80" cy="74" r="10" fill="#d9a066" />
    </>
  ),
  size: () => (
    <>
      <rect x="22" y="20" width="116" height="64" fill="#f3efe6" stroke={INK} stroke-width="2" />
      <Bottle x={80} y={54} scale={0.9} />
      <path d="M22 96h116M22 90v12M138 90v12" stroke={GOOD} stroke-width="3" />
    </>
  ),
};


function tipKey(tip: (typeof TIPS)[number], part: 'title' | 'text' | 'drawing'): MessageKey {
  return `photo_guide.${tip}.${part}` as MessageKey;
}

export function PhotoGuideView({ ctx }: { ctx: PageContext }) {
  const title = t('photo_guide.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('nav.home'), '/'], [title]]}>
      <h1>{title}</h1>
      <p class="lead">{t('photo_guide.lead')}</p>
      <ol class="photo-tips">
        {TIPS.map((tip) => {
          const Picture = DRAWINGS[tip];
          return (
            <li class="photo-tip">
              <Drawing label={t(tipKey(tip, 'drawing'))}>
                <Picture />
              </Drawing>
              <div>
                <h2>{t(tipKey(tip, 'title'))}</h2>
                <p>{t(tipKey(tip, 'text'))}</p>
              </div>
            </li>
          );
        })}
      </ol>
      <p class="panel">{t('photo_guide.help', { phone: ctx.conciergerie.phone })}</p>
    </Page>
  );
}
