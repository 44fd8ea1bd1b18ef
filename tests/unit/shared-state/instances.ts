/**
 * For the shared-state suites, which run once per engine: the engine's first "instance" is
 * the process's own (DATABASE_URL), the second a separate engine on the same database, as a
 * second server would open (its own connections, or pool).
 */
import type { Engine } from '@/db/engine';

export type SharedStateTarget = {
  /** How the suite's title names the engine. */
  engine: string;
  /** Why the suite is skipped, when it is (no PostgreSQL server binaries). */
  skipped?: string;
  /** A second instance's engine on the same database (after the first has migrated it). */
  openSecondInstance: () => Engine;
  /** Whether transactions of different connections really run at once (PostgreSQL), so racing claimers are worth racing. */
  concurrentWriters: boolean;
  /** Removes the database (and its server). */
  cleanUp: () => Promise<void>;
};
