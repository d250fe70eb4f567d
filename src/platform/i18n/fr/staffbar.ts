// French words of the staff bar, at the top of every back-office page.
export const staffbar = {
  'staffbar.label': 'Raccourcis de la conciergerie',
  'staffbar.today': 'Aujourd’hui',
  'staffbar.counter': 'Comptoir',
  'staffbar.new_order': 'Nouvelle commande',
  'staffbar.inbox': 'Courriels',
  'staffbar.orders': 'Commandes',
  'staffbar.requests': 'Demandes',
} as const;

// The mails waiting and the page's age, in the staff bar.
export const staffbarGlance = {
  'staffbar.inbox_count': 'Courriels ({count})',
  'staffbar.rendered_at': 'Actualisé à {time}',
  'staffbar.refresh': 'Actualiser',
  'staffbar.requests_count.one': '{count} demande d’adhésion',
  'staffbar.requests_count.other': '{count} demandes d’adhésion',
} as const;
