/** `npm run db:migrate`: applies pending migrations to the database DATABASE_URL names. */
import { closeDatabase, getEngine } from '../db/client';
import { ConfigError, getConfig } from '../lib/server/config';

async function main(): Promise<void> {
  const { databaseLabel } = getConfig();
  await getEngine().migrate();
  await closeDatabase();
  console.log(`[gatehouse] ${databaseLabel} is up to date.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `[gatehouse] ${error.message}` : error);
  process.exit(1);
});
