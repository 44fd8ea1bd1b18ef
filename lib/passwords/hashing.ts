import { hash, parseOptions, verify } from '@node-rs/argon2';
import { ApiError } from '@/lib/api/errors';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { basicPasswordProblems, guessableInputs, MIN_PASSWORD_SCORE, PASSWORD_MAX_LENGTH, type PasswordPolicy } from './rules';
import { getPasswordPolicy } from '@/lib/settings/settings';
import { verifyHashedPassword } from './imported-hashes';

/**
 * argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane). The library
 * hashes on libuv's thread pool, so the event loop keeps serving while a hash runs.
 */
export const PASSWORD_HASH_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;


export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

// A hash of a random string, made once: checking a password against it costs the same as a
// real check, so an unknown account answers in the same time as a known one.
let dummyHash: Promise<string> | undefined;

/** A password check's verdict; `rehash`: the stored hash is right but should be replaced by hashPassword's. */
export type PasswordCheck = { matches: boolean; rehash: boolean };

/**
 * Checks a password against a stored hash in any form Gatehouse accepts (its own argon2id,
 * or one an import brought). With no stored hash it still spends one hash so timing does not tell.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<PasswordCheck> {
  if (!storedHash) {
    dummyHash ??= hashPassword(crypto.randomUUID());
    await verify(await dummyHash, password).catch(() => false);
    return { matches: false, rehash: false };
  }
  const matches = await verifyHashedPassword(storedHash, password);
  return { matches, rehash: matches && !isCurrentHash(storedHash) };
}

/**
 * Whether a hash is argon2id at exactly today's parameters. Any other form (an import's
 * bcrypt, scrypt, PBKDF2 or argon2i, or argon2id at weaker or costlier settings) is replaced,
 * so every account ends up at the one cost PASSWORD_HASH_OPTIONS sets.
 */
function isCurrentHash(storedHash: string): boolean {
  if (!storedHash.startsWith('$argon2id$')) return false;
  const { memoryCost, timeCost, parallelism } = parseOptions(storedHash);
  return memoryCost === PASSWORD_HASH_OPTIONS.memoryCost && timeCost === PASSWORD_HASH_OPTIONS.timeCost && parallelism === PASSWORD_HASH_OPTIONS.parallelism;
}

// zxcvbn-ts carries lists of common passwords and words and estimates how many guesses a
// password needs, offline. Built on first use: the dictionaries take a moment to load.
let strengthEstimator: ZxcvbnFactory | undefined;

/** zxcvbn's score: 0 (guessed at once) to 4 (very hard). */
export function passwordStrength(password: string, userInputs: string[] = []): number {
  strengthEstimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return strengthEstimator.check(password.slice(0, PASSWORD_MAX_LENGTH), userInputs).score;
}


/**
 * The password policy every path applies (sign-up, create, reset, change, invite): the
 * configured length and character classes, then not a common or easily guessed password.
 * Returns the broken rules. `userInputs` (email, names) count as easy guesses for this user.
 */
export async function checkPasswordPolicy(password: string, userInputs: string[] = [], policy?: PasswordPolicy): Promise<string[]> {
  const problems = basicPasswordProblems(password, policy ?? (await getPasswordPolicy()));
  if (problems.length === 0 && passwordStrength(password, guessableInputs(userInputs)) < MIN_PASSWORD_SCORE) {
    problems.push('This password is too common or too easy to guess. Add more words or characters.');
  }
  return problems;
}

/** Throws the policy's verdict as a 422 on `field`, the form's or the API's. */
export async function assertPasswordPolicy(password: string, userInputs: string[], field = 'password'): Promise<void> {
  const problems = await checkPasswordPolicy(password, userInputs);
  if (problems.length) throw new ApiError('validation-failed', problems[0], { errors: problems.map((message) => ({ path: field, message })) });
}
