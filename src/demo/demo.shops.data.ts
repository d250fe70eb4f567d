// Trade names and descriptions of the demo town's shops, by category. In each list the
// first names are the member shops (as many as the category's `memberCount`); a name
// ending in « @Entressen » is a shop of the hamlet.

export const SHOP_NAMES: Readonly<Record<string, readonly string[]>> = {
  alimentation: [
    'Épicerie du Centre', 'Le Panier Provençal', 'Le Comptoir des Olives', 'Bio et Vrac Istres', 'Le Panier d’Entressen@Entressen',
    'L’Épicerie Fine d’Istres', 'Épicerie Lou Pitchoun', 'Aux Saveurs de l’Étang', 'Épicerie italienne Da Marco', 'Les Délices d’Orient',
  ],
  boulangerie: [
    'Boulangerie du Puits Neuf', 'Au Pain d’Antan', 'Le Fournil d’Istres', 'La Mie Dorée', 'Boulangerie d’Entressen@Entressen',
    'Au Bon Levain', 'La Fougasse d’Or', 'Boulangerie Saint-Étienne', 'Boulangerie de la Mairie', 'Aux Délices du Castellan',
    'Boulangerie des Heures Claires', 'Le Pain de Camille', 'Boulangerie Pâtisserie Rossi', 'Boulangerie du Prépaou',
  ],
  boucherie: [
    'Boucherie Martinez', 'Maison Gauthier', 'Boucherie de la Crau@Entressen', 'La Ferme en Ville',
    'Boucherie du Marché', 'Boucherie chevaline du Centre', 'Boucherie Charcuterie Blanc',
  ],
  poissonnerie: ['Poissonnerie du Port', 'La Marée de l’Étang', 'Aux Pêcheurs de Berre', 'Le Chalutier'],
  fromagerie: ['Fromagerie Lou Cabanoun', 'Le Comptoir du Fromager', 'Crèmerie de la Place', 'Fromagerie des Alpilles'],
  primeur: ['Les Jardins de Provence', 'Au Verger d’Istres', 'Primeurs du Marché', 'Fruits et Légumes Ferrara', 'Le Potager de la Crau', 'Primeur bio de l’Étang'],
  traiteur: ['Traiteur Lou Pastre', 'Les Saveurs de Nonna', 'Rôtisserie du Marché', 'Traiteur Garcia', 'Pâtes fraîches Bellini', 'Traiteur Lotus d’Or'],
  cave: ['La Cave d’Istres', 'Le Cellier Provençal', 'Le Tire-Bouchon', 'Comptoir des Vignes', 'Cave Saint-Martin', 'Les Vins de l’Étang'],
  chocolaterie: ['Chocolaterie Duval', 'Les Chocolats de l’Étang', 'Maison Cacao', 'Au Palet d’Or'],
  patisserie: ['Pâtisserie Lambert', 'Les Navettes d’Istres', 'Douceurs de Provence', 'Le Jardin des Gourmandises', 'Pâtisserie du Théâtre', 'Maison Fabre'],
  librairie: ['Librairie L’Encre Bleue', 'La Bulle d’Istres', 'Librairie jeunesse Pomme de Pin', 'Le Livre Ouvert', 'Librairie du Centre'],
  papeterie: ['Le Crayon Bleu', 'Carterie L’Enveloppe', 'Papeterie du Lycée', 'Presse Papeterie de la Place'],
  habillement: [
    'L’Atelier Sérigraphie d’Istres', 'Boutique Émilie', 'Le Dressing d’Istres', 'Comptoir du Lin', 'Homme Élégant',
    'Les Petits Loups', 'Boutique Cigale', 'Tricots et Compagnie', 'Mistral Mode', 'Chez Nina',
    'Mode et Sens', 'L’Atelier du Jean', 'Tendance Sud', 'Boutique Lavande', 'Le Vestiaire', 'Rayon de Soleil', 'L’Istréenne', 'Maison Bleu Marine',
  ],
  chaussures: ['Chaussures Marcel', 'Pas à Pas', 'Le Petit Chausson', 'Le Soulier', 'Chaussures Bianchi', 'Bottes et Sandales', 'Talons et Lacets'],
  cordonnerie: ['Cordonnerie du Centre', 'Le Cordonnier de la Place', 'Cordonnerie Serrurerie Ferrer'],
  retouche: ['Retouches Nadia', 'L’Atelier de Couture', 'Fil et Aiguille', 'Retouches express du Centre'],
  fleuriste: ['Fleurs de Provence', 'L’Atelier Floral', 'Au Jardin d’Hélène', 'Le Bouquet d’Istres', 'Pétales et Tiges', 'Fleuriste des Heures Claires'],
  bijouterie: ['L’Écrin d’Istres', 'Horlogerie Bijouterie Mercier', 'Les Bijoux de Léa', 'Bijouterie Roux', 'Or et Argent', 'Atelier du Bijoutier'],
  jouets: ['La Ronde des Jouets', 'Jeux et Malices', 'Le Coffre à Jouets', 'Au Petit Train'],
  maison: [
    'Le Grenier Provençal', 'Les Toiles de Provence', 'Atelier Céramique de l’Étang', 'Maison et Tradition',
    'Côté Sud Déco', 'Quincaillerie Moderne', 'Arts de la Table Istres', 'Le Temps des Cerises',
  ],
  beaute: [
    'Savonnerie de l’Étang', 'Maison de la Lavande', 'Institut Belle Époque', 'Parfumerie du Centre',
    'Salon Entre Nous@Entressen', 'Coiffure Sophie', 'Le Barbier d’Istres', 'Institut Zen et Beauté', 'Ongles et Sourire', 'Esthétique Marion',
  ],
  optique: ['Optique de l’Étang', 'Regard d’Istres', 'Optique Lumière', 'Les Lunettes de Paul', 'Optique du Centre'],
  sport: ['Istres Cycles', 'Glisse et Rando', 'Sports Passion'],
};

