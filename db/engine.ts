import type { SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { EngineName } from './location';
import type * as schema from './schema/sqlite';

/**
 * What lib/ builds queries with. The builders are typed as SQLite's; the calls lib/ makes
 * (select, insert, update, delete, returning, onConflict…, awaited, never `.all()`/`.get()`/
 * `.run()`) mean the same on every engine.
 */
export type Db = BetterSQLite3Database<typeof schema>;

export type LineBatch = { bytes: Uint8Array; count: number; last: Record<string, unknown> | null };

/** What differs between database engines, behind one interface chosen once at start-up. */
export interface Engine {
  readonly name: EngineName;
  /** For reads outside a transaction. */
  readonly reader: Db;
  /**
   * For the reads of searches and counts (see inSearchLane in db/client.ts): connections of
   * their own, so however many heavy searches are in flight, quick reads (a token's owner, a
   * profile) never queue behind them.
   */
  readonly searchReader: Db;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * `inSearchLane`: begun by a search (a count under a time limit), so it holds one of the
   * search connections where the engine has them apart.
   */
  transaction<T>(work: (tx: Db) => Promise<T>, options?: { inSearchLane?: boolean }): Promise<T>;
  /** The rows of a hand-written statement, run on `db` (the reader or a transaction). */
  rows<T>(db: Db, query: SQL): Promise<T[]>;
  /**
   * A statement whose first column is a line of text: every row's line, each ended by a
   * newline, as UTF-8 bytes, and the last row's columns by name. For streaming files the
   * database writes itself: on SQLite the bytes are made on the statement's thread and handed
   * over without a copy, so no row becomes an object on the thread that serves requests.
   */
  lines(db: Db, query: SQL): Promise<LineBatch>;
  /** Runs a hand-written write statement on `db`; answers how many rows it changed. */
  execute(db: Db, query: SQL): Promise<number>;
  /** The expression naming a row physically, for batched deletes (SQLite's rowid, PostgreSQL's ctid). */
  readonly rowKey: SQL;
  /** Appended to the SELECT that picks a job to claim, so two instances never claim the same one. */
  readonly claimLock: SQL;
  /** Inside a transaction: waits for, then holds until commit, the lock named `name` (no-op where writes are serialised anyway). */
  lockFor(db: Db, name: string): Promise<void>;
  /** Before a batch's write transaction: reads what it will touch, so the transaction holds the writer briefly. */
  warmBatch(table: string, column: string, value: string, batchSize: number): Promise<void>;
  /** After a batch of writes: lets the engine do its housekeeping a little at a time. */
  afterBatch(): Promise<void>;
  /** Whether an error is a unique-constraint violation (two writers racing for one key). */
  isUniqueViolation(error: unknown): boolean;
  /** Whether an error means the database cannot be reached right now (answered 503, retried later). */
  isUnavailable(error: unknown): boolean;
  /** Whether an error at start-up means DATABASE_URL itself is wrong: nothing answers there, or it refuses the credentials or the database name. */
  isConnectionRefusal(error: unknown): boolean;
  migrate(): Promise<void>;
  /** Refreshes the planner's statistics where they are stale. */
  optimize(): Promise<void>;
  close(): Promise<void>;
}
