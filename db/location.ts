import path from 'node:path';

export const DEFAULT_DATABASE_URL = 'file:data/gatehouse.db';

/** The SQLite file a DATABASE_URL names; unset or empty is the default. lib/server/config.ts checks the variable at start-up. */
export function databaseFileOf(url: string | undefined): string {
  return path.resolve((url || DEFAULT_DATABASE_URL).replace(/^file:/, ''));
}
