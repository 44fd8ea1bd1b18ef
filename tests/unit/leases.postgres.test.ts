import { postgresAvailability, startPostgresCluster } from '../support/postgres';

// Leased work on PostgreSQL: a throwaway cluster, and a second pool on its database as a second server would open.
const postgres = postgresAvailability();
if (!postgres.available) console.warn(`Skipping the PostgreSQL lease tests: ${postgres.reason}`);
const cluster = postgres.available ? await startPostgresCluster() : undefined;
const url = cluster ? await cluster.createDatabase('gatehouse_leases') : undefined;
if (url) process.env.DATABASE_URL = url;
process.env.AUTH_SECRET = 'unit-test-secret-for-leases-0123456789abcdef';
delete process.env.SMTP_URL;

const { createPostgresEngine } = await import('@/db/engines/postgres');
const { describeLeases } = await import('./shared-state/leases-suite');

describeLeases({
  engine: 'PostgreSQL',
  skipped: postgres.available ? undefined : postgres.reason,
  openSecondInstance: () => createPostgresEngine(url!),
  concurrentWriters: true,
  cleanUp: async () => cluster?.stop(),
});
