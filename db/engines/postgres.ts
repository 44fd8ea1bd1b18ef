import { DrizzleQueryError, sql, type SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import { Pool } from 'pg';
import type { Db, Engine } from '../engine';
import * as schema from '../schema/pg';
import { lineBytes } from './line-bytes.mjs';

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations', 'pg');
/** Held while migrating, so instances starting together migrate one after another. */
const MIGRATION_LOCK = 7_243_001;
const UNIQUE_VIOLATION = '23505';

type PgDb = NodePgDatabase<typeof schema>;

/** The error drizzle wraps, or the error itself: drizzle reports a failed query with the driver's error as its cause. */
function driverError(error: unknown): { code?: string } {
  const cause = (error as { cause?: unknown }).cause;
  return (cause && typeof cause === 'object' ? cause : error) as { code?: string };
}

function newPool(url: string, size: number): Pool {
  const pool = new Pool({ connectionString: url, max: size, connectionTimeoutMillis: 5_000 });
  // An idle connection the server dropped (a restart) is replaced on the next checkout; it must not end the process.
  pool.on('error', (error) => console.error(`[gatehouse] PostgreSQL connection lost: ${error.message}`));
  return pool;
}

/** Connections per process for searches and counts (Engine.searchReader), apart from the main pool. */
const SEARCH_CONNECTIONS = 4;

/**
 * PostgreSQL through node-postgres: one pool per process, shared by every request, and a
 * small one for searches and counts (Engine.searchReader); each
 * transaction holds one pooled connection from BEGIN to COMMIT. Transactions run at READ
 * COMMITTED, PostgreSQL's default: every multi-step write in lib/ either re-checks its
 * condition in the write itself (the ETag's `WHERE version = ?`, a code's `WHERE used_at IS
 * NULL`, a lease's `WHERE lease_owner = ?`, so of two racers one changes a row and the other
 * none) or takes a lock first (lockFor).
 */
export function createPostgresEngine(url: string): Engine {
  const pool = newPool(url, Number(process.env.DATABASE_POOL_SIZE) || 10);
  const searchPool = newPool(url, SEARCH_CONNECTIONS);
  const db: PgDb = drizzle(pool, { schema });
  const searchDb: PgDb = drizzle(searchPool, { schema });
  const pg = (handle: Db) => handle as unknown as PgDb;

  return {
    name: 'postgres',
    reader: db as unknown as Db,
    searchReader: searchDb as unknown as Db,
    transaction: (work, options) => (options?.inSearchLane ? searchDb : db).transaction((tx) => work(tx as unknown as Db)),
    async rows<T>(handle: Db, query: SQL): Promise<T[]> {
      return (await pg(handle).execute(query)).rows as T[];
    },
    async lines(handle, query) {
      const rows = (await pg(handle).execute(query)).rows;
      return { bytes: lineBytes(rows.map((row) => String(Object.values(row)[0]))), count: rows.length, last: rows.at(-1) ?? null };
    },
    async execute(handle, query) {
      try {
        return (await pg(handle).execute(query)).rowCount ?? 0;
      } catch (error) {
        // The driver's own error, as SQLite's engine throws: drizzle's wrapper says only "Failed
        // query" with the statement and its parameters, which a deletion job would then record and show.
        throw error instanceof DrizzleQueryError && error.cause instanceof Error ? error.cause : error;
      }
    },
    rowKey: sql.raw('ctid'),
    claimLock: sql.raw('FOR UPDATE SKIP LOCKED'),
    async lockFor(handle, name) {
      await pg(handle).execute(sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`);
    },
    // Writers do not block readers here, and pages stay in shared buffers: nothing to warm.
    async warmBatch() {},
    async afterBatch() {},
    isUniqueViolation: (error) => driverError(error).code === UNIQUE_VIOLATION,
    isUnavailable(error) {
      const code = driverError(error).code ?? '';
      // Connection refused or reset, or the server shutting down or starting (class 57P, 08).
      return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE'].includes(code) || /^(08|57P)/.test(code) || /Connection terminated|timeout exceeded when trying to connect/i.test(String((error as Error)?.message));
    },
    isConnectionRefusal(error) {
      // Connection failures (class 08), bad credentials (28), an unknown database (3D000).
      return this.isUnavailable(error) || /^(08|28|3D)/.test(driverError(error).code ?? '');
    },
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    async optimize() {
      // Statistics for tables never analysed (a fresh or restored database); autovacuum keeps them fresh after that.
      const { rows } = await pool.query<{ relname: string }>(
        "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() AND last_analyze IS NULL AND last_autoanalyze IS NULL AND n_live_tup > 0",
      );
      for (const { relname } of rows) await pool.query(`ANALYZE ${JSON.stringify(relname)}`);
    },
    async close() {
      await Promise.all([pool.end(), searchPool.end()]);
    },
  };
}
