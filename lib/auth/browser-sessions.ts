import { and, eq, isNull } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { browserSessions } from '@/db/schema';
import { newId } from '@/db/ids';
import { recordAuditEvent } from '@/lib/audit/events';

/**
 * Browser sessions on the server side. The session cookie is signed and encrypted by Auth.js,
 * but a copy of it would otherwise stay good until it expires; it names one of these rows, and
 * a request counts as signed in only while that row is live.
 */

export async function startBrowserSession(userId: string, origin: { address: string; userAgent: string | null }): Promise<string> {
  const id = newId('ses');
  await transaction(async (tx) => {
    await tx.insert(browserSessions).values({ id, userId, address: origin.address, userAgent: origin.userAgent?.slice(0, 512) ?? null });
    await recordAuditEvent({ actor: userId, action: 'session.started', target: id, after: { userId } });
  });
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
  await transaction(async (tx) => {
    const [ended] = await tx
      .update(browserSessions)
      .set({ endedAt: new Date() })
      .where(and(eq(browserSessions.id, sessionId), isNull(browserSessions.endedAt)))
      .returning({ userId: browserSessions.userId, endedAt: browserSessions.endedAt });
    if (ended) await recordAuditEvent({ action: 'session.ended', target: sessionId, before: { userId: ended.userId, endedAt: null }, after: { userId: ended.userId, endedAt: ended.endedAt }, identity: ['userId'] });
  });
}
