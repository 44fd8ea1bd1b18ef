import { after } from 'next/server';
import { transaction } from '@/db/client';
import type { User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import type { AuditAction } from '@/lib/audit/actions';
import { auditContext, withAuditContext, type AuditContext } from '@/lib/audit/context';
import { forgiveSignInFailures } from '@/lib/auth/credentials';
import { kickMailWorker, queueMail } from '@/lib/mail/outbox';
import { lifetimeText, passwordResetMail } from '@/lib/mail/templates';
import { codeLifetimeMs, consumeCode, findCodeOwner, issueCode } from '@/lib/auth/one-time-codes';
import { storeNewPassword } from './change';
import { assertPasswordPolicy, hashPassword } from './hashing';
import { rateLimit } from '@/lib/auth/throttle';
import { displayName, findUserByEmail, getUserById, normalizeIdentifier, personalInputs } from '@/lib/users/users';

/**
 * Forgot-password and reset-with-code (Appmixer), and the admin's "mail a reset link"
 * (telm.ai). The answer to a forgot-password request never says whether the account exists.
 */

const FIFTEEN_MINUTES = 15 * 60_000;
// Per client address: enough for a person who mistypes, too few to probe many addresses.
const forgotPerAddress = rateLimit('forgot-password:address', 10, FIFTEEN_MINUTES);
// Per account: a few mails, then silence, so nobody can flood an inbox. Never a lockout:
// sign-in and the codes already sent keep working.
const forgotPerAccount = rateLimit('forgot-password:account', 3, FIFTEEN_MINUTES);
const codeAttemptsPerAddress = rateLimit('one-time-code:address', 30, FIFTEEN_MINUTES);

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
export async function requestPasswordReset(email: string, { address, userAgent }: { address: string; userAgent?: string | null }): Promise<void> {
  const retryAfter = await forgotPerAddress.take(address);
  if (retryAfter > 0) throwRateLimited(retryAfter);
  waitingResetRequests().push({ normalizedEmail: normalizeIdentifier(email), address, userAgent, audit: auditContext() });
  after(handleWaitingResetRequests);
}

/** `audit`: the request's own context, since one drain handles the requests of several. */
type ResetRequest = { normalizedEmail: string; address: string; userAgent?: string | null; audit: AuditContext | undefined };

const queue = globalThis as typeof globalThis & { gatehouseResetRequests?: ResetRequest[]; gatehouseResetDrain?: Promise<void> };

/**
 * Requests answered but not yet handled, oldest first; on globalThis because the API route
 * and the page's action are bundled apart. Queued before the answer and handled in order, a
 * request is always handled before any request answered after it: once a later request's
 * mail is in the outbox, an earlier request that queued none will never queue one. That order
 * holds within one instance only: requests answered by two instances are handled by each on
 * its own (the per-account limit they count against is in the database, shared).
 */
function waitingResetRequests(): ResetRequest[] {
  queue.gatehouseResetRequests ??= [];
  return queue.gatehouseResetRequests;
}

/** Handles the waiting requests one after another; a drain starts only once the one before it has ended, so order holds. */
function handleWaitingResetRequests(): Promise<void> {
  queue.gatehouseResetDrain = (queue.gatehouseResetDrain ?? Promise.resolve()).then(async () => {
    const waiting = waitingResetRequests();
    for (let request = waiting.shift(); request; request = waiting.shift()) {
      try {
        const { normalizedEmail, audit } = request;
        await withAuditContext(audit ?? { actor: null }, () => mailResetLinkIfAllowed(normalizedEmail, request));
      } catch (error) {
        console.error('[gatehouse] Forgot-password request failed', error);
      }
    }
  });
  return queue.gatehouseResetDrain;
}

async function mailResetLinkIfAllowed(normalizedEmail: string, actor: { address: string; userAgent?: string | null }): Promise<void> {
  if ((await forgotPerAccount.take(normalizedEmail)) > 0) return;
  const user = await findUserByEmail(normalizedEmail);
  if (!user || !RECOVERABLE_STATUSES.includes(user.status)) return;
  // Anyone may ask for any address: who asked is the anonymous request, not the account's owner.
  await issueResetLink(user, { ip: actor.address, userAgent: actor.userAgent }, 'user.password.reset-requested');
}

async function issueResetLink(user: User, actor: { id?: string; ip?: string | null; userAgent?: string | null }, action: AuditAction): Promise<void> {
  await transaction(async () => {
    const { code } = await issueCode(user.id, 'password-reset');
    await queueMail(passwordResetMail({ email: user.email, name: displayName(user) }, code, codeLifetimeMs('password-reset')));
    await recordAuditEvent({ actor: actor.id, action, target: user.id, ip: actor.ip, userAgent: actor.userAgent });
  });
  kickMailWorker();
}

/** An admin mails a user a reset link (telm.ai's reset). Only for users who could use it. */
export async function sendPasswordResetLink(userId: string, actor: { id: string; ip?: string | null; userAgent?: string | null }): Promise<void> {
  const user = await getUserById(userId);
  if (!user) throw new ApiError('not-found', `There is no user ${userId}.`);
  if (!RECOVERABLE_STATUSES.includes(user.status)) {
    throw new ApiError('conflict', `This user is ${user.status}: a reset link would not let them sign in. Make them active first.`);
  }
  await issueResetLink(user, actor, 'user.password.reset-link-sent');
}

/** Counts one try of a mailed code against the caller's address; 429 past the limit. */
export async function takeCodeAttempt(address: string): Promise<void> {
  const retryAfter = await codeAttemptsPerAddress.take(address);
  if (retryAfter > 0) throwRateLimited(retryAfter);
}

export const INVALID_CODE_MESSAGE = 'This link is invalid or has expired, or it was already used. Ask for a new one.';

/**
 * POST /api/v1/password/reset and the reset page: sets the password a code was mailed for.
 * Unknown, used, expired and other-purpose codes get one answer. Every session and token of
 * the user ends; they sign in again with the new password.
 */
export async function resetPasswordWithCode(code: string, password: string, { address, userAgent }: { address: string; userAgent?: string | null }): Promise<void> {
  await takeCodeAttempt(address);
  const userId = await findCodeOwner(code, 'password-reset');
  const user = userId ? await getUserById(userId) : undefined;
  if (!user || !RECOVERABLE_STATUSES.includes(user.status)) throw new ApiError('invalid-code', INVALID_CODE_MESSAGE);
  await assertPasswordPolicy(password, personalInputs(user));
  const passwordHash = await hashPassword(password);
  await transaction(async () => {
    // Used up in the same transaction as the new password: two racing resets cannot both win.
    if ((await consumeCode(code, 'password-reset')) !== user.id) throw new ApiError('invalid-code', INVALID_CODE_MESSAGE);
    await storeNewPassword((await getUserById(user.id))!, passwordHash, { action: 'user.password.reset', actor: { id: user.id, ip: address, userAgent } });
  });
  await forgiveSignInFailures(user);
  kickMailWorker();
}
