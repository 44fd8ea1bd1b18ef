import { transaction } from '@/db/client';
import type { User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import { kickMailWorker, queueMail } from '@/lib/mail/outbox';
import { invitationMail } from '@/lib/mail/templates';
import { codeLifetimeMs, consumeCode, findCodeOwner, issueCode } from '@/lib/auth/one-time-codes';
import { storeNewPassword } from './change';
import { INVALID_CODE_MESSAGE } from './reset';
import { assertPasswordPolicy, hashPassword } from './hashing';
import { rateLimit } from '@/lib/auth/throttle';
import { displayName, getUserById, personalInputs, requireUserById } from '@/lib/users/users';

/**
 * Invitations (telm.ai, Solvexia): a user created without a password is `pending` and is
 * mailed a link to choose one. Choosing it makes them `active`; until then they cannot sign in.
 */

type Actor = { id: string | null; ip?: string | null; userAgent?: string | null };

const acceptAttemptsPerAddress = rateLimit('invitation:address', 30, 15 * 60_000);

/** Mails a pending user a new invitation link; an older link stops working. */
export async function sendInvitation(userId: string, actor: Actor): Promise<void> {
  const user = await requireUserById(userId);
  if (user.status !== 'pending') {
    throw new ApiError('conflict', `This user is ${user.status}, not pending: they already have a password. Send a reset link instead.`);
  }
  await transaction(async () => {
    const { code } = await issueCode(user.id, 'invitation');
    await queueMail(invitationMail({ email: user.email, name: displayName(user) }, code, codeLifetimeMs('invitation')));
    await recordAuditEvent({ actor: actor.id, action: 'user.invitation.sent', target: user.id, ip: actor.ip, userAgent: actor.userAgent });
  });
  kickMailWorker();
}

/** Who an invitation link is for, so the page can greet them; null for a dead link. */
export async function findInvitedUser(code: string): Promise<Pick<User, 'id' | 'email'> | null> {
  const userId = await findCodeOwner(code, 'invitation');
  const user = userId ? await getUserById(userId) : undefined;
  return user?.status === 'pending' ? { id: user.id, email: user.email } : null;
}

/** The invited user chooses their password with the mailed code; then they sign in. */
export async function acceptInvitation(code: string, password: string, { address, userAgent }: { address: string; userAgent?: string | null }): Promise<void> {
  const retryAfter = await acceptAttemptsPerAddress.take(address);
  if (retryAfter > 0) {
    throw new ApiError('too-many-requests', `Too many attempts from your address. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, { headers: { 'retry-after': String(retryAfter) } });
  }
  const invited = await findInvitedUser(code);
  if (!invited) throw new ApiError('invalid-code', INVALID_CODE_MESSAGE);
  const user = await requireUserById(invited.id);
  await assertPasswordPolicy(password, personalInputs(user));
  const passwordHash = await hashPassword(password);
  await transaction(async () => {
    if ((await consumeCode(code, 'invitation')) !== user.id) throw new ApiError('invalid-code', INVALID_CODE_MESSAGE);
    // No "password changed" mail: the user has just chosen their first one.
    await storeNewPassword(await requireUserById(user.id), passwordHash, { action: 'user.invitation.accepted', actor: { id: user.id, ip: address, userAgent }, notify: false });
  });
}
