// Factories for shops, through the shops service.
import type { Db } from '../../src/db/index.ts';
import { createShop, changeStage, type ProviderProfile, type ShopIdentityInput, type ShopStage } from '../../src/shops/index.ts';

const CONCIERGE = { id: 'factory', email: 'factory@exemple.fr', role: 'concierge', displayName: 'Factory', shopId: null, memberId: null } as const;

/** The reason the factories give when a shop is put at an exit stage. */
export const FACTORY_EXIT = { reason: 'other', note: 'Fabrique de test' } as const;

let counter = 0;

/** The categories the demo uses, inserted once per database. */
export async function ensureCategories(db: Db): Promise<void> {
  const rows: Array<[string, string]> = [
    ['alimentation', 'Alimentation'],
    ['poissonnerie', 'Poissonnerie'],
    ['fromagerie', 'Fromagerie'],
    ['cave', 'Cave à vins'],
    ['chocolaterie', 'Chocolaterie'],
    ['librairie', 'Librairie'],
    ['habillement', 'Habillement'],
    ['cordonnerie', 'Cordonnerie'],
  ];
  await db
    .insertInto('categories')
    .values(rows.map(([code, label], position) => ({ code, label, position })))
    .onConflict((conflict) => conflict.column('code').doNothing())
    .execute();
}

export async function makeShop(db: Db, fields: Partial<ShopIdentityInput> & { stage?: ShopStage } = {}): Promise<string> {
  await ensureCategories(db);
  counter += 1;
  const { stage = 'member', ...identity } = fields;
  const id = await createShop(db, CONCIERGE, {
    tradeName: `Boutique ${counter}`,
    legalName: `Boutique ${counter} SARL`,
    siret: null,
    categoryCode: 'fromagerie',
    addressLine: `${counter} rue de la République`,
    postalCode: '13800',
    city: 'Istres',
    latitude: 43.515,
    longitude: 4.988,
    phone: '04 42 00 00 00',
    email: `boutique${counter}@exemple.fr`,
    description: 'Une boutique du centre-ville.',
    ...identity,
  });
  // Inactive is reached from member only, as in real life.
  if (stage === 'inactive') await changeStage(db, CONCIERGE, id, 'member');
  if (stage !== 'prospect') await changeStage(db, CONCIERGE, id, stage, undefined, FACTORY_EXIT);
  return id;
}

/** A provider (« prestataire »): a shop of kind `provider` with these trades, member unless said. */
export async function makeProvider(
  db: Db,
  fields: Partial<ShopIdentityInput> & { stage?: ShopStage; profile?: Partial<Omit<ProviderProfile, 'kind'>> } = {},
): Promise<string> {
  await ensureCategories(db);
  counter += 1;
  const { stage = 'member', profile = {}, ...identity } = fields;
  const full: ProviderProfile = { kind: 'provider', trades: ['plumber'], labels: [], areaServed: 'Istres', requestChannels: ['phone'], makesQuotes: true, usualDelayDays: 2, ...profile };
  const id = await createShop(
    db,
    CONCIERGE,
    {
      tradeName: `Artisan ${counter}`,
      legalName: `Artisan ${counter} EI`,
      siret: null,
      categoryCode: 'cordonnerie',
      addressLine: `${counter} avenue Hélène-Boucher`,
      postalCode: '13800',
      city: 'Istres',
      latitude: null,
      longitude: null,
      phone: '04 42 11 22 33',
      email: `artisan${counter}@exemple.fr`,
      description: '',
      ...identity,
    },
    'prospect',
    full,
  );
  if (stage !== 'prospect') await changeStage(db, CONCIERGE, id, stage === 'inactive' ? 'member' : stage, undefined, FACTORY_EXIT);
  if (stage === 'inactive') await changeStage(db, CONCIERGE, id, 'inactive', undefined, FACTORY_EXIT);
  return id;
}
