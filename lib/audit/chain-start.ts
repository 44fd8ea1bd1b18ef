import { eq } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { settings } from '@/db/schema';

/**
 * Where the kept chain starts once retention has removed older events: the id of the last
 * removed event and the hash the first kept event links to. Kept in the settings table (not a
 * setting anyone edits), written in the same transaction as each removal.
 */
export type ChainStart = { afterId: number; prevHash: string };

const CHAIN_START_KEY = 'audit.chain-start';

export async function getChainStart(): Promise<ChainStart | null> {
  const [row] = await getDb().select({ value: settings.value }).from(settings).where(eq(settings.key, CHAIN_START_KEY));
  return (row?.value as ChainStart | undefined) ?? null;
}

/** Inside the transaction that removes events up to `afterId`. */
export async function setChainStart(start: ChainStart): Promise<void> {
  await transaction((tx) => tx.insert(settings).values({ key: CHAIN_START_KEY, value: start }).onConflictDoUpdate({ target: settings.key, set: { value: start, updatedAt: new Date() } }));
}
