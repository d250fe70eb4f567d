// What the demo town's residents ask the conciergerie beyond shopping: items to repair or
// alter, quotes, appointments with a provider, questions. Providers are named as in the
// directory (demo.shops.data.ts, demo.providers.ts); prices are integer cents, VAT in basis points.
// Items go to member shops only: a repair is sold by its provider, and only members have the
// bank details their payouts need. Quote rounds may ask anyone; only members' quotes are paid.

/** An item left at the counter: what it is, what to do, who does it, the price, the Refashion scale's line. */
export interface RepairSubject {
  item: string;
  title: string;
  provider: string;
  priceCents: number;
  bonusCode: string | null;
}

export const REPAIRS: readonly RepairSubject[] = [
  { item: 'Manteau de laine bleu marine', title: 'Changer la fermeture éclair du manteau', provider: 'Retouches Nadia', priceCents: 3500, bonusCode: 'clothes_zip_large' },
  { item: 'Pantalon gris', title: 'Faire un ourlet au pantalon', provider: 'Fil et Aiguille', priceCents: 1200, bonusCode: null },
  { item: 'Robe à fleurs', title: 'Reprendre la taille de la robe', provider: 'L’Atelier de Couture', priceCents: 2500, bonusCode: null },
  { item: 'Veste en velours côtelé', title: 'Recoudre la doublure de la veste', provider: 'Retouches Nadia', priceCents: 3000, bonusCode: 'clothes_lining_simple' },
  { item: 'Jean bleu', title: 'Raccommoder un accroc au genou', provider: 'L’Atelier de Couture', priceCents: 1500, bonusCode: 'clothes_hole_tear' },
  { item: 'Deux rideaux du salon', title: 'Raccourcir deux rideaux', provider: 'Fil et Aiguille', priceCents: 4000, bonusCode: null },
  { item: 'Chemise blanche', title: 'Recoudre une couture qui a lâché', provider: 'Retouches Nadia', priceCents: 1400, bonusCode: 'clothes_seam' },
  { item: 'Bottines marron', title: 'Ressemeler les bottines en cuir', provider: 'Cordonnerie du Centre', priceCents: 5500, bonusCode: 'shoe_resole_leather' },
  { item: 'Escarpins noirs', title: 'Changer les talonnettes', provider: 'Le Cordonnier de la Place', priceCents: 1500, bonusCode: null },
  { item: 'Chaussures de marche', title: 'Recoller et recoudre la semelle', provider: 'Le Cordonnier de la Place', priceCents: 2200, bonusCode: 'shoe_stitch_glue' },
  { item: 'Bottes fourrées', title: 'Changer la fermeture éclair des bottes', provider: 'Cordonnerie du Centre', priceCents: 3200, bonusCode: 'shoe_zip_long' },
  { item: 'Sac à main en cuir', title: 'Recoudre l’anse du sac', provider: 'Cordonnerie du Centre', priceCents: 1800, bonusCode: null },
  { item: 'Mocassins', title: 'Patin de semelle à poser', provider: 'Cordonnerie du Centre', priceCents: 1600, bonusCode: 'shoe_sole_patch' },
];

/** A quote round: the providers asked, what each would charge (the first answers lower or higher at random). */
export interface QuoteSubject {
  title: string;
  details: string;
  providers: string[];
  fromCents: number;
  toCents: number;
  vatRateBp: number;
}

export const QUOTES: readonly QuoteSubject[] = [
  { title: 'Remplacer le chauffe-eau', details: 'Le chauffe-eau de 150 litres a plus de quinze ans et fait du bruit.', providers: ['Plomberie Rey'], fromCents: 98_000, toCents: 145_000, vatRateBp: 1000 },
  { title: 'Réparer la chasse d’eau qui coule', details: 'L’eau coule sans arrêt dans la cuvette des toilettes.', providers: ['Plomberie Rey'], fromCents: 9_000, toCents: 16_000, vatRateBp: 1000 },
  { title: 'Ajouter une prise dans la chambre', details: 'Une seule prise dans la chambre, derrière le lit.', providers: ['Électricité Blanc'], fromCents: 14_000, toCents: 22_000, vatRateBp: 1000 },
  { title: 'Tailler la haie et tondre avant l’été', details: 'Une haie de laurier d’environ vingt mètres et une petite pelouse.', providers: ['Les Jardins de Lucien'], fromCents: 12_000, toCents: 20_000, vatRateBp: 1000 },
  { title: 'Installer une imprimante et régler la box', details: 'Une imprimante neuve, encore dans son carton ; la box internet coupe souvent.', providers: ['Clic et Dépannage'], fromCents: 6_000, toCents: 9_500, vatRateBp: 2000 },
  { title: 'Changer la serrure de la porte d’entrée', details: 'La clé tourne mal ; une serrure trois points si possible.', providers: ['Cordonnerie Serrurerie Ferrer'], fromCents: 18_000, toCents: 26_000, vatRateBp: 2000 },
  { title: 'Confectionner des rideaux pour le séjour', details: 'Deux fenêtres de 1,40 m, tissu épais pour l’hiver.', providers: ['Retouches Nadia', 'L’Atelier de Couture'], fromCents: 18_000, toCents: 30_000, vatRateBp: 2000 },
  { title: 'Retoucher un costume pour un mariage', details: 'Veste à reprendre aux épaules, pantalon à raccourcir.', providers: ['Retouches Nadia', 'L’Atelier de Couture'], fromCents: 6_000, toCents: 11_000, vatRateBp: 2000 },
  { title: 'Ressemeler trois paires de chaussures', details: 'Deux paires de ville et une paire de marche.', providers: ['Cordonnerie du Centre', 'Cordonnerie Serrurerie Ferrer'], fromCents: 9_000, toCents: 14_000, vatRateBp: 2000 },
];

