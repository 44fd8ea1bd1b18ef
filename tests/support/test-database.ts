import type { SQL } from 'drizzle-orm';
import { getEngine, queryRows, transaction } from '@/db/client';
import type { Db, Engine } from '@/db/engine';
import { createPostgresEngine } from '@/db/engines/postgres';
import { createSqliteEngine } from '@/db/engines/sqlite';
import { databaseFileOf, engineOf, type EngineName } from '@/db/location';

/**
 * A test's hands on a server's database, alike on SQLite and PostgreSQL. Reads are awaited
 * Drizzle queries on `db` (never `.all()`, `.get()` or `.run()`, which only SQLite's driver
 * has); writes go through `write()`, in a transaction, as in lib/ (SQLite's engine reads
 * through a read-only connection); hand-written SQL through `rows()` and `count()`.
 */
export type TestDatabase = {
  engine: EngineName;
  db: Db;
  write: <T>(work: (tx: Db) => Promise<T>) => Promise<T>;
  rows: <T>(query: SQL) => Promise<T[]>;
  /** The single value a query answers (a count), as a number: PostgreSQL hands a bigint over as a string. */
  count: (query: SQL) => Promise<number>;
  /** Runs a hand-written write statement in a transaction of its own; answers how many rows it changed. */
  execute: (query: SQL) => Promise<number>;
};

function handleOn(engine: Engine, write: TestDatabase['write'], rows: TestDatabase['rows']): TestDatabase {
  return {
    engine: engine.name,
    db: engine.reader,
    write,
    rows,
    async count(query) {
      const [row] = await rows<Record<string, unknown>>(query);
      return Number(Object.values(row)[0]);
    },
    execute: (query) => write((tx) => engine.execute(tx, query)),
  };
}

/** The database DATABASE_URL names, through this process's own engine: the one lib/ functions called by the test use. */
export function appDatabase(): TestDatabase {
  return handleOn(getEngine(), transaction, queryRows);
}

/** Another server's database (one a test started for itself), on an engine of its own; close it when done. */
export function openServerDatabase(url: string): TestDatabase & { close: () => Promise<void> } {
  const engine = engineOf(url) === 'postgres' ? createPostgresEngine(url) : createSqliteEngine(databaseFileOf(url));
  return {
    ...handleOn(
      engine,
      (work) => engine.transaction(work),
      (query) => engine.rows(engine.reader, query),
    ),
    close: () => engine.close(),
  };
}
