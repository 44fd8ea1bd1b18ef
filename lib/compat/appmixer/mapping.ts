import type { User } from '@/db/schema';
import type { DeletionStatus } from '@/lib/deletion/requests';
import type { UserCreateInput } from '@/lib/users/schemas';
import { normalizeIdentifier } from '@/lib/users/users';
import type { AppmixerCreateBody, AppmixerUser } from './schemas';

/**
 * Appmixer's shapes to and from Gatehouse's model. Appmixer's user has no status, only
 * `isActive`: true exactly when the Gatehouse user is `active` (not pending, suspended,
 * locked or being deleted).
 */

export function toAppmixerUser(user: Pick<User, 'id' | 'username' | 'email' | 'status' | 'plan' | 'metadata' | 'vendor' | 'createdAt'>, scope: string[]): AppmixerUser {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    isActive: user.status === 'active',
    plan: user.plan,
    metadata: user.metadata,
    scope,
    vendor: user.vendor,
    created: user.createdAt.toISOString(),
  };
}

/**
 * POST /user: both `email` and `username` are "Email address" in the document. The email is
 * `email`, or `username` when only that is sent; a username equal to the email is Gatehouse's
 * default and is not sent again, so a taken address is reported once.
 */
export function toUserCreateInput({ email, username, password, metadata }: AppmixerCreateBody): UserCreateInput {
  const address = (email ?? username)!;
  const distinctUsername = username !== undefined && normalizeIdentifier(username) !== normalizeIdentifier(address) ? username : undefined;
  return { email: address, password, ...(distinctUsername !== undefined && { username: distinctUsername }), ...(metadata !== undefined && { metadata }) };
}

/** The document's status values: a job Gatehouse has queued but not started is already in progress to the caller. */
export function toAppmixerDeleteStatus({ status, stepsDone, stepsTotal }: Pick<DeletionStatus, 'status' | 'stepsDone' | 'stepsTotal'>) {
  return { status: status === 'queued' ? 'in-progress' : status, stepsDone, stepsTotal };
}
