// Destinations of the demo town: four companies of the zone du Tubé registered with the
// conciergerie (the van stops at the park's place on Friday), their employees among the demo
// members (those whose notes name them), the town-centre home-delivery zone made of the
// centre's streets the demo addresses use, open to members marked as needing it, and a few
// seniors of the centre so marked.
import type { Insertable } from 'kysely';
import type { CompaniesTable, HomeDeliveryStreetsTable, MembersTable } from '../db/schema.ts';
import { streetKey } from '../places/index.ts';
import type { DemoPlaceRow } from './demo.places.ts';
import { SENIOR_FIRST_NAMES } from './demo.people.data.ts';
import type { SeededIds } from './demo.random.ts';
import { CENTRE_STREETS, ISTRES, TUBE_COMPANIES } from './demo.town.ts';

/** The companies that signed up, with their contact; the other names of TUBE_COMPANIES have not yet. */
const REGISTERED: ReadonlyArray<{ name: string; addressLine: string; contact: string; phone: string; email: string; paysFee: boolean }> = [
  { name: TUBE_COMPANIES[0], addressLine: '4 rue de l’Industrie, zone du Tubé', contact: 'Nadia Benali', phone: '04 42 41 10 20', email: 'rh@provence-logistique.example', paysFee: true },
  { name: TUBE_COMPANIES[1], addressLine: '12 avenue de l’Aéroport, zone du Tubé', contact: 'Philippe Garcia', phone: '04 42 41 22 30', email: 'accueil@aero-maintenance-sud.example', paysFee: false },
  { name: TUBE_COMPANIES[2], addressLine: '7 rue des Forges, zone du Tubé', contact: 'Sandrine Roux', phone: '04 42 41 35 40', email: 'direction@meca-tube.example', paysFee: false },
  { name: TUBE_COMPANIES[4], addressLine: '21 rue Gutenberg, zone du Tubé', contact: 'Jean-Marc Blanc', phone: '04 42 41 48 50', email: 'contact@imprimerie-tube.example', paysFee: true },
];

/** Seniors of the town centre marked « livraison à domicile nécessaire ». */
const NEEDING_DELIVERY = 6;

export type DemoMemberRow = MembersTable & { company_id: string | null; needs_delivery: number };

export interface DemoDestinations {
  companies: Array<Insertable<CompaniesTable>>;
  streets: HomeDeliveryStreetsTable[];
  members: DemoMemberRow[];
}

function isSeniorOfCentre(member: MembersTable): boolean {
  const first = [...SENIOR_FIRST_NAMES.f, ...SENIOR_FIRST_NAMES.m];
  const street = member.address_line.replace(/^\d+\s+/, '');
  return first.includes(member.first_name) && member.postal_code === ISTRES.postalCode && CENTRE_STREETS.includes(street);
}

export function buildDestinations(members: readonly MembersTable[], places: readonly DemoPlaceRow[], ids: SeededIds, createdAt: string): DemoDestinations {
  const stop = places.find((place) => place.kind === 'company');
  if (!stop) throw new Error('the demo town has no company place');
  const companies: Array<Insertable<CompaniesTable> & { id: string; name: string }> = REGISTERED.map((company) => ({
    id: ids.next(createdAt),
    name: company.name,
    address_line: company.addressLine,
    postal_code: ISTRES.postalCode,
    city: ISTRES.city,
    contact_name: company.contact,
    contact_phone: company.phone,
    contact_email: company.email,
    pays_delivery_fee: company.paysFee ? 1 : 0,
    place_id: stop.id,
    created_at: createdAt,
    updated_at: createdAt,
  }));
  const companyOf = (member: MembersTable) => (member.kind === 'employee' ? companies.find((company) => member.notes.includes(`chez ${company.name},`)) : undefined);
  const seniors = new Set(members.filter(isSeniorOfCentre).slice(0, NEEDING_DELIVERY).map((member) => member.id));
  const rows = members.map((member) => ({ ...member, company_id: companyOf(member)?.id ?? null, needs_delivery: seniors.has(member.id) ? 1 : 0 }));
  const streets = CENTRE_STREETS.map((street) => ({ id: ids.next(createdAt), street, street_key: streetKey(street), postal_code: ISTRES.postalCode }));
  return { companies, streets, members: rows };
}
