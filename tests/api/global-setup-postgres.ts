import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../support/postgres';
import { startContractLog } from '../support/contract-log';
import { startServer, type RunningServer } from '../support/server';

/**
 * The API suite on PostgreSQL: a throwaway cluster in a temporary folder, one `next start`
 * server on a database of its own in it for the whole suite, and the cluster's address for
 * the servers test files start themselves (each gets a new database). Everything is removed
 * in teardown.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const cluster = await startPostgresCluster();
  let server: RunningServer;
  try {
    server = await startServer({ databaseUrl: await cluster.createDatabase('gatehouse_api') });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  console.log(`[api-postgres] PostgreSQL cluster on port ${cluster.port} and the API server ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('baseUrl', server.url);
  project.provide('databaseUrl', server.databaseUrl);
  project.provide('postgresCluster', { adminUrl: cluster.adminUrl, appUrl: cluster.appUrl });
  const reportContractLog = startContractLog(project);
  return async () => {
    try {
      await reportContractLog(server.url);
      await server.stop();
    } finally {
      await cluster.stop();
    }
  };
}
