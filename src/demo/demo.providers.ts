// The demo town's providers (« prestataires »): its cobblers and alteration shops become
// providers of repairs, and five craftsmen and home services join the directory (three of
// them members, with a couple of services each on their page). Members and non-members
// alike, with their hours and one absence ahead. Everything derives from the seeding day, so
// two seeds of the same day are identical.
import type { Executor } from '../db/index.ts';
import type { OffersTable, ShopAbsencesTable, ShopOpeningHoursTable, ShopsTable } from '../db/schema.ts';
import { shopSearchText, type ProviderLabel, type RequestChannel, type ShopStage, type TradeCode } from '../shops/index.ts';
import { insertCategories, insertRows } from './demo.repository.ts';
import { DemoCalendar, SeededIds } from './demo.random.ts';
import { luhnKey, type DemoShop } from './demo.shops.ts';

const CATEGORY = { code: 'services', label: 'Artisans et services', position: 100 };

interface Profile {
  trades: TradeCode[];
  labels?: ProviderLabel[];
  areaServed: string;
  channels: RequestChannel[];
  makesQuotes: boolean;
  usualDelayDays: number;
}

/** The town's repair shops, already in the directory: their sales are services. */
const REPAIR_SHOPS: Readonly<Record<string, Profile>> = {
  'Cordonnerie du Centre': { trades: ['cobbler'], labels: ['repair_bonus'], areaServed: 'Istres', channels: ['walk_in', 'phone'], makesQuotes: true, usualDelayDays: 3 },
  'Le Cordonnier de la Place': { trades: ['cobbler'], areaServed: 'Istres', channels: ['walk_in'], makesQuotes: false, usualDelayDays: 2 },
  'Cordonnerie Serrurerie Ferrer': { trades: ['cobbler', 'locksmith'], labels: ['repair_bonus'], areaServed: 'Istres et Entressen', channels: ['phone', 'walk_in'], makesQuotes: true, usualDelayDays: 1 },
  'Retouches Nadia': { trades: ['tailor'], labels: ['repair_bonus'], areaServed: 'Istres', channels: ['walk_in', 'phone', 'link'], makesQuotes: true, usualDelayDays: 4 },
  'L’Atelier de Couture': { trades: ['tailor'], labels: ['repair_bonus'], areaServed: 'Istres', channels: ['walk_in'], makesQuotes: true, usualDelayDays: 7 },
  'Fil et Aiguille': { trades: ['tailor'], areaServed: 'Istres', channels: ['walk_in', 'email'], makesQuotes: false, usualDelayDays: 5 },
  'Retouches express du Centre': { trades: ['tailor'], areaServed: 'Istres', channels: ['walk_in'], makesQuotes: false, usualDelayDays: 1 },
};

