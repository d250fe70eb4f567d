// Factory for members, through the members service (search text and checks included).
import type { Db } from '../../src/db/index.ts';
import { createMember, type MemberInput } from '../../src/members/index.ts';

const CONCIERGE = { id: 'factory', email: 'factory@exemple.fr', role: 'concierge', displayName: 'Factory', shopId: null, memberId: null } as const;

let counter = 0;

/** A resident of Istres with a phone and no e-mail unless told otherwise; returns the id. */
export async function makeMember(db: Db, fields: Partial<MemberInput> = {}): Promise<string> {
  counter += 1;
  return createMember(db, CONCIERGE, {
    firstName: `Prénom${counter}`,
    lastName: `Nom${counter}`,
    email: null,
    phone: `06 00 00 ${String(Math.floor(counter / 100) % 100).padStart(2, '0')} ${String(counter % 100).padStart(2, '0')}`,
    addressLine: `${counter} avenue Félix Gouin`,
    postalCode: '13800',
    city: 'Istres',
    kind: 'resident',
    notes: '',
    ...fields,
  });
}
