// How long an address waits after wrong passwords in a row: a person who mistypes a few times
// is not slowed down; a guesser waits longer after each further try (1, 2, 4, 8 minutes, then
// 15 at most, so the real owner, warned by the message, is never locked out for long).
const FREE_TRIES = 5;
const MAX_LOCK_MINUTES = 15;

/** Minutes an address must wait after its `failures`-th wrong password in a row (0: none). */
export function lockMinutesAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - FREE_TRIES));
}

/** The same address however it was typed. */
export function throttleKeyOf(email: string): string {
  return email.trim().toLowerCase();
}

/** A reset link is mailed at most this many times an hour to one account. */
export const RESET_LINKS_PER_HOUR = 3;
