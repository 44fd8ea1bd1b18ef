import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { databaseFileOf } from './location';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations', 'sqlite');

/** Opens a SQLite file with the pragmas every connection needs. */
export function openDatabase(file: string): Db {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache: the hot index pages of a million-user table stay in memory.
  sqlite.pragma('cache_size = -65536');
  return drizzle(sqlite, { schema }) as Db;
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

// Cached on globalThis so dev-mode module reloads share one connection.
const holder = globalThis as typeof globalThis & { gatehouseDb?: Db };

/** The process's one connection, opened on first use (never at import, so `next build` touches no database). */
export function getDb(): Db {
  holder.gatehouseDb ??= openDatabase(databaseFileOf(process.env.DATABASE_URL));
  return holder.gatehouseDb;
}
