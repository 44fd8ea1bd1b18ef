import { asc, desc, lt, lte } from 'drizzle-orm';
import { getEngine, transaction } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { getSetting } from '@/lib/settings/settings';
import { GENESIS_HASH } from './chain';
import { setChainStart } from './chain-start';
import { asSystemJob, SYSTEM_ACTORS } from './context';
import { recordAuditEvent } from './events';

const BATCH_SIZE = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily retention job (lib/server/scheduled-tasks.ts): removes the events older than the
 * `auditRetentionDays` setting, oldest first, a short transaction per batch, and records in the
 * same transaction where the kept chain now starts, so the trail still verifies. The newest
 * event is always kept: the next event links to it. Records one `audit.retention.applied` event.
 */
export function applyAuditRetention(now = new Date()): Promise<{ removed: number }> {
  return asSystemJob(SYSTEM_ACTORS.retention, async () => {
    const retentionDays = await getSetting('auditRetentionDays');
    const olderThan = new Date(now.getTime() - retentionDays * DAY_MS);
    let removed = 0;
    for (;;) {
      const batch = await removeOldestBatch(olderThan);
      removed += batch;
      if (batch < BATCH_SIZE) break;
      await getEngine().afterBatch();
    }
    await recordAuditEvent({ action: 'audit.retention.applied', after: { removed, olderThan: olderThan.toISOString(), retentionDays } });
    return { removed };
  });
}

/** Removes the leading run of events older than `olderThan` among the next batch in chain (id) order. */
function removeOldestBatch(olderThan: Date): Promise<number> {
  return transaction(async (tx) => {
    const [newest] = await tx.select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    if (!newest) return 0;
    const batch = await tx
      .select({ id: auditEvents.id, at: auditEvents.at, hash: auditEvents.hash })
      .from(auditEvents)
      .where(lt(auditEvents.id, newest.id))
      .orderBy(asc(auditEvents.id))
      .limit(BATCH_SIZE);
    // Chain order, not time order: an event is removed only with every event before it, so the rest stays one chain.
    const firstKept = batch.findIndex((row) => row.at >= olderThan);
    const doomed = firstKept === -1 ? batch : batch.slice(0, firstKept);
    const last = doomed.at(-1);
    if (!last) return 0;
    await tx.delete(auditEvents).where(lte(auditEvents.id, last.id));
    // An event from before the chain has no hash: the first chained event links to the genesis hash.
    await setChainStart({ afterId: last.id, prevHash: last.hash ?? GENESIS_HASH });
    return doomed.length;
  });
}
