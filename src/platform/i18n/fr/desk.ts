// French text of orders taken by the concierge for a member (phone, e-mail, counter).
export const desk = {
  'desk.title': 'Nouvelle commande',
  'desk.home_hint': 'Prendre une commande par téléphone, par courriel ou au comptoir pour un adhérent.',
} as const;
