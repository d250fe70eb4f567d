// French text: Refunds and advance payments recorded by the concierge on an order.
export const refunds = {
  'refunds.links.pay': 'Encaisser un paiement',
  'refunds.links.refund': 'Rembourser',

  // where the order's money stands
  'refunds.money.title': 'Paiements de la commande',
  'refunds.money.total': 'Total de la commande',
  'refunds.money.paid': 'Déjà payé',
  'refunds.money.due': 'Reste à payer',
  'refunds.money.payment': '{amount} — {method}, le {when}',
  'refunds.money.refund': 'Remboursé : {amount} ({method}) le {when} — {reason}',
  'refunds.money.payments': 'Paiements reçus',
  'refunds.money.online': '{amount} — payé en ligne',
  'refunds.money.refunds': 'Remboursements',
  'refunds.money.none': 'Aucun paiement reçu pour le moment.',
  'refunds.back': 'Retour à la fiche de la commande',

  // a part payment
  'refunds.pay.title': 'Encaisser un paiement — commande {code}',
  'refunds.pay.trail': 'Encaisser',
  'refunds.pay.lead': 'Un acompte ou un paiement avant le retrait. Au comptoir, la remise ne demandera plus que ce qui reste à payer.',
  'refunds.pay.nothing_due': 'Il ne reste rien à payer sur cette commande.',
  'refunds.pay.method': 'Moyen de paiement',
  'refunds.pay.amount': 'Montant reçu, en euros',
  'refunds.pay.amount_hint': 'Au plus {amount}, par exemple 20,00.',
  'refunds.pay.submit': 'Enregistrer le paiement',
  'refunds.pay.done': 'Paiement de {amount} enregistré pour la commande {code}.',

  // a refund
  'refunds.refund.title': 'Rembourser — commande {code}',
  'refunds.refund.trail': 'Rembourser',
  'refunds.refund.lead': 'Le remboursement repart par le moyen de paiement d’origine : en ligne par le prestataire de paiement, au comptoir en espèces, par carte ou par chèque.',
  'refunds.refund.nothing': 'Rien n’a été payé ou tout a déjà été remboursé : il n’y a rien à rembourser.',
  'refunds.refund.what': 'Que rembourser ?',
  'refunds.refund.what_hint': 'Les articles refusés par un commerce après paiement sont proposés en premier.',
  'refunds.refund.all': 'Tout ce qui a été payé ({amount})',
  'refunds.refund.refused': 'Les articles refusés ({amount})',
  'refunds.refund.line_refused': 'Une ligne refusée : {quantity} × {title} ({shop}) — {amount}',
  'refunds.refund.line_handed': 'Une ligne remise : {quantity} × {title} ({shop}) — {amount}',
  'refunds.refund.amount_choice': 'Un autre montant',
  'refunds.refund.amount': 'Montant à rembourser, en euros',
  'refunds.refund.amount_hint': 'Seulement si vous avez choisi « Un autre montant ». Par exemple 4,50.',
  'refunds.refund.source': 'Rembourser par',
  'refunds.refund.source_hint': 'L’argent est arrivé de plusieurs façons : chaque moyen rembourse au plus ce qu’il a reçu. « Tout ce qui a été payé » rembourse chacun.',
  'refunds.refund.source_option': '{method} — reste {amount}',
  'refunds.refund.reason': 'Motif du remboursement',
  'refunds.refund.reason_hint': 'Par exemple : article refusé par le commerce, article abîmé rapporté.',
  'refunds.refund.submit': 'Rembourser',
  'refunds.refund.done': 'Remboursement enregistré pour la commande {code} : {amount}.',

  'refunds.method.cash': 'Espèces',
  'refunds.method.card': 'Carte',
  'refunds.method.cheque': 'Chèque',
  'refunds.method.online': 'En ligne',

  // the counter
  'refunds.counter.already_paid': 'Déjà payé : {amount}',

  // history notes
  'refunds.history.part_payment': 'Paiement au comptoir avant retrait : {amount} {how}',
  'refunds.history.refund': 'Remboursement : {how} — motif : {reason}',

  // the resident's order
  'refunds.resident.refunded': 'Remboursé : {amount} ({method})',
  'refunds.resident.title': 'Remboursements',
} as const;
