// Offers of the demo storefronts, by category: a few fixed-price items or bundles per shop,
// as the conciergerie advises (three seafood platters rather than a fish list priced by the
// kilo). VAT rates are the French ones: 5,5 % food and books, 10 % cut flowers, 20 % the
// rest (wine, chocolates and sweets included), services included. Load classes: platters,
// cakes and baskets fill a cabas (medium), the big platters, bouquets and a bike to service
// are bulky (large), the week's five kilos of vegetables are heavy; the rest fits in a bag.
import type { LoadClass } from '../catalogue/index.ts';

export interface OfferTemplate {
  title: string;
  description: string;
  priceCents: number;
  vatRateBp: number;
  unit: string;
  /** Net quantity of pre-packed goods, for the price per kilo or litre. */
  measure?: readonly [number, 'g' | 'ml'];
  /** Set for goods or services prepared on demand. */
  leadTimeDays?: number;
  /** The room one item takes in a vehicle; small (fits in a bag) when not said. */
  loadClass?: LoadClass;
}

const FOOD = 550;
const BOOKS = 550;
const FLOWERS = 1000;
const STANDARD = 2000;

const PLATTERS: readonly OfferTemplate[] = [
  { title: 'Plateau de fruits de mer pour 2', description: 'Huîtres de Bouzigues, crevettes roses, bulots, bigorneaux et langoustines sur lit de glace, avec citron et sauce mayonnaise maison.', priceCents: 4500, vatRateBp: FOOD, unit: 'le plateau', leadTimeDays: 1, loadClass: 'medium' },
  { title: 'Plateau de fruits de mer pour 4', description: 'Deux douzaines d’huîtres, crevettes, bulots, amandes de mer, langoustines et tourteau, préparés le jour du retrait.', priceCents: 8500, vatRateBp: FOOD, unit: 'le plateau', leadTimeDays: 1, loadClass: 'large' },
  { title: 'Plateau royal', description: 'Pour 4 à 6 personnes : demi-homard, tourteau, huîtres spéciales, langoustines, crevettes et coquillages.', priceCents: 14900, vatRateBp: FOOD, unit: 'le plateau', leadTimeDays: 2, loadClass: 'large' },
];

