/**
 * The password policy's rules that need no dictionary: length and character classes. Shared
 * by the server's policy (lib/passwords/hashing.ts adds the common-password check) and the browser
 * forms, which show the rules up front and tick them off while the user types.
 */

export const PASSWORD_MAX_LENGTH = 128;
export const DEFAULT_PASSWORD_MIN_LENGTH = 12;
/** The range an admin may choose the minimum length from. */
export const PASSWORD_MIN_LENGTH_BOUNDS = { min: 8, max: 64 } as const;

export const CHARACTER_CLASSES = {
  lowercase: { label: 'a lowercase letter', pattern: /\p{Ll}/u },
  uppercase: { label: 'an uppercase letter', pattern: /\p{Lu}/u },
  digit: { label: 'a digit', pattern: /\p{Nd}/u },
  symbol: { label: 'a symbol or punctuation mark', pattern: /[^\p{L}\p{N}\s]/u },
} as const;
export type CharacterClass = keyof typeof CHARACTER_CLASSES;
export const CHARACTER_CLASS_NAMES = Object.keys(CHARACTER_CLASSES) as CharacterClass[];

export type PasswordPolicy = { minLength: number; requiredClasses: CharacterClass[] };

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: DEFAULT_PASSWORD_MIN_LENGTH, requiredClasses: [] };

/** zxcvbn's score (0-4) a password needs: below it, it is a common one or a small variation of one. */
export const MIN_PASSWORD_SCORE = 2;

export const COMMON_PASSWORD_RULE = 'Not a common password or an easy variation of your name or email.';

/** The user's email and names as easy guesses; an email's local part alone is as guessable as the whole address. */
export function guessableInputs(userInputs: string[]): string[] {
  return userInputs.filter(Boolean).flatMap((input) => (input.includes('@') ? [input, input.split('@')[0]] : [input]));
}

export type PasswordRule = { text: string; met: (password: string) => boolean };

/** The rules as a person reads them, each with a check the form can run while they type. */
export function passwordRules(policy: PasswordPolicy): PasswordRule[] {
  const length = (password: string) => [...password].length;
  return [
    { text: `${policy.minLength} to ${PASSWORD_MAX_LENGTH} characters; spaces are fine.`, met: (p) => length(p) >= policy.minLength && length(p) <= PASSWORD_MAX_LENGTH },
    ...policy.requiredClasses.map((name) => ({ text: `At least ${CHARACTER_CLASSES[name].label}.`, met: (p: string) => CHARACTER_CLASSES[name].pattern.test(p) })),
  ];
}

/** Broken length and character-class rules, as messages for the field. */
export function basicPasswordProblems(password: string, policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < policy.minLength) problems.push(`Use at least ${policy.minLength} characters.`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  for (const name of policy.requiredClasses) {
    if (!CHARACTER_CLASSES[name].pattern.test(password)) problems.push(`Include ${CHARACTER_CLASSES[name].label}.`);
  }
  return problems;
}
