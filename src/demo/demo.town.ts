// The demo town, modelled on Istres (Bouches-du-Rhône): its shop categories, its streets,
// its hamlet Entressen, the business park of the Tubé and the neighbouring towns where some
// of the park's employees live.

export interface DemoCategory {
  code: string;
  label: string;
  /** How many of the town's shops trade in it, and how many of those are members. */
  shopCount: number;
  memberCount: number;
}

/** In the order of the public category list; 150 shops, 80 members (50 + 30). */
export const CATEGORIES: readonly DemoCategory[] = [
  { code: 'alimentation', label: 'Épicerie', shopCount: 10, memberCount: 5 },
  { code: 'boulangerie', label: 'Boulangerie', shopCount: 14, memberCount: 7 },
  { code: 'boucherie', label: 'Boucherie', shopCount: 7, memberCount: 4 },
  { code: 'poissonnerie', label: 'Poissonnerie', shopCount: 4, memberCount: 2 },
  { code: 'fromagerie', label: 'Fromagerie', shopCount: 4, memberCount: 3 },
  { code: 'primeur', label: 'Primeur', shopCount: 6, memberCount: 3 },
  { code: 'traiteur', label: 'Traiteur', shopCount: 6, memberCount: 3 },
  { code: 'cave', label: 'Cave à vins', shopCount: 6, memberCount: 4 },
  { code: 'chocolaterie', label: 'Chocolaterie', shopCount: 4, memberCount: 3 },
  { code: 'patisserie', label: 'Pâtisserie', shopCount: 6, memberCount: 3 },
  { code: 'librairie', label: 'Librairie', shopCount: 5, memberCount: 3 },
  { code: 'papeterie', label: 'Papeterie', shopCount: 4, memberCount: 2 },
  { code: 'habillement', label: 'Habillement', shopCount: 18, memberCount: 10 },
  { code: 'chaussures', label: 'Chaussures', shopCount: 7, memberCount: 3 },
  { code: 'cordonnerie', label: 'Cordonnerie', shopCount: 3, memberCount: 2 },
  { code: 'retouche', label: 'Retouches', shopCount: 4, memberCount: 3 },
  { code: 'fleuriste', label: 'Fleuriste', shopCount: 6, memberCount: 4 },
  { code: 'bijouterie', label: 'Bijouterie', shopCount: 6, memberCount: 3 },
  { code: 'jouets', label: 'Jouets', shopCount: 4, memberCount: 2 },
  { code: 'maison', label: 'Maison et décoration', shopCount: 8, memberCount: 4 },
  { code: 'beaute', label: 'Beauté', shopCount: 10, memberCount: 4 },
  { code: 'optique', label: 'Opticien', shopCount: 5, memberCount: 2 },
  { code: 'sport', label: 'Sport et cycles', shopCount: 3, memberCount: 1 },
];

export interface Locality {
  postalCode: string;
  city: string;
  latitude: number;
  longitude: number;
}

export const ISTRES: Locality = { postalCode: '13800', city: 'Istres', latitude: 43.513, longitude: 4.987 };
/** The hamlet, 9 km north in the Crau plain; its shops sit around its own centre. */
export const ENTRESSEN: Locality = { postalCode: '13118', city: 'Entressen', latitude: 43.5905, longitude: 4.9395 };

/** Streets of the town centre, where the shops are. */
export const CENTRE_STREETS: readonly string[] = [
  'rue Hôtel de Ville',
  'rue de la République',
  'place du Puits Neuf',
  'allées Jean Jaurès',
  'boulevard de la République',
  'rue Frédéric Mistral',
  'rue Alphonse Daudet',
  'avenue Hélène Boucher',
  'boulevard Victor Hugo',
  'rue Émile Zola',
  'rue Pierre Mendès-France',
  'avenue Félix Gouin',
  'cours Gambetta',
  'place Jules Guesde',
  'rue Saint-Étienne',
  'rue des Remparts',
  'place de la Libération',
  'rue du Portail d’Arles',
  'avenue Clemenceau',
  'rue Jean Moulin',
];

export const ENTRESSEN_STREETS: readonly string[] = ['avenue de la Crau', 'place de la Fontaine', 'rue des Écoles', 'avenue Aristide Briand'];

/** Where residents live: the centre and the town's neighbourhoods. */
export const HOME_STREETS: readonly string[] = [
  ...CENTRE_STREETS,
  'allée des Cigales',
  'impasse des Oliviers',
  'chemin du Castellan',
  'avenue des Bellons',
  'rue des Heures Claires',
  'boulevard du Prépaou',
  'chemin de Rassuen',
  'allée des Quatre Vents',
  'rue de Trigance',
  'avenue de la Romaniquette',
  'chemin des Arnavaux',
  'rue des Lauriers-Roses',
  'impasse du Mistral',
  'allée des Pins d’Alep',
  'chemin de la Petite Saint-Jean',
  'avenue du Général de Gaulle',
];

/** Towns around the étang de Berre where employees of the Tubé live. */
export const NEIGHBOUR_TOWNS: ReadonlyArray<{ postalCode: string; city: string; streets: readonly string[] }> = [
  { postalCode: '13140', city: 'Miramas', streets: ['avenue Charles de Gaulle', 'rue Gabriel Péri', 'boulevard Bellevue'] },
  { postalCode: '13270', city: 'Fos-sur-Mer', streets: ['avenue Jean Jaurès', 'rue du Port', 'allée des Salins'] },
  { postalCode: '13250', city: 'Saint-Chamas', streets: ['rue de la Poudrerie', 'quai Léon Blum', 'chemin des Baumes'] },
  { postalCode: '13500', city: 'Martigues', streets: ['quai Brescon', 'avenue Louis Sammut', 'rue de la Rotonde'] },
  { postalCode: '13450', city: 'Grans', streets: ['cours Camille Pelletan', 'rue de la Touloubre'] },
];

/** Firms of the zone du Tubé whose staff order for the Friday delivery. */
export const TUBE_COMPANIES: readonly string[] = [
  'Provence Logistique',
  'Aéro Maintenance Sud',
  'Méca Tubé',
  'Transports Berre Express',
  'Imprimerie du Tubé',
  'Sud Énergies Services',
  'Laboratoire Crau Analyses',
];
