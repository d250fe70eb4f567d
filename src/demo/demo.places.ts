// Where members collect: the counter in the town centre (12:00–14:00 and 18:00–20:00, when
// the other shops are closed), the foyer La Meraviho in Entressen one half-day a week, two
// senior residences, and the companies of the zone du Tubé served by van on Friday. Each has
// its coordinates: the collection round and the delivery runs start from the counter.
import type { Config } from '../config.ts';
import type { PlaceCoordinateColumns, PlaceOpeningHoursTable, PlaceRunColumns, PlacesTable } from '../db/schema.ts';
import { DEFAULT_RUN_CUTOFF } from '../places/index.ts';
import type { SeededIds } from './demo.random.ts';
import { ENTRESSEN, ISTRES } from './demo.town.ts';

export const SENIOR_RESIDENCE = { name: 'Résidence Les Oliviers', addressLine: '15 chemin du Castellan' };
/** The second residence the concierge canvassed: the tricycle brings its orders on Friday morning. */
export const SECOND_RESIDENCE = { name: 'Résidence Le Clos des Pins', addressLine: '9 avenue Félix Gouin' };

interface PlaceSpec {
  name: string;
  kind: 'counter' | 'community_centre' | 'residence' | 'company';
  addressLine: string;
  postalCode: string;
  city: string;
  phone: string | null;
  latitude: number;
  longitude: number;
  /** [weekday (1 = Monday), opens, closes] */
  hours: ReadonlyArray<readonly [number, string, string]>;
}

const COUNTER_HOURS = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [[weekday, '12:00', '14:00'], [weekday, '18:00', '20:00']] as const);

/** "12 rue Hôtel de Ville, 13800 Istres" → its street, postal code and town. */
export function splitAddress(address: string, town: string): { addressLine: string; postalCode: string; city: string } {
  const match = /^(.*?),\s*(\d{5})\s+(.+)$/.exec(address.trim());
  if (!match) return { addressLine: address.trim(), postalCode: ISTRES.postalCode, city: town };
  return { addressLine: match[1], postalCode: match[2], city: match[3] };
}

function placeSpecs(config: Config): PlaceSpec[] {
  return [
    {
      name: config.conciergerie.name,
      kind: 'counter',
      ...splitAddress(config.conciergerie.address, config.conciergerie.town),
      phone: config.conciergerie.phone,
      // by the hôtel de ville, in the town centre
      latitude: 43.5137,
      longitude: 4.9886,
      hours: COUNTER_HOURS,
    },
    {
      name: 'Foyer La Meraviho',
      kind: 'community_centre',
      addressLine: '2 place de la Fontaine',
      postalCode: ENTRESSEN.postalCode,
      city: ENTRESSEN.city,
      phone: '04 42 56 18 30',
      latitude: 43.5908,
      longitude: 4.9402,
      hours: [[3, '14:00', '18:00']],
    },
    {
      name: SENIOR_RESIDENCE.name,
      kind: 'residence',
      addressLine: SENIOR_RESIDENCE.addressLine,
      postalCode: ISTRES.postalCode,
      city: ISTRES.city,
      phone: '04 42 11 47 90',
      latitude: 43.5176,
      longitude: 4.9771,
      hours: [[2, '15:00', '17:00']],
    },
    {
      name: 'Zone du Tubé – entreprises',
      kind: 'company',
      addressLine: 'Zone d’activités du Tubé, accueil de chaque entreprise',
      postalCode: ISTRES.postalCode,
      city: ISTRES.city,
      phone: null,
      latitude: 43.5262,
      longitude: 4.9655,
      // The article gives « une demi-journée par semaine (le vendredi) » without the hour: the
      // afternoon, because the concierge keeps the counter from 12 h to 14 h and from 18 h, and
      // 14 h–17 h leaves the van time to be back for the evening opening.
      hours: [[5, '14:00', '17:00']],
    },
    {
      name: SECOND_RESIDENCE.name,
      kind: 'residence',
      addressLine: SECOND_RESIDENCE.addressLine,
      postalCode: ISTRES.postalCode,
      city: ISTRES.city,
      phone: '04 42 55 21 60',
      // north of the old town, on the way to the Tubé
      latitude: 43.5189,
      longitude: 4.9843,
      hours: [[5, '10:00', '12:00']],
    },
  ];
}

/** How the driver gets in, by kind of place: what the run sheet prints under the address. */
const ACCESS_NOTES: Partial<Record<PlaceSpec['kind'], string>> = {
  company: 'Se garer sur le parking visiteurs\u00a0; chaque salarié vient chercher sa commande à l’accueil de son entreprise.',
  community_centre: 'Entrée par la cour\u00a0; remettre les sacs à l’agent d’accueil, qui les range dans l’armoire fermée.',
  residence: 'Sonner à l’accueil du rez-de-chaussée et demander la responsable\u00a0; ascenseur au fond du hall.',
};

/** The van's run closes for orders the day before at 18 h, as for a company place created in the back office. */
function runCutoffOf(kind: PlaceSpec['kind']): PlaceRunColumns {
  const access_notes = ACCESS_NOTES[kind] ?? null;
  return kind === 'company' ? { run_cutoff_days: DEFAULT_RUN_CUTOFF.days, run_cutoff_time: DEFAULT_RUN_CUTOFF.time, access_notes } : { run_cutoff_days: null, run_cutoff_time: null, access_notes };
}

export type DemoPlaceRow = PlacesTable & PlaceCoordinateColumns & PlaceRunColumns;

export function buildPlaces(config: Config, ids: SeededIds, createdAt: string): { places: DemoPlaceRow[]; hours: PlaceOpeningHoursTable[] } {
  const places: DemoPlaceRow[] = [];
  const hours: PlaceOpeningHoursTable[] = [];
  placeSpecs(config).forEach((spec, index) => {
    const id = ids.next(createdAt);
    places.push({ id, name: spec.name, kind: spec.kind, address_line: spec.addressLine, postal_code: spec.postalCode, city: spec.city, phone: spec.phone, latitude: spec.latitude, longitude: spec.longitude, position: index + 1, created_at: createdAt, ...runCutoffOf(spec.kind) });
    for (const [weekday, opensAt, closesAt] of spec.hours) hours.push({ place_id: id, weekday, opens_at: opensAt, closes_at: closesAt });
  });
  return { places, hours };
}
