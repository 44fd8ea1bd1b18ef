import { and, eq, gt, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { preparedQuery, transaction } from '@/db/client';
import { browserSessions } from '@/db/schema';
import { newId } from '@/db/ids';
import { recordAuditEvent } from '@/lib/audit/events';

/**
 * Browser sessions on the server side. The session cookie is signed and encrypted by Auth.js,
 * but a copy of it would otherwise stay good until it expires; it names one of these rows, and
 * a request counts as signed in only while that row is live.
 */

/** How long a session cookie lives without being renewed by a visit (Auth.js's maxAge). */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

// lastSeenAt is written at most this often per session, so requests do not each cost a write.
const LAST_SEEN_RESOLUTION_MS = 60_000;

export async function startBrowserSession(userId: string, origin: { address: string; userAgent: string | null }): Promise<string> {
  const id = newId('ses');
  const now = new Date();
  await transaction(async (tx) => {
    await tx.insert(browserSessions).values({ id, userId, address: origin.address, userAgent: origin.userAgent?.slice(0, 512) ?? null, createdAt: now, lastSeenAt: now });
    await recordAuditEvent({ actor: userId, action: 'session.started', target: id, after: { userId } });
  });
  return id;
}

/** Every signed-in page and cookie request runs this: prepared once (see preparedQuery). */
const liveSession = preparedQuery<{ lastSeenAt: Date | null }>('gatehouse_live_session', (db) =>
  db
    .select({ lastSeenAt: browserSessions.lastSeenAt })
    .from(browserSessions)
    .where(and(eq(browserSessions.id, sql.placeholder('id')), eq(browserSessions.userId, sql.placeholder('userId')), isNull(browserSessions.endedAt)))
    .limit(1),
);

/** Whether the session is live (one read by primary key); notes the visit as its last-seen time. */
export async function isBrowserSessionLive(sessionId: string, userId: string, now = new Date()): Promise<boolean> {
  const [row] = await liveSession({ id: sessionId, userId });
  if (!row) return false;
  if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) markSeen(sessionId, now);
  return true;
}

/**
 * Not awaited: the request does not wait for this bookkeeping write. The condition repeats the
 * staleness test in the write, so concurrent requests and instances write once a minute at most.
 */
function markSeen(sessionId: string, now: Date): void {
  const stale = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS);
  transaction((tx) =>
    tx
      .update(browserSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(browserSessions.id, sessionId), or(isNull(browserSessions.lastSeenAt), lt(browserSessions.lastSeenAt, stale)))),
  ).catch((error: unknown) => console.error('[gatehouse] Could not note when a session was last seen:', error));
}

export async function endBrowserSession(sessionId: string): Promise<void> {
  await transaction(async (tx) => {
    const [ended] = await tx
      .update(browserSessions)
      .set({ endedAt: new Date() })
      .where(and(eq(browserSessions.id, sessionId), isNull(browserSessions.endedAt)))
      .returning({ userId: browserSessions.userId, endedAt: browserSessions.endedAt });
    if (ended) await recordAuditEvent({ action: 'session.ended', target: sessionId, before: { userId: ended.userId, endedAt: null }, after: { userId: ended.userId, endedAt: ended.endedAt }, identity: ['userId'] });
  });
}

/**
 * The user's sessions that still work: not ended, and visited within the cookie's lifetime
 * (an older cookie has expired in its browser). The user's own state (active, sessionVersion)
 * is the caller's to check.
 */
export function liveBrowserSessionsOf(userId: string, now = new Date()): SQL {
  const cutoff = new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000);
  return and(
    eq(browserSessions.userId, userId),
    isNull(browserSessions.endedAt),
    or(gt(browserSessions.lastSeenAt, cutoff), and(isNull(browserSessions.lastSeenAt), gt(browserSessions.createdAt, cutoff))),
  )!;
}

/**
 * Ends every live session of the user except `exceptId` (in the caller's transaction, if any);
 * returns how many ended. Whatever ends a user's sessions wholesale (a new password, a
 * suspension, "sign out everywhere else") calls this, so the rows say what still works.
 */
export async function endBrowserSessionsOf(userId: string, exceptId: string | null = null, now = new Date()): Promise<number> {
  const ended = await transaction((tx) =>
    tx
      .update(browserSessions)
      .set({ endedAt: now })
      .where(and(liveBrowserSessionsOf(userId, now), exceptId ? ne(browserSessions.id, exceptId) : undefined))
      .returning({ id: browserSessions.id }),
  );
  return ended.length;
}
