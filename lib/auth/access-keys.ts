import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb, lockFor, transaction } from '@/db/client';
import { accessTokens, users, type User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import type { Principal } from './principal';
import { recordAuditEvent } from '@/lib/audit/events';
import { derivedKey, openSecret, sealSecret } from './secret-box';
import { newId } from '@/db/ids';
import { issuedFrom, noteCredentialUse } from './tokens';
import { requireAccountControl } from '@/lib/access/tenant-scope';

/**
 * Access keys: one long-lived API credential per user (Tyk Dashboard's `access_key`), sent
 * raw to the Tyk dialect, as `Authorization: Bearer` to /api/v1, or as the client secret of
 * Solvexia's token endpoint. Unlike a token, its owner and their admins may read it again,
 * so it is stored encrypted (AES-256-GCM) and found by an HMAC of it, both under keys derived
 * from AUTH_SECRET; it never appears in a log or the audit trail.
 *
 * A key lives in access_tokens (kind `access-key`) and carries the user's sessionVersion
 * like a token: whatever ends a user's tokens (suspension, deletion, a password change or
 * reset) ends their key at once. The next read then issues a fresh one, so every user always
 * has a key to show.
 */

const KEY_PREFIX = 'gk_';

type StoredKey = typeof accessTokens.$inferSelect;
export type AccessKey = { accessKey: string; createdAt: Date; lastUsedAt: Date | null };
type Actor = { id: string; ip?: string | null; userAgent?: string | null };

// The purposes of the two keys derived from AUTH_SECRET: one encrypts access keys, one finds them.
const ENCRYPTION = 'access-key encryption';
const LOOKUP = 'access-key lookup';

function lookupHash(key: string): string {
  return createHmac('sha256', derivedKey(LOOKUP)).update(key).digest('hex');
}

async function liveKeyRow(userId: string): Promise<StoredKey | undefined> {
  const [row] = await getDb()
    .select()
    .from(accessTokens)
    .where(and(eq(accessTokens.userId, userId), eq(accessTokens.kind, 'access-key'), isNull(accessTokens.revokedAt)))
    .limit(1);
  return row;
}

/**
 * Revokes the user's live key, if any, and stores a new one (192 random bits); returns it.
 * Recorded as `action` with the key ids (never the key), in the same transaction.
 */
async function replaceKey(user: Pick<User, 'id' | 'sessionVersion'>, action: 'access-key.issued' | 'access-key.rotated', actor: Actor | null, now = new Date()): Promise<AccessKey> {
  const accessKey = KEY_PREFIX + randomBytes(24).toString('base64url');
  const id = newId('key');
  await transaction(async (tx) => {
    // Two replacements at once (two rotations, or a rotation and a first read) take turns: each
    // would otherwise revoke only the key it saw and insert its own, and on PostgreSQL the
    // second insert breaks the one-live-key index (access_tokens_live_key_idx).
    await lockFor(`access-key:${user.id}`);
    const [revoked] = await tx
      .update(accessTokens)
      .set({ revokedAt: now })
      .where(and(eq(accessTokens.userId, user.id), eq(accessTokens.kind, 'access-key'), isNull(accessTokens.revokedAt)))
      .returning({ id: accessTokens.id });
    await tx
      .insert(accessTokens)
      .values({
        id,
        userId: user.id,
        kind: 'access-key',
        tokenHash: lookupHash(accessKey),
        secretCiphertext: sealSecret(ENCRYPTION, accessKey, user.id),
        sessionVersion: user.sessionVersion,
        createdAt: now,
        ...issuedFrom(),
      });
    await recordAuditEvent({ actor: actor?.id, action, target: user.id, before: { keyId: revoked?.id ?? null }, after: { keyId: id }, ip: actor?.ip, userAgent: actor?.userAgent });
  });
  return { accessKey, createdAt: now, lastUsedAt: null };
}

/**
 * The user's access key, in clear, for its owner or an admin to read: the live one, or a new
 * one when the user has none yet or their last was ended with their sessions.
 */
export async function readAccessKey(user: Pick<User, 'id' | 'sessionVersion'>): Promise<AccessKey> {
  const row = await liveKeyRow(user.id);
  if (row?.secretCiphertext && row.sessionVersion === user.sessionVersion) {
    return { accessKey: openSecret(ENCRYPTION, row.secretCiphertext, user.id), createdAt: row.createdAt, lastUsedAt: row.lastUsedAt };
  }
  return replaceKey(user, 'access-key.issued', null);
}

/** Replaces the user's key: the old one is refused from this moment. */
export function rotateAccessKey(user: Pick<User, 'id' | 'sessionVersion'>, actor: Actor): Promise<AccessKey> {
  return replaceKey(user, 'access-key.rotated', actor);
}

/** Records that someone read a user's key (never the key itself). */
export async function recordAccessKeyShown(userId: string, actor: Actor): Promise<void> {
  await recordAuditEvent({ actor: actor.id, action: 'access-key.shown', target: userId, ip: actor.ip, userAgent: actor.userAgent });
}

/** The active user an access key belongs to, or null when it is unknown, rotated, or ended with the user's sessions. */
export async function findAccessKeyOwner(key: string, now = new Date()): Promise<{ user: User; keyId: string } | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const [row] = await getDb()
    .select({ key: accessTokens, user: users })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(and(eq(accessTokens.tokenHash, lookupHash(key)), eq(accessTokens.kind, 'access-key'), isNull(accessTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  const { key: stored, user } = row;
  if (stored.sessionVersion !== user.sessionVersion || user.status !== 'active') return null;
  noteCredentialUse(stored.id, stored.lastUsedAt, now);
  return { user, keyId: stored.id };
}

/**
 * The user whose key the caller may handle: themselves, or a user whose account they control
 * (an admin, or a tenant admin of every tenant the user belongs to: a key is a credential,
 * so it follows the rule for credentials in lib/access/tenant-scope.ts). A user being deleted has no
 * key any more, and no new key or audit event naming them may be written while the deletion
 * removes them.
 */
async function keyHolder(principal: Principal, userId: string): Promise<User> {
  const user = userId === principal.user.id ? principal.user : await requireAccountControl(principal, userId);
  if (user.status === 'deleting') throw new ApiError('conflict', 'This user is being deleted; their access key is gone.');
  return user;
}

/** The key of the caller or of a user they control (see keyHolder); recorded in the audit trail. */
export async function showAccessKey(principal: Principal, userId: string, actor: Actor): Promise<AccessKey> {
  const user = await keyHolder(principal, userId);
  return transaction(async () => {
    const key = await readAccessKey(user);
    await recordAccessKeyShown(user.id, actor);
    return key;
  });
}

/**
 * showAccessKey for a user object that carries the key (Tyk's `access_key`), where a user the
 * caller may read but not control, or a user being deleted, is no error: null then.
 */
export async function accessKeyIfControlled(principal: Principal, userId: string, actor: Actor): Promise<AccessKey | null> {
  try {
    return await showAccessKey(principal, userId, actor);
  } catch (error) {
    if (error instanceof ApiError && ['forbidden', 'not-found', 'conflict'].includes(error.code)) return null;
    throw error;
  }
}

/** rotateAccessKey for the caller's own key or, under the same rule as showAccessKey, a user's. */
export async function rotateAccessKeyOf(principal: Principal, userId: string, actor: Actor): Promise<AccessKey> {
  return await rotateAccessKey(await keyHolder(principal, userId), actor);
}
