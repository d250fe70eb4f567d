// Where a placed order goes, on the thank-you page and the order's page.
export const orderDestination = {
  'order_destination.delivery': 'Livraison',
  'order_destination.home': 'Livraison à domicile, {date}',
  'order_destination.address': 'Adresse de livraison',
  'order_destination.work': 'Livraison au travail — {company}',
  'order_destination.when': 'Jour et heures',
  'order_destination.title_work': 'Livraison au travail, {run}',
  'order_destination.title_delivered': 'Livrée le {date}',
  'order_destination.done_code_hint': 'Ce code désigne votre commande : il est aussi dans le courriel de confirmation.',
  'order_destination.done_next': 'Chaque commerce prépare sa partie. Nous vous apporterons votre commande {date}.',
} as const;
