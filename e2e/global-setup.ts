import { startServer } from '../tests/support/server';

/** Starts a real `next start` server on a fresh database; workers read its address from the environment. */
export default async function globalSetup() {
  const server = await startServer();
  process.env.E2E_BASE_URL = server.url;
  process.env.DATABASE_URL = `file:${server.databaseFile}`;
  return async () => {
    await server.stop();
  };
}
