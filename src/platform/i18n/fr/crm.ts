// French words of the shops CRM: stage reasons, contacts, interactions, follow-up tasks,
// canvassing campaigns and the « visite » screen.
export const crm = {
  'errors.crm_reason_required': 'Choisissez la raison dans la liste.',
  'errors.crm_note_required': 'Précisez la raison en quelques mots.',
  'errors.crm_do_not_contact': 'Ce commerce a demandé à ne plus être contacté.',
  'errors.crm_snooze_past': 'Choisissez un jour après aujourd’hui.',
  'errors.crm_task_closed': 'Cette relance est déjà faite.',
  'errors.crm_date_invalid': 'Indiquez une date au format 24/12/2026.',
  'errors.crm_period_order': 'La fin de la campagne ne peut pas être avant son début.',
  'errors.crm_contact_needs_way': 'Indiquez un téléphone ou un courriel.',
  'errors.crm_no_target': 'Choisissez au moins une étape.',

  'crm.reason.not_interested': 'Pas intéressé',
  'crm.reason.no_time': 'Pas le temps',
  'crm.reason.commission_too_high': 'Commission trop élevée',
  'crm.reason.chain': 'Chaîne ou franchise',
  'crm.reason.closed': 'A fermé',
  'crm.reason.moved': 'A déménagé',
  'crm.reason.not_online': 'Ne vend pas en ligne',
  'crm.reason.other': 'Autre',

  'crm.kind.visit': 'Visite',
  'crm.kind.call': 'Appel',
  'crm.kind.mail': 'Courriel',
  'crm.kind.event': 'Événement',

  'crm.outcome.interested': 'Intéressé',
  'crm.outcome.call_back': 'À rappeler',
  'crm.outcome.joined': 'Adhère',
  'crm.outcome.declined': 'Refuse',
  'crm.outcome.nobody': 'Personne de disponible',
  'crm.outcome.informed': 'Simple échange',

  'crm.suggest.call': 'Rappeler',
  'crm.suggest.visit': 'Repasser voir le commerce',
  'crm.suggest.mail': 'Relancer par téléphone',
  'crm.suggest.event': 'Prendre des nouvelles',
} as const;
