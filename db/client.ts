import { AsyncLocalStorage } from 'node:async_hooks';
import type { SQL } from 'drizzle-orm';
import type { Db, Engine, LineBatch } from './engine';
import { createPostgresEngine } from './engines/postgres';
import { createSqliteEngine } from './engines/sqlite';
import { databaseFileOf, engineOf } from './location';

export type { Db } from './engine';

// Cached on globalThis so dev-mode module reloads share one engine.
const holder = globalThis as typeof globalThis & { gatehouseEngine?: Engine };

/** An engine standing in for the process's one during a call (withEngine). */
const engineOverride = new AsyncLocalStorage<Engine>();

/** The process's database engine, opened on first use (never at import, so `next build` touches no database). */
export function getEngine(): Engine {
  const override = engineOverride.getStore();
  if (override) return override;
  const url = process.env.DATABASE_URL;
  holder.gatehouseEngine ??= engineOf(url) === 'postgres' ? createPostgresEngine(url!) : createSqliteEngine(databaseFileOf(url));
  return holder.gatehouseEngine;
}

/**
 * Runs `work` (and everything it awaits) on `engine` instead of the process's engine: for
 * tests and tools that play several instances sharing one database inside one process.
 */
export function withEngine<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  return engineOverride.run(engine, work);
}

/** The transaction the current call runs in, so helpers called inside one read and write through it, and what it does last. */
type OpenTransaction = { tx: Db; beforeCommit: Array<() => Promise<void>>; state: Map<object, unknown> };
const currentTransaction = new AsyncLocalStorage<OpenTransaction>();

/** Set while a search or count runs: its reads go to the engine's search connections. */
const searchLane = new AsyncLocalStorage<true>();

/**
 * Runs `work` (and everything it awaits) with its reads on the engine's search connections
 * (Engine.searchReader): for the users list, counts and exports, whose queries may take
 * long, so they wait for each other and never hold up anyone else's quick reads.
 */
export function inSearchLane<T>(work: () => Promise<T>): Promise<T> {
  return searchLane.run(true, work);
}

/** The handle for a query: the enclosing transaction's, or outside one the reader of the current lane. */
export function getDb(): Db {
  const engine = getEngine();
  return currentTransaction.getStore()?.tx ?? (searchLane.getStore() ? engine.searchReader : engine.reader);
}

/**
 * Runs `work` in a transaction; every write goes through here. Called inside another
 * transaction, it joins that one, so a helper that writes can be used on its own or as part
 * of a larger change.
 */
export function transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
  const enclosing = currentTransaction.getStore();
  if (enclosing) return work(enclosing.tx);
  return getEngine().transaction(
    (tx) => {
      const open: OpenTransaction = { tx, beforeCommit: [], state: new Map() };
      return currentTransaction.run(open, async () => {
        const result = await work(tx);
        for (let hook = open.beforeCommit.shift(); hook; hook = open.beforeCommit.shift()) await hook();
        return result;
      });
    },
    { inSearchLane: searchLane.getStore() === true },
  );
}

/**
 * Inside a transaction: runs `hook` once its work is done, just before it commits (in the
 * order registered). For writes that take a shared lock: taken last, the lock is never held
 * while waiting for another lock, so it cannot close a deadlock.
 */
export function beforeCommit(hook: () => Promise<void>): void {
  openTransaction().beforeCommit.push(hook);
}

/** Inside a transaction: the value filed under `key` for this transaction, created on first ask; it ends with the transaction. */
export function transactionState<T>(key: object, create: () => T): T {
  const { state } = openTransaction();
  if (!state.has(key)) state.set(key, create());
  return state.get(key) as T;
}

function openTransaction(): OpenTransaction {
  const open = currentTransaction.getStore();
  if (!open) throw new Error('Needs an open transaction: call inside transaction().');
  return open;
}

/**
 * A query (its rows typed `Row`) built once per handle (the reader, a lane's, a transaction's) and run with new
 * values (`sql.placeholder(name)`) each time: building drizzle's SQL costs more than an
 * indexed lookup itself, and on PostgreSQL the statement is named, so each connection parses
 * and plans it once. For queries on every request's path.
 */
export function preparedQuery<Row>(name: string, build: (db: Db) => { prepare(): unknown }): (values: Record<string, unknown>) => Promise<Row[]> {
  type Run = (values: Record<string, unknown>) => Promise<Row[]>;
  const byHandle = new WeakMap<Db, Run>();
  return (values) => {
    const db = getDb();
    let run = byHandle.get(db);
    if (!run) {
      // SQLite's prepare() takes no name and ignores one; PostgreSQL's names the server-side statement.
      const statement = (build(db) as unknown as { prepare(name: string): { execute(values: Record<string, unknown>): Promise<Row[]> } }).prepare(name);
      const prepared: Run = (given) => statement.execute(given);
      byHandle.set(db, prepared);
      run = prepared;
    }
    return run(values);
  };
}

/** The rows of a hand-written statement: in the enclosing transaction if there is one. */
export function queryRows<T>(query: SQL): Promise<T[]> {
  return getEngine().rows<T>(getDb(), query);
}

/** The lines a statement writes (see Engine.lines): in the enclosing transaction if there is one. */
export function queryLines(query: SQL): Promise<LineBatch> {
  return getEngine().lines(getDb(), query);
}

/** Runs a hand-written write statement in the enclosing transaction; answers how many rows it changed. */
export function executeStatement(query: SQL): Promise<number> {
  return getEngine().execute(getDb(), query);
}

/** Inside a transaction: holds the lock named `name` until it commits, so two writers that check-then-write take turns. */
export function lockFor(name: string): Promise<void> {
  return getEngine().lockFor(getDb(), name);
}

/** Whether an error means the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return getEngine().isUnavailable(error);
}

/** Whether an error is a unique-constraint violation, on any engine. */
export function isUniqueViolation(error: unknown): boolean {
  return getEngine().isUniqueViolation(error);
}

/** Closes the engine (tests and scripts that end the process cleanly). */
export async function closeDatabase(): Promise<void> {
  const engine = holder.gatehouseEngine;
  holder.gatehouseEngine = undefined;
  await engine?.close();
}
