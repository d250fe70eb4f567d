// A company's use of the service, for its contact and the concierge.
export const companyUsage = {
  'company_usage.link': 'L’utilisation par vos salariés',
  'company_usage.concierge_link': 'Utilisation par les salariés',
  'company_usage.short': 'Utilisation par les salariés',
  'company_usage.title': 'L’utilisation du service par les salariés de {company}',
  'company_usage.intro': 'Chaque mois des douze derniers mois : les commandes livrées sur votre lieu de travail, le nombre de salariés qui ont commandé et le montant total de ces commandes.',
  'company_usage.privacy': 'Pour respecter la vie privée de chacun, cette page ne montre que des totaux : jamais le nom d’un salarié ni le contenu d’une commande. Un mois où moins de {min} salariés ont commandé, ses chiffres ne sont pas affichés.',
  'company_usage.none': 'Aucune commande n’a encore été livrée sur votre lieu de travail ces douze derniers mois.',
  'company_usage.caption': 'Commandes livrées au travail, par mois (le plus récent en haut)',
  'company_usage.col.month': 'Mois',
  'company_usage.col.orders': 'Commandes livrées',
  'company_usage.col.employees': 'Salariés qui ont commandé',
  'company_usage.col.amount': 'Montant total',
  'company_usage.withheld': 'Moins de {min} salariés ont commandé : chiffres non affichés.',
  'company_usage.back_account': 'Revenir à mon compte',
  'company_usage.back_company': 'Revenir à la fiche de {company}',
} as const;
