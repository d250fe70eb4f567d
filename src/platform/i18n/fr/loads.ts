// Offers' load classes: how much room one item takes in the tricycle or the van.
export const loads = {
  'errors.offer_load_class': 'Choisissez la taille d’un article dans la liste : petit, moyen, encombrant ou lourd.',
  'offer.load.small': 'petit',
  'offer.load.medium': 'moyen',
  'offer.load.large': 'encombrant',
  'offer.load.heavy': 'lourd',
  'offer.load.line': 'Taille pour la livraison : {label}',
  'offer_form.load_class': 'Taille d’un article, pour la livraison',
  'offer_form.load_class_hint': 'Pour préparer les tournées du triporteur et du camion. Choisissez pour un seul article.',
  'offer_form.load_small': 'Petit : tient dans un sac',
  'offer_form.load_medium': 'Moyen : remplit un cabas',
  'offer_form.load_large': 'Encombrant : gros carton, grande plante, petit meuble',
  'offer_form.load_heavy': 'Lourd : pack d’eau, sac de terreau',
} as const;
