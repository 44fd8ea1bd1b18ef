/** `npm run db:migrate`: applies pending migrations to the database DATABASE_URL names. */
import { getDb, migrateDatabase } from '../db/client';
import { ConfigError, getConfig } from '../lib/server/config';

try {
  const { databaseFile } = getConfig();
  migrateDatabase(getDb());
  console.log(`[gatehouse] ${databaseFile} is up to date.`);
} catch (error) {
  console.error(error instanceof ConfigError ? `[gatehouse] ${error.message}` : error);
  process.exit(1);
}
