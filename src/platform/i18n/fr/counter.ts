// French text of the counter: finding an order, hand-over, payment, reminders, orders not collected.
export const counter = {
  'counter.title': 'Comptoir',
  'counter.home_hint': 'Retrouver une commande par son code, un nom ou un téléphone, et la remettre.',

  // finding an order
  'counter.search.label': 'Code, nom ou téléphone',
  'counter.search.hint': 'Par exemple ACD4F7, Martin ou 06 12 34 56 78.',
  'counter.search.submit': 'Chercher',
  'counter.search.results': 'Commandes en cours',
  'counter.search.none': 'Aucune commande en cours ne correspond à « {query} ».',
  'counter.search.too_many': '{count} adhérents correspondent : seules les commandes des premiers sont affichées. Précisez le nom ou cherchez par téléphone.',
  'counter.search.caption': 'Commandes en cours trouvées',
  'counter.col.member': 'Adhérent',
  'counter.col.slot': 'Créneau',
  'counter.col.at_counter': 'Au comptoir',
  'counter.col.ready_since': 'Prête depuis le',
  'counter.col.reminded': 'Rappel',
  'counter.at_counter_count.one': '{count} bon sur {total}',
  'counter.at_counter_count.other': '{count} bons sur {total}',
  'counter.uncollected_link': 'Commandes non retirées',

  // one order
  'counter.order.title': 'Remise de la commande {code}',
  'counter.order.member': 'Adhérent',
  'counter.order.slot': 'Créneau',
  'counter.order.status': 'État',
  'counter.order.total': 'Total de la commande',
  'counter.order.at_counter': 'Au comptoir',
  'counter.order.to_come': 'Encore à venir',
  'counter.order.handed_over': 'Déjà remis',
  'counter.order.dropped': 'Non fourni ou rendu au commerce',
  'counter.order.nothing_at_counter': 'Rien n’attend au comptoir pour cette commande.',
  'counter.order.storage': 'Rangement : {place}',
  'counter.order.storage_unknown': 'Rangement non indiqué',
  'counter.order.chilled': 'Au frais',
  'counter.order.receipt_link': 'Voir et imprimer le reçu',
  'counter.order.record_link': 'Fiche complète de la commande',
  'counter.order.paid': 'Payé : {amount} ({method}) le {when}',
  'counter.form.choose': 'Bons à remettre',
  'counter.form.choose_hint': 'Décochez un bon si l’adhérent ne le prend pas aujourd’hui.',
  'counter.form.po_label': '{shop} — {amount}',
  'counter.form.method': 'Paiement',
  'counter.form.submit_pay': 'Remettre et encaisser {amount}',
  'counter.form.submit_free': 'Remettre (rien à encaisser)',
  'counter.form.nothing_due': 'Rien à encaisser : cette commande est déjà payée.',
  'counter.method.cash': 'Espèces',
  'counter.method.card': 'Carte',
  'counter.method.cheque': 'Chèque',

  // the receipt
  'counter.receipt.title': 'Reçu de la commande {code}',
  'counter.receipt.trail': 'Reçu',
  'counter.receipt.handover': 'Retirée le {when}',
  'counter.receipt.by': 'Servi par {who}',
  'counter.receipt.given': 'Articles retirés',
  'counter.receipt.paid': 'Encaissé : {amount} — {method}',
  'counter.receipt.nothing_paid': 'Rien n’a été encaissé ce jour-là.',
  'counter.receipt.still_to_come.one': 'Reste à venir : {count} bon, à retirer plus tard.',
  'counter.receipt.still_to_come.other': 'Reste à venir : {count} bons, à retirer plus tard.',
  'counter.receipt.print_hint': 'Pour imprimer ce reçu, utilisez la commande Imprimer de votre navigateur (Ctrl + P).',
  'counter.receipt.back': 'Retour au comptoir',
  'counter.flash.handed_over': 'Remise enregistrée pour la commande {code}.',

  // orders not collected
  'counter.uncollected.title': 'Commandes non retirées',
  'counter.uncollected.intro': 'Commandes prêtes depuis plus de {days} jours. Appelez l’adhérent ; sans nouvelles, déclarez la commande non retirée : les articles seront rendus aux commerces.',
  'counter.uncollected.empty': 'Aucune commande n’attend depuis plus de {days} jours.',
  'counter.uncollected.caption': 'Commandes prêtes non retirées, la plus ancienne d’abord',
  'counter.uncollected.declare': 'Déclarer non retirée',
  'counter.uncollected.declare_label': 'Déclarer non retirée la commande {code}',
  'counter.uncollected.not_reminded': 'Pas encore',
  'counter.flash.not_collected': 'La commande {code} est déclarée non retirée. L’adhérent et les commerces sont prévenus.',

  // history notes
  'counter.history.payment': 'Paiement au comptoir : {amount} {how}',
  'counter.history.paid_by.cash': 'en espèces',
  'counter.history.paid_by.card': 'par carte',
  'counter.history.paid_by.cheque': 'par chèque',
  'counter.history.reminded': 'Rappel envoyé par courriel : la commande attend au comptoir',
  'counter.history.reminder_no_email': 'Rappel à faire par téléphone : l’adhérent n’a pas d’adresse e-mail',
  'counter.history.reminder_no_place': 'Rappel à faire par téléphone : le lieu de retrait de la commande n’est plus ouvert',
  'counter.history.returned': 'Non retirée : articles rendus aux commerces ({shops})',

  // mails
  'counter.mail.reminder.subject': 'Votre commande {code} vous attend au comptoir',
  'counter.mail.reminder.waiting': 'Votre commande {code} est prête depuis le {date}. Elle vous attend au comptoir.',
  'counter.mail.reminder.where': 'Où la retirer : {place}, {address}. Donnez simplement votre code.',
  'counter.mail.reminder.hours': 'Horaires d’ouverture :',
  'counter.mail.reminder.limit': 'Sans nouvelles de votre part, les articles seront rendus aux commerçants après le {date}. Si vous ne pouvez pas venir, appelez-nous : nous trouverons une solution.',
  'counter.mail.not_collected.subject': 'Votre commande {code} n’a pas été retirée',
  'counter.mail.not_collected.body': 'Votre commande {code} n’a pas été retirée à temps. Les articles qui vous attendaient ont été rendus aux commerçants : vous ne payez rien pour eux.',
  'counter.mail.not_collected.call': 'S’il s’agit d’un oubli, appelez-nous : nous pouvons repasser la commande pour vous.',
  'counter.mail.returned_shop.subject': 'Commande {code} non retirée : articles rendus',
  'counter.mail.returned_shop.body': 'L’adhérent n’est pas venu chercher la commande {code}. La conciergerie vous rapporte les articles de votre bon lors de son prochain passage.',
} as const;

