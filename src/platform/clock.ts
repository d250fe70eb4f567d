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

/** "vendredi 4 décembre" (and the year when it is not the current one). */
export function formatDate(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  const sameYear =
    new Intl.DateTimeFormat('fr-FR', { timeZone, year: 'numeric' }).format(date) ===
    new Intl.DateTimeFormat('fr-FR', { timeZone, year: 'numeric' }).format(now);
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/** "vendredi 4 décembre à 18 h 30". */
export function formatDateTime(iso: string, timeZone: string, now = new Date()): string {
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return `${formatDate(iso, timeZone, now)} à ${formatClock(time)}`;
}

/** "12:00" → "12 h", "18:30" → "18 h 30". */
export function formatClock(time: string): string {
  const [hours, minutes] = time.split(':');
  return minutes === '00' ? `${Number(hours)} h` : `${Number(hours)} h ${minutes}`;
}
