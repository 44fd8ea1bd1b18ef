import { and, eq } from 'drizzle-orm';
import { transaction } from '@/db/client';
import { users, type User } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/events';
import { hashPassword, verifyPassword } from './hashing';

/**
 * Checks a user's password, for every door that asks for one (sign-in in the browser, the API
 * and the vendor dialects, a sign-up's confirmation, the current password of a change). When
 * it matches a hash Gatehouse no longer makes (an import's bcrypt, scrypt, PBKDF2 or argon2i,
 * or argon2id at other parameters), the hash is replaced by a fresh one of the same password.
 * That is not a password change: sessions, tokens and the profile's version stay as they are.
 * With no user it spends a dummy check, so an unknown name takes as long as a wrong password.
 */
export async function checkUserPassword(user: Pick<User, 'id' | 'passwordHash'> | undefined, password: string): Promise<boolean> {
  const { matches, rehash } = await verifyPassword(user?.passwordHash, password);
  if (user && rehash) await replaceHash(user.id, user.passwordHash!, await hashPassword(password));
  return matches;
}

async function replaceHash(userId: string, verifiedHash: string, passwordHash: string): Promise<void> {
  await transaction(async (tx) => {
    // Only if the hash is still the one just verified: a parallel sign-in may have replaced it
    // already, or the password may have changed meanwhile, and neither must be overwritten.
    const replaced = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, userId), eq(users.passwordHash, verifiedHash)))
      .returning({ id: users.id });
    if (replaced.length) {
      await recordAuditEvent({ actor: userId, action: 'user.password.rehashed', target: userId, before: { passwordHash: verifiedHash }, after: { passwordHash } });
    }
  });
}
