// The opening-hours editor of one shop, for its merchant and for the concierge: one group
// per weekday, two ranges each.
import { weekdayName } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Form, SubmitButton, TextField, type FormState } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import type { Shop } from './shops.repository.ts';
import { RANGES_PER_DAY, WEEKDAYS, formatOpeningHours, hoursFieldName, type OpeningRange } from './shops.rules.ts';
import { DIRECTORY_PATH, hoursPath, shopPath } from './shops.paths.ts';
import { BACKOFFICE_PATH, PORTAL_PATH } from '../platform/paths.ts';

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Labels of every time input, named with their day for the error summary. */
function hoursLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const weekday of WEEKDAYS) {
    for (let slot = 1; slot <= RANGES_PER_DAY; slot += 1) {
      for (const end of ['opens', 'closes'] as const) {
        labels[hoursFieldName(weekday, slot, end)] = `${capitalised(weekdayName(weekday))}, ${tDynamic(`shops.hours.${end}_${slot}`).toLowerCase()}`;
      }
    }
  }
  return labels;
}

function DayFields({ weekday, state }: { weekday: number; state: FormState }) {
  const names = Array.from({ length: RANGES_PER_DAY }, (_, index) => index + 1).flatMap((slot) => [
    hoursFieldName(weekday, slot, 'opens'),
    hoursFieldName(weekday, slot, 'closes'),
  ]);
  const closed = names.every((name) => (state.values[name] ?? '').trim() === '');
  return (
    <fieldset class="hours-day">
      <legend>
        {capitalised(weekdayName(weekday))}
        {closed ? <span class="muted"> — {t('shops.hours.closed')}</span> : null}
      </legend>
      <div class="hours-day__ranges">
        {names.map((name) => {
          const [, end, slot] = name.split('_');
          return <TextField name={name} label={tDynamic(`shops.hours.${end}_${slot}`)} type="time" size="short" state={state} />;
        })}
      </div>
    </fieldset>
  );
}

export interface HoursPageProps {
  ctx: PageContext;
  shop: Shop;
  saved: OpeningRange[];
  state: FormState;
}

function trailOf(ctx: PageContext, shop: Shop, title: string): Array<[string, string?]> {
  if (ctx.account?.role === 'merchant') return [[t('shops.trail.merchant_home'), PORTAL_PATH], [title]];
  return [
    [t('shops.trail.backoffice'), BACKOFFICE_PATH],
    [t('shops.trail.directory'), DIRECTORY_PATH],
    [shop.tradeName, shopPath(shop.id)],
    [t('shops.page.hours')],
  ];
}

export function HoursPage({ ctx, shop, saved, state }: HoursPageProps) {
  const title = t('shops.hours.title', { shop: shop.tradeName });
  return (
    <Page ctx={ctx} title={title} trail={trailOf(ctx, shop, t('shops.page.hours'))} noindex>
      <h1>{title}</h1>
      <div class="panel">
        <h2>{t('shops.hours.now')}</h2>
        <dl class="facts">
          {formatOpeningHours(saved).map(({ day, text }) => (
            <>
              <dt>{day}</dt>
              <dd>{text}</dd>
            </>
          ))}
        </dl>
      </div>
      <p>{t('shops.hours.intro')}</p>
      <Form ctx={ctx} action={hoursPath(shop.id)} state={state} labels={hoursLabels()}>
        {WEEKDAYS.map((weekday) => (
          <DayFields weekday={weekday} state={state} />
        ))}
        <SubmitButton>{t('shops.hours.submit')}</SubmitButton>
      </Form>
    </Page>
  );
}
