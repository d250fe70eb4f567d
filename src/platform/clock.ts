// Instants are ISO-8601 UTC strings; local dates and times are in the town's time zone.
export function nowIso(): string {
  return new Date().toISOString();
}

export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

/** 1 = Monday … 7 = Sunday (ISO). */
export function weekdayName(weekday: number): string {
  return WEEKDAYS[weekday - 1];
}

// Building an Intl formatter costs far more than using one: keep one per zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, style: 'year' | 'date' | 'dateWithYear' | 'time'): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
      year: { year: 'numeric' },
      date: { weekday: 'long', day: 'numeric', month: 'long' },
      dateWithYear: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
      time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    };
    found = new Intl.DateTimeFormat('fr-FR', { timeZone, ...options[style] });
    formatters.set(key, found);
  }
  return found;
}

/** "vendredi 4 décembre" (and the year when it is not the current one). */
export function formatDate(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  const years = formatter(timeZone, 'year');
  const sameYear = years.format(date) === years.format(now);
  return formatter(timeZone, sameYear ? 'date' : 'dateWithYear').format(date);
}

/** "vendredi 4 décembre à 18 h 30". */
export function formatDateTime(iso: string, timeZone: string, now = new Date()): string {
  const time = formatter(timeZone, 'time').format(new Date(iso));
  return `${formatDate(iso, timeZone, now)} à ${formatClock(time)}`;
}

/** "9:00", "09:00", "9h", "9 h 30" → "09:00"; undefined when it is not a time of day. */
export function parseClock(input: string): string | undefined {
  const match = /^(\d{1,2})\s*(?:[:hH]\s*(\d{2})?)?$/.exec(input.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** "12:00" → "12 h", "18:30" → "18 h 30". */
export function formatClock(time: string): string {
  const [hours, minutes] = time.split(':');
  return minutes === '00' ? `${Number(hours)} h` : `${Number(hours)} h ${minutes}`;
}
