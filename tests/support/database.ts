import { inject } from 'vitest';

/**
 * The API server's own database, for setup the API cannot do yet (for example, a non-admin
 * account) and for checks, on whichever engine the run uses (see test-database.ts). Call it
 * before anything else touches lib/.
 */
export async function useServerDatabase() {
  process.env.DATABASE_URL = inject('databaseUrl');
  const [{ appDatabase }, schema, users, tokens] = await Promise.all([import('./test-database'), import('@/db/schema'), import('@/lib/users/users'), import('@/lib/auth/tokens')]);
  return { ...appDatabase(), schema, users, tokens };
}
