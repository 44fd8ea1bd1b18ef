import type { TestProject } from 'vitest/node';
import type { PostgresClusterAccess } from '../support/postgres';
import { startContractLog } from '../support/contract-log';
import { startServer } from '../support/server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's DATABASE_URL: `file:…` on SQLite, `postgres://…` on PostgreSQL. */
    databaseUrl: string;
    /** On PostgreSQL, the cluster that servers a test starts for itself get their databases in. */
    postgresCluster: PostgresClusterAccess | null;
    /** The folder API test workers log the operations they called to (tests/support/contract-log.ts). */
    contractLogDir: string;
  }
}

/** One real `next start` server on a fresh SQLite database for the whole API suite. */
export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide('baseUrl', server.url);
  project.provide('databaseUrl', server.databaseUrl);
  project.provide('postgresCluster', null);
  const reportContractLog = startContractLog(project);
  return async () => {
    await reportContractLog(server.url);
    await server.stop();
  };
}
