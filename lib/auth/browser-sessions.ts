import { and, eq, isNull } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { browserSessions } from '@/db/schema';
import { newId } from '@/db/ids';

/**
 * Browser sessions on the server side. The session cookie is signed and encrypted by Auth.js,
 * but a copy of it would otherwise stay good until it expires; it names one of these rows, and
 * a request counts as signed in only while that row is live.
 */

export async function startBrowserSession(userId: string, origin: { address: string; userAgent: string | null }): Promise<string> {
  const id = newId('ses');
  await transaction((tx) => tx.insert(browserSessions).values({ id, userId, address: origin.address, userAgent: origin.userAgent?.slice(0, 512) ?? null }));
  return id;
}

export async function isBrowserSessionLive(sessionId: string, userId: string): Promise<boolean> {
  const rows = await getDb()
    .select({ id: browserSessions.id })
    .from(browserSessions)
    .where(and(eq(browserSessions.id, sessionId), eq(browserSessions.userId, userId), isNull(browserSessions.endedAt)))
    .limit(1);
  return rows.length > 0;
}

export async function endBrowserSession(sessionId: string): Promise<void> {
  await transaction((tx) => tx.update(browserSessions).set({ endedAt: new Date() }).where(and(eq(browserSessions.id, sessionId), isNull(browserSessions.endedAt))));
}