// The counter's board at the lunch rush, under the search box.
export const counterBoard = {
  'counter.board.now': 'Maintenant : {range}',
  'counter.board.now_label': 'Maintenant :',
  'counter.board.now_closed': 'Maintenant : le comptoir est fermé',
  'counter.board.now_empty': 'Personne n’a réservé ce créneau.',
  'counter.board.opens_today': 'Il ouvre aujourd’hui à {time}.',
  'counter.board.opens_tomorrow': 'Il ouvre demain à {time}.',
  'counter.board.opens_on': 'Il ouvre {date} à {time}.',
  'counter.board.opens_unknown': 'Aucune ouverture n’est prévue dans les deux semaines à venir.',
  'counter.board.range': '{from} – {to}',
  'counter.board.late': 'En retard ({count})',
  'counter.board.late_empty': 'Aucune commande en retard.',
  'counter.board.late_more': 'Commandes plus anciennes non affichées ici : {count}.',
  'counter.board.later': 'Plus tard aujourd’hui ({count})',
  'counter.board.later_empty': 'Personne d’autre n’est attendu aujourd’hui.',
  'counter.board.not_arrived': 'Pas encore arrivée au comptoir.',
  'counter.board.hand_over': 'Remettre',
  'counter.board.open': 'Voir la commande',
  'counter.board.hand_over_suffix': 'la commande {code} de {name}',
} as const;

// Part of an order handed over, and the change on a cash payment.
export const counterCash = {
  'counter.recalculated.amount': 'Nouveau montant à encaisser : {amount}',
  'counter.form.received': 'Somme reçue (facultatif)',
  'counter.form.received_hint': 'Pour un paiement en espèces, par exemple 50 ou 50,00 : la somme à rendre s’affiche après validation.',
  'counter.form.received_invalid': 'Indiquez la somme reçue en euros, par exemple 50 ou 50,00.',
  'counter.form.received_short': 'La somme reçue ({received}) ne couvre pas les {due} à encaisser.',
  'counter.cash.change': 'Somme reçue : {received}. À rendre : {change}.',
} as const;

// Finding an order in the concierge's list of orders.
export const backofficeOrderSearch = {
  'backoffice.orders.search.label': 'Chercher une commande',
  'backoffice.orders.search.hint': 'Code de retrait, nom ou téléphone de l’adhérent. Par exemple ACD4F7, Martin ou 06 12 34 56 78.',
  'backoffice.orders.search.submit': 'Chercher',
  'backoffice.orders.search.found': 'Commandes trouvées pour « {query} » : {count}.',
  'backoffice.orders.search.clear': 'Voir toutes les commandes',
  'backoffice.orders.search.none': 'Aucune commande ne correspond à « {query} ».',
  'backoffice.orders.search.too_many': 'Beaucoup d’adhérents correspondent : seules les commandes des premiers sont affichées. Précisez le nom ou cherchez par téléphone.',
} as const;
