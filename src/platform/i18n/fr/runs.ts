// Delivery runs: preparing them, the run sheet, the driver's phone, the way back to the counter.
export const runs = {
  'errors.run_nothing_due': 'Aucune commande n’est à livrer ce jour-là : il n’y a pas de tournée à préparer.',
  'errors.run_no_vehicle': 'Aucun véhicule ne peut faire cette tournée. Enregistrez d’abord le triporteur ou la fourgonnette.',
  'errors.run_already_left': 'Cette tournée est déjà partie : elle ne peut plus être modifiée.',
  'errors.run_other_day': 'Cette commande est à livrer un autre jour : choisissez une tournée du même jour.',
  'errors.run_full': 'Cette tournée est pleine : la commande ne tient plus dans le véhicule. Choisissez une autre tournée.',
  'errors.run_driver_unknown': 'Choisissez le chauffeur dans la liste.',
  'errors.run_empty': 'Cette tournée n’a aucun arrêt : il n’y a rien à livrer.',
  'delivery.history.back_to_counter': 'Non livrée ({why}) : la commande attend au comptoir.',
  'delivery.mail.not_delivered.subject': 'Votre commande {code} n’a pas pu être livrée',
  'delivery.mail.not_delivered.intro': 'Nous n’avons pas pu vous livrer votre commande ({why}).',
  'delivery.mail.not_delivered.where': 'Elle vous attend à {place}, {address}. Donnez le code {code} au comptoir.',
  'delivery.mail.not_delivered.call': 'Si vous ne pouvez pas vous déplacer, appelez-nous : nous chercherons ensemble une autre livraison.',
};
