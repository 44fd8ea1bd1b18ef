import Database, { type Statement } from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Db, Engine } from '../engine';
import * as schema from '../schema/sqlite';

/** A writable connection with the SQLite-specific handle, for scripts and tests that work on the file directly. */
export type SqliteDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations', 'sqlite');

function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: the hot index pages of a million-user table stay in memory.
  sqlite.pragma('cache_size = -65536');
}

/** Opens a SQLite file for writing with the pragmas every connection needs. */
export function openDatabase(file: string): SqliteDb {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  applyPragmas(sqlite);
  return drizzle(sqlite, { schema }) as SqliteDb;
}

export function migrateDatabase(db: SqliteDb): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** The error drizzle wraps, or the error itself: drizzle reports a failed query with the driver's error as its cause. */
function driverError(error: unknown): { code?: string } {
  const cause = (error as { cause?: unknown }).cause;
  return (cause && typeof cause === 'object' ? cause : error) as { code?: string };
}

/**
 * Reads, outside any transaction, every page that changing these rows will touch: the rows
 * themselves and their entry in each of the table's indexes. The write transaction that
 * follows then finds them in memory instead of waiting on the disk while it holds the
 * writer, which on a busy disk can take hundreds of milliseconds per page.
 */
function pageWarmer(connection: Database.Database) {
  // Prepared once: a deletion runs thousands of batches, and preparing every statement again
  // costs CPU and garbage, whose collection can pause inside a transaction.
  const statements = new Map<string, Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = connection.prepare(text)));
    return statement;
  };
  const warmQueries = new Map<string, string[]>();
  /** One query per index of the table that reads the index entries of a batch of rows (a JSON array of rowids). */
  const warmQueriesOf = (table: string) => {
    let queries = warmQueries.get(table);
    if (queries) return queries;
    // A partial index cannot be forced (INDEXED BY) on a query its WHERE does not imply: SQLite
    // answers "no query solution" and the whole step fails. Such an index is left cold.
    queries = (connection.pragma(`index_list(${table})`) as Array<{ name: string; partial: number }>).flatMap(({ name: index, partial }) => {
      if (partial) return [];
      const columns = (connection.pragma(`index_info(${index})`) as Array<{ name: string | null }>).map((column) => column.name);
      if (columns.includes(null)) return [];
      const list = columns.map((column) => `"${column}"`).join(', ');
      return [`SELECT count(*) FROM ${table} INDEXED BY "${index}" WHERE (${list}) IN (SELECT ${list} FROM ${table} WHERE rowid IN (SELECT value FROM json_each(?)))`];
    });
    warmQueries.set(table, queries);
    return queries;
  };
  return (table: string, column: string, value: string, batchSize: number) => {
    const rowids = prepared(`SELECT rowid FROM ${table} WHERE ${column} = ? LIMIT ${batchSize}`).pluck().all(value) as number[];
    if (rowids.length === 0) return;
    const batch = JSON.stringify(rowids);
    for (const query of warmQueriesOf(table)) prepared(query).get(batch);
  };
}

/**
 * SQLite: one writer connection and one read-only reader. Writes run one transaction at a
 * time through a queue, so no two requests interleave statements inside one transaction,
 * and reads outside a transaction see only committed rows (WAL snapshots). A write attempted
 * on the reader fails loudly instead of escaping its transaction.
 */
export function createSqliteEngine(file: string): Engine {
  const writer = openDatabase(file);
  const readerConnection = new Database(file, { readonly: true, fileMustExist: true });
  applyPragmas(readerConnection);
  const reader = drizzle(readerConnection, { schema });
  let queue: Promise<unknown> = Promise.resolve();
  // Through the writer: each connection has its own page cache, and the writer's is the one the
  // batch's transaction reads. Read-only statements, so running inside another request's open
  // transaction would change nothing.
  const warm = pageWarmer(writer.$client);
  // Hand-written write statements, prepared once each (see pageWarmer for why).
  const writeStatements = new Map<string, Statement>();
  const dialect = new SQLiteSyncDialect();

  return {
    name: 'sqlite',
    reader: reader as unknown as Db,
    transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        writer.$client.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(writer as unknown as Db);
          writer.$client.exec('COMMIT');
          return result;
        } catch (error) {
          if (writer.$client.inTransaction) writer.$client.exec('ROLLBACK');
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async rows<T>(db: Db, query: SQL): Promise<T[]> {
      return db.all<T>(query);
    },
    async execute(db: Db, query: SQL): Promise<number> {
      const { sql: text, params } = dialect.sqlToQuery(query);
      // Only the writer writes: outside a transaction `db` is the read-only reader, which refuses.
      const connection = db === (writer as unknown as Db) ? writer.$client : readerConnection;
      let statement = connection === writer.$client ? writeStatements.get(text) : undefined;
      if (!statement) {
        statement = connection.prepare(text);
        if (connection === writer.$client) writeStatements.set(text, statement);
      }
      return statement.run(...params).changes;
    },
    rowKey: sql.raw('rowid'),
    // Write transactions run one at a time (BEGIN IMMEDIATE): the claim's SELECT is already exclusive.
    claimLock: sql``,
    async lockFor() {},
    async warmBatch(table, column, value, batchSize) {
      warm(table, column, value, batchSize);
    },
    async afterBatch() {
      // Copy the batch into the database file now, a little at a time, rather than let the
      // automatic checkpoint copy thousands of pages at once inside a later COMMIT. A passive
      // checkpoint never waits for, or holds up, readers and writers.
      writer.$client.pragma('wal_checkpoint(PASSIVE)');
    },
    isUniqueViolation: (error) => ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(driverError(error).code ?? ''),
    // A file on this machine: never away in a way a retry would mend.
    isUnavailable: () => false,
    isConnectionRefusal: () => false,
    async migrate() {
      migrateDatabase(writer);
    },
    async optimize() {
      // Refreshes the planner's statistics where they are stale, so searches keep their indexes.
      writer.$client.pragma('optimize=0x10002');
    },
    async close() {
      await queue;
      readerConnection.close();
      writer.$client.close();
    },
  };
}
