import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { oneTimeCodes, type oneTimeCodePurposes } from '@/db/schema';
import { getConfig } from '@/lib/server/config';
import { newId } from '@/db/ids';
import { hashSecret } from './tokens';

/**
 * Single-use codes mailed as links: password resets, invitations and sign-up confirmations. A code is 256 random
 * bits, shown once (in the mail) and stored only as its SHA-256. A newer code for the same
 * purpose cancels the user's older ones.
 */

export type CodePurpose = (typeof oneTimeCodePurposes)[number];

export function codeLifetimeMs(purpose: CodePurpose): number {
  const config = getConfig();
  // A sign-up's confirmation is a welcome like an invitation, and may wait as long.
  return purpose === 'password-reset' ? config.resetCodeTtlMs : config.invitationCodeTtlMs;
}

/** Issues a code, inside the transaction that also queues the mail carrying it. */
export function issueCode(userId: string, purpose: CodePurpose, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
  const code = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + codeLifetimeMs(purpose));
  return transaction(async (tx) => {
    await tx
      .update(oneTimeCodes)
      .set({ usedAt: now })
      .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt)));
    await tx.insert(oneTimeCodes).values({ id: newId('otc'), userId, codeHash: hashSecret(code), purpose, expiresAt, createdAt: now });
    return { code, expiresAt };
  });
}

/** The user a live code of this purpose belongs to, without using it up; null for any other code. */
export async function findCodeOwner(code: string, purpose: CodePurpose, now = new Date()): Promise<string | null> {
  const [row] = await getDb().select({ userId: oneTimeCodes.userId }).from(oneTimeCodes).where(liveCode(code, purpose, now)).limit(1);
  return row?.userId ?? null;
}

/**
 * Uses a code up. Returns its user, or null when the code is unknown, used, expired, or for
 * another purpose: the caller gives one answer for all of these.
 */
export async function consumeCode(code: string, purpose: CodePurpose, now = new Date()): Promise<string | null> {
  const [row] = await transaction((tx) => tx.update(oneTimeCodes).set({ usedAt: now }).where(liveCode(code, purpose, now)).returning({ userId: oneTimeCodes.userId }));
  return row?.userId ?? null;
}

function liveCode(code: string, purpose: CodePurpose, now: Date) {
  return and(eq(oneTimeCodes.codeHash, hashSecret(code)), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now));
}
