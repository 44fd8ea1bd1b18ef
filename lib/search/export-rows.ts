import { sql, type SQL } from 'drizzle-orm';
import { inSearchLane, queryRows } from '@/db/client';
import { users } from '@/db/schema';
import type { UserExportColumn, UserExportQuery } from '@/lib/users/schemas';
import type { CursorPosition } from './cursor';
import { searchDialect } from './dialects';
import { batchSql, prepareQuery, type BatchStart, type PreparedQuery, type TenantRestriction } from './planner';

/** A value of an exported row: text, a number, a list (scopes, tenants, vendor), an object (metadata) or nothing. */
export type ExportValue = string | number | string[] | Record<string, unknown> | null;
export type ExportRow = Partial<Record<UserExportColumn, ExportValue>>;

type RelationColumn = 'scopes' | 'tenants';
type UserColumn = Exclude<UserExportColumn, RelationColumn>;

const TIMESTAMPS = new Set<UserColumn>(['createdAt', 'updatedAt', 'lastSignInAt']);
const JSON_COLUMNS = new Set<UserColumn>(['vendor', 'metadata']);

/** Engines answer timestamps as epoch milliseconds (SQLite) or Dates (PostgreSQL), JSON as text or parsed: one form for both. */
function normalized(column: UserColumn, value: unknown): ExportValue {
  if (value === null || value === undefined) return null;
  if (TIMESTAMPS.has(column)) return new Date(value as number | Date).toISOString();
  if (JSON_COLUMNS.has(column)) return typeof value === 'string' ? (JSON.parse(value) as ExportValue) : (value as ExportValue);
  return value as ExportValue;
}

type BatchRow = Record<string, unknown> & { pk: number; sortValue: unknown };

/**
 * A relation as one space-separated text in the user's row (scopes and slugs hold no spaces),
 * looked up on its index by a subquery: a second query per batch, with every id of the batch
 * as a parameter, halved the export's speed.
 */
function relationColumn(column: RelationColumn): SQL {
  const { spaceSeparated } = searchDialect();
  return column === 'scopes'
    ? sql`(SELECT ${spaceSeparated(sql`s.scope`)} FROM user_scopes s WHERE s.user_id = u.id) AS "scopes"`
    : sql`(SELECT ${spaceSeparated(sql`t.slug`)} FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE m.user_id = u.id) AS "tenants"`;
}

/**
 * Reads the users matching a list query in batches of `batchSize`, keyset by keyset, with only
 * the chosen columns, scopes and tenant slugs included in the same query. While a batch is
 * being written out, the next one is already being read (on SQLite, on a search thread), so
 * reading and writing overlap. `next()` answers null after the last batch.
 *
 * The query is planned and its first batch read before this resolves, so a bad filter throws
 * here and not halfway through a download.
 */
export async function openUserBatches(
  query: UserExportQuery,
  restriction: TenantRestriction,
  columns: readonly UserExportColumn[],
  batchSize: number,
): Promise<{ next: () => Promise<ExportRow[] | null> }> {
  const selectList = sql.join(
    columns.map((column) => (column === 'scopes' || column === 'tenants' ? relationColumn(column) : sql`${sql.raw(`u.${users[column].name}`)} AS ${sql.identifier(column)}`)),
    sql`, `,
  );
  const prepared = await inSearchLane(async (): Promise<PreparedQuery> => {
    const planned = await prepareQuery(query, restriction);
    // No page to fill quickly: every match is read, so the pattern's first look is taken now.
    return planned.walkFirst ? await planned.walkFirst.afterFirstLook() : planned;
  });
  const toCursorValue = searchDialect().cursorValue ?? ((value: unknown) => value as string | number);
  let after: CursorPosition | null = null;
  let finished = false;

  const readBatch = () =>
    inSearchLane(async (): Promise<ExportRow[] | null> => {
      if (finished) return null;
      const read = (start: BatchStart | null, limit: number) => queryRows<BatchRow>(batchSql(prepared, selectList, start, limit));
      const from = after;
      // The rest of the cursor's sort value, then the values past it (see BatchStart).
      const ties = from ? await read({ after: from, ties: true }, batchSize) : [];
      const rows = ties.length < batchSize ? ties.concat(await read(from && { after: from, ties: false }, batchSize - ties.length)) : ties;
      const last = rows.at(-1);
      if (rows.length < batchSize || !last) finished = true;
      if (last) after = { value: toCursorValue(last.sortValue), pk: Number(last.pk) };
      if (rows.length === 0) return null;
      return rows.map((row) => {
        const record: ExportRow = {};
        for (const column of columns) {
          if (column === 'scopes' || column === 'tenants') record[column] = row[column] ? (row[column] as string).split(' ') : [];
          else record[column] = normalized(column, row[column]);
        }
        return record;
      });
    });

  // Each read starts when the previous one is handed out; a read nobody takes (the download
  // was cancelled) must not end the process as an unhandled rejection.
  let upcoming = readBatch();
  upcoming.catch(() => undefined);
  await upcoming;
  return {
    next() {
      const current = upcoming;
      upcoming = current.then((rows) => (rows ? readBatch() : null));
      upcoming.catch(() => undefined);
      return current;
    },
  };
}
