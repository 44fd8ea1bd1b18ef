import path from 'node:path';

export const DEFAULT_DATABASE_URL = 'file:data/gatehouse.db';

export type EngineName = 'sqlite' | 'postgres';

/** Which engine a DATABASE_URL names: postgres:// or postgresql:// is PostgreSQL, anything else a SQLite file. */
export function engineOf(url: string | undefined): EngineName {
  return /^postgres(ql)?:\/\//i.test(url ?? '') ? 'postgres' : 'sqlite';
}

/** The SQLite file a DATABASE_URL names; unset or empty is the default. lib/server/config.ts checks the variable at start-up. */
export function databaseFileOf(url: string | undefined): string {
  return path.resolve((url || DEFAULT_DATABASE_URL).replace(/^file:/, ''));
}

/** The URL with its password replaced, for messages and logs. */
export function redactedDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** How to name the database in messages: the PostgreSQL URL without its password, or the SQLite file. */
export function databaseLabelOf(url: string | undefined): string {
  return engineOf(url) === 'postgres' ? redactedDatabaseUrl(url!) : databaseFileOf(url);
}
