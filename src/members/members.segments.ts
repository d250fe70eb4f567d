// The concierge's segments of members: groups she writes to or calls, defined as data.
// « Seniors »: the members table records no age, and should not (the conciergerie needs no
// birth date to serve anyone). The group that matters is the people who need a phone call
// rather than a mail: the concierge marks them herself (« personne âgée, préfère le
// téléphone », dated, removable), and members she marked as unable to move (home delivery)
// belong to it as well.
// « Hameau »: members whose address is in the hamlet (its name, a setting; Entressen for Istres).
// « Inactifs »: no order and no service request for 12 months, whatever their registration date.
export const SEGMENTS = ['all', 'seniors', 'employees', 'hamlet', 'inactive', 'consent'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Months without an order after which a member counts as inactive in the list. */
export const INACTIVE_MONTHS = 12;

export function isSegment(value: string | undefined): value is Segment {
  return (SEGMENTS as readonly string[]).includes(value ?? '');
}
