// Whether a chosen password is too easy to guess. Length alone is not enough (« aaaaaaaaaa »
// and « azerty1234 » have ten characters): zxcvbn estimates how many guesses an attacker
// needs, from lists of common passwords, French words, first and last names, keyboard rows,
// repeats, sequences and dates, and from what is known about the person (their e-mail, their
// name, the conciergerie's name and town). Its dictionaries take about a second to load, so
// they are loaded once per process and kept.
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';

/**
 * zxcvbn's score 3 means about 10^8 guesses or more. Logins are throttled and hashed with
 * argon2, so guessing online is out of reach well below that, and 10^8 argon2 guesses cost an
 * attacker holding a stolen database hours of hardware per account. Score 4 (10^10) would
 * refuse many phrases a resident remembers easily (« le vélo bleu de mamie »): a password
 * people can keep in their head is worth more here than the last order of magnitude.
 */
export const MIN_PASSWORD_SCORE = 3;

/** What is wrong with a password, each with its own French message (errors.password_*). */
export type PasswordProblem = 'password_personal' | 'password_common' | 'password_pattern' | 'password_weak';

/** What a guesser who knows the person would try first. */
export interface PasswordContext {
  email: string;
  displayName: string;
  siteName: string;
  town: string;
}

// Checking costs grow quickly with length and with l33t substitutions (« p@ssw0rd »): a
// 200-character l33t string took seconds. Only the first characters are judged (a weak start
// is refused whatever follows) and substitutions are capped, so one check stays under a
// fraction of a second on this machine kind.
const JUDGED_CHARACTERS = 40;
const L33T_MAX_SUBSTITUTIONS = 10;

let checker: Promise<ZxcvbnFactory> | undefined;

/** Loads the dictionaries once; later calls get the same checker. */
export function loadPasswordChecker(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, french] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-fr'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...french.dictionary },
      graphs: common.adjacencyGraphs,
      translations: french.translations,
      maxLength: JUDGED_CHARACTERS,
      l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
    });
  })();
  return checker;
}

/** Lower case, without accents: « Hélène » and « helene » are the same name to a guesser. */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/** Pieces of the person's identity long enough that containing one is no accident. */
export function identityPieces(context: Pick<PasswordContext, 'email' | 'displayName'>): string[] {
  const email = folded(context.email.trim());
  const localPart = email.split('@')[0] ?? '';
  const pieces = [email, localPart, ...localPart.split(/[^\p{L}\p{N}]+/u), ...folded(context.displayName).split(/[^\p{L}\p{N}]+/u)];
  return [...new Set(pieces.filter((piece) => piece.length >= 4))];
}

/** True when the password holds the e-mail, its local part or a part of it, or a word of the person's name. */
export function containsIdentity(password: string, context: Pick<PasswordContext, 'email' | 'displayName'>): boolean {
  const typed = folded(password);
  const squeezed = typed.replace(/[^\p{L}\p{N}]+/gu, '');
  return identityPieces(context).some((piece) => typed.includes(piece) || squeezed.includes(piece.replace(/[^\p{L}\p{N}]+/gu, '')));
}

function userInputs(context: PasswordContext): string[] {
  const site = [context.siteName, ...context.siteName.split(/[\s’'-]+/), context.town];
  // One or two letters (« d’ ») would match everywhere and say nothing about the person.
  return [...identityPieces(context), context.displayName, ...site].filter((input) => input.trim().length >= 3);
}

function problemOf(result: ZxcvbnResult): PasswordProblem {
  const matches = result.sequence;
  if (matches.some((match) => 'dictionaryName' in match && match.dictionaryName === 'userInputs')) return 'password_personal';
  if (matches.some((match) => 'dictionaryName' in match && match.dictionaryName === 'passwords-common')) return 'password_common';
  if (matches.some((match) => ['repeat', 'sequence', 'spatial'].includes(match.pattern))) return 'password_pattern';
  return 'password_weak';
}

/** Undefined when the password may be used; otherwise what is wrong with it. */
export async function passwordProblem(password: string, context: PasswordContext): Promise<PasswordProblem | undefined> {
  if (containsIdentity(password, context)) return 'password_personal';
  const result = (await loadPasswordChecker()).check(password, userInputs(context));
  return result.score >= MIN_PASSWORD_SCORE ? undefined : problemOf(result);
}
