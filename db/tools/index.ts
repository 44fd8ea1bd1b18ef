import { databaseFileOf, engineOf } from '../location';
import { openPostgresTools } from './postgres';
import { openSqliteTools } from './sqlite';
import type { DatabaseTools } from './types';

export type { DatabaseTools, GeneratedMembership, GeneratedScope, GeneratedUser, UserBatchWriter, UserLoad } from './types';

/** Tools for the database a DATABASE_URL names (a SQLite file by default). */
export function openDatabaseTools(url: string | undefined): DatabaseTools {
  return engineOf(url) === 'postgres' ? openPostgresTools(url!) : openSqliteTools(databaseFileOf(url));
}
