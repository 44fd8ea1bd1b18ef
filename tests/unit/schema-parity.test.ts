/**
 * db/schema/pg.ts must describe the database db/schema/sqlite.ts describes: the same tables,
 * columns (same meaning to the app), keys and indexes. Each engine's tables are reduced to one
 * shared shape and compared; the only tolerated differences are listed in `intendedDifferences`.
 */
import { getTableColumns, getTableName, is, SQL, type InferInsertModel, type InferSelectModel, type Table } from 'drizzle-orm';
import {
  getTableConfig as getPgTableConfig,
  index as pgIndex,
  IndexedColumn,
  PgCustomColumn,
  PgDialect,
  PgTable,
  PgTimestamp,
  pgTable,
  primaryKey as pgPrimaryKey,
  text as pgText,
  timestamp as pgTimestamp,
  type PgColumn,
} from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteSyncDialect, SQLiteTable, SQLiteTimestamp, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pgSchema from '@/db/schema/pg';
import * as sqliteSchema from '@/db/schema/sqlite';

/** Column types that give the app the same JS values on both engines, by drizzle's column type. */
const sameMeaningTypes = [
  { meaning: 'integer', sqlite: 'SQLiteInteger', pg: 'PgInteger' },
  { meaning: 'text', sqlite: 'SQLiteText', pg: 'PgText' },
  // SQLite compares text byte by byte; collation "C" makes PostgreSQL do so whatever the database's collation.
  { meaning: 'text', sqlite: 'SQLiteText', pg: 'PgCustomColumn(text COLLATE "C")' },
  { meaning: 'boolean', sqlite: 'SQLiteBoolean', pg: 'PgBoolean' },
  { meaning: 'JSON value', sqlite: 'SQLiteTextJson', pg: 'PgJsonb' },
  { meaning: 'Date to the millisecond', sqlite: 'SQLiteTimestamp(timestamp_ms)', pg: 'PgTimestamp(precision 3, with time zone)' },
];

/** Every way the PostgreSQL schema differs from the SQLite one on purpose. Nothing else is tolerated. */
const intendedDifferences = {
  trailingPrimaryKey: {
    reason:
      'SQLite ends every index entry with the rowid (users.pk) without being told; PostgreSQL must list pk so keyset pages (sort key, pk) are one range seek',
    table: 'users',
    column: 'pk',
    indexes: ['users_created_idx', 'users_status_idx', 'users_role_idx', 'users_plan_idx', 'users_last_name_sort_idx', 'users_last_sign_in_sort_idx'],
  },
  expressionSpellings: {
    reason:
      "PostgreSQL has no ifnull, and the never-null stand-in for a missing time is -infinity there (a timestamptz) where SQLite's integer column uses 0; both sort before every real time. A sort key of text is collated \"C\" to sort byte by byte as SQLite's does",
    pairs: [
      { sqlite: "ifnull(last_name, '')", pg: "(coalesce(last_name, '') COLLATE C)" },
      { sqlite: 'ifnull(last_sign_in_at, 0)', pg: "coalesce(last_sign_in_at, '-infinity'::timestamptz)" },
    ],
  },
  uniqueConstraintsForIndexes: {
    reason:
      'foreign keys reference users.id; drizzle-kit writes foreign keys before indexes, and PostgreSQL wants the unique index first. A UNIQUE constraint is created with its table, backed by an index of the same name',
    table: 'users',
    indexes: ['users_id_idx'],
  },
  postgresOnlyIndexes: {
    reason:
      'substring search: SQLite uses the FTS5 trigram table users_search (migrations 0001_users_search, and 0008 for 1-2 character patterns), PostgreSQL pg_trgm GIN indexes and, for 1-2 character patterns, a GIN index of each user\'s 1- and 2-character substrings',
    table: 'users',
    indexes: {
      users_email_trgm_idx: { unique: false, method: 'gin', columns: ['email_normalized gin_trgm_ops'], where: null, declaredAs: 'index' },
      users_username_trgm_idx: { unique: false, method: 'gin', columns: ['username_normalized gin_trgm_ops'], where: null, declaredAs: 'index' },
      users_first_name_trgm_idx: { unique: false, method: 'gin', columns: ['lower(first_name COLLATE "und-x-icu") gin_trgm_ops'], where: null, declaredAs: 'index' },
      users_last_name_trgm_idx: { unique: false, method: 'gin', columns: ['lower(last_name COLLATE "und-x-icu") gin_trgm_ops'], where: null, declaredAs: 'index' },
      users_short_grams_idx: { unique: false, method: 'gin', columns: ['users_short_grams(email_normalized, username_normalized, first_name, last_name)'], where: null, declaredAs: 'index' },
    } satisfies Record<string, IndexShape>,
  },
};

