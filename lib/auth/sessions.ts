import { and, eq, gt, isNull, ne, or, type SQL } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { accessTokens, browserSessions, type User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { requireAccountControl } from '@/lib/access/tenant-scope';
import { recordAuditEvent } from '@/lib/audit/events';
import { endBrowserSessionsOf, liveBrowserSessionsOf } from './browser-sessions';
import type { CredentialKind } from './credential-schemas';
import type { Principal } from './principal';

/**
 * A user's sessions and tokens as one list: every credential that would let a request in
 * right now (browser sessions, API tokens, the access key), and ending them. The database is
 * the only record of what is live, so an ending counts on every instance from the next request.
 */

export type Credential = {
  id: string;
  kind: CredentialKind;
  name: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
  expiresAt: Date | null;
  address: string | null;
  userAgent: string | null;
  current: boolean;
};

/** The user whose sessions the caller may see and end: themselves, or a user whose account they control (as for access keys). */
export async function requireSessionHolder(principal: Principal, userId: string): Promise<User> {
  return userId === principal.user.id ? principal.user : await requireAccountControl(principal, userId);
}

/** Tokens and the access key that still work: the rule of findTokenOwner and findAccessKeyOwner, as a condition. */
function liveTokensOf(user: User, now: Date): SQL {
  return and(
    eq(accessTokens.userId, user.id),
    isNull(accessTokens.revokedAt),
    eq(accessTokens.sessionVersion, user.sessionVersion),
    or(isNull(accessTokens.expiresAt), gt(accessTokens.expiresAt, now)),
  )!;
}

/** The user's live credentials, newest first; `currentId` is the one the caller is using. No user but an active one has any. */
export async function listLiveCredentials(user: User, currentId: string | null, now = new Date()): Promise<Credential[]> {
  if (user.status !== 'active') return [];
  const db = getDb();
  const [sessions, tokens] = await Promise.all([
    db.select().from(browserSessions).where(liveBrowserSessionsOf(user.id, now)),
    db
      .select({
        id: accessTokens.id,
        kind: accessTokens.kind,
        name: accessTokens.name,
        createdAt: accessTokens.createdAt,
        lastUsedAt: accessTokens.lastUsedAt,
        expiresAt: accessTokens.expiresAt,
        address: accessTokens.address,
        userAgent: accessTokens.userAgent,
      })
      .from(accessTokens)
      .where(liveTokensOf(user, now)),
  ]);
  const credentials: Credential[] = [
    ...sessions.map((row) => ({ id: row.id, kind: 'browser' as const, name: null, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, expiresAt: null, address: row.address, userAgent: row.userAgent, current: row.id === currentId })),
    ...tokens.map(({ kind, lastUsedAt, ...row }) => ({ ...row, kind: kind === 'access-key' ? ('access-key' as const) : ('token' as const), lastSeenAt: lastUsedAt, current: row.id === currentId })),
  ];
  return credentials.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** Ends one live credential of the user: signs a browser out, or revokes a token or the access key (the next read of the key makes a new one). */
export async function endCredential(user: User, credentialId: string, now = new Date()): Promise<void> {
  const ended = user.status === 'active' && (credentialId.startsWith('ses_') ? await endLiveBrowserSession(user, credentialId, now) : await revokeLiveToken(user, credentialId, now));
  if (!ended) throw new ApiError('not-found', `There is no live session ${credentialId}.`);
}

/** Whether a live session of the user by that id was ended; recorded with the change. */
function endLiveBrowserSession(user: User, sessionId: string, now: Date): Promise<boolean> {
  return transaction(async (tx) => {
    const rows = await tx
      .update(browserSessions)
      .set({ endedAt: now })
      .where(and(eq(browserSessions.id, sessionId), liveBrowserSessionsOf(user.id, now)))
      .returning({ id: browserSessions.id });
    if (rows.length) await recordAuditEvent({ action: 'session.ended', target: user.id, after: { session: sessionId } });
    return rows.length > 0;
  });
}

/** Whether a live token or access key of the user by that id was revoked; recorded with the change. */
function revokeLiveToken(user: User, tokenId: string, now: Date): Promise<boolean> {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(accessTokens)
      .set({ revokedAt: now })
      .where(and(eq(accessTokens.id, tokenId), liveTokensOf(user, now)))
      .returning({ kind: accessTokens.kind });
    if (row?.kind === 'access-key') await recordAuditEvent({ action: 'access-key.revoked', target: user.id, after: { keyId: tokenId } });
    else if (row) await recordAuditEvent({ action: 'token.revoked', target: user.id, after: { tokenId } });
    return row !== undefined;
  });
}

/**
 * Ends every live credential of the user except `exceptId` (the caller's own, for "sign out
 * everywhere else"); returns how many ended. One audit event says how many.
 */
export async function endCredentialsOf(user: User, exceptId: string | null, now = new Date()): Promise<number> {
  if (user.status !== 'active') return 0;
  return await transaction(async (tx) => {
    const sessions = await endBrowserSessionsOf(user.id, exceptId, now);
    const tokens = await tx
      .update(accessTokens)
      .set({ revokedAt: now })
      .where(and(liveTokensOf(user, now), exceptId ? ne(accessTokens.id, exceptId) : undefined))
      .returning({ id: accessTokens.id });
    const ended = sessions + tokens.length;
    if (ended > 0) await recordAuditEvent({ action: 'user.sessions.ended-all', target: user.id, after: { ended, keptCurrent: exceptId !== null } });
    return ended;
  });
}
