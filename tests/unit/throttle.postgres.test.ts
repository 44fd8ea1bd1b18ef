import { postgresAvailability, startPostgresCluster } from '../support/postgres';

// Throttling on PostgreSQL: a throwaway cluster, and a second pool on its database as a second server would open.
const postgres = postgresAvailability();
if (!postgres.available) console.warn(`Skipping the PostgreSQL throttling tests: ${postgres.reason}`);
const cluster = postgres.available ? await startPostgresCluster() : undefined;
const url = cluster ? await cluster.createDatabase('gatehouse_throttle') : undefined;
if (url) process.env.DATABASE_URL = url;
process.env.AUTH_SECRET = 'unit-test-secret-for-throttle-keys-0123456789';

const { createPostgresEngine } = await import('@/db/engines/postgres');
const { describeThrottle } = await import('./shared-state/throttle-suite');

describeThrottle({
  engine: 'PostgreSQL',
  skipped: postgres.available ? undefined : postgres.reason,
  openSecondInstance: () => createPostgresEngine(url!),
  concurrentWriters: true,
  cleanUp: async () => cluster?.stop(),
});