export const CATEGORY_OFFERS: Readonly<Record<string, readonly OfferTemplate[]>> = {
  poissonnerie: [
    ...PLATTERS,
    { title: 'Soupe de poissons maison', description: 'Cuisinée avec les poissons de roche de la criée, croûtons et rouille fournis.', priceCents: 950, vatRateBp: FOOD, unit: 'le bocal de 1 L', measure: [1000, 'ml'] },
    { title: 'Douzaine d’huîtres de Bouzigues n° 3', description: 'Ouvertes à la demande, livrées sur glace.', priceCents: 1440, vatRateBp: FOOD, unit: 'la douzaine' },
    { title: 'Brandade de morue maison', description: 'Morue dessalée, huile d’olive et ail, à gratiner au four.', priceCents: 890, vatRateBp: FOOD, unit: 'la barquette de 500 g', measure: [500, 'g'] },
  ],
  fromagerie: [
    { title: 'Plateau de fromages pour 6', description: 'Sept fromages affinés : chèvre de Provence, tomme, comté, bleu, brie, banon et brousse, avec fruits secs.', priceCents: 3900, vatRateBp: FOOD, unit: 'le plateau', leadTimeDays: 1, loadClass: 'medium' },
    { title: 'Plateau de fromages pour 10', description: 'Dix fromages de saison présentés sur planche, avec confiture de figues et noix.', priceCents: 6200, vatRateBp: FOOD, unit: 'le plateau', leadTimeDays: 2, loadClass: 'medium' },
    { title: 'Banon AOP à la feuille de châtaignier', description: 'Chèvre de Haute-Provence affiné en feuilles, fondant et légèrement noiseté.', priceCents: 790, vatRateBp: FOOD, unit: 'la pièce de 90 g', measure: [90, 'g'] },
    { title: 'Brousse du Rove', description: 'Fromage frais de chèvre du Rove, à déguster sucré ou salé.', priceCents: 650, vatRateBp: FOOD, unit: 'le pot de 250 g', measure: [250, 'g'] },
    { title: 'Comté 18 mois', description: 'Affiné dix-huit mois, fruité et cristallin.', priceCents: 920, vatRateBp: FOOD, unit: 'la part de 300 g', measure: [300, 'g'] },
    { title: 'Panier apéritif du fromager', description: 'Dés de fromages, tapenade, crackers et olives pour quatre.', priceCents: 2400, vatRateBp: FOOD, unit: 'le panier', leadTimeDays: 1, loadClass: 'medium' },
  ],
  cave: [
    { title: 'Côtes de Provence rosé', description: 'Rosé pâle et frais d’un domaine de la Sainte-Victoire, pour l’apéritif et les grillades.', priceCents: 1250, vatRateBp: STANDARD, unit: 'la bouteille 75 cl', measure: [750, 'ml'] },
    { title: 'Coteaux d’Aix-en-Provence rouge', description: 'Grenache et syrah, souple et épicé, sur les viandes rôties.', priceCents: 1490, vatRateBp: STANDARD, unit: 'la bouteille 75 cl', measure: [750, 'ml'] },
    { title: 'Bandol rouge', description: 'Mourvèdre de garde, à ouvrir une heure avant le repas.', priceCents: 2400, vatRateBp: STANDARD, unit: 'la bouteille 75 cl', measure: [750, 'ml'] },
    { title: 'Cassis blanc', description: 'Vin blanc de Cassis, iodé et floral, idéal avec un plateau de fruits de mer.', priceCents: 2100, vatRateBp: STANDARD, unit: 'la bouteille 75 cl', measure: [750, 'ml'] },
    { title: 'Châteauneuf-du-Pape rouge', description: 'Un grand vin de la vallée du Rhône pour les repas de fête.', priceCents: 3200, vatRateBp: STANDARD, unit: 'la bouteille 75 cl', measure: [750, 'ml'] },
    { title: 'Coffret découverte de trois vins de Provence', description: 'Un rosé, un blanc et un rouge choisis par le caviste, en coffret cadeau.', priceCents: 4200, vatRateBp: STANDARD, unit: 'le coffret', loadClass: 'medium' },
    { title: 'Pastis artisanal', description: 'Distillé en Provence, à l’anis vert et aux plantes.', priceCents: 2800, vatRateBp: STANDARD, unit: 'la bouteille 70 cl', measure: [700, 'ml'] },
  ],
  chocolaterie: [
    { title: 'Boîte de chocolats assortis', description: 'Ganaches, pralinés et chocolats au lait, fabriqués dans notre atelier.', priceCents: 1950, vatRateBp: STANDARD, unit: 'la boîte de 250 g', measure: [250, 'g'] },
    { title: 'Grande boîte de chocolats assortis', description: 'Quarante chocolats noirs et au lait, pour offrir.', priceCents: 3600, vatRateBp: STANDARD, unit: 'la boîte de 500 g', measure: [500, 'g'] },
    { title: 'Tablette de chocolat noir 70 %', description: 'Cacao du Pérou, travaillé de la fève à la tablette.', priceCents: 520, vatRateBp: FOOD, unit: 'la tablette de 100 g', measure: [100, 'g'] },
    { title: 'Calissons d’Aix', description: 'Pâte d’amande et melon confit sur pain azyme, glace royale.', priceCents: 1490, vatRateBp: STANDARD, unit: 'la boîte de 200 g', measure: [200, 'g'] },
    { title: 'Mendiants aux fruits secs', description: 'Palets de chocolat noir et au lait, amandes, noisettes et raisins.', priceCents: 980, vatRateBp: STANDARD, unit: 'le sachet de 150 g', measure: [150, 'g'] },
    { title: 'Pâte à tartiner aux noisettes', description: 'Noisettes du Piémont et chocolat au lait, sans huile de palme.', priceCents: 890, vatRateBp: FOOD, unit: 'le pot de 250 g', measure: [250, 'g'] },
  ],
  patisserie: [
    { title: 'Tropézienne pour 6', description: 'Brioche au sucre perlé garnie de crème légère à la fleur d’oranger.', priceCents: 2400, vatRateBp: FOOD, unit: 'la pièce', leadTimeDays: 2, loadClass: 'medium' },
    { title: 'Fraisier pour 8', description: 'Génoise, crème mousseline et fraises de saison.', priceCents: 3400, vatRateBp: FOOD, unit: 'la pièce', leadTimeDays: 2, loadClass: 'medium' },
    { title: 'Tarte au citron meringuée pour 6', description: 'Pâte sablée, crème de citron de Menton et meringue italienne.', priceCents: 2100, vatRateBp: FOOD, unit: 'la pièce', leadTimeDays: 1, loadClass: 'medium' },
    { title: 'Navettes à la fleur d’oranger', description: 'Biscuits provençaux en forme de barque, croquants et parfumés.', priceCents: 750, vatRateBp: FOOD, unit: 'le sachet de 250 g', measure: [250, 'g'] },
    { title: 'Assortiment de 12 macarons', description: 'Framboise, pistache, chocolat, citron, caramel et lavande.', priceCents: 1680, vatRateBp: FOOD, unit: 'la boîte' },
    { title: 'Pompe à l’huile', description: 'Le gâteau des treize desserts de Noël, à l’huile d’olive et à la fleur d’oranger.', priceCents: 650, vatRateBp: FOOD, unit: 'la pièce' },
  ],
  boulangerie: [
    { title: 'Pain de campagne au levain', description: 'Farine de meule et levain naturel, cuit au feu de bois ; se garde quatre jours.', priceCents: 420, vatRateBp: FOOD, unit: 'la miche de 800 g', measure: [800, 'g'] },
    { title: 'Baguette de tradition', description: 'Pétrie lentement, croûte croustillante.', priceCents: 130, vatRateBp: FOOD, unit: 'la pièce' },
    { title: 'Fougasse aux olives', description: 'Pâte à l’huile d’olive, olives noires de Nyons.', priceCents: 380, vatRateBp: FOOD, unit: 'la pièce' },
    { title: 'Assortiment de 10 viennoiseries', description: 'Croissants, pains au chocolat et pains aux raisins, cuits le matin même.', priceCents: 1150, vatRateBp: FOOD, unit: 'le plateau', leadTimeDays: 1, loadClass: 'medium' },
    { title: 'Pain aux céréales', description: 'Graines de lin, de tournesol et de sésame.', priceCents: 360, vatRateBp: FOOD, unit: 'la pièce de 500 g', measure: [500, 'g'] },
    { title: 'Gâteau des rois provençal', description: 'Brioche à la fleur d’oranger et fruits confits, avec sa fève.', priceCents: 1800, vatRateBp: FOOD, unit: 'la couronne pour 8', leadTimeDays: 1, loadClass: 'medium' },
  ],
  boucherie: [
    { title: 'Colis barbecue', description: 'Côtelettes d’agneau, saucisses, merguez et brochettes marinées.', priceCents: 3900, vatRateBp: FOOD, unit: 'le colis de 2 kg', measure: [2000, 'g'], leadTimeDays: 1, loadClass: 'medium' },
    { title: 'Gigot d’agneau de Sisteron', description: 'Agneau label rouge, prêt à rôtir.', priceCents: 4200, vatRateBp: FOOD, unit: 'la pièce de 2 kg', measure: [2000, 'g'], leadTimeDays: 1, loadClass: 'medium' },
    { title: 'Daube provençale pour 4', description: 'Bœuf mijoté au vin rouge, carottes et olives, à réchauffer.', priceCents: 2800, vatRateBp: FOOD, unit: 'la terrine', leadTimeDays: 1, loadClass: 'medium' },
    { title: 'Caillettes provençales', description: 'Porc, blettes et herbes, à servir chaudes ou froides.', priceCents: 960, vatRateBp: FOOD, unit: 'les 4 pièces' },
    { title: 'Saucisses de Toulouse maison', description: 'Pur porc, embossées à la boutique.', priceCents: 890, vatRateBp: FOOD, unit: 'la barquette de 500 g', measure: [500, 'g'] },
    { title: 'Rôti de veau ficelé', description: 'Veau élevé sous la mère, bardé et ficelé.', priceCents: 2950, vatRateBp: FOOD, unit: 'la pièce de 1 kg', measure: [1000, 'g'] },
  ],
  primeur: [
    { title: 'Panier de fruits de saison', description: 'Trois kilos de fruits choisis le matin chez les producteurs de la Crau.', priceCents: 1500, vatRateBp: FOOD, unit: 'le panier de 3 kg', measure: [3000, 'g'], loadClass: 'medium' },
    { title: 'Panier de légumes pour la semaine', description: 'Cinq kilos de légumes de saison pour une famille.', priceCents: 1800, vatRateBp: FOOD, unit: 'le panier de 5 kg', measure: [5000, 'g'], loadClass: 'heavy' },
    { title: 'Corbeille de fruits à offrir', description: 'Fruits de saison et fruits exotiques, présentés en corbeille.', priceCents: 3500, vatRateBp: FOOD, unit: 'la corbeille', leadTimeDays: 1, loadClass: 'large' },
    { title: 'Panier ratatouille', description: 'Aubergines, courgettes, poivrons, tomates, oignons et ail pour six.', priceCents: 1200, vatRateBp: FOOD, unit: 'le panier', loadClass: 'medium' },
    { title: 'Mesclun de Provence', description: 'Jeunes pousses et herbes, lavées.', priceCents: 290, vatRateBp: FOOD, unit: 'le sachet de 200 g', measure: [200, 'g'] },
    { title: 'Jus de pomme artisanal', description: 'Pommes des Alpes-de-Haute-Provence, pressées sans sucre ajouté.', priceCents: 420, vatRateBp: FOOD, unit: 'la bouteille de 1 L', measure: [1000, 'ml'] },
  ],
  alimentation: [
    { title: 'Huile d’olive vierge extra de la vallée des Baux', description: 'Fruité vert, première pression à froid.', priceCents: 1750, vatRateBp: FOOD, unit: 'la bouteille de 50 cl', measure: [500, 'ml'] },
    { title: 'Tapenade noire maison', description: 'Olives noires, câpres et anchois.', priceCents: 620, vatRateBp: FOOD, unit: 'le pot de 180 g', measure: [180, 'g'] },
    { title: 'Panier garni provençal', description: 'Huile d’olive, tapenade, miel de lavande, herbes de Provence et navettes.', priceCents: 4500, vatRateBp: FOOD, unit: 'le panier', leadTimeDays: 1, loadClass: 'medium' },
    { title: 'Miel de lavande', description: 'Récolté sur le plateau de Valensole.', priceCents: 1190, vatRateBp: FOOD, unit: 'le pot de 500 g', measure: [500, 'g'] },
    { title: 'Riz de Camargue IGP', description: 'Riz rond complet, cultivé à quelques kilomètres.', priceCents: 490, vatRateBp: FOOD, unit: 'le sachet de 1 kg', measure: [1000, 'g'] },
    { title: 'Herbes de Provence Label rouge', description: 'Thym, romarin, sarriette et origan.', priceCents: 320, vatRateBp: FOOD, unit: 'le sachet de 50 g', measure: [50, 'g'] },
  ],
  traiteur: [
    { title: 'Paella pour 4', description: 'Poulet, moules, gambas et chorizo, à réchauffer dans son plat.', priceCents: 3600, vatRateBp: FOOD, unit: 'le plat', leadTimeDays: 1, loadClass: 'medium' },
    { title: 'Lasagnes maison pour 4', description: 'Bolognaise mijotée et béchamel, gratinées au parmesan.', priceCents: 2600, vatRateBp: FOOD, unit: 'le plat', leadTimeDays: 1, loadClass: 'medium' },
    { title: 'Aïoli complet pour 2', description: 'Morue, légumes vapeur, œufs et aïoli maison, le vendredi.', priceCents: 2900, vatRateBp: FOOD, unit: 'la barquette', leadTimeDays: 1 },
    { title: 'Poulet fermier rôti', description: 'Poulet de la Drôme rôti à la broche, avec son jus.', priceCents: 1450, vatRateBp: FOOD, unit: 'la pièce' },
    { title: 'Plateau apéritif de 30 pièces', description: 'Pissaladière, panisses, mini-pans bagnats et tartinables.', priceCents: 3900, vatRateBp: FOOD, unit: 'le plateau', leadTimeDays: 2, loadClass: 'medium' },
    { title: 'Raviolis frais à la daube', description: 'Pâte fraîche aux œufs, farce de daube provençale.', priceCents: 1150, vatRateBp: FOOD, unit: 'la barquette de 500 g', measure: [500, 'g'] },
  ],
  librairie: [
    { title: 'Le roman du mois, choisi par le libraire', description: 'Chaque mois, un roman français coup de cœur, emballé pour offrir si vous le souhaitez.', priceCents: 2150, vatRateBp: BOOKS, unit: 'le livre' },
    { title: 'Balades autour de l’étang de Berre', description: 'Vingt promenades à pied et à vélo, avec cartes et photos.', priceCents: 1490, vatRateBp: BOOKS, unit: 'le livre' },
    { title: 'La cuisine provençale de nos grands-mères', description: 'Cent recettes de tous les jours et des fêtes, de l’aïoli aux treize desserts.', priceCents: 2490, vatRateBp: BOOKS, unit: 'le livre' },
    { title: 'La bande dessinée du mois', description: 'Un album choisi par l’équipe, pour les adolescents et les adultes.', priceCents: 1595, vatRateBp: BOOKS, unit: 'l’album' },
    { title: 'Album jeunesse de 3 à 6 ans', description: 'Une histoire à lire le soir, sélectionnée par notre libraire jeunesse.', priceCents: 1390, vatRateBp: BOOKS, unit: 'le livre' },
    { title: 'Coffret de contes de Provence', description: 'Trois livres de contes illustrés pour les enfants à partir de 6 ans.', priceCents: 2990, vatRateBp: BOOKS, unit: 'le coffret' },
  ],
  papeterie: [
    { title: 'Agenda de l’année', description: 'Une semaine sur deux pages, couverture en toile.', priceCents: 1690, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Stylo plume', description: 'Plume en acier, livré avec une cartouche d’encre bleue.', priceCents: 2900, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Cartes postales d’Istres', description: 'Dix vues de la ville, de l’étang de l’Olivier et d’Entressen.', priceCents: 900, vatRateBp: STANDARD, unit: 'le lot de 10' },
    { title: 'Carnet de notes en cuir', description: 'Cuir pleine fleur, 192 pages lignées.', priceCents: 2400, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Faire-part personnalisés', description: 'Naissance, mariage ou anniversaire, imprimés à votre texte.', priceCents: 6000, vatRateBp: STANDARD, unit: 'le lot de 50', leadTimeDays: 3 },
  ],
  habillement: [
    { title: 'Tee-shirt « Istres » en coton bio', description: 'Imprimé sur place, du S au XXL, blanc, bleu marine ou sable.', priceCents: 2500, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Sweat à capuche brodé', description: 'Molleton gratté, broderie cigale sur le cœur.', priceCents: 4900, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Robe d’été en lin', description: 'Lin lavé, coupe ample, du 36 au 46.', priceCents: 6900, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Chemise en lin pour homme', description: 'Col italien, blanc ou bleu ciel.', priceCents: 5900, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Pull marin en laine', description: 'Laine peignée, boutonné à l’épaule.', priceCents: 8900, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Foulard imprimé Provence', description: 'Viscose légère, motifs olives et lavande.', priceCents: 2900, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Pyjama enfant en coton', description: 'Du 2 au 12 ans, coton doux.', priceCents: 3200, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Jean coupe droite', description: 'Denim brut fabriqué en France.', priceCents: 7900, vatRateBp: STANDARD, unit: 'la pièce' },
  ],
  chaussures: [
    { title: 'Espadrilles en toile', description: 'Semelle en corde tressée, fabriquées dans les Pyrénées.', priceCents: 2900, vatRateBp: STANDARD, unit: 'la paire' },
    { title: 'Sandales en cuir', description: 'Cuir naturel, semelle cousue.', priceCents: 6500, vatRateBp: STANDARD, unit: 'la paire' },
    { title: 'Baskets en cuir blanc', description: 'Cuir lisse, semelle caoutchouc.', priceCents: 8900, vatRateBp: STANDARD, unit: 'la paire' },
    { title: 'Chaussons fourrés', description: 'Intérieur laine, semelle antidérapante.', priceCents: 3500, vatRateBp: STANDARD, unit: 'la paire' },
    { title: 'Chaussures de marche confort', description: 'Semelle amortissante, largeur ajustable.', priceCents: 9500, vatRateBp: STANDARD, unit: 'la paire', loadClass: 'medium' },
    { title: 'Bottines en daim', description: 'Daim souple, fermeture éclair intérieure.', priceCents: 11900, vatRateBp: STANDARD, unit: 'la paire', loadClass: 'medium' },
  ],
  cordonnerie: [
    { title: 'Ressemelage cuir', description: 'Semelle cuir cousue, déposez vos chaussures à la conciergerie.', priceCents: 4500, vatRateBp: STANDARD, unit: 'la paire', leadTimeDays: 3 },
    { title: 'Pose de talons', description: 'Talons caoutchouc ou cuir, hommes et femmes.', priceCents: 1600, vatRateBp: STANDARD, unit: 'la paire', leadTimeDays: 1 },
    { title: 'Patins antidérapants', description: 'Pose de patins fins sur semelles cuir.', priceCents: 1800, vatRateBp: STANDARD, unit: 'la paire', leadTimeDays: 1 },
    { title: 'Réparation de sac', description: 'Couture, anse ou fermeture ; devis offert si la réparation dépasse ce prix.', priceCents: 1500, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 3 },
    { title: 'Double de clé', description: 'Clé plate de maison ou de boîte aux lettres.', priceCents: 450, vatRateBp: STANDARD, unit: 'la clé' },
    { title: 'Entretien de bottes', description: 'Nettoyage, nourriture du cuir et cirage.', priceCents: 1200, vatRateBp: STANDARD, unit: 'la paire', leadTimeDays: 2, loadClass: 'medium' },
  ],
  retouche: [
    { title: 'Ourlet de pantalon', description: 'Ourlet simple, marquez la longueur avec une épingle avant de déposer le vêtement.', priceCents: 1200, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 2 },
    { title: 'Ourlet de jean avec ourlet d’origine', description: 'L’ourlet d’origine est conservé pour garder l’aspect du jean.', priceCents: 1600, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 2 },
    { title: 'Remplacement de fermeture éclair', description: 'Pantalon, jupe ou blouson ; fermeture fournie.', priceCents: 1800, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 3 },
    { title: 'Reprise de taille', description: 'Pantalon ou jupe, à la taille ou aux hanches.', priceCents: 2000, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 3 },
    { title: 'Raccourcissement de manches', description: 'Veste ou manteau, sans toucher aux boutons.', priceCents: 2200, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 3 },
    { title: 'Ourlet de rideaux', description: 'Jusqu’à trois mètres de largeur par rideau.', priceCents: 2500, vatRateBp: STANDARD, unit: 'la paire de rideaux', leadTimeDays: 3 },
  ],
  fleuriste: [
    { title: 'Bouquet de saison', description: 'Composé le jour même avec les fleurs de l’arrivage.', priceCents: 2500, vatRateBp: FLOWERS, unit: 'le bouquet', leadTimeDays: 1, loadClass: 'medium' },
    { title: 'Grand bouquet rond', description: 'Roses, renoncules et feuillages, pour les grandes occasions.', priceCents: 4500, vatRateBp: FLOWERS, unit: 'le bouquet', leadTimeDays: 1, loadClass: 'large' },
    { title: 'Orchidée en pot', description: 'Phalaenopsis deux branches, cache-pot en céramique.', priceCents: 3500, vatRateBp: FLOWERS, unit: 'la plante', loadClass: 'medium' },
    { title: 'Composition de table', description: 'Fleurs fraîches et bougie, pour un repas de fête.', priceCents: 3900, vatRateBp: FLOWERS, unit: 'la composition', leadTimeDays: 2, loadClass: 'medium' },
    { title: 'Bouquet de lavande séchée', description: 'Lavande du plateau de Valensole, cent tiges.', priceCents: 1200, vatRateBp: FLOWERS, unit: 'le bouquet' },
    { title: 'Plante aromatique en pot', description: 'Basilic, thym, romarin ou menthe, selon la saison.', priceCents: 650, vatRateBp: FLOWERS, unit: 'le pot' },
  ],
  bijouterie: [
    { title: 'Pendentif cigale en argent', description: 'Argent massif, chaîne de 45 cm fournie.', priceCents: 4900, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Bracelet jonc en argent', description: 'Argent martelé, fabriqué à l’atelier.', priceCents: 6500, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Créoles plaqué or', description: 'Diamètre 25 mm, fermoir à clip.', priceCents: 3900, vatRateBp: STANDARD, unit: 'la paire' },
    { title: 'Changement de pile de montre', description: 'Pile et contrôle d’étanchéité ; déposez la montre à la conciergerie.', priceCents: 900, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 1 },
    { title: 'Gravure sur bijou', description: 'Prénom ou date, jusqu’à vingt caractères.', priceCents: 1500, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 2 },
  ],
  jouets: [
    { title: 'Puzzle de 1 000 pièces « Provence »', description: 'Champs de lavande et village perché.', priceCents: 1990, vatRateBp: STANDARD, unit: 'la boîte' },
    { title: 'Jeu de société familial', description: 'De 2 à 6 joueurs, à partir de 8 ans ; parties de 30 minutes.', priceCents: 3490, vatRateBp: STANDARD, unit: 'la boîte', loadClass: 'medium' },
    { title: 'Peluche cigale', description: 'Toute douce, 25 cm, lavable en machine.', priceCents: 1650, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Jeu de construction en bois', description: '100 pièces en hêtre, dès 3 ans.', priceCents: 4200, vatRateBp: STANDARD, unit: 'la boîte', loadClass: 'medium' },
    { title: 'Coffret de loisirs créatifs', description: 'Perles, fils et breloques pour créer ses bijoux.', priceCents: 2490, vatRateBp: STANDARD, unit: 'le coffret' },
  ],
  maison: [
    { title: 'Nappe provençale en toile enduite', description: '160 × 250 cm, motif olivier, s’essuie d’un coup d’éponge.', priceCents: 4500, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Bougie parfumée à la lavande', description: 'Cire végétale, quarante heures de combustion.', priceCents: 1800, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Saladier en céramique de Provence', description: 'Tourné et émaillé à la main, vert olive ou jaune.', priceCents: 3800, vatRateBp: STANDARD, unit: 'la pièce', loadClass: 'medium' },
    { title: 'Torchons en lin', description: 'Lin lavé, rayures bleues.', priceCents: 2200, vatRateBp: STANDARD, unit: 'le lot de 2' },
    { title: 'Santon de Provence', description: 'Santon d’argile peint à la main, 7 cm.', priceCents: 1400, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Verres gravés', description: 'Verres à eau gravés d’une cigale.', priceCents: 2800, vatRateBp: STANDARD, unit: 'le lot de 4', loadClass: 'medium' },
  ],
  beaute: [
    { title: 'Coffret de savons de Marseille', description: 'Quatre savons à l’huile d’olive, parfums lavande, figue, verveine et nature.', priceCents: 2400, vatRateBp: STANDARD, unit: 'le coffret' },
    { title: 'Eau de toilette à la lavande', description: 'Lavande fine de Haute-Provence, flacon vaporisateur.', priceCents: 3200, vatRateBp: STANDARD, unit: 'le flacon de 100 ml', measure: [100, 'ml'] },
    { title: 'Crème pour les mains à l’huile d’olive', description: 'Nourrissante, sans parfum ajouté.', priceCents: 950, vatRateBp: STANDARD, unit: 'le tube de 75 ml', measure: [75, 'ml'] },
    { title: 'Shampooing solide', description: 'Pour cheveux normaux, sans emballage plastique.', priceCents: 1090, vatRateBp: STANDARD, unit: 'le pain de 80 g', measure: [80, 'g'] },
    { title: 'Huile sèche pour le corps', description: 'Huiles d’amande douce et d’argan, parfum figuier.', priceCents: 1990, vatRateBp: STANDARD, unit: 'le flacon de 50 ml', measure: [50, 'ml'] },
  ],
  optique: [
    { title: 'Lunettes de soleil polarisées', description: 'Verres catégorie 3, monture acétate.', priceCents: 8900, vatRateBp: STANDARD, unit: 'la paire' },
    { title: 'Lunettes loupe', description: 'Du +1,00 au +3,00, pliantes, avec étui.', priceCents: 2500, vatRateBp: STANDARD, unit: 'la paire' },
    { title: 'Étui à lunettes en cuir', description: 'Cuir souple, fermeture aimantée.', priceCents: 1900, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Cordon à lunettes', description: 'Cordon réglable en coton tressé.', priceCents: 990, vatRateBp: STANDARD, unit: 'la pièce' },
    { title: 'Remplacement de plaquettes', description: 'Plaquettes en silicone et réglage de la monture.', priceCents: 800, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 1 },
  ],
  sport: [
    { title: 'Révision complète de vélo', description: 'Freins, dérailleurs, pneus et graissage ; déposez le vélo le vendredi.', priceCents: 5900, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 3, loadClass: 'large' },
    { title: 'Remplacement de chambre à air', description: 'Chambre à air fournie et posée.', priceCents: 1500, vatRateBp: STANDARD, unit: 'la prestation', leadTimeDays: 1 },
    { title: 'Gourde isotherme', description: 'Inox double paroi, garde au frais douze heures.', priceCents: 2490, vatRateBp: STANDARD, unit: 'la pièce de 500 ml' },
    { title: 'Casque de vélo adulte', description: 'Taille réglable, éclairage arrière intégré.', priceCents: 4900, vatRateBp: STANDARD, unit: 'la pièce', loadClass: 'medium' },
    { title: 'Sac de randonnée 20 L', description: 'Dos ventilé, poche à gourde.', priceCents: 4500, vatRateBp: STANDARD, unit: 'la pièce', loadClass: 'medium' },
  ],
};

/** The storefronts the article names, with their exact offers (no price variation). */
export const FLAGSHIP_OFFERS: Readonly<Record<string, readonly string[]>> = {
  'Poissonnerie du Port': ['Plateau de fruits de mer pour 2', 'Plateau de fruits de mer pour 4', 'Plateau royal', 'Soupe de poissons maison'],
  'Fromagerie Lou Cabanoun': ['Plateau de fromages pour 6', 'Plateau de fromages pour 10', 'Banon AOP à la feuille de châtaignier', 'Brousse du Rove', 'Comté 18 mois'],
  'La Cave d’Istres': ['Côtes de Provence rosé', 'Coteaux d’Aix-en-Provence rouge', 'Bandol rouge', 'Cassis blanc', 'Coffret découverte de trois vins de Provence'],
  'Chocolaterie Duval': ['Boîte de chocolats assortis', 'Grande boîte de chocolats assortis', 'Calissons d’Aix', 'Tablette de chocolat noir 70 %'],
  'L’Atelier Sérigraphie d’Istres': ['Tee-shirt « Istres » en coton bio', 'Sweat à capuche brodé'],
  'Cordonnerie du Centre': ['Ressemelage cuir', 'Pose de talons', 'Réparation de sac', 'Double de clé'],
  'Retouches Nadia': ['Ourlet de pantalon', 'Ourlet de jean avec ourlet d’origine', 'Remplacement de fermeture éclair', 'Reprise de taille'],
  'Librairie L’Encre Bleue': ['Le roman du mois, choisi par le libraire', 'Balades autour de l’étang de Berre', 'La cuisine provençale de nos grands-mères'],
};
