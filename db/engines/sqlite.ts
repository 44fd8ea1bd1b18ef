import type Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { drizzle as drizzleProxy } from 'drizzle-orm/sqlite-proxy';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db, Engine, LineBatch } from '../engine';
import * as schema from '../schema/sqlite';
import { openConnection } from './sqlite-connection.mjs';

/** A writable connection with the SQLite-specific handle, for scripts and tests that work on the file directly. */
export type SqliteDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations', 'sqlite');
// Started from its file as it is: worker threads run files Node can load, outside the app's bundle.
const THREAD_FILE = path.join(process.cwd(), 'db', 'engines', 'sqlite-thread.mjs');

/** Opens a SQLite file for writing on this thread, for scripts (seeding, benchmarks) that work on the file directly. */
export function openDatabase(file: string): SqliteDb {
  return drizzle(openConnection(file, { readonly: false }), { schema }) as SqliteDb;
}

export function migrateDatabase(db: SqliteDb): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** The error drizzle wraps, or the error itself: drizzle reports a failed query with the driver's error as its cause. */
function driverError(error: unknown): { code?: string } {
  const cause = (error as { cause?: unknown }).cause;
  return (cause && typeof cause === 'object' ? cause : error) as { code?: string };
}

type Message = { op: string } & Record<string, unknown>;
type Reply = { id: number; result?: unknown; error?: { message: string; code?: string; name: string } };

/**
 * A connection living on a worker thread (sqlite-thread.mjs). Its statements run there one
 * after another while this thread's event loop serves other requests. The thread keeps the
 * process alive only while it has calls to answer.
 */
class ConnectionThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(file: string, options: { readonly: boolean }) {
    this.worker = new Worker(THREAD_FILE, { workerData: { file, readonly: options.readonly } });
    this.worker.unref();
    this.worker.on('message', ({ id, result, error }: Reply) => {
      const call = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref();
      if (error) call?.reject(Object.assign(new Error(error.message), { code: error.code, name: error.name }));
      else call?.resolve(result);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`The SQLite thread stopped (exit code ${code}).`)));
  }

  /** Calls waiting for an answer: the pool gives new work to the least busy thread. */
  get load(): number {
    return this.pending.size;
  }

  call<T>(message: Message): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = (this.nextId += 1);
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: 'close' });
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}

/** Drizzle on a connection thread: queries are built here and run there. */
function drizzleOn(route: () => ConnectionThread): Db {
  return drizzleProxy(async (text, params, method) => ({ rows: await route().call<unknown[]>({ op: method, sql: text, params }) }), { schema }) as unknown as Db;
}

/**
 * Reader threads per server process, for quick reads and for searches (Engine.searchReader)
 * apart: however many searches are in flight, a token lookup finds a thread free. Two of each,
 * so one long statement does not hold up the next; with one server process per core, every
 * core has threads of each kind to run.
 */
const READER_THREADS = 2;
const SEARCH_THREADS = 2;

/**
 * SQLite: every statement runs on a worker thread, so no query holds up the event loop that
 * serves other requests. One writer thread runs write transactions one at a time through a
 * queue (no two requests interleave statements inside one transaction); reads outside a
 * transaction go to the least busy read-only thread of their lane (quick reads or searches),
 * which sees only committed rows (WAL snapshots). A write attempted outside a transaction fails loudly instead of
 * escaping it.
 */
export function createSqliteEngine(file: string): Engine {
  // Creates the file and turns on WAL before the read-only readers open it.
  openConnection(file, { readonly: false }).close();
  const writerThread = new ConnectionThread(file, { readonly: false });
  const readerThreads = Array.from({ length: READER_THREADS }, () => new ConnectionThread(file, { readonly: true }));
  // At the same CPU priority as the rest: a lower one (nice 10) starved the users list whenever
  // the cores were busy (its p99 tripled during an import) and bought sign-ins under heavy
  // searches nothing bench:http could measure.
  const searchThreads = Array.from({ length: SEARCH_THREADS }, () => new ConnectionThread(file, { readonly: true }));
  const leastBusy = (threads: ConnectionThread[]) => () => threads.reduce((best, thread) => (thread.load < best.load ? thread : best));
  const pickReader = leastBusy(readerThreads);
  const pickSearcher = leastBusy(searchThreads);
  const writer = drizzleOn(() => writerThread);
  const reader = drizzleOn(pickReader);
  const searchReader = drizzleOn(pickSearcher);
  const threadOf = (db: Db) => (db === writer ? writerThread : db === searchReader ? pickSearcher() : pickReader());
  let queue: Promise<unknown> = Promise.resolve();
  const dialect = new SQLiteSyncDialect();

  return {
    name: 'sqlite',
    reader,
    searchReader,
    transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        await writerThread.call({ op: 'exec', sql: 'BEGIN IMMEDIATE' });
        try {
          const result = await work(writer);
          await writerThread.call({ op: 'exec', sql: 'COMMIT' });
          return result;
        } catch (error) {
          await writerThread.call({ op: 'rollbackIfOpen' });
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async rows<T>(db: Db, query: SQL): Promise<T[]> {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return await threadOf(db).call<T[]>({ op: 'objects', sql: text, params });
    },
    async lines(db: Db, query: SQL): Promise<LineBatch> {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return await threadOf(db).call<LineBatch>({ op: 'lines', sql: text, params });
    },
    async execute(db: Db, query: SQL): Promise<number> {
      if (db !== writer) throw new Error('A write statement ran outside a transaction: wrap it in transaction().');
      const { sql: text, params } = dialect.sqlToQuery(query);
      return (await writerThread.call<{ changes: number }>({ op: 'run', sql: text, params })).changes;
    },
    rowKey: sql.raw('rowid'),
    // Write transactions run one at a time (BEGIN IMMEDIATE): the claim's SELECT is already exclusive.
    claimLock: sql``,
    async lockFor() {},
    async warmBatch(table, column, value, batchSize) {
      // On the writer's thread: each connection has its own page cache, and the writer's is the
      // one the batch's transaction reads. Read-only statements, so running between another
      // request's statements inside its open transaction changes nothing.
      await writerThread.call({ op: 'warm', table, column, value, batchSize });
    },
    async afterBatch() {
      // Copy the batch into the database file now, a little at a time, rather than let the
      // automatic checkpoint copy thousands of pages at once inside a later COMMIT. A passive
      // checkpoint never waits for, or holds up, readers and writers. It takes its turn between
      // transactions: inside another request's open one, SQLite refuses it ("database table is
      // locked"), which failed a bulk job whose polling kept a token's write transaction open.
      const checkpoint = queue.then(() => writerThread.call({ op: 'pragma', sql: 'wal_checkpoint(PASSIVE)' }));
      queue = checkpoint.catch(() => undefined);
      await checkpoint;
    },
    isUniqueViolation: (error) => ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(driverError(error).code ?? ''),
    // A file on this machine: never away in a way a retry would mend.
    isUnavailable: () => false,
    isConnectionRefusal: () => false,
    async migrate() {
      await writerThread.call({ op: 'migrate', folder: MIGRATIONS_FOLDER });
    },
    async optimize() {
      // Refreshes the planner's statistics where they are stale, so searches keep their indexes.
      await writerThread.call({ op: 'pragma', sql: 'optimize=0x10002' });
    },
    async close() {
      await queue;
      await Promise.all([writerThread, ...readerThreads, ...searchThreads].map((thread) => thread.close()));
    },
  };
}
