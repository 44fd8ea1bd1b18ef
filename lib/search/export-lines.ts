import { sql, type SQL } from 'drizzle-orm';
import { inSearchLane, queryLines } from '@/db/client';
import type { LineBatch } from '@/db/engine';
import { users } from '@/db/schema';
import type { UserExportColumn, UserExportFormat, UserExportQuery } from '@/lib/users/schemas';
import type { CursorPosition } from './cursor';
import { searchDialect } from './dialects';
import { batchSql, prepareQuery, type BatchStart, type PreparedQuery, type TenantRestriction } from './planner';

type RelationColumn = 'scopes' | 'tenants';
type UserColumn = Exclude<UserExportColumn, RelationColumn>;

const isRelation = (column: UserExportColumn): column is RelationColumn => column === 'scopes' || column === 'tenants';

const INSTANTS = new Set<UserColumn>(['createdAt', 'updatedAt', 'lastSignInAt']);
const JSON_COLUMNS = new Set<UserColumn>(['vendor', 'metadata']);
// Made by Gatehouse, never typed by a person: no CSV quoting or formula guard to apply.
const GENERATED_TEXT = new Set<UserColumn>(['id', 'version']);

/**
 * A spreadsheet runs a cell starting with one of these as a formula (a name such as
 * "=HYPERLINK(...)" typed at sign-up must not run when an admin opens the file): such a cell
 * is written with a leading quote, as OWASP advises and csv-stringify's escape_formulas does.
 */
const FORMULA_STARTS = '=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20';
/** Characters that make a CSV cell need quotes (RFC 4180). */
const QUOTED_IF_HELD = ['"', ',', '\n', '\r'];

/** A user's scopes or tenant slugs as an ordered subquery of `value`s. */
function relationValues(column: RelationColumn): SQL {
  const { byteOrder } = searchDialect().exportText;
  return column === 'scopes'
    ? sql`SELECT s.scope AS value FROM user_scopes s WHERE s.user_id = u.id ORDER BY ${byteOrder(sql`s.scope`)}`
    : sql`SELECT t.slug AS value FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE m.user_id = u.id ORDER BY ${byteOrder(sql`t.slug`)}`;
}

const userColumn = (column: UserColumn) => sql.raw(`u.${users[column].name}`);

/** A text as one CSV cell: empty for null, guarded against formulas, quoted when it must be. */
function csvCell(text: SQL): SQL {
  const { contains } = searchDialect().exportText;
  // Only reached for a non-empty text: an empty first character would be "contained" in any text.
  const guarded = sql`CASE WHEN ${contains(sql`${FORMULA_STARTS}`, sql`substr(${text}, 1, 1)`)} THEN '''' || ${text} ELSE ${text} END`;
  const needsQuotes = sql.join(
    QUOTED_IF_HELD.map((character) => contains(text, sql`${character}`)),
    sql` OR `,
  );
  return sql`CASE WHEN ${text} IS NULL OR ${text} = '' THEN '' WHEN ${needsQuotes} THEN '"' || replace(${guarded}, '"', '""') || '"' ELSE ${guarded} END`;
}

/** One column's CSV cell: lists space-separated as the users page shows them, JSON columns as JSON text. */
function csvColumn(column: UserExportColumn): SQL {
  const { instant, json, listAsText } = searchDialect().exportText;
  // Scopes and slugs start with a letter or digit and hold no space, quote, comma or line break
  // (scopeNameSchema, tenantSlugSchema): their cell needs neither guard nor quotes.
  if (isRelation(column)) return sql`coalesce(${listAsText(relationValues(column))}, '')`;
  if (INSTANTS.has(column)) return sql`coalesce(${instant(userColumn(column))}, '')`;
  if (GENERATED_TEXT.has(column)) return sql`CAST(${userColumn(column)} AS TEXT)`;
  if (JSON_COLUMNS.has(column)) return csvCell(sql`CAST(${json(userColumn(column))} AS TEXT)`);
  return csvCell(userColumn(column));
}

/** One column's value in an NDJSON line: lists as arrays, timestamps as ISO text, JSON columns as JSON. */
function jsonColumn(column: UserExportColumn): SQL {
  const { instant, json, listAsJson } = searchDialect().exportText;
  if (isRelation(column)) return listAsJson(relationValues(column));
  if (INSTANTS.has(column)) return instant(userColumn(column));
  if (JSON_COLUMNS.has(column)) return json(userColumn(column));
  return userColumn(column);
}

/** The expression of a user's whole line (no line break) in `format`, with `columns` in their order. */
function lineOf(format: UserExportFormat, columns: readonly UserExportColumn[]): SQL {
  if (format === 'csv') return sql.join(columns.map(csvColumn), sql` || ',' || `);
  return searchDialect().exportText.jsonObject(columns.map((column) => [column, jsonColumn(column)]));
}

/**
 * Reads the users matching a list query in batches of `batchSize`, keyset by keyset, each batch
 * as the lines of the file (UTF-8 bytes) the database wrote itself: on SQLite on a search
 * thread, whose bytes pass to this thread without a copy, so no row becomes an object on the
 * thread that serves requests. While a batch is being sent, the next one is already being
 * read. `next()` answers null after the last batch.
 *
 * The query is planned and its first batch read before this resolves, so a bad filter throws
 * here and not halfway through a download.
 */
export async function openUserBatches(
  query: UserExportQuery,
  restriction: TenantRestriction,
  format: UserExportFormat,
  columns: readonly UserExportColumn[],
  batchSize: number,
): Promise<{ next: () => Promise<Uint8Array[] | null> }> {
  const line = sql`CAST(${lineOf(format, columns)} AS TEXT) AS line`;
  const prepared = await inSearchLane(async (): Promise<PreparedQuery> => {
    const planned = await prepareQuery(query, restriction);
    // No page to fill quickly: every match is read, so the pattern's first look is taken now.
    return planned.walkFirst ? await planned.walkFirst.afterFirstLook() : planned;
  });
  const { cursorValue, seeksPastRowValue } = searchDialect();
  const toCursorValue = cursorValue ?? ((value: unknown) => value as string | number);
  let after: CursorPosition | null = null;
  let finished = false;

  const readBatch = () =>
    inSearchLane(async (): Promise<Uint8Array[] | null> => {
      if (finished) return null;
      const from = after;
      // From the cursor's row: one seek past its row value, or two (see BatchStart).
      const starts: (BatchStart | null)[] = !from ? [null] : seeksPastRowValue ? [{ after: from, rows: 'after' }] : [{ after: from, rows: 'ties' }, { after: from, rows: 'past' }];
      const parts: LineBatch[] = [];
      let count = 0;
      for (const start of starts) {
        if (count === batchSize) break;
        const part = await queryLines(batchSql(prepared, line, start, batchSize - count));
        parts.push(part);
        count += part.count;
      }
      const last = parts.findLast((part) => part.last)?.last;
      if (count < batchSize || !last) finished = true;
      if (last) after = { value: toCursorValue(last.sortValue), pk: Number(last.pk) };
      const chunks = parts.filter((part) => part.count > 0).map((part) => part.bytes);
      return chunks.length ? chunks : null;
    });

  // Each read starts when the previous one is handed out; a read nobody takes (the download
  // was cancelled) must not end the process as an unhandled rejection.
  let upcoming = readBatch();
  upcoming.catch(() => undefined);
  await upcoming;
  return {
    next() {
      const current = upcoming;
      upcoming = current.then((chunks) => (chunks ? readBatch() : null));
      upcoming.catch(() => undefined);
      return current;
    },
  };
}
