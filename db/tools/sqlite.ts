import { statSync } from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase } from '../engines/sqlite';
import type { DatabaseTools, UserBatchWriter, UserLoad } from './types';

const fileSize = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

type PlanRow = { id: number; parent: number; detail: string };

/** EXPLAIN QUERY PLAN rows as indented lines. */
function planLines(rows: PlanRow[]): string[] {
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((row) => {
    const d = (depth.get(row.parent) ?? -1) + 1;
    depth.set(row.id, d);
    return `${'    '.repeat(d)}${row.detail}`;
  });
}

/** SQLite tools on a writable connection of their own. */
export function openSqliteTools(file: string): DatabaseTools {
  const db = openDatabase(file);
  const sqlite = db.$client;

  return {
    engine: 'sqlite',
    async version() {
      return `SQLite ${sqlite.prepare('SELECT sqlite_version()').pluck().get() as string}`;
    },
    async describe() {
      return {
        size: `${mib(fileSize(file))} (+ ${mib(fileSize(`${file}-wal`))} WAL)`,
        settings: [`cache_size = ${sqlite.pragma('cache_size', { simple: true }) as number} (per connection, db/engines/sqlite.ts)`, `journal_mode = ${sqlite.pragma('journal_mode', { simple: true }) as string}`],
      };
    },
    async rows<T>(query: SQL) {
      return db.all<T>(query);
    },
    async explain(query) {
      return planLines(db.all<PlanRow>(sql`EXPLAIN QUERY PLAN ${query}`));
    },
    async hasStatistics() {
      return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get() !== undefined;
    },
    async analyze() {
      sqlite.exec('ANALYZE');
      sqlite.pragma('optimize');
    },
    plainScanMatch: (like) =>
      sql`(email LIKE ${like} ESCAPE '\\' OR username LIKE ${like} ESCAPE '\\' OR first_name LIKE ${like} ESCAPE '\\' OR last_name LIKE ${like} ESCAPE '\\')`,
    async beginUserLoad() {
      return beginUserLoad(sqlite);
    },
    async close() {
      sqlite.close();
    },
  };
}

/**
 * Row by row through prepared statements (SQLite runs in-process: a statement per row is as
 * fast as any batching), with the search index's insert trigger set aside and the index
 * rebuilt once at the end.
 */
function beginUserLoad(sqlite: ReturnType<typeof openDatabase>['$client']): UserLoad {
  // OR IGNORE: a taken id, email or username shows as `changes === 0`.
  const insertUser = sqlite.prepare(`
    INSERT OR IGNORE INTO users (
      id, email, email_normalized, username, username_normalized, first_name, last_name, status, role, plan,
      vendor, metadata, city, country, date_of_birth, department, phone_land, phone_mobile, timezone,
      last_sign_in_at, created_at, updated_at, version
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const insertScope = sqlite.prepare('INSERT INTO user_scopes (user_id, scope) VALUES (?, ?)');
  const insertMembership = sqlite.prepare('INSERT INTO memberships (tenant_id, user_id, role, created_at) VALUES (?, ?, ?, ?)');
  const writer: UserBatchWriter = {
    async insertUsers(users) {
      return users.map(
        (u) =>
          insertUser.run(
            u.id, u.email, u.emailNormalized, u.username, u.usernameNormalized, u.firstName, u.lastName, u.status, u.role, u.plan,
            JSON.stringify(u.vendor), JSON.stringify(u.metadata), u.city, u.country, u.dateOfBirth, u.department, u.phoneLand,
            u.phoneMobile, u.timezone, u.lastSignInAt, u.createdAt, u.updatedAt,
          ).changes === 1,
      );
    },
    async insertScopes(scopes) {
      for (const { userId, scope } of scopes) insertScope.run(userId, scope);
    },
    async insertMemberships(memberships) {
      for (const m of memberships) insertMembership.run(m.tenantId, m.userId, m.role, m.createdAt);
    },
  };

  // A bigger page cache keeps the indexes that do take random inserts (email, name...) in memory.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  // Indexing row by row through the insert trigger costs ~85 s per million users; rebuilding
  // the search index once at the end costs ~13 s. The trigger (as the migration defined it)
  // is set aside for the load and put back in finish(), even when the load fails.
  const searchTrigger = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'users_search_after_insert'").pluck().get() as string;
  sqlite.exec('DROP TRIGGER users_search_after_insert');

  return {
    async batch(work) {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        await work(writer);
        sqlite.exec('COMMIT');
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw error;
      }
    },
    async finish() {
      sqlite.exec(searchTrigger);
      // Rebuild, then merge what the rebuild wrote in pieces into one segment: every search
      // visits each segment, so one is fastest (selective search ~1 ms instead of ~2 ms).
      sqlite.exec(`INSERT INTO users_search(users_search) VALUES ('rebuild'); INSERT INTO users_search(users_search) VALUES ('optimize'); ANALYZE;`);
      sqlite.pragma(`cache_size = ${cacheSize}`);
    },
  };
}