type ColumnShape = { property: string; type: string; nullable: boolean; default: string; allowedValues: string };
type IndexShape = { unique: boolean; method: string; columns: string[]; where: string | null; declaredAs: 'index' | 'unique constraint' };
type TableShape = { columns: Record<string, ColumnShape>; primaryKey: string; foreignKeys: string[]; indexes: Record<string, IndexShape> };
type SchemaShape = Record<string, TableShape>;

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();
/** SQL as text without identifier quotes, so both dialects' renderings read alike. */
const sqlText = (dialect: SQLiteSyncDialect | PgDialect, expression: SQL) => dialect.sqlToQuery(expression, 'indexes').sql.replace(/"(\w+)"/g, '$1');
const list = (names: string[]) => `(${names.join(', ')})`;

function typeMeaning(engine: 'sqlite' | 'pg', drizzleType: string): string {
  return sameMeaningTypes.find((entry) => entry[engine] === drizzleType)?.meaning ?? `${drizzleType} (not in sameMeaningTypes)`;
}

/** What a default means: set by the database on insert, the current time, a literal value, or unrecognised SQL. */
function defaultMeaning(engine: 'sqlite' | 'pg', column: SQLiteColumn | PgColumn, assignedByDatabase: boolean, isJson: boolean): string {
  if (assignedByDatabase) return 'assigned by the database';
  if (column.defaultFn) return 'computed in JS';
  if (!column.hasDefault || column.default === undefined) return 'none';
  if (!is(column.default, SQL)) return `literal ${JSON.stringify(column.default)}`;
  const text = engine === 'sqlite' ? sqlText(sqliteDialect, column.default) : sqlText(pgDialect, column.default);
  if ((engine === 'sqlite' && text === "(unixepoch('subsec') * 1000)") || (engine === 'pg' && text === 'now()')) return 'now';
  // A quoted literal; PostgreSQL spells a JSON one with a ::jsonb cast.
  const quoted = /^'((?:[^']|'')*)'(::jsonb)?$/.exec(text);
  if (!quoted || (quoted[2] && !isJson)) return `SQL ${text}`;
  const value = quoted[1].replaceAll("''", "'");
  if (!isJson) return `literal ${JSON.stringify(value)}`;
  try {
    return `literal ${JSON.stringify(JSON.parse(value))}`;
  } catch {
    return `SQL ${text} (not valid JSON)`;
  }
}

type ForeignKeyLike = {
  reference: () => { columns: { name: string }[]; foreignTable: Table; foreignColumns: { name: string }[] };
  onDelete?: string;
  onUpdate?: string;
};
function foreignKeyText(key: ForeignKeyLike): string {
  const { columns, foreignTable, foreignColumns } = key.reference();
  const names = (of: { name: string }[]) => list(of.map((column) => column.name));
  return `${names(columns)} -> ${getTableName(foreignTable)}${names(foreignColumns)} on delete ${key.onDelete ?? 'no action'} on update ${key.onUpdate ?? 'no action'}`;
}

