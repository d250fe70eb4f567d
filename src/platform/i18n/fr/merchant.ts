// French words of the merchant's pages on a phone (what waits, the orders list in the shop's
// words) and of the town's money page (headline figures, months closed or in progress, chart).
export const merchant = {
  // What waits at the shop. Counts go through plural rules: one key per form, never « commande(s) ».
  'portal.summary.label': 'Ce qui vous attend',
  'portal.summary.none': 'Aucune commande à préparer pour le moment.',
  'portal.summary.one': '1 commande à préparer.',
  'portal.summary.other': '{count} commandes à préparer.',
  'portal.summary.one_round': '1 commande à préparer, la tournée passe {round}.',
  'portal.summary.other_round': '{count} commandes à préparer, la tournée passe {round}.',
  'portal.summary.ready_one_round': 'Rien à préparer : 1 commande préparée attend la tournée, qui passe {round}.',
  'portal.summary.ready_other_round': 'Rien à préparer : {count} commandes préparées attendent la tournée, qui passe {round}.',
  'portal.summary.new_one': 'Dont 1 nouvelle commande qui attend votre réponse.',
  'portal.summary.new_other': 'Dont {count} nouvelles commandes qui attendent votre réponse.',
  'portal.summary.see': 'Voir les commandes',
  // Where a purchase order stands, in the shop's words.
  'portal.po_status.sent': 'Nouvelle commande',
  'portal.po_status.accepted': 'En préparation',
  'portal.po_status.ready': 'Préparée, attend la tournée',
  'portal.po_status.collected': 'Partie avec la tournée',
  'portal.po_status.handed_over': 'Retirée par le client',
  'portal.po_status.refused': 'Refusée',
  'portal.po_status.cancelled': 'Annulée',
  'portal.po_status.returned': 'Non retirée, rendue à la boutique',
  'portal.orders.col.lines': 'Articles',
  'portal.orders.col.action': 'À faire',
  'portal.orders.accept_short': 'Accepter',
  'portal.orders.ready_short': 'Préparée',
  'portal.orders.action_suffix': ' : commande {code}',
} as const;
