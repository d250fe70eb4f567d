// Names of the demo town's people: first names by generation (the working residents are
// mostly 30–40 years old, the seniors over 70), family names of Provence and of the
// families who settled around the étang de Berre.

export type Gender = 'f' | 'm';

export const WORKING_FIRST_NAMES: Readonly<Record<Gender, readonly string[]>> = {
  f: [
    'Élodie', 'Aurélie', 'Émilie', 'Mélanie', 'Julie', 'Laura', 'Sarah', 'Camille', 'Marion', 'Audrey',
    'Céline', 'Amandine', 'Pauline', 'Anaïs', 'Charlotte', 'Mathilde', 'Claire', 'Léa', 'Chloé', 'Gaëlle',
    'Sophie', 'Virginie', 'Stéphanie', 'Jessica', 'Caroline', 'Manon', 'Inès', 'Nadia', 'Sabrina', 'Hélène',
    'Cécile', 'Maëva', 'Noémie', 'Karine', 'Delphine', 'Lucie', 'Ophélie', 'Priscilla', 'Myriam', 'Sandrine',
  ],
  m: [
    'Julien', 'Nicolas', 'Sébastien', 'Jérémy', 'Mathieu', 'Romain', 'Anthony', 'Guillaume', 'Maxime', 'Thomas',
    'Alexandre', 'Kévin', 'Florian', 'Benoît', 'Clément', 'Raphaël', 'Loïc', 'Jérôme', 'Cédric', 'Fabien',
    'Olivier', 'Yannick', 'Mickaël', 'Damien', 'Karim', 'Mehdi', 'Grégory', 'Ludovic', 'Arnaud', 'Stéphane',
    'Hugo', 'Adrien', 'Vincent', 'Bastien', 'Franck', 'Thibault', 'Rémi', 'Samir', 'Yohan', 'François',
  ],
};

export const SENIOR_FIRST_NAMES: Readonly<Record<Gender, readonly string[]>> = {
  f: [
    'Jacqueline', 'Monique', 'Josiane', 'Ginette', 'Colette', 'Huguette', 'Simone', 'Yvette', 'Odette', 'Renée',
    'Geneviève', 'Paulette', 'Marie-Thérèse', 'Andrée', 'Mireille', 'Françoise', 'Danielle', 'Éliane', 'Lucienne', 'Marcelle',
  ],
  m: [
    'Marcel', 'Gérard', 'René', 'Lucien', 'André', 'Jean-Pierre', 'Jean-Claude', 'Bernard', 'Michel', 'Roger',
    'Raymond', 'Henri', 'Marius', 'Fernand', 'Gilbert', 'Guy', 'Maurice', 'Joseph', 'Louis', 'Émile',
  ],
};

export const LAST_NAMES: readonly string[] = [
  'Martin', 'Bernard', 'Roux', 'Blanc', 'Garcia', 'Martinez', 'Lopez', 'Fabre', 'Giraud', 'Arnaud',
  'Michel', 'Mercier', 'Lefèvre', 'Féraud', 'Pélissier', 'Sénéquier', 'Ménard', 'Bérenger', 'Aubert', 'Guérin',
  'Rossi', 'Bianchi', 'Ferrari', 'Giordano', 'Esposito', 'Romano', 'Fernandez', 'Sanchez', 'Perez', 'Gonzalez',
  'Rodriguez', 'Moreno', 'Benali', 'Haddad', 'Mansouri', 'Belkacem', 'Bouzid', 'Meziane', 'Da Silva', 'Pereira',
  'Ferreira', 'Papazian', 'Kévorkian', 'Nguyen', 'Tran', 'Chabert', 'Reynaud', 'Roubaud', 'Coste', 'Maurel',
  'Gras', 'Brun', 'Bonnet', 'Gauthier', 'Mathieu', 'Olivier', 'Durand', 'Dupont', 'Lambert', 'Fontaine',
  'Rey', 'Barthélemy', 'Jourdan', 'Audibert', 'Imbert', 'Chauvet', 'Castellan', 'Bouchet', 'Estienne', 'Magnan',
  'Pons', 'Laugier', 'Granier', 'Roche', 'Vidal', 'Mistral', 'Tassy', 'Isnard', 'Bœuf', 'Daumas',
  'Gilly', 'Ricard', 'Ollivier', 'Aymard', 'Bonnafoux', 'Camoin', 'Cauvin', 'Faure', 'Sauvaire', 'Vial',
  'Lemaire', 'Carpentier', 'Lebrun', 'Morel', 'Girard', 'André', 'Lefebvre', 'Leroy', 'Roussel', 'Chevalier',
  'Nicolas', 'Muller', 'Schmitt', 'Le Gall', 'Le Goff', 'Kerboul', 'Navarro', 'Ruiz', 'Marchetti', 'Colombo',
  'Hamidi', 'Saïdi', 'Amrani', 'Chérif', 'Ouali', 'Thévenet', 'Poirier', 'Renard', 'Étienne', 'Noël',
];

export const SENIOR_NOTES: Readonly<Record<Gender, readonly string[]>> = {
  f: [
    'Préfère être appelée le matin.',
    'Commande par téléphone, n’utilise pas internet.',
    'Demande souvent conseil pour trouver un artisan.',
    'Sa fille vient parfois retirer les commandes.',
    'Entend mal au téléphone : parler lentement.',
  ],
  m: [
    'Préfère être appelé le matin.',
    'Commande par téléphone, n’utilise pas internet.',
    'Demande souvent conseil pour trouver un artisan.',
    'Son fils vient parfois retirer les commandes.',
    'Entend mal au téléphone : parler lentement.',
  ],
};

export const WORKING_NOTES: readonly string[] = [
  'Travaille à Marseille, retire ses commandes après 18 h.',
  'Retire le plus souvent entre midi et 14 h.',
  'Travaille à Aix-en-Provence, commande le week-end.',
  'Préfère les échanges par courriel.',
];

/** Mail domains reserved for examples, so the demo never writes to a real mailbox. */
export const MAIL_DOMAINS: readonly string[] = ['courriel.test', 'exemple.test', 'messagerie.test'];