function describeSqliteTable(table: SQLiteTable): TableShape {
  const config = getSqliteTableConfig(table);
  const compositeKey = config.primaryKeys[0]?.columns.map((column) => column.name);
  const columns: Record<string, ColumnShape> = {};
  for (const [property, column] of Object.entries(getTableColumns(table))) {
    const drizzleType = is(column, SQLiteTimestamp) ? `SQLiteTimestamp(${column.mode})` : column.columnType;
    // An INTEGER PRIMARY KEY is the rowid: SQLite assigns it when none is given.
    const assignedByDatabase = column.columnType === 'SQLiteInteger' && column.primary;
    columns[column.name] = {
      property,
      type: typeMeaning('sqlite', drizzleType),
      nullable: !column.notNull,
      default: defaultMeaning('sqlite', column, assignedByDatabase, column.columnType === 'SQLiteTextJson'),
      allowedValues: column.enumValues?.join(' | ') ?? 'any',
    };
  }
  const indexes: Record<string, IndexShape> = {};
  for (const { config: index } of config.indexes) {
    indexes[index.name] = {
      unique: index.unique,
      method: 'btree',
      columns: index.columns.map((column) => (is(column, SQL) ? sqlText(sqliteDialect, column) : column.name)),
      where: index.where ? sqlText(sqliteDialect, index.where) : null,
      declaredAs: 'index',
    };
  }
  for (const constraint of config.uniqueConstraints) {
    indexes[constraint.getName() ?? '(unnamed)'] = { unique: true, method: 'btree', columns: constraint.columns.map((column) => column.name), where: null, declaredAs: 'unique constraint' };
  }
  return {
    columns,
    primaryKey: list(compositeKey ?? config.columns.filter((column) => column.primary).map((column) => column.name)),
    foreignKeys: config.foreignKeys.map(foreignKeyText),
    indexes,
  };
}

function describePgTable(table: PgTable): TableShape {
  const config = getPgTableConfig(table);
  const compositeKey = config.primaryKeys[0]?.columns.map((column) => column.name);
  const columns: Record<string, ColumnShape> = {};
  for (const [property, column] of Object.entries(getTableColumns(table))) {
    const drizzleType = is(column, PgTimestamp)
      ? `PgTimestamp(precision ${column.precision ?? 'default'}, ${column.withTimezone ? 'with' : 'without'} time zone)`
      : is(column, PgCustomColumn)
        ? `PgCustomColumn(${column.getSQLType()})`
        : column.columnType;
    columns[column.name] = {
      property,
      type: typeMeaning('pg', drizzleType),
      nullable: !column.notNull,
      default: defaultMeaning('pg', column, column.generatedIdentity !== undefined, column.columnType === 'PgJsonb'),
      allowedValues: column.enumValues?.join(' | ') ?? 'any',
    };
  }
  const indexes: Record<string, IndexShape> = {};
  for (const { config: index } of config.indexes) {
    indexes[index.name ?? '(unnamed)'] = {
      unique: index.unique,
      method: index.method ?? 'btree',
      columns: index.columns.map((column) => {
        if (is(column, SQL)) return sqlText(pgDialect, column);
        if (!is(column, IndexedColumn)) return `unrecognised index column ${String(column)}`;
        const { opClass, order } = column.indexConfig;
        return [column.name, opClass, order === 'desc' ? 'desc' : undefined].filter(Boolean).join(' ');
      }),
      where: index.where ? sqlText(pgDialect, index.where) : null,
      declaredAs: 'index',
    };
  }
  for (const constraint of config.uniqueConstraints) {
    indexes[constraint.getName() ?? '(unnamed)'] = {
      unique: true,
      method: 'btree',
      columns: constraint.columns.map((column) => column.name),
      where: null,
      declaredAs: 'unique constraint',
    };
  }
  return {
    columns,
    primaryKey: list(compositeKey ?? config.columns.filter((column) => column.primary).map((column) => column.name)),
    foreignKeys: config.foreignKeys.map(foreignKeyText),
    indexes,
  };
}

function describeSchema<T extends Table>(module: Record<string, unknown>, isTable: (value: unknown) => value is T, describeTable: (table: T) => TableShape): SchemaShape {
  const tables = Object.values(module).filter(isTable);
  return Object.fromEntries(tables.map((table) => [getTableName(table), describeTable(table)]));
}
const isSqliteTable = (value: unknown): value is SQLiteTable => is(value, SQLiteTable);
const isPgTable = (value: unknown): value is PgTable => is(value, PgTable);

