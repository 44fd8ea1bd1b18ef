import { postgresAvailability, startPostgresCluster } from '../../tests/support/postgres';
import { startServer, TEST_AUTH_SECRET } from '../../tests/support/server';

/**
 * The browser smoke on PostgreSQL: a throwaway cluster in a temporary folder and a `next start`
 * server on a database of its own in it, both removed afterwards. Outside CI a machine without
 * PostgreSQL skips the smoke (the spec reads E2E_POSTGRES_SKIPPED); in CI it must run, and
 * postgresAvailability throws instead.
 */
export default async function globalSetup() {
  const postgres = postgresAvailability();
  if (!postgres.available) {
    console.warn(`[e2e-postgres] Skipping the browser smoke on PostgreSQL: ${postgres.reason}`);
    process.env.E2E_POSTGRES_SKIPPED = postgres.reason;
    return;
  }
  const cluster = await startPostgresCluster();
  try {
    // Deletions pause between batches, so the progress bar is seen part-way.
    const server = await startServer({ databaseUrl: await cluster.createDatabase('gatehouse_e2e'), env: { DELETION_BATCH_PAUSE_MS: '300' } });
    process.env.E2E_BASE_URL = server.url;
    process.env.DATABASE_URL = server.databaseUrl;
    process.env.AUTH_SECRET ??= TEST_AUTH_SECRET;
    return async () => {
      try {
        await server.stop();
      } finally {
        await cluster.stop();
      }
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
