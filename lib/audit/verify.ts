import { asc, gt } from 'drizzle-orm';
import { getDb, inSearchLane } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { eventHash, GENESIS_HASH } from './chain';
import { getChainStart, type ChainStart } from './chain-start';
import type { AuditBreakReason, AuditVerification } from './schemas';

const BATCH_SIZE = 1000;

type Row = typeof auditEvents.$inferSelect;

/** Lets requests waiting on the event loop run between two batches of hashing. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Walks the trail in id order, a batch at a time, recomputing each event's hash from its
 * content and checking that it links to the event before it; answers the first broken link.
 * An edited event fails its own hash (`content-changed`); a removed one makes the next event's
 * link fail (`link-broken`). Events at the start without a hash were recorded before the trail
 * was chained: counted, not broken. Retention's removals are followed through the chain start.
 */
export function verifyAuditChain(): Promise<AuditVerification> {
  return inSearchLane(async () => {
    for (;;) {
      const chainStart = await getChainStart();
      const result = await walk(chainStart);
      // Retention removed events while the walk began: its first event no longer links to the start read; start again.
      if (result.firstBroken?.reason === 'link-broken' && result.checked === 0 && !sameStart(chainStart, await getChainStart())) continue;
      return result;
    }
  });
}

async function walk(chainStart: ChainStart | null): Promise<AuditVerification> {
  let expected = chainStart?.prevHash ?? GENESIS_HASH;
  let afterId = chainStart?.afterId ?? 0;
  let checked = 0;
  let unchainedBefore = 0;
  const answer = (firstBroken: { id: number; reason: AuditBreakReason } | null): AuditVerification => ({ ok: !firstBroken, checked, chainStart, unchainedBefore, firstBroken });
  for (;;) {
    const rows: Row[] = await getDb().select().from(auditEvents).where(gt(auditEvents.id, afterId)).orderBy(asc(auditEvents.id)).limit(BATCH_SIZE);
    for (const row of rows) {
      if (row.hash === null) {
        if (checked > 0) return answer({ id: row.id, reason: 'hash-missing' });
        unchainedBefore += 1;
        continue;
      }
      if (row.prevHash !== expected) return answer({ id: row.id, reason: 'link-broken' });
      const { id: _id, prevHash, hash, redactions, ...content } = row;
      if (eventHash(prevHash, content, redactions) !== hash) return answer({ id: row.id, reason: 'content-changed' });
      expected = hash;
      checked += 1;
    }
    if (rows.length < BATCH_SIZE) return answer(null);
    afterId = rows.at(-1)!.id;
    await yieldToEventLoop();
  }
}

function sameStart(a: ChainStart | null, b: ChainStart | null): boolean {
  return a?.afterId === b?.afterId && a?.prevHash === b?.prevHash;
}
