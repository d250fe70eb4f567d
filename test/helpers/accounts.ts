// Factories for accounts, through the real service (argon2 hashes and all).
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { createAccount } from '../../src/platform/auth/auth.service.ts';
import type { Role } from '../../src/platform/page-context.ts';

let counter = 0;
export const TEST_PASSWORD = 'mot de passe de test';

export async function makeAccount(
  db: Db,
  config: Config,
  role: Role,
  fields: { email?: string; displayName?: string; shopId?: string; memberId?: string } = {},
): Promise<{ id: string; email: string; password: string }> {
  counter += 1;
  const email = fields.email ?? `${role}${counter}-${Date.now()}@exemple.fr`;
  const id = await createAccount(db, config, {
    email,
    role,
    displayName: fields.displayName ?? `${role} ${counter}`,
    shopId: fields.shopId ?? null,
    memberId: fields.memberId ?? null,
    password: TEST_PASSWORD,
  });
  return { id, email, password: TEST_PASSWORD };
}
