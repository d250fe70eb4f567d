// French words of collection points and the contact page.
export const places = {
  'places.kind.counter': 'Comptoir de la conciergerie',
  'places.kind.community_centre': 'Foyer ou maison de quartier',
  'places.kind.residence': 'Résidence pour personnes âgées',
  'places.kind.company': 'Entreprise de la zone d’activités',
  'places.hours.closed': 'fermé',
  'contact.title': 'Contact et horaires',
  'contact.intro': 'Une question, une commande, un conseil ? Appelez-nous, écrivez-nous ou passez au comptoir.',
  'contact.phone_title': 'Par téléphone',
  'contact.phone_hint': 'Nous prenons vos commandes et vos demandes par téléphone.',
  'contact.email_title': 'Par courriel',
  'contact.address_title': 'Au comptoir',
  'contact.hours_title': 'Horaires du comptoir',
  'contact.hours_unknown': 'Appelez-nous pour connaître les horaires d’ouverture du comptoir : {phone}.',
  'contact.others_title': 'Autres points de retrait',
  'contact.others_intro': 'Vous pouvez aussi retirer vos commandes dans ces lieux.',
  'contact.place_phone': 'Téléphone : {phone}',
} as const;
