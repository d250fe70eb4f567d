// French words of « Courriels envoyés ».
export const notifications = {
  'notifications.list.title': 'Courriels envoyés',
  'notifications.list.intro': 'Tous les courriels écrits par la conciergerie, du plus récent au plus ancien.',
  'notifications.list.count.one': '{count} courriel',
  'notifications.list.count.other': '{count} courriels',
  'notifications.list.none': 'Aucun courriel n’a encore été écrit.',
  'notifications.list.caption': 'Courriels, du plus récent au plus ancien',
  'notifications.no_smtp':
    'Aucun serveur d’envoi n’est configuré : les courriels ne partent pas, ils sont conservés ici. Vous pouvez les lire et transmettre leur contenu à l’adhérent, par exemple par téléphone. Les liens de mot de passe n’y figurent pas : ils ne partent qu’avec un serveur d’envoi.',
  'notifications.col.recipient': 'Destinataire',
  'notifications.col.subject': 'Objet',
  'notifications.col.date': 'Date',
  'notifications.col.status': 'État',
  'notifications.status.pending': 'En attente d’envoi',
  'notifications.status.sending': 'En cours d’envoi',
  'notifications.status.sent': 'Envoyé',
  'notifications.status.failed': 'Échec',
  'notifications.detail.written': 'Écrit le',
  'notifications.detail.sent': 'Envoyé le',
  'notifications.detail.attempts': 'Tentatives d’envoi',
  'notifications.detail.error': 'Dernière erreur',
  'notifications.detail.body': 'Texte du courriel',
  'notifications.detail.links': 'Liens du courriel',
  'notifications.detail.links_note':
    'Un lien de mot de passe n’apparaît jamais ici : il part au destinataire seulement. Pour un adhérent qui ne lit pas ses courriels, imprimez son invitation depuis sa fiche.',
  'notifications.detail.back': 'Revenir aux courriels',
} as const;
