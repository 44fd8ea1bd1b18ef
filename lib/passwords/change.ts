import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { accessTokens, oneTimeCodes, users, type User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import type { AuditAction } from '@/lib/audit/actions';
import { endBrowserSessionsOf } from '@/lib/auth/browser-sessions';
import { passwordCheckRetryAfterSeconds, recordPasswordCheck } from '@/lib/auth/credentials';
import { kickMailWorker, queueMail } from '@/lib/mail/outbox';
import { passwordChangedMail } from '@/lib/mail/templates';
import { assertPasswordPolicy, hashPassword } from './hashing';
import { checkUserPassword } from './user-password';
import { displayName, personalInputs, requireUserById } from '@/lib/users/users';

type Actor = { id: string | null; ip?: string | null; userAgent?: string | null };

/**
 * Inside the caller's transaction: writes a new password hash and ends every session and token of the user (sessionVersion
 * bump), except the token `keepTokenId` or browser session `keepSessionId` the user changed their own password with. A
 * pending user becomes active: choosing a password is what an invitation waits for. The user
 * is told by mail. Returns the new sessionVersion.
 */
export async function storeNewPassword(
  user: User,
  passwordHash: string,
  { action, actor, keepTokenId, keepSessionId = null, notify = true }: { action: AuditAction; actor: Actor; keepTokenId?: string | null; keepSessionId?: string | null; notify?: boolean },
): Promise<number> {
  const activates = user.status === 'pending';
  const tx = getDb();
  const [updated] = await tx
    .update(users)
    .set({
      passwordHash,
      sessionVersion: sql`${users.sessionVersion} + 1`,
      updatedAt: new Date(),
      // The version is the profile's ETag: a new password alone leaves an open edit form valid.
      ...(activates ? { status: 'active' as const, version: sql`${users.version} + 1` } : {}),
    })
    .where(eq(users.id, user.id))
    .returning({ sessionVersion: users.sessionVersion });
  // A reset link mailed before the change must not undo it.
  await tx.update(oneTimeCodes).set({ usedAt: new Date() }).where(and(eq(oneTimeCodes.userId, user.id), eq(oneTimeCodes.purpose, 'password-reset'), isNull(oneTimeCodes.usedAt)));
  await endBrowserSessionsOf(user.id, keepSessionId);
  if (keepTokenId) {
    await tx.update(accessTokens).set({ sessionVersion: updated.sessionVersion }).where(and(eq(accessTokens.id, keepTokenId), eq(accessTokens.userId, user.id)));
  }
  if (notify) await queueMail(passwordChangedMail({ email: user.email, name: displayName(user) }));
  // The hash shows only as "changed"; an invitation accepted also shows the user turning active.
  await recordAuditEvent({
    actor: actor.id,
    action,
    target: user.id,
    before: { passwordHash: user.passwordHash, status: user.status },
    after: { passwordHash, status: activates ? 'active' : user.status },
    ip: actor.ip,
    userAgent: actor.userAgent,
  });
  return updated.sessionVersion;
}

/**
 * A signed-in user changes their own password. The old one must be right (a wrong one counts
 * toward sign-in throttling); every other session and token ends, the one in use stays.
 */
export async function changeOwnPassword(
  userId: string,
  { oldPassword, newPassword }: { oldPassword: string; newPassword: string },
  { address, keepTokenId, keepSessionId = null, userAgent }: { address: string; keepTokenId: string | null; keepSessionId?: string | null; userAgent?: string | null },
): Promise<{ sessionVersion: number }> {
  const user = await requireUserById(userId);
  const retryAfter = await passwordCheckRetryAfterSeconds(user, address);
  if (retryAfter > 0) {
    throw new ApiError('too-many-requests', `Too many wrong passwords. Try again in ${retryAfter} seconds.`, { headers: { 'retry-after': String(retryAfter) } });
  }
  const matches = await checkUserPassword(user, oldPassword);
  await recordPasswordCheck(user, address, matches);
  if (!matches) {
    throw new ApiError('validation-failed', 'The current password is not right.', { errors: [{ path: 'oldPassword', message: 'The current password is not right.' }] });
  }
  if (newPassword === oldPassword) {
    throw new ApiError('validation-failed', 'Choose a password different from the current one.', { errors: [{ path: 'newPassword', message: 'Choose a password different from the current one.' }] });
  }
  await assertPasswordPolicy(newPassword, personalInputs(user), 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  const sessionVersion = await transaction(async () =>
    await storeNewPassword(await requireUserById(userId), passwordHash, { action: 'user.password.changed', actor: { id: userId, ip: address, userAgent }, keepTokenId, keepSessionId }),
  );
  kickMailWorker();
  return { sessionVersion };
}

/** An admin sets a user's password (Appmixer's reset-password, Tyk's set-password); the user's sessions end. */
export async function setPasswordByAdmin(userId: string, password: string, actor: Actor): Promise<User> {
  const user = await requireUserById(userId);
  if (user.status === 'deleting') throw new ApiError('conflict', 'This user is being deleted.');
  await assertPasswordPolicy(password, personalInputs(user));
  const passwordHash = await hashPassword(password);
  await transaction(async () => storeNewPassword(await requireUserById(userId), passwordHash, { action: 'user.password.set-by-admin', actor }));
  kickMailWorker();
  return await requireUserById(userId);
}

/** The query parameter with which the password change sends the user back to /account, to say it worked. */
export const PASSWORD_CHANGED_PARAM = 'password-changed';