interface NewProvider extends Profile {
  name: string;
  legalName: string;
  stage: ShopStage;
  address: string;
  phone: string;
  description: string;
  /** Local weekly hours: [weekday, opens, closes]. */
  hours: Array<[number, string, string]>;
  offers: Array<{ title: string; description: string; priceCents: number; vatBp: number; unit: string; leadDays: number }>;
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const workingDays = (ranges: Array<[string, string]>, days = WEEKDAYS): Array<[number, string, string]> => days.flatMap((day) => ranges.map(([opens, closes]): [number, string, string] => [day, opens, closes]));

const NEW_PROVIDERS: readonly NewProvider[] = [
  {
    name: 'Plomberie Rey',
    legalName: 'Rey Thierry EI',
    stage: 'member',
    address: '14 avenue Hélène-Boucher',
    phone: '04 42 56 18 40',
    description: 'Plombier chauffagiste : fuites, robinetterie, chauffe-eau, dépannage dans la journée.',
    trades: ['plumber', 'heating'],
    areaServed: 'Istres et Entressen',
    channels: ['phone', 'link'],
    makesQuotes: true,
    usualDelayDays: 2,
    hours: workingDays([['08:00', '12:00'], ['14:00', '18:00']]),
    offers: [
      { title: 'Recherche de fuite et petite réparation', description: 'Déplacement, recherche de la fuite et réparation simple (joint, raccord). Au-delà, un devis.', priceCents: 9000, vatBp: 1000, unit: 'l’intervention', leadDays: 2 },
      { title: 'Pose d’un mitigeur fourni', description: 'Dépose de l’ancien robinet et pose d’un mitigeur que vous avez acheté.', priceCents: 7500, vatBp: 1000, unit: 'l’intervention', leadDays: 3 },
    ],
  },
  {
    name: 'Électricité Blanc',
    legalName: 'Blanc Électricité SARL',
    stage: 'contacted',
    address: '6 chemin des Arnavaux',
    phone: '04 42 56 27 91',
    description: 'Électricien : prises, éclairage, tableau électrique, mise en sécurité.',
    trades: ['electrician'],
    areaServed: 'Istres, Entressen et Miramas',
    channels: ['phone', 'email'],
    makesQuotes: true,
    usualDelayDays: 5,
    hours: workingDays([['08:30', '12:00'], ['13:30', '17:30']]),
    offers: [],
  },
  {
    name: 'Les Jardins de Lucien',
    legalName: 'Martin Lucien EI',
    stage: 'member',
    address: '3 rue des Oliviers',
    phone: '04 42 56 33 12',
    description: 'Jardinier : tonte, taille des haies, entretien des massifs, évacuation des déchets verts.',
    trades: ['gardener'],
    labels: ['personal_services'],
    areaServed: 'Istres et Entressen',
    channels: ['phone', 'link'],
    makesQuotes: true,
    usualDelayDays: 7,
    hours: workingDays([['07:30', '12:00'], ['13:30', '17:30']]),
    offers: [
      { title: 'Tonte de pelouse (jusqu’à 300 m²)', description: 'Tonte et ramassage de l’herbe, déchets verts emportés.', priceCents: 4500, vatBp: 1000, unit: 'la tonte', leadDays: 7 },
      { title: 'Taille de haie, deux heures', description: 'Taille et ramassage, déchets verts emportés.', priceCents: 6000, vatBp: 1000, unit: 'les deux heures', leadDays: 7 },
    ],
  },
  {
    name: 'Lou Cantoun, aide à domicile',
    legalName: 'Lou Cantoun SAS',
    stage: 'member',
    address: '21 boulevard de la Libération',
    phone: '04 42 56 40 77',
    description: 'Aide à domicile pour les personnes âgées : courses, repas, ménage, compagnie.',
    trades: ['home_help', 'cleaning'],
    labels: ['personal_services'],
    areaServed: 'Istres, Entressen et Miramas',
    channels: ['phone', 'walk_in'],
    makesQuotes: false,
    usualDelayDays: 3,
    hours: workingDays([['08:00', '19:00']], [1, 2, 3, 4, 5, 6]),
    offers: [
      { title: 'Une heure d’aide à domicile', description: 'Aide au lever, aux repas, aux courses ou simple compagnie, par une aide à domicile diplômée.', priceCents: 2600, vatBp: 550, unit: 'l’heure', leadDays: 3 },
      { title: 'Deux heures de ménage et repassage', description: 'Ménage des pièces de vie et repassage, avec vos produits.', priceCents: 5000, vatBp: 1000, unit: 'les deux heures', leadDays: 3 },
    ],
  },
  {
    name: 'Clic et Dépannage',
    legalName: 'Garcia Sophie EI',
    stage: 'prospect',
    address: '9 rue Pasteur',
    phone: '04 42 56 52 08',
    description: 'Dépannage informatique à domicile : ordinateur, tablette, imprimante, box internet.',
    trades: ['computer_help'],
    labels: ['personal_services', 'qualirepar'],
    areaServed: 'Istres',
    channels: ['phone', 'email', 'link'],
    makesQuotes: true,
    usualDelayDays: 1,
    hours: workingDays([['09:00', '12:00'], ['14:00', '19:00']], [2, 3, 4, 5, 6]),
    offers: [],
  },
];

/** A valid SIRET of its own: the shops' drawn SIRENs begin with 3 to 9, these with 2. */
function siretOf(index: number): string {
  const sirenBody = `2${String(index + 1).padStart(7, '0')}`;
  const body = `${sirenBody}${luhnKey(sirenBody)}0001`;
  return `${body}${luhnKey(body)}`;
}

function profileColumns(profile: Profile) {
  return {
    kind: 'provider',
    area_served: profile.areaServed,
    request_channels: profile.channels.join(' '),
    provider_labels: (profile.labels ?? []).join(' '),
    makes_quotes: profile.makesQuotes ? 1 : 0,
    usual_delay_days: profile.usualDelayDays,
  };
}

export interface DemoProviders {
  /** The repair shops of the directory that are providers, by id. */
  repairShops: Array<{ id: string; profile: Profile }>;
  shops: Array<{ row: ShopsTable; profile: Profile }>;
  hours: ShopOpeningHoursTable[];
  offers: OffersTable[];
  absences: ShopAbsencesTable[];
}

function newProviderRow(ids: SeededIds, draft: NewProvider, index: number, accountNumber: number): ShopsTable {
  // Known before the conciergerie opened; the members joined with its first wave.
  const createdAt = new Date(Date.UTC(2020, 10, 10 + index, 9)).toISOString();
  const joinedAt = draft.stage === 'member' ? new Date(Date.UTC(2021, 1 + index, 15, 10)).toISOString() : null;
  return {
    id: ids.next(createdAt),
    trade_name: draft.name,
    legal_name: draft.legalName,
    siret: siretOf(index),
    category_code: CATEGORY.code,
    address_line: draft.address,
    postal_code: '13800',
    city: 'Istres',
    latitude: null,
    longitude: null,
    phone: draft.phone,
    email: null,
    description: draft.description,
    image_id: null,
    stage: draft.stage,
    stage_changed_at: joinedAt ?? createdAt,
    joined_at: joinedAt,
    search_text: shopSearchText({ tradeName: draft.name, legalName: draft.legalName, city: 'Istres', description: '', categoryLabel: CATEGORY.label }),
    created_at: createdAt,
    updated_at: joinedAt ?? createdAt,
    account_code: `C${String(accountNumber).padStart(4, '0')}`,
  };
}

function offersOf(ids: SeededIds, row: ShopsTable, draft: NewProvider): OffersTable[] {
  return draft.offers.map((offer, position) => ({
    id: ids.next(row.joined_at ?? row.created_at),
    shop_id: row.id,
    title: offer.title,
    description: offer.description,
    image_id: null,
    price_cents: offer.priceCents,
    vat_rate_bp: offer.vatBp,
    unit: offer.unit,
    measure_amount: null,
    measure_unit: null,
    availability: 'made_to_order',
    lead_time_days: offer.leadDays,
    position,
    created_at: row.joined_at ?? row.created_at,
    updated_at: row.joined_at ?? row.created_at,
    load_class: 'small',
  }));
}

/** The providers of the demo town, from its shops (codes go on after theirs). */
export function buildProviders(calendar: DemoCalendar, shops: readonly DemoShop[]): DemoProviders {
  const ids = new SeededIds('providers');
  const repairShops = shops.filter((shop) => REPAIR_SHOPS[shop.row.trade_name]).map((shop) => ({ id: shop.row.id, profile: REPAIR_SHOPS[shop.row.trade_name] }));
  const built = NEW_PROVIDERS.map((draft, index) => ({ draft, row: newProviderRow(ids, draft, index, shops.length + index + 1) }));
  const hours = built.flatMap(({ draft, row }) => draft.hours.map(([weekday, opens, closes]) => ({ shop_id: row.id, weekday, opens_at: opens, closes_at: closes })));
  const offers = built.flatMap(({ draft, row }) => (draft.stage === 'member' ? offersOf(ids, row, draft) : []));
  // The plumber is away a week, starting ten days from the seeding day.
  const plumber = built[0].row;
  const startsOn = new Date(calendar.todayMs + 10 * 86_400_000).toISOString().slice(0, 10);
  const endsOn = new Date(calendar.todayMs + 16 * 86_400_000).toISOString().slice(0, 10);
  const recordedAt = new Date(calendar.todayMs - 2 * 86_400_000 + 10 * 3_600_000).toISOString();
  const absences = [{ id: ids.next(recordedAt), shop_id: plumber.id, starts_on: startsOn, ends_on: endsOn, note: 'Congés', created_at: recordedAt, created_by_label: 'Conciergerie' }];
  return { repairShops, shops: built.map(({ draft, row }) => ({ row, profile: draft })), hours, offers, absences };
}

/** Writes the providers after the town's shops, in the seed's transaction. */
export async function insertProviders(trx: Executor, providers: DemoProviders): Promise<void> {
  await insertCategories(trx, [CATEGORY]);
  await insertRows(trx, 'shops', providers.shops.map(({ row, profile }) => ({ ...row, ...profileColumns(profile) })));
  for (const { id, profile } of providers.repairShops) await trx.updateTable('shops').set(profileColumns(profile)).where('id', '=', id).execute();
  const all = [...providers.repairShops, ...providers.shops.map(({ row, profile }) => ({ id: row.id, profile }))];
  await insertRows(trx, 'shop_trades', all.flatMap(({ id, profile }) => profile.trades.map((trade_code) => ({ shop_id: id, trade_code }))));
  await insertRows(trx, 'shop_opening_hours', providers.hours);
  await insertRows(trx, 'offers', providers.offers);
  await insertRows(trx, 'shop_absences', providers.absences);
  // The shops area numbers on after the providers' codes.
  await trx.updateTable('account_code_sequences').set((eb) => ({ last_number: eb('last_number', '+', providers.shops.length) })).where('kind', '=', 'shops').execute();
}
