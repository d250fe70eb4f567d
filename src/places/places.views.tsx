// The public contact page: phone first, e-mail, address, the counter's hours and what
// changes them soon (« Fermé du 24 au 26 décembre : Fermeture de Noël »).
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import { formatClosure, formatOpening, formatWeek } from './places.rules.ts';
import type { PlaceWithCalendar, PlaceWithHours } from './places.service.ts';
import { formatPhone } from '../platform/typography.ts';

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Every day of the week for the counter; only the open days for a drop-off point open rarely. */
function WeekHours({ place, openDaysOnly }: { place: PlaceWithHours; openDaysOnly?: boolean }) {
  const openDays = new Set(place.hours.map((range) => range.weekday));
  const days = formatWeek(place.hours).filter((day) => !openDaysOnly || openDays.has(day.weekday));
  return (
    <dl class="facts hours">
      {days.map((day) => (
        <>
          <dt>{day.day}</dt>
          <dd>{day.text}</dd>
        </>
      ))}
    </dl>
  );
}

/** Closures and exceptional openings to come, in date order; nothing when there is none. */
function CalendarNotes({ place, today }: { place: PlaceWithCalendar; today: string }) {
  const notes = [
    ...place.closures.map((closure) => ({ date: closure.fromDate, text: formatClosure(closure, today) })),
    ...place.openings.map((opening) => ({ date: opening.date, text: formatOpening(opening, today) })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  if (notes.length === 0) return null;
  return (
    <ul class="calendar-notes">
      {notes.map((note) => (
        <li>{note.text}</li>
      ))}
    </ul>
  );
}

function OtherPlace({ place, today }: { place: PlaceWithCalendar; today: string }) {
  return (
    <li class="card">
      <h3>{place.name}</h3>
      <p class="muted">{tDynamic(`places.kind.${place.kind}`)}</p>
      <p>
        {place.addressLine}
        <br />
        {place.postalCode} {place.city}
      </p>
      {place.phone ? <p>{t('contact.place_phone', { phone: place.phone })}</p> : null}
      {place.hours.length > 0 ? <WeekHours place={place} openDaysOnly /> : null}
      <CalendarNotes place={place} today={today} />
    </li>
  );
}

export function ContactPage({ ctx, counter, others, today }: { ctx: PageContext; counter: PlaceWithCalendar | undefined; others: PlaceWithCalendar[]; today: string }) {
  const { phone, phoneHours, email, address, name } = ctx.conciergerie;
  const title = t('contact.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('nav.home'), '/'], [title]]} description={t('shell.contact_description', { name, phone, hours: phoneHours })}>
      <h1>{title}</h1>
      <p class="lead">{t('contact.intro')}</p>
      <div class="two-columns">
        <section aria-labelledby="par-telephone" class="panel">
          <h2 id="par-telephone">{t('contact.phone_title')}</h2>
          <p class="big-phone">
            <a href={telHref(phone)}>{formatPhone(phone)}</a>
          </p>
          <p class="phone-hours">{t('shell.call_hours', { hours: phoneHours })}</p>
          <p>{t('contact.phone_hint')}</p>
        </section>
        <section aria-labelledby="par-courriel" class="panel">
          <h2 id="par-courriel">{t('contact.email_title')}</h2>
          <p>
            <a href={`mailto:${email}`} class="break-all">
              {email}
            </a>
          </p>
          <h2 id="au-comptoir">{t('contact.address_title')}</h2>
          <p>
            {name}
            <br />
            {address}
          </p>
        </section>
      </div>
      <h2>{t('contact.hours_title')}</h2>
      {counter && counter.hours.length > 0 ? (
        <WeekHours place={counter} />
      ) : (
        <p class="panel">{t('contact.hours_unknown', { phone })}</p>
      )}
      {counter ? <CalendarNotes place={counter} today={today} /> : null}
      {others.length > 0 ? (
        <>
          <h2>{t('contact.others_title')}</h2>
          <p>{t('contact.others_intro')}</p>
          <ul class="cards">
            {others.map((place) => (
              <OtherPlace place={place} today={today} />
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}
