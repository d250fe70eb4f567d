// French text of the counter: finding an order, hand-over, payment, reminders, orders not collected.
export const counter = {
  'counter.title': 'Comptoir',
  'counter.home_hint': 'Retrouver une commande par son code, un nom ou un téléphone, et la remettre.',
} as const;
