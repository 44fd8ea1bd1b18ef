import { getTableColumns, getTableName, is, SQL, StringChunk, type Column, type InferInsertModel, type InferSelectModel, type Table } from 'drizzle-orm';
import { getEngine, transaction } from './client';

/**
 * Many rows into one table, a few hundred per statement, in the enclosing transaction (or
 * their own): for the batch writers (an import's users and the audit events of its batch).
 *
 * Drizzle's own multi-row insert wraps every value in a parameter object and tests each one
 * against every kind of query part before it is bound: for an import batch of 400 users that
 * building took longer than SQLite took to write them, all of it on the event loop that serves
 * requests (measured: a third of an import's main-thread time). Here each value is mapped by
 * its column as drizzle maps it and bound as it is, so building a statement costs little more
 * than joining its text.
 *
 * A value left out (undefined) takes the column's default: its SQL expression written in the
 * statement, its constant, or null.
 */
export function insertMany<T extends Table>(table: T, rows: InferInsertModel<T>[]): Promise<void> {
  return run(table, rows, null).then(() => undefined);
}

/** insertMany, answering the inserted rows as drizzle's `.returning()` does: every field, or only `fields`. */
export function insertManyReturning<T extends Table, K extends keyof InferSelectModel<T> & string = keyof InferSelectModel<T> & string>(
  table: T,
  rows: InferInsertModel<T>[],
  fields?: K[],
): Promise<Pick<InferSelectModel<T>, K>[]> {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  return run(table, rows, fields ? columns.filter(([key]) => (fields as string[]).includes(key)) : columns) as Promise<Pick<InferSelectModel<T>, K>[]>;
}

/**
 * Bound values per statement: well inside SQLite's 32,766 and PostgreSQL's 65,535, and small
 * enough that building one takes a millisecond or two of the event loop (each statement's
 * round trip hands the loop back).
 */
const MAX_VALUES_PER_STATEMENT = 2_000;

async function run<T extends Table>(table: T, rows: InferInsertModel<T>[], returning: [string, Column][] | null): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const allColumns = Object.entries(getTableColumns(table)) as [string, Column][];
  // The columns any row gives a value for; the others keep their defaults by being left out.
  const given = allColumns.filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const head = `insert into "${getTableName(table)}" (${given.map(([, column]) => `"${column.name}"`).join(', ')}) values `;
  const perStatement = Math.max(1, Math.floor(MAX_VALUES_PER_STATEMENT / given.length));
  const answered: Record<string, unknown>[] = [];
  await transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunks: unknown[] = [new StringChunk(head)];
      rows.slice(start, start + perStatement).forEach((row, index) => {
        chunks.push(new StringChunk(index === 0 ? '(' : '), ('));
        given.forEach(([key, column], i) => {
          if (i > 0) chunks.push(new StringChunk(', '));
          chunks.push(boundValue(column, (row as Record<string, unknown>)[key]));
        });
      });
      chunks.push(new StringChunk(returning ? `) returning ${returning.map(([, column]) => `"${column.name}"`).join(', ')}` : ')'));
      const inserted = await getEngine().rows<Record<string, unknown>>(tx, new SQL(chunks as SQL['queryChunks']));
      if (returning) for (const raw of inserted) answered.push(fromDriver(returning, raw));
    }
  });
  return answered;
}

/** A value as drizzle would bind it for `column` (a plain value, so the builder passes it through), or the column's default. */
function boundValue(column: Column, value: unknown): unknown {
  if (value === undefined) {
    if (column.default === undefined) return null;
    if (is(column.default, SQL)) return column.default;
    value = column.default;
  }
  return value === null ? null : column.mapToDriverValue(value);
}

/** A returned row keyed by the table's field names, each value mapped back as drizzle maps it. */
function fromDriver(columns: [string, Column][], raw: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row;
}
