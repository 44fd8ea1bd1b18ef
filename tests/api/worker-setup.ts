import { afterAll, inject } from 'vitest';
import { closeDatabase } from '@/db/client';
import { TEST_AUTH_SECRET, TEST_POSTGRES_VARIABLE } from '../support/server';

// Before the test file loads: db/schema picks the engine's tables from DATABASE_URL when it is imported.
process.env.DATABASE_URL = inject('databaseUrl');
const cluster = inject('postgresCluster');
if (cluster) {
  // Servers the file starts get databases in the same cluster, and share the secret the test signs with.
  process.env[TEST_POSTGRES_VARIABLE] = JSON.stringify(cluster);
  process.env.AUTH_SECRET ??= TEST_AUTH_SECRET;
}

// A PostgreSQL pool left open would keep the worker alive after the file.
afterAll(async () => {
  await closeDatabase();
});
