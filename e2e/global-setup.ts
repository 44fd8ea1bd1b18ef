import { startServer } from '../tests/support/server';

/**
 * Starts a real `next start` server on a fresh database; workers read its address from the
 * environment. Deletions are slowed (a pause between batches) so a person, or a test, can
 * watch the progress bar move and cancel mid-way.
 */
export default async function globalSetup() {
  const server = await startServer({ env: { DELETION_BATCH_PAUSE_MS: '1000' } });
  process.env.E2E_BASE_URL = server.url;
  process.env.DATABASE_URL = `file:${server.databaseFile}`;
  return async () => {
    await server.stop();
  };
}