/** The PostgreSQL indexes SQLite's indexes call for, once the intended differences are applied. */
function expectedPgIndexes(table: string, sqliteIndexes: Record<string, IndexShape>, used: Set<string>): Record<string, IndexShape> {
  const { trailingPrimaryKey, expressionSpellings, uniqueConstraintsForIndexes, postgresOnlyIndexes } = intendedDifferences;
  const expected: Record<string, IndexShape> = {};
  for (const [name, index] of Object.entries(sqliteIndexes)) {
    const columns = index.columns.map((column) => {
      const spelling = expressionSpellings.pairs.find((pair) => pair.sqlite === column);
      if (spelling) used.add(`expression ${spelling.sqlite}`);
      return spelling?.pg ?? column;
    });
    if (table === trailingPrimaryKey.table && trailingPrimaryKey.indexes.includes(name)) {
      columns.push(trailingPrimaryKey.column);
      used.add(`trailing pk ${name}`);
    }
    let declaredAs = index.declaredAs;
    if (table === uniqueConstraintsForIndexes.table && uniqueConstraintsForIndexes.indexes.includes(name)) {
      declaredAs = 'unique constraint';
      used.add(`unique constraint ${name}`);
    }
    expected[name] = { ...index, columns, declaredAs };
  }
  if (table === postgresOnlyIndexes.table) {
    for (const [name, index] of Object.entries(postgresOnlyIndexes.indexes)) {
      used.add(`PostgreSQL-only ${name}`);
      expected[name] = index;
    }
  }
  return expected;
}

/** Every difference between the two schemas beyond `intendedDifferences`, one readable line each. */
function compareSchemas(sqlite: SchemaShape, pg: SchemaShape): string[] {
  const differences: string[] = [];
  const used = new Set<string>();
  const union = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const show = (value: unknown) => (Array.isArray(value) ? list(value) : String(value));

  for (const table of union(sqlite, pg)) {
    const [s, p] = [sqlite[table], pg[table]];
    if (!s || !p) {
      differences.push(`${table}: table only in ${s ? 'SQLite' : 'PostgreSQL'}`);
      continue;
    }
    for (const column of union(s.columns, p.columns)) {
      const [sc, pc] = [s.columns[column], p.columns[column]];
      if (!sc || !pc) {
        differences.push(`${table}.${column}: column only in ${sc ? 'SQLite' : 'PostgreSQL'}`);
        continue;
      }
      for (const field of ['property', 'type', 'nullable', 'default', 'allowedValues'] as const) {
        if (sc[field] !== pc[field]) differences.push(`${table}.${column}: ${field} is ${sc[field]} in SQLite but ${pc[field]} in PostgreSQL`);
      }
    }
    if (s.primaryKey !== p.primaryKey) differences.push(`${table}: primary key is ${s.primaryKey} in SQLite but ${p.primaryKey} in PostgreSQL`);
    for (const key of s.foreignKeys.filter((key) => !p.foreignKeys.includes(key))) differences.push(`${table}: foreign key ${key} is missing in PostgreSQL`);
    for (const key of p.foreignKeys.filter((key) => !s.foreignKeys.includes(key))) differences.push(`${table}: foreign key ${key} is only in PostgreSQL`);

    const expected = expectedPgIndexes(table, s.indexes, used);
    for (const name of union(expected, p.indexes)) {
      const [want, have] = [expected[name], p.indexes[name]];
      if (!want) differences.push(`${table}: index ${name} is only in PostgreSQL and not among the intended differences`);
      else if (!have) differences.push(`${table}: index ${name} is missing in PostgreSQL`);
      else {
        for (const field of ['unique', 'method', 'columns', 'where', 'declaredAs'] as const) {
          if (show(want[field]) !== show(have[field])) differences.push(`${table}: index ${name} ${field} should be ${show(want[field])} but is ${show(have[field])} in PostgreSQL`);
        }
      }
    }
  }

  // An allowance that no longer matches anything would hide the next real difference.
  const { trailingPrimaryKey, expressionSpellings, uniqueConstraintsForIndexes, postgresOnlyIndexes } = intendedDifferences;
  const allowances = [
    ...trailingPrimaryKey.indexes.map((name) => `trailing pk ${name}`),
    ...expressionSpellings.pairs.map((pair) => `expression ${pair.sqlite}`),
    ...uniqueConstraintsForIndexes.indexes.map((name) => `unique constraint ${name}`),
    ...Object.keys(postgresOnlyIndexes.indexes).map((name) => `PostgreSQL-only ${name}`),
  ];
  for (const allowance of allowances.filter((allowance) => !used.has(allowance))) differences.push(`intended difference "${allowance}" matches nothing in the SQLite schema`);
  return differences;
}

