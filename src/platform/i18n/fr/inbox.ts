// French text of the inbox: mails received at the conciergerie’s address.
export const inbox = {
  'inbox.title': 'Courriels reçus',
  'inbox.home_hint': 'Les courriels envoyés à la conciergerie, à transformer en commande ou à classer.',
} as const;
