// One login per role for trying the demo town, all with the same password.

export const DEMO_PASSWORD = 'demo-istres-2026';

export interface DemoLogin {
  email: string;
  role: 'concierge' | 'town' | 'merchant' | 'resident' | 'driver';
  /** How the login is introduced when the demo is installed. */
  label: string;
  displayName: string;
  /** For a merchant: the trade name of their shop. */
  shop?: string;
}

export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: 'concierge@conciergerie.test', role: 'concierge', label: 'Concierge', displayName: 'Nathalie Bonnet' },
  // A second concierge: a large payout batch is approved by someone other than who prepared it.
  { email: 'concierge2@conciergerie.test', role: 'concierge', label: 'Concierge (seconde approbation des virements)', displayName: 'Sophie Laurent' },
  { email: 'mairie@conciergerie.test', role: 'town', label: 'Mairie (élue au commerce)', displayName: 'Mairie – commerce et artisanat' },
  { email: 'fromagerie@conciergerie.test', role: 'merchant', label: 'Commerçant, Fromagerie Lou Cabanoun', displayName: '', shop: 'Fromagerie Lou Cabanoun' },
  { email: 'poissonnerie@conciergerie.test', role: 'merchant', label: 'Commerçant, Poissonnerie du Port', displayName: '', shop: 'Poissonnerie du Port' },
  // Drives the van on Friday and the tricycle in the town centre: sees only their own runs.
  { email: 'chauffeur@conciergerie.test', role: 'driver', label: 'Chauffeur, Karim Haddad', displayName: 'Karim Haddad' },
  { email: 'adherent@conciergerie.test', role: 'resident', label: 'Adhérente, Élodie Marchetti', displayName: 'Élodie Marchetti' },
];
