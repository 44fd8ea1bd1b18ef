import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { browserSessions } from '@/db/schema';
import { newId } from '@/db/ids';

/**
 * Browser sessions on the server side. The session cookie is signed and encrypted by Auth.js,
 * but a copy of it would otherwise stay good until it expires; it names one of these rows, and
 * a request counts as signed in only while that row is live.
 */

export function startBrowserSession(userId: string, origin: { address: string; userAgent: string | null }): string {
  const id = newId('ses');
  getDb().insert(browserSessions).values({ id, userId, address: origin.address, userAgent: origin.userAgent?.slice(0, 512) ?? null }).run();
  return id;
}

export function isBrowserSessionLive(sessionId: string, userId: string): boolean {
  const row = getDb()
    .select({ id: browserSessions.id })
    .from(browserSessions)
    .where(and(eq(browserSessions.id, sessionId), eq(browserSessions.userId, userId), isNull(browserSessions.endedAt)))
    .get();
  return row !== undefined;
}

export function endBrowserSession(sessionId: string): void {
  getDb().update(browserSessions).set({ endedAt: new Date() }).where(and(eq(browserSessions.id, sessionId), isNull(browserSessions.endedAt))).run();
}