/** First sentence of a description, by category. */
export const SHOP_PITCHES: Readonly<Record<string, readonly string[]>> = {
  alimentation: ['Épicerie de quartier : produits du terroir provençal, huile d’olive, miel et conserves.', 'Produits secs en vrac, épices et huiles, à deux pas du marché.'],
  boulangerie: ['Pains au levain cuits au feu de bois, fougasses et viennoiseries du matin.', 'Boulangerie artisanale : baguettes de tradition, pains spéciaux et gâteaux des rois en saison.'],
  boucherie: ['Viandes de la région, agneau de Sisteron et charcuterie maison.', 'Boucher-charcutier : colis barbecue, plats cuisinés et caillettes provençales.'],
  poissonnerie: ['Poissons de Méditerranée et coquillages de l’étang de Thau, plateaux de fruits de mer sur commande.', 'Arrivage quotidien de la criée, soupe de poissons maison.'],
  fromagerie: ['Fromages fermiers affinés sur place, chèvres de Provence et plateaux pour vos repas.', 'Crèmerie et fromages de nos montagnes et de Provence, conseils d’accords.'],
  primeur: ['Fruits et légumes de saison des maraîchers de la Crau.', 'Primeur du marché : paniers de la semaine et corbeilles à offrir.'],
  traiteur: ['Plats cuisinés maison à emporter, aïoli le vendredi.', 'Traiteur pour vos repas de famille : paellas, lasagnes et plateaux apéritifs.'],
  cave: ['Vins de Provence et de la vallée du Rhône, choisis chez les vignerons.', 'Caviste indépendant : vins, bières artisanales et spiritueux, conseils d’accords mets-vins.'],
  chocolaterie: ['Chocolats fabriqués sur place, ganaches, pralinés et calissons.', 'Artisan chocolatier : boîtes assorties, mendiants et tablettes grand cru.'],
  patisserie: ['Pâtisseries fines, tropéziennes et entremets sur commande.', 'Navettes à la fleur d’oranger, tartes et gâteaux d’anniversaire.'],
  librairie: ['Librairie indépendante : romans, essais, beaux livres et conseils du libraire.', 'Bandes dessinées, mangas et albums jeunesse, commandes en 48 heures.'],
  papeterie: ['Papeterie, carterie et fournitures scolaires.', 'Beaux papiers, stylos et faire-part personnalisés.'],
  habillement: ['Prêt-à-porter femme et homme, marques françaises et créateurs.', 'Vêtements de saison, lin et coton, tailles du 36 au 50.', 'Tee-shirts et sweats imprimés sur place, aux couleurs d’Istres.'],
  chaussures: ['Chaussures de ville et de confort, pour toute la famille.', 'Chausseur indépendant : cuir, espadrilles et chaussons.'],
  cordonnerie: ['Cordonnier : ressemelage, talons, réparation de sacs et doubles de clés.', 'Réparations de chaussures et de maroquinerie, entretien du cuir.'],
  retouche: ['Retouches et couture : ourlets, fermetures, reprises de taille.', 'Atelier de couture : retouches de vêtements et de rideaux.'],
  fleuriste: ['Bouquets de saison, compositions et plantes, livraison pour vos événements.', 'Artisan fleuriste : fleurs coupées, plantes d’intérieur et lavande séchée.'],
  bijouterie: ['Bijoux en or et en argent, montres et réparations.', 'Créations de bijoux, gravure et changement de pile de montre.'],
  jouets: ['Jouets en bois, jeux de société et puzzles.', 'Magasin de jouets : peluches, loisirs créatifs et jeux pour tous les âges.'],
  maison: ['Linge de maison, art de la table et décoration provençale.', 'Céramiques, bougies et objets de décoration faits en Provence.'],
  beaute: ['Savons, cosmétiques naturels et parfums de Provence.', 'Institut de beauté : soins du visage, coffrets et produits naturels.'],
  optique: ['Opticien indépendant : lunettes de vue et de soleil, examens de vue.', 'Lunettes, étuis et petites réparations sur place.'],
  sport: ['Vente et réparation de vélos, accessoires de randonnée.', 'Articles de sport et de plein air, conseils et entretien.'],
};

/** An optional second sentence, shared by every category. */
export const SHOP_TAGLINES: readonly string[] = [
  'Commerce familial depuis 1987.',
  'Accueil chaleureux et conseils personnalisés.',
  'Présent aussi au marché du mardi matin.',
  'Nouvelle équipe depuis l’an dernier.',
  'Une adresse du centre-ville depuis plus de vingt ans.',
  'Fermé en août.',
];
