// The concierge's pages about collection points: the list, one point with its settings
// (weekly hours, slots, exceptional closures and openings), and a new drop-off point. The
// town sees the same pages without the forms.
import { weekdayName } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { ActionButton, Form, HiddenField, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import { OPENING_PREFIX, RANGES_PER_DAY, WEEKDAYS, dayPrefix, rangeFieldName } from './places.form.rules.ts';
import { PLACE_KINDS, formatClosure, formatOpening, formatWeek, summariseWeek } from './places.rules.ts';
import type { PlaceWithCalendar } from './places.service.ts';
import { SLOT_MINUTE_CHOICES } from './places.slots.rules.ts';
import { NEW_PLACE_PATH, PLACES_PATH, placeFormPath, placeItemPath, placePath } from './places.paths.ts';
import { BACKOFFICE_PATH } from '../platform/paths.ts';
import { formatPhone } from '../platform/typography.ts';

function trail(...rest: Array<[string, string?]>): Array<[string, string?]> {
  return [[t('backoffice.trail'), BACKOFFICE_PATH], ...rest];
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function kindLabel(kind: string): string {
  return tDynamic(`places.kind.${kind}`);
}

function slotText(place: PlaceWithCalendar): string {
  const length = t('places.admin.slot_length', { minutes: place.slotMinutes });
  return place.slotCapacity === null ? t('places.admin.slot_unlimited', { length }) : t('places.admin.slot_capacity', { length, capacity: place.slotCapacity });
}

// ---- the list ----

function PlaceRow({ place, today }: { place: PlaceWithCalendar; today: string }) {
  const next = place.closures[0];
  return (
    <tr>
      <th scope="row">
        <a href={placePath(place.id)}>{place.name}</a>
        {place.active ? null : <span class="badge badge--paused"> {t('places.admin.inactive')}</span>}
        <br />
        <span class="muted">{kindLabel(place.kind)}</span>
      </th>
      <td>{summariseWeek(place.hours)}</td>
      <td>{slotText(place)}</td>
      <td>{next ? formatClosure(next, today) : t('places.admin.no_closure')}</td>
    </tr>
  );
}

export function PlacesListPage({ ctx, places, today, canManage }: { ctx: PageContext; places: PlaceWithCalendar[]; today: string; canManage: boolean }) {
  const title = t('places.admin.title');
  return (
    <Page ctx={ctx} title={title} trail={trail([title])} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('places.admin.intro')}</p>
      {canManage ? (
        <p class="actions">
          <a class="button" href={NEW_PLACE_PATH}>
            {t('places.admin.add')}
          </a>
        </p>
      ) : null}
      {places.length === 0 ? (
        <p class="panel">{t('places.admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('places.admin.col.place')}</th>
                <th scope="col">{t('places.admin.col.hours')}</th>
                <th scope="col">{t('places.admin.col.slots')}</th>
                <th scope="col">{t('places.admin.col.closure')}</th>
              </tr>
            </thead>
            <tbody>
              {places.map((place) => (
                <PlaceRow place={place} today={today} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

// ---- a new drop-off point ----

export const NEW_PLACE_LABELS = (): Record<string, string> => ({
  name: t('places.new.name'),
  kind: t('places.new.kind'),
  address_line: t('places.new.address_line'),
  postal_code: t('places.new.postal_code'),
  city: t('places.new.city'),
  phone: t('places.new.phone'),
});

export function NewPlacePage({ ctx, state, idempotencyKey }: { ctx: PageContext; state: FormState; idempotencyKey: string }) {
  const title = t('places.new.title');
  const labels = NEW_PLACE_LABELS();
  return (
    <Page ctx={ctx} title={title} trail={trail([t('places.admin.title'), PLACES_PATH], [title])} noindex>
      <h1>{title}</h1>
      <p>{t('places.new.intro')}</p>
      <Form ctx={ctx} action={NEW_PLACE_PATH} state={state} labels={labels}>
        <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? idempotencyKey} />
        <TextField name="name" label={labels.name} hint={t('places.new.name_hint')} state={state} required />
        <SelectField name="kind" label={labels.kind} state={state} options={PLACE_KINDS.map((kind) => [kind, kindLabel(kind)])} placeholder={t('places.new.kind_placeholder')} required />
        <TextField name="address_line" label={labels.address_line} state={state} autocomplete="street-address" required />
        <TextField name="postal_code" label={labels.postal_code} state={state} inputMode="numeric" size="short" required />
        <TextField name="city" label={labels.city} state={state} size="medium" required />
        <TextField name="phone" label={labels.phone} hint={t('places.new.phone_hint')} state={state} type="tel" size="medium" />
        <SubmitButton>{t('places.new.submit')}</SubmitButton>
      </Form>
    </Page>
  );
}

// ---- one place ----

function rangeLabel(prefix: string, index: number, end: 'opens' | 'closes'): string {
  return t(end === 'opens' ? 'places.form.opens' : 'places.form.closes', { index: index === 1 ? '1re' : `${index}e` });
}

/** One line per range (opening then closing time), so a range never splits across lines. */
function RangeFields({ prefix, state }: { prefix: string; state: FormState }) {
  const indexes = Array.from({ length: RANGES_PER_DAY }, (_, offset) => offset + 1);
  return (
    <>
      {indexes.map((index) => (
        <div class="hours-day__ranges">
          {(['opens', 'closes'] as const).map((end) => (
            <TextField name={rangeFieldName(prefix, index, end)} label={rangeLabel(prefix, index, end)} type="time" size="short" state={state} />
          ))}
        </div>
      ))}
    </>
  );
}

export function weekLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const weekday of WEEKDAYS) {
    for (let index = 1; index <= RANGES_PER_DAY; index += 1) {
      for (const end of ['opens', 'closes'] as const) {
        labels[rangeFieldName(dayPrefix(weekday), index, end)] = `${capitalised(weekdayName(weekday))}, ${rangeLabel(dayPrefix(weekday), index, end).toLowerCase()}`;
      }
    }
  }
  return labels;
}

// Each form posts to an address ending with its section's anchor: when it comes back with
// mistakes, the browser shows that section, not the top of a long page (no script needed).
function WeekForm({ ctx, place, state }: { ctx: PageContext; place: PlaceWithCalendar; state: FormState }) {
  return (
    <Form ctx={ctx} action={`${placeFormPath(place.id, 'horaires')}#horaires`} state={state} labels={weekLabels()}>
      {WEEKDAYS.map((weekday) => (
        <fieldset class="hours-day">
          <legend>{capitalised(weekdayName(weekday))}</legend>
          <RangeFields prefix={dayPrefix(weekday)} state={state} />
        </fieldset>
      ))}
      <SubmitButton>{t('places.week.submit')}</SubmitButton>
    </Form>
  );
}

function SlotForm({ ctx, place, state }: { ctx: PageContext; place: PlaceWithCalendar; state: FormState }) {
  const labels = { slot_minutes: t('places.slots.minutes'), slot_capacity: t('places.slots.capacity') };
  const options = SLOT_MINUTE_CHOICES.map((minutes): [string, string] => [String(minutes), t('places.admin.slot_length', { minutes })]);
  return (
    <Form ctx={ctx} action={`${placeFormPath(place.id, 'creneaux')}#creneaux`} state={state} labels={labels}>
      <SelectField name="slot_minutes" label={labels.slot_minutes} state={state} options={options} defaultValue={String(place.slotMinutes)} />
      <TextField name="slot_capacity" label={labels.slot_capacity} hint={t('places.slots.capacity_hint')} state={state} inputMode="numeric" size="short" defaultValue={place.slotCapacity === null ? '' : String(place.slotCapacity)} />
      <SubmitButton>{t('places.slots.submit')}</SubmitButton>
    </Form>
  );
}

export const closureLabels = (): Record<string, string> => ({
  closure_from: t('places.closure.from'),
  closure_to: t('places.closure.to'),
  closure_reason: t('places.closure.reason'),
});

function ClosureSection({ ctx, place, today, state, idempotencyKey, canManage }: DetailProps) {
  const labels = closureLabels();
  return (
    <section aria-labelledby="fermetures">
      <h2 id="fermetures">{t('places.closure.title')}</h2>
      {place.closures.length === 0 ? (
        <p>{t('places.closure.none')}</p>
      ) : (
        <ul class="calendar-list">
          {place.closures.map((closure) => (
            <li>
              {formatClosure(closure, today)}
              {canManage ? <ActionButton ctx={ctx} action={placeItemPath(place.id, 'fermetures', closure.id)} label={t('places.closure.remove')} /> : null}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <>
          <h3>{t('places.closure.add_title')}</h3>
          <Form ctx={ctx} action={`${placeFormPath(place.id, 'fermetures')}#fermetures`} state={state.closure} labels={labels}>
            <HiddenField name="idempotency_key" value={state.closure.values.idempotency_key ?? idempotencyKey.closure} />
            <TextField name="closure_from" label={labels.closure_from} hint={t('places.form.date_hint')} state={state.closure} size="medium" required />
            <TextField name="closure_to" label={labels.closure_to} hint={t('places.closure.to_hint')} state={state.closure} size="medium" />
            <TextField name="closure_reason" label={labels.closure_reason} hint={t('places.closure.reason_hint')} state={state.closure} required />
            <SubmitButton>{t('places.closure.submit')}</SubmitButton>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export function openingLabels(): Record<string, string> {
  const labels: Record<string, string> = { opening_date: t('places.opening.date'), opening_reason: t('places.opening.reason') };
  for (let index = 1; index <= RANGES_PER_DAY; index += 1) {
    for (const end of ['opens', 'closes'] as const) labels[rangeFieldName(OPENING_PREFIX, index, end)] = rangeLabel(OPENING_PREFIX, index, end);
  }
  return labels;
}

function OpeningSection({ ctx, place, today, state, idempotencyKey, canManage }: DetailProps) {
  const labels = openingLabels();
  return (
    <section aria-labelledby="ouvertures">
      <h2 id="ouvertures">{t('places.opening.title')}</h2>
      {place.openings.length === 0 ? (
        <p>{t('places.opening.none')}</p>
      ) : (
        <ul class="calendar-list">
          {place.openings.map((opening) => (
            <li>
              {formatOpening(opening, today)}
              {canManage ? <ActionButton ctx={ctx} action={placeItemPath(place.id, 'ouvertures', opening.id)} label={t('places.opening.remove')} /> : null}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <>
          <h3>{t('places.opening.add_title')}</h3>
          <p>{t('places.opening.intro')}</p>
          <Form ctx={ctx} action={`${placeFormPath(place.id, 'ouvertures')}#ouvertures`} state={state.opening} labels={labels}>
            <HiddenField name="idempotency_key" value={state.opening.values.idempotency_key ?? idempotencyKey.opening} />
            <TextField name="opening_date" label={labels.opening_date} hint={t('places.form.date_hint')} state={state.opening} size="medium" required />
            <TextField name="opening_reason" label={labels.opening_reason} hint={t('places.opening.reason_hint')} state={state.opening} />
            <RangeFields prefix={OPENING_PREFIX} state={state.opening} />
            <SubmitButton>{t('places.opening.submit')}</SubmitButton>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export interface DetailForms {
  week: FormState;
  slots: FormState;
  closure: FormState;
  opening: FormState;
  access: FormState;
}

interface DetailProps {
  ctx: PageContext;
  place: PlaceWithCalendar;
  today: string;
  state: DetailForms;
  idempotencyKey: { closure: string; opening: string };
  canManage: boolean;
}

function Identity({ place }: { place: PlaceWithCalendar }) {
  return (
    <dl class="facts">
      <dt>{t('places.detail.kind')}</dt>
      <dd>{kindLabel(place.kind)}</dd>
      <dt>{t('places.detail.address')}</dt>
      <dd>
        {place.addressLine}, {place.postalCode} {place.city}
      </dd>
      <dt>{t('places.detail.phone')}</dt>
      <dd>{place.phone ? formatPhone(place.phone) : t('places.detail.no_phone')}</dd>
      <dt>{t('places.detail.slots')}</dt>
      <dd>{slotText(place)}</dd>
      <dt>{t('places.access.title')}</dt>
      <dd>{place.accessNotes ?? t('places.access.none')}</dd>
      <dt>{t('places.detail.status')}</dt>
      <dd>{place.active ? t('places.detail.active') : t('places.detail.inactive')}</dd>
    </dl>
  );
}

const SECTIONS = [
  ['horaires', 'places.week.title'],
  ['creneaux', 'places.slots.title'],
  ['fermetures', 'places.closure.title'],
  ['ouvertures', 'places.opening.title'],
] as const;

export function PlaceDetailPage(props: DetailProps) {
  const { ctx, place, state, canManage } = props;
  return (
    <Page ctx={ctx} title={place.name} trail={trail([t('places.admin.title'), PLACES_PATH], [place.name])} noindex>
      <h1>{place.name}</h1>
      <nav aria-label={t('places.detail.sections')}>
        <ul class="pills">
          {(canManage ? SECTIONS : SECTIONS.filter(([anchor]) => anchor !== 'creneaux')).map(([anchor, key]) => (
            <li>
              <a href={`#${anchor}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="panel">
        <Identity place={place} />
        {canManage ? (
          <ActionButton
            ctx={ctx}
            action={placeFormPath(place.id, place.active ? 'desactiver' : 'reactiver')}
            label={place.active ? t('places.detail.deactivate') : t('places.detail.reactivate')}
          />
        ) : null}
      </div>
      <section aria-labelledby="horaires">
        <h2 id="horaires">{t('places.week.title')}</h2>
        <dl class="facts hours">
          {formatWeek(place.hours).map((day) => (
            <>
              <dt>{day.day}</dt>
              <dd>{day.text}</dd>
            </>
          ))}
        </dl>
        {canManage ? (
          <>
            <h3>{t('places.week.edit_title')}</h3>
            <p>{t('places.week.intro')}</p>
            <WeekForm ctx={ctx} place={place} state={state.week} />
          </>
        ) : null}
      </section>
      {canManage ? (
        <section aria-labelledby="creneaux">
          <h2 id="creneaux">{t('places.slots.title')}</h2>
          <p>{t('places.slots.intro')}</p>
          <SlotForm ctx={ctx} place={place} state={state.slots} />
        </section>
      ) : null}
      {canManage ? (
        <section aria-labelledby="acces">
          <h2 id="acces">{t('places.access.title')}</h2>
          <Form ctx={ctx} action={placeFormPath(place.id, 'acces')} state={state.access} labels={{ access_notes: t('places.access.label') }}>
            <TextArea name="access_notes" label={t('places.access.label')} hint={t('places.access.hint')} state={state.access} rows={3} />
            <SubmitButton>{t('places.access.save')}</SubmitButton>
          </Form>
        </section>
      ) : null}
      <ClosureSection {...props} />
      <OpeningSection {...props} />
    </Page>
  );
}
