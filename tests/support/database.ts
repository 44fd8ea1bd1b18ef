import { inject } from 'vitest';

/**
 * The API server's own database, opened by the test for setup the API cannot do yet
 * (for example, a non-admin account). Must be called before anything else touches lib/.
 */
export async function useServerDatabase() {
  process.env.DATABASE_URL = `file:${inject('databaseFile')}`;
  const [{ openDatabase }, schema, users, tokens] = await Promise.all([import('@/db/engines/sqlite'), import('@/db/schema'), import('@/lib/users/users'), import('@/lib/auth/tokens')]);
  // A connection of the test's own for setup; lib/ functions go through the engine as the server does.
  return { db: openDatabase(inject('databaseFile')), schema, users, tokens };
}
