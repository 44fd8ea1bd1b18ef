import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { preparedQuery, transaction } from '@/db/client';
import { accessTokens, users, type User } from '@/db/schema';
import { getConfig } from '@/lib/server/config';
import { auditContext } from '@/lib/audit/context';
import { newId } from '@/db/ids';
import { recordAuditEvent } from '@/lib/audit/events';

const TOKEN_PREFIX = 'gh_';

/** A new opaque secret: 256 random bits, URL-safe. Shown to its owner once. */
export function generateSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** What the database keeps instead of a token or code. SHA-256 suffices: the secret is random, not guessable. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export type IssuedToken = { token: string; expiresAt: Date };

/**
 * Where a token or key is being issued from, for the sessions and tokens lists: the request's
 * address and user agent, as the API pipeline and server actions set them for the audit trail.
 */
export function issuedFrom(): { address: string | null; userAgent: string | null } {
  const context = auditContext();
  return { address: context?.ip ?? null, userAgent: context?.userAgent?.slice(0, 512) ?? null };
}

/** Issues an API bearer token for a signed-in user. */
export async function issueApiToken(user: Pick<User, 'id' | 'sessionVersion'>, now = new Date()): Promise<IssuedToken> {
  const token = generateSecret();
  const expiresAt = new Date(now.getTime() + getConfig().tokenTtlMs);
  const id = newId('tok');
  await transaction(async (tx) => {
    await tx.insert(accessTokens).values({ id, userId: user.id, tokenHash: hashSecret(token), kind: 'session', sessionVersion: user.sessionVersion, expiresAt, createdAt: now, lastUsedAt: now, ...issuedFrom() });
    await recordAuditEvent({ actor: user.id, action: 'token.issued', target: id, after: { userId: user.id, expiresAt } });
  });
  return { token, expiresAt };
}

export type TokenOwner = { user: User; tokenId: string };

// lastUsedAt is written at most this often per token or key, so reads do not each cost a write.
const LAST_USED_RESOLUTION_MS = 60_000;
/** Credentials whose last-used time is being written by this process now: one write each, not one per request meanwhile. */
const notingUse = new Set<string>();

/**
 * Notes that a token or access key was used, when its last-used time is a minute old. Not
 * awaited: a request never waits for this bookkeeping write, which may queue behind a long
 * write (an import's batch) on SQLite. The write repeats the staleness test, so concurrent
 * requests and instances write once a minute at most.
 */
export function noteCredentialUse(id: string, lastUsedAt: Date | null, now = new Date()): void {
  if ((lastUsedAt && now.getTime() - lastUsedAt.getTime() <= LAST_USED_RESOLUTION_MS) || notingUse.has(id)) return;
  notingUse.add(id);
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  transaction((tx) =>
    tx
      .update(accessTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(accessTokens.id, id), or(isNull(accessTokens.lastUsedAt), lt(accessTokens.lastUsedAt, stale)))),
  )
    .catch((error: unknown) => console.error('[gatehouse] Could not note when a token or access key was last used:', error))
    .finally(() => notingUse.delete(id));
}

/**
 * The active user a bearer token belongs to, or null when the token is unknown, expired,
 * revoked, issued before the user's sessions were ended, or its user cannot sign in.
 */
/** Every API call runs this: prepared once (see preparedQuery). */
const liveTokenByHash = preparedQuery<{ token: typeof accessTokens.$inferSelect; user: User }>('gatehouse_token_owner', (db) =>
  db
    .select({ token: accessTokens, user: users })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(and(eq(accessTokens.tokenHash, sql.placeholder('hash')), isNull(accessTokens.revokedAt)))
    .limit(1),
);

export async function findTokenOwner(token: string, now = new Date()): Promise<TokenOwner | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await liveTokenByHash({ hash: hashSecret(token) });
  if (!row) return null;
  const { token: stored, user } = row;
  if (stored.expiresAt && stored.expiresAt <= now) return null;
  if (stored.sessionVersion !== user.sessionVersion || user.status !== 'active') return null;
  noteCredentialUse(stored.id, stored.lastUsedAt, now);
  return { user, tokenId: stored.id };
}

export async function revokeToken(tokenId: string, now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    const revoked = await tx.update(accessTokens).set({ revokedAt: now }).where(and(eq(accessTokens.id, tokenId), isNull(accessTokens.revokedAt))).returning({ userId: accessTokens.userId });
    if (revoked.length) await recordAuditEvent({ action: 'token.revoked', target: tokenId, before: { userId: revoked[0].userId, revokedAt: null }, after: { userId: revoked[0].userId, revokedAt: now }, identity: ['userId'] });
  });
}
