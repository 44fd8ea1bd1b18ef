import { after } from 'next/server';
import { getDb } from '@/db/client';
import type { User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import { forgiveSignInFailures } from '@/lib/auth/credentials';
import { kickMailWorker, queueMail } from '@/lib/mail/outbox';
import { lifetimeText, passwordResetMail } from '@/lib/mail/templates';
import { codeLifetimeMs, consumeCode, findCodeOwner, issueCode } from '@/lib/auth/one-time-codes';
import { storeNewPassword } from './change';
import { assertPasswordPolicy, hashPassword } from './hashing';
import { getRateLimit } from '@/lib/auth/throttle';
import { displayName, findUserByEmail, getUserById, normalizeIdentifier, personalInputs } from '@/lib/users/users';

/**
 * Forgot-password and reset-with-code (Appmixer), and the admin's "mail a reset link"
 * (telm.ai). The answer to a forgot-password request never says whether the account exists.
 */

const FIFTEEN_MINUTES = 15 * 60_000;
// Per client address: enough for a person who mistypes, too few to probe many addresses.
const forgotPerAddress = () => getRateLimit('forgot-password:address', 10, FIFTEEN_MINUTES);
// Per account: a few mails, then silence, so nobody can flood an inbox. Never a lockout:
// sign-in and the codes already sent keep working.
const forgotPerAccount = () => getRateLimit('forgot-password:account', 3, FIFTEEN_MINUTES);
const codeAttemptsPerAddress = () => getRateLimit('one-time-code:address', 30, FIFTEEN_MINUTES);

/** Statuses whose owner may get back in with a mailed link. */
const RECOVERABLE_STATUSES: readonly User['status'][] = ['active', 'pending'];

export function forgotPasswordAnswer(): string {
  return `If an account with this email exists, a link to reset its password is on its way. The link works once, for ${lifetimeText(codeLifetimeMs('password-reset'))}.`;
}

function throwRateLimited(retryAfter: number): never {
  throw new ApiError('too-many-requests', `Too many requests from your address. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, {
    headers: { 'retry-after': String(retryAfter) },
  });
}

/**
 * POST /api/v1/password/forgot and the forgot-password page. Counts the request against the
 * caller's address, then returns at once: looking up the account and mailing the link run
 * once the answer has been sent (Next's after()), so the answer takes the same time whether
 * or not the account exists. setImmediate was not enough: its work ran before the response
 * was written, and made a known email about 2 ms slower (bench:enumeration).
 */
export function requestPasswordReset(email: string, { address, userAgent }: { address: string; userAgent?: string | null }): void {
  const retryAfter = forgotPerAddress().take(address);
  if (retryAfter > 0) throwRateLimited(retryAfter);
  waitingResetRequests().push({ normalizedEmail: normalizeIdentifier(email), address, userAgent });
  after(handleWaitingResetRequests);
}

type ResetRequest = { normalizedEmail: string; address: string; userAgent?: string | null };

const queue = globalThis as typeof globalThis & { gatehouseResetRequests?: ResetRequest[] };

/**
 * Requests answered but not yet handled, oldest first; on globalThis because the API route
 * and the page's action are bundled apart. Queued before the answer and handled in order, a
 * request is always handled before any request answered after it: once a later request's
 * mail is in the outbox, an earlier request that queued none will never queue one.
 */
function waitingResetRequests(): ResetRequest[] {
  queue.gatehouseResetRequests ??= [];
  return queue.gatehouseResetRequests;
}

function handleWaitingResetRequests(): void {
  const waiting = waitingResetRequests();
  for (let request = waiting.shift(); request; request = waiting.shift()) {
    try {
      mailResetLinkIfAllowed(request.normalizedEmail, request);
    } catch (error) {
      console.error('[gatehouse] Forgot-password request failed', error);
    }
  }
}

function mailResetLinkIfAllowed(normalizedEmail: string, actor: { address: string; userAgent?: string | null }): void {
  if (forgotPerAccount().take(normalizedEmail) > 0) return;
  const user = findUserByEmail(normalizedEmail);
  if (!user || !RECOVERABLE_STATUSES.includes(user.status)) return;
  issueResetLink(user, { id: user.id, ip: actor.address, userAgent: actor.userAgent }, 'user.password.reset-requested');
}

function issueResetLink(user: User, actor: { id: string | null; ip?: string | null; userAgent?: string | null }, action: string): void {
  getDb().transaction((tx) => {
    const { code } = issueCode(tx, user.id, 'password-reset');
    queueMail(tx, passwordResetMail({ email: user.email, name: displayName(user) }, code, codeLifetimeMs('password-reset')));
    recordAuditEvent({ actor: actor.id, action, target: user.id, ip: actor.ip, userAgent: actor.userAgent }, tx);
  });
  kickMailWorker();
}

/** An admin mails a user a reset link (telm.ai's reset). Only for users who could use it. */
export function sendPasswordResetLink(userId: string, actor: { id: string; ip?: string | null; userAgent?: string | null }): void {
  const user = getUserById(userId);
  if (!user) throw new ApiError('not-found', `There is no user ${userId}.`);
  if (!RECOVERABLE_STATUSES.includes(user.status)) {
    throw new ApiError('conflict', `This user is ${user.status}: a reset link would not let them sign in. Make them active first.`);
  }
  issueResetLink(user, actor, 'user.password.reset-link-sent');
}

/** Counts one try of a mailed code against the caller's address; 429 past the limit. */
export function takeCodeAttempt(address: string): void {
  const retryAfter = codeAttemptsPerAddress().take(address);
  if (retryAfter > 0) throwRateLimited(retryAfter);
}

export const INVALID_CODE_MESSAGE = 'This link is invalid or has expired, or it was already used. Ask for a new one.';

/**
 * POST /api/v1/password/reset and the reset page: sets the password a code was mailed for.
 * Unknown, used, expired and other-purpose codes get one answer. Every session and token of
 * the user ends; they sign in again with the new password.
 */
export async function resetPasswordWithCode(code: string, password: string, { address, userAgent }: { address: string; userAgent?: string | null }): Promise<void> {
  takeCodeAttempt(address);
  const userId = findCodeOwner(getDb(), code, 'password-reset');
  const user = userId ? getUserById(userId) : undefined;
  if (!user || !RECOVERABLE_STATUSES.includes(user.status)) throw new ApiError('invalid-code', INVALID_CODE_MESSAGE);
  assertPasswordPolicy(password, personalInputs(user));
  const passwordHash = await hashPassword(password);
  getDb().transaction((tx) => {
    // Used up in the same transaction as the new password: two racing resets cannot both win.
    if (consumeCode(tx, code, 'password-reset') !== user.id) throw new ApiError('invalid-code', INVALID_CODE_MESSAGE);
    storeNewPassword(tx, getUserById(user.id)!, passwordHash, { action: 'user.password.reset', actor: { id: user.id, ip: address, userAgent } });
  });
  forgiveSignInFailures(user);
  kickMailWorker();
}