/** An appointment: with whom, for how long, at what local time (within every such provider's hours, Tuesday to Friday). */
export interface AppointmentSubject {
  title: string;
  details: string;
  provider: string;
  durationMinutes: number;
  time: string;
}

export const APPOINTMENTS: readonly AppointmentSubject[] = [
  { title: 'Une heure d’aide à domicile le matin', details: 'Aide au lever et au petit-déjeuner, le temps d’une convalescence.', provider: 'Lou Cantoun, aide à domicile', durationMinutes: 60, time: '09:00' },
  { title: 'Ménage et repassage', details: 'Deux heures, avec mes produits.', provider: 'Lou Cantoun, aide à domicile', durationMinutes: 120, time: '14:00' },
  { title: 'Tonte de la pelouse', details: 'Petit jardin derrière la maison, accès par le portillon.', provider: 'Les Jardins de Lucien', durationMinutes: 60, time: '09:00' },
  { title: 'Fuite sous l’évier', details: 'Une petite flaque sous l’évier chaque matin.', provider: 'Plomberie Rey', durationMinutes: 60, time: '14:30' },
  { title: 'L’ordinateur ne démarre plus', details: 'Il s’allume puis s’éteint tout de suite.', provider: 'Clic et Dépannage', durationMinutes: 60, time: '10:00' },
  { title: 'La lampe du couloir ne s’allume plus', details: 'L’ampoule est neuve ; l’interrupteur grésille.', provider: 'Électricité Blanc', durationMinutes: 60, time: '09:00' },
];

/** A question, the answer the conciergerie gives, and the providers it suggests. */
export interface AdviceSubject {
  title: string;
  details: string;
  answer: string;
  suggested: string[];
}

export const ADVICE: readonly AdviceSubject[] = [
  {
    title: 'Qui peut réparer mon volet roulant ?',
    details: 'Le volet de la chambre reste bloqué à mi-hauteur.',
    answer: 'Un serrurier ou un électricien s’en occupe selon que le volet est manuel ou électrique. Nous pouvons demander un devis pour vous.',
    suggested: ['Électricité Blanc', 'Cordonnerie Serrurerie Ferrer'],
  },
  {
    title: 'Une aide pour les courses une fois par semaine',
    details: 'Je ne conduis plus depuis cet hiver.',
    answer: 'Une aide à domicile peut vous accompagner, et la moitié vous est rendue en crédit d’impôt (services à la personne).',
    suggested: ['Lou Cantoun, aide à domicile'],
  },
  {
    title: 'Mes chaussures orthopédiques peuvent-elles être ressemelées ?',
    details: 'Elles ont trois ans et la semelle est usée au talon.',
    answer: 'Oui, un cordonnier le fait ; le bonus réparation déduit une partie du prix.',
    suggested: ['Cordonnerie du Centre'],
  },
  {
    title: 'Qui peut m’aider à faire une visio avec mes petits-enfants ?',
    details: 'J’ai une tablette mais je ne sais pas m’en servir.',
    answer: 'Un dépanneur informatique vient chez vous et vous montre, pas à pas. Vous pouvez aussi passer au comptoir le mardi matin.',
    suggested: ['Clic et Dépannage'],
  },
  {
    title: 'Le robinet de la cuisine goutte',
    details: 'Faut-il un plombier pour ça ?',
    answer: 'Souvent un joint suffit ; le plombier le change en une visite, au prix d’une petite réparation.',
    suggested: ['Plomberie Rey'],
  },
  {
    title: 'Où faire raccourcir des rideaux ?',
    details: 'Des rideaux achetés trop longs.',
    answer: 'Laissez-les au comptoir : nous les portons à la couturière et vous prévenons quand ils reviennent.',
    suggested: ['Fil et Aiguille', 'Retouches Nadia'],
  },
  {
    title: 'Quelqu’un pour tailler mes rosiers ?',
    details: 'Une dizaine de rosiers devant la maison.',
    answer: 'Un jardinier le fait en une demi-journée ; c’est aussi un service à la personne.',
    suggested: ['Les Jardins de Lucien'],
  },
];

export const CANCEL_REASONS = ['L’adhérente a trouvé quelqu’un dans sa famille.', 'Demande faite en double.', 'L’adhérent a changé d’avis.', 'Le travail n’est plus nécessaire.'];

export const RATING_NOTES = ['Très contente, merci !', 'Travail soigné.', 'Rapide et aimable.', '', '', 'Parfait, comme d’habitude.', 'Un peu long, mais bien fait.'];

/** Shelves of the counter where items wait. */
export const SHELVES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1'];
