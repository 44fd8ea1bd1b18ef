// @ts-check
/**
 * One SQLite connection on a worker thread of its own (see db/engines/sqlite.ts). better-sqlite3
 * runs each statement synchronously: here, a slow query holds this thread and nobody else's
 * request. Plain JavaScript, as Node starts worker threads from files it can run as they are.
 *
 * Messages in: `{ id, op, sql?, params?, ... }`; out: `{ id, result }` or `{ id, error }`.
 */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { parentPort, workerData } from 'node:worker_threads';
import { lineBytes } from './line-bytes.mjs';
import { openConnection } from './sqlite-connection.mjs';

/** @type {{ file: string, readonly: boolean }} */
const { file, readonly } = workerData;
const connection = openConnection(file, { readonly });

/**
 * Prepared statements by their text. A page or a batch runs the same few statements thousands
 * of times, and preparing each again costs CPU and garbage. Texts vary only with the length
 * of an `IN (…)` list, so the map stays small; it is emptied if it ever grows past the bound.
 * @type {Map<string, import('better-sqlite3').Statement>}
 */
const statements = new Map();
const MAX_STATEMENTS = 500;
function prepared(/** @type {string} */ text) {
  let statement = statements.get(text);
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statement = connection.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}

/**
 * What each message asks. `all`, `values` and `get` answer rows as arrays, as drizzle maps
 * them to its fields; `objects` answers rows keyed by column name (hand-written statements).
 * @type {Record<string, (message: any) => unknown>}
 */
const operations = {
  all: ({ sql, params }) => prepared(sql).raw(true).all(...params),
  values: ({ sql, params }) => prepared(sql).raw(true).all(...params),
  get: ({ sql, params }) => prepared(sql).raw(true).get(...params),
  objects: ({ sql, params }) => {
    const statement = prepared(sql);
    return statement.reader ? statement.raw(false).all(...params) : (statement.run(...params), []);
  },
  lines: ({ sql, params }) => lines(prepared(sql), params),
  run: ({ sql, params }) => ({ changes: prepared(sql).run(...params).changes }),
  exec: ({ sql }) => void connection.exec(sql),
  rollbackIfOpen: () => void (connection.inTransaction && connection.exec('ROLLBACK')),
  pragma: ({ sql }) => connection.pragma(sql),
  migrate: ({ folder }) => migrate(drizzle(connection), { migrationsFolder: folder }),
  warm: ({ table, column, value, batchSize }) => warmBatch(table, column, value, batchSize),
  close: () => connection.close(),
};

/**
 * Every row's first column as a line, as UTF-8 bytes (handed to the caller without a copy), and
 * the last row's columns by name. Rows are read one at a time, so none outlives its line.
 */
function lines(/** @type {import('better-sqlite3').Statement} */ statement, /** @type {unknown[]} */ params) {
  let count = 0;
  /** @type {unknown[] | null} */
  let lastRow = null;
  function* firstColumns() {
    for (const row of /** @type {IterableIterator<unknown[]>} */ (statement.raw(true).iterate(...params))) {
      count += 1;
      lastRow = row;
      yield String(row[0]);
    }
  }
  const bytes = lineBytes(firstColumns());
  const row = /** @type {unknown[] | null} */ (lastRow);
  const last = row ? Object.fromEntries(statement.columns().map((column, i) => [column.name, row[i]])) : null;
  return { bytes, count, last };
}

/** @type {Map<string, string[]>} */
const warmQueries = new Map();

/** One query per index of the table that reads the index entries of a batch of rows (a JSON array of rowids). */
function warmQueriesOf(/** @type {string} */ table) {
  let queries = warmQueries.get(table);
  if (queries) return queries;
  // A partial index cannot be forced (INDEXED BY) on a query its WHERE does not imply: SQLite
  // answers "no query solution" and the whole step fails. Such an index is left cold.
  const indexes = /** @type {Array<{ name: string, partial: number }>} */ (connection.pragma(`index_list(${table})`));
  queries = indexes.flatMap(({ name: index, partial }) => {
    if (partial) return [];
    const columns = /** @type {Array<{ name: string | null }>} */ (connection.pragma(`index_info(${index})`)).map((column) => column.name);
    if (columns.includes(null)) return [];
    const list = columns.map((column) => `"${column}"`).join(', ');
    return [`SELECT count(*) FROM ${table} INDEXED BY "${index}" WHERE (${list}) IN (SELECT ${list} FROM ${table} WHERE rowid IN (SELECT value FROM json_each(?)))`];
  });
  warmQueries.set(table, queries);
  return queries;
}

/**
 * Reads, outside any transaction, every page that changing these rows will touch: the rows
 * themselves and their entry in each of the table's indexes. The write transaction that
 * follows then finds them in this connection's cache instead of waiting on the disk while it
 * holds the writer, which on a busy disk can take hundreds of milliseconds per page.
 */
function warmBatch(/** @type {string} */ table, /** @type {string} */ column, /** @type {string} */ value, /** @type {number} */ batchSize) {
  const rowids = prepared(`SELECT rowid FROM ${table} WHERE ${column} = ? LIMIT ${batchSize}`).raw(false).pluck().all(value);
  if (rowids.length === 0) return;
  const batch = JSON.stringify(rowids);
  for (const query of warmQueriesOf(table)) prepared(query).raw(false).pluck(false).get(batch);
}

parentPort?.on('message', (message) => {
  try {
    const result = operations[message.op](message);
    // A line batch's bytes move to the caller's thread rather than being copied.
    const transfer = message.op === 'lines' ? [/** @type {{ bytes: Uint8Array }} */ (result).bytes.buffer] : [];
    parentPort?.postMessage({ id: message.id, result }, transfer);
  } catch (error) {
    const { message: text, code, name } = /** @type {{ message: string, code?: string, name: string }} */ (error);
    parentPort?.postMessage({ id: message.id, error: { message: text, code, name } });
  }
});
