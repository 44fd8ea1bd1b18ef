import { inject } from 'vitest';

/**
 * The API server's own database, opened by the test for setup the API cannot do yet
 * (for example, a non-admin account). Must be called before anything else touches lib/.
 */
export async function useServerDatabase() {
  process.env.DATABASE_URL = `file:${inject('databaseFile')}`;
  const [{ getDb }, schema, users, tokens] = await Promise.all([import('@/db/client'), import('@/db/schema'), import('@/lib/users/users'), import('@/lib/auth/tokens')]);
  return { db: getDb(), schema, users, tokens };
}
