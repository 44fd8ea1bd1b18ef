/**
 * What tests must do differently on SQLite and on PostgreSQL, in one place, keyed by engine.
 * Everything else a test does to a database goes through test-database.ts alike on both.
 */
import { getTableName, is, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { EngineName } from '@/db/location';
import * as tables from '@/db/schema/sqlite';
import type { TestDatabase } from './test-database';

/** A string literal for DDL, where values cannot be bound as parameters. */
const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;

type EngineSpecific = {
  /** The engine's own consistency checks: what each finds wrong, as text (none when all is well). */
  selfCheck(database: TestDatabase): Promise<string[]>;
  /** Statements that make deleting a row of `table` whose user_id is `userId` fail with `message`, and that undo it. */
  deleteRefusal(name: string, table: string, userId: string, message: string): { create: SQL[]; drop: SQL[] };
};

const ENGINES: Record<EngineName, EngineSpecific> = {
  sqlite: {
    async selfCheck(database) {
      const integrity = await database.rows<{ integrity_check: string }>(sql`PRAGMA integrity_check`);
      const foreignKeys = await database.rows<Record<string, unknown>>(sql`PRAGMA foreign_key_check`);
      return [
        ...integrity.filter((row) => row.integrity_check !== 'ok').map((row) => `integrity_check: ${row.integrity_check}`),
        ...foreignKeys.map((row) => `foreign_key_check: ${JSON.stringify(row)}`),
      ];
    },
    deleteRefusal: (name, table, userId, message) => ({
      create: [sql.raw(`CREATE TRIGGER ${name} BEFORE DELETE ON ${table} WHEN old.user_id = ${quoted(userId)} BEGIN SELECT RAISE(ABORT, ${quoted(message)}); END`)],
      drop: [sql.raw(`DROP TRIGGER ${name}`)],
    }),
  },
  postgres: {
    // PostgreSQL enforces keys as it writes and checks its own pages; what a crash or a failed
    // statement can leave behind is an index or a constraint that never became valid.
    async selfCheck(database) {
      const indexes = await database.rows<{ name: string }>(sql`SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE NOT i.indisvalid OR NOT i.indisready`);
      const constraints = await database.rows<{ name: string }>(sql`SELECT conname AS name FROM pg_constraint WHERE NOT convalidated`);
      return [...indexes.map((row) => `index ${row.name} is not valid`), ...constraints.map((row) => `constraint ${row.name} is not validated`)];
    },
    deleteRefusal: (name, table, userId, message) => ({
      create: [
        sql.raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF OLD.user_id = ${quoted(userId)} THEN RAISE EXCEPTION ${quoted(message)}; END IF; RETURN OLD; END $$`),
        sql.raw(`CREATE TRIGGER ${name} BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`),
      ],
      drop: [sql.raw(`DROP TRIGGER ${name} ON ${table}`), sql.raw(`DROP FUNCTION ${name}()`)],
    }),
  },
};

/** Rows whose foreign key points at no row, for every foreign key of the schema: the same query on both engines. */
async function orphans(database: TestDatabase): Promise<string[]> {
  const problems: string[] = [];
  for (const table of Object.values<unknown>(tables).filter((value): value is SQLiteTable => is(value, SQLiteTable))) {
    const { name, foreignKeys } = getTableConfig(table);
    for (const foreignKey of foreignKeys) {
      const { columns, foreignColumns, foreignTable } = foreignKey.reference();
      const parent = getTableName(foreignTable);
      const present = sql.join(columns.map((column) => sql`c.${sql.identifier(column.name)} IS NOT NULL`), sql` AND `);
      const matches = sql.join(columns.map((column, i) => sql`p.${sql.identifier(foreignColumns[i].name)} = c.${sql.identifier(column.name)}`), sql` AND `);
      const count = await database.count(sql`SELECT count(*) FROM ${sql.identifier(name)} c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${sql.identifier(parent)} p WHERE ${matches})`);
      if (count > 0) problems.push(`${count} row(s) of ${name} point at no row of ${parent}`);
    }
  }
  return problems;
}

/** Everything wrong with the database: rows pointing nowhere, and what the engine's own checks find. Empty when sound. */
export async function integrityProblems(database: TestDatabase): Promise<string[]> {
  return [...(await orphans(database)), ...(await ENGINES[database.engine].selfCheck(database))];
}

/**
 * Makes every delete of this user's rows in `table` fail with `message`, as a real database
 * failure inside a deletion step would; answers a function that undoes it.
 */
export async function refuseDeletes(database: TestDatabase, name: string, table: string, userId: string, message: string): Promise<() => Promise<void>> {
  const { create, drop } = ENGINES[database.engine].deleteRefusal(name, table, userId, message);
  for (const statement of create) await database.execute(statement);
  return async () => {
    for (const statement of drop) await database.execute(statement);
  };
}
