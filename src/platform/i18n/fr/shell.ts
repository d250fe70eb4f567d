// French words of the page shell: the header, the navigation per role, the footer.
// The account line says « Compte concierge : Nathalie Bonnet »: « compte » followed by a noun
// takes no agreement (as in « compte client »), so it reads right for a woman or a man without
// the app knowing which, and without « Connecté·e ».
export const shell = {
  'shell.town_service': 'Un service de la Ville {of_town}',
  'shell.home_link': '{name}, accueil',
  'shell.menu': 'Menu',
  'shell.call_question': 'Une question ?',
  'shell.call_merchant': 'Joindre la conciergerie',
  'shell.call_before': 'Appeler la conciergerie au',
  'shell.call_hours': 'On vous répond {hours}.',
  'shell.basket_count': 'Panier ({count})',
  'shell.basket_articles_one': 'article',
  'shell.basket_articles_other': 'articles',
  'shell.account.resident': 'Compte adhérent : {name}',
  'shell.account.merchant': 'Compte commerçant : {name}',
  'shell.account.concierge': 'Compte concierge : {name}',
  'shell.account.town': 'Compte mairie : {name}',
  'shell.account.driver': 'Compte chauffeur : {name}',
  'shell.description': 'Les commerces {of_town} en un seul panier : vous commandez en ligne ou par téléphone, vous retirez vos achats à la conciergerie. Un service de la Ville {of_town}.',
  'shell.contact_description': 'Joindre la {name} : par téléphone au {phone}, {hours} ; par courriel ; au comptoir, avec ses horaires d’ouverture.',
} as const;