const sqliteShapes = () => describeSchema(sqliteSchema, isSqliteTable, describeSqliteTable);
const pgShapes = (module: Record<string, unknown> = pgSchema) => describeSchema(module, isPgTable, describePgTable);

// Same row types for the app whichever engine it runs on (checked by tsc, not at run time).
type TableTypes<Schema, Model extends 'select' | 'insert'> = {
  [K in keyof Schema as Schema[K] extends Table ? K : never]: Schema[K] extends Table ? (Model extends 'select' ? InferSelectModel<Schema[K]> : InferInsertModel<Schema[K]>) : never;
};

describe('PostgreSQL schema parity with SQLite', () => {
  it('exports the same tables, lists and row types under the same names', () => {
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
    const sharedLists = Object.entries(sqliteSchema).filter(([, value]) => Array.isArray(value));
    expect(sharedLists.length).toBeGreaterThan(0);
    for (const [name, value] of sharedLists) expect(pgSchema[name as keyof typeof pgSchema], `${name} is one shared array`).toBe(value);
    expectTypeOf<TableTypes<typeof pgSchema, 'select'>>().toEqualTypeOf<TableTypes<typeof sqliteSchema, 'select'>>();
    expectTypeOf<TableTypes<typeof pgSchema, 'insert'>>().toEqualTypeOf<TableTypes<typeof sqliteSchema, 'insert'>>();
    expectTypeOf<pgSchema.User>().toEqualTypeOf<sqliteSchema.User>();
    expectTypeOf<pgSchema.NewUser>().toEqualTypeOf<sqliteSchema.NewUser>();
  });

  it('has the same tables, columns, keys and indexes, apart from the intended differences', () => {
    const differences = compareSchemas(sqliteShapes(), pgShapes());
    expect(differences, `Schema differences:\n${differences.join('\n')}`).toEqual([]);
  });

  it('reports drift: a column made nullable, a default or index or cascade lost, a key reordered, a sort index without pk', () => {
    const createdAt = pgTimestamp('created_at', { withTimezone: true, mode: 'date', precision: 3 });
    const driftedTenants = pgTable('tenants', { id: pgText('id').primaryKey(), slug: pgText('slug'), name: pgText('name').notNull(), createdAt: createdAt.notNull() });
    const driftedUserScopes = pgTable(
      'user_scopes',
      { userId: pgText('user_id').notNull().references(() => pgSchema.users.id), scope: pgText('scope').notNull() },
      (t) => [pgPrimaryKey({ columns: [t.scope, t.userId] }), pgIndex('user_scopes_scope_idx').on(t.scope, t.userId)],
    );
    const drifted = pgShapes({ ...pgSchema, tenants: driftedTenants, userScopes: driftedUserScopes });
    drifted.users.indexes.users_created_idx.columns = ['created_at'];
    delete drifted.users.indexes.users_email_trgm_idx;

    expect(compareSchemas(sqliteShapes(), drifted)).toEqual([
      'tenants.created_at: default is now in SQLite but none in PostgreSQL',
      'tenants.slug: nullable is false in SQLite but true in PostgreSQL',
      'tenants: index tenants_slug_idx is missing in PostgreSQL',
      'user_scopes: primary key is (user_id, scope) in SQLite but (scope, user_id) in PostgreSQL',
      'user_scopes: foreign key (user_id) -> users(id) on delete cascade on update no action is missing in PostgreSQL',
      'user_scopes: foreign key (user_id) -> users(id) on delete no action on update no action is only in PostgreSQL',
      'users: index users_created_idx columns should be (created_at, pk) but is (created_at) in PostgreSQL',
      'users: index users_email_trgm_idx is missing in PostgreSQL',
    ]);
  });
});
