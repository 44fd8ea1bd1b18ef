import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Client } from 'pg';
import type { DatabaseTools, UserBatchWriter, UserLoad } from './types';

/** Rows per INSERT: each column travels as one array parameter, so a statement is parsed once per this many rows. */
const ROWS_PER_STATEMENT = 10_000;

/** The settings behind the figures a benchmark prints (postgresql.conf names). */
const REPORTED_SETTINGS = [
  'shared_buffers',
  'effective_cache_size',
  'work_mem',
  'random_page_cost',
  'jit',
  'max_parallel_workers_per_gather',
  'lc_ctype',
];

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

/** PostgreSQL tools on a connection of their own (the app's role suffices: it owns the tables). */
export function openPostgresTools(url: string): DatabaseTools {
  const client = new Client({ connectionString: url });
  const connected = client.connect();
  const db = drizzle({ client });
  const rows = async <T>(query: SQL): Promise<T[]> => {
    await connected;
    return (await db.execute(query)).rows as T[];
  };
  const run = async (text: string) => {
    await connected;
    await client.query(text);
  };

  return {
    engine: 'postgres',
    async version() {
      const [{ version }] = await rows<{ version: string }>(sql`SELECT current_setting('server_version') AS version`);
      return `PostgreSQL ${version.split(' ')[0]}`;
    },
    async describe() {
      const [{ size }] = await rows<{ size: string }>(sql`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
      const settings = await rows<{ name: string; setting: string }>(
        sql`SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ${REPORTED_SETTINGS} ORDER BY name`,
      );
      return { size, settings: settings.map((s) => `${s.name} = ${s.setting}`) };
    },
    rows,
    async explain(query) {
      return (await rows<{ 'QUERY PLAN': string }>(sql`EXPLAIN ${query}`)).map((row) => row['QUERY PLAN']);
    },
    async hasStatistics() {
      const found = await rows<{ analysed: boolean }>(
        sql`SELECT last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL AS analysed FROM pg_stat_user_tables WHERE relname = 'users' AND schemaname = current_schema()`,
      );
      return found[0]?.analysed ?? false;
    },
    async analyze() {
      // VACUUM also marks pages all-visible, which index-only scans (counts, offset pages) rely on.
      await run('VACUUM (ANALYZE) users, user_scopes, memberships, tenants');
    },
    // ILIKE on the columns as stored: the trigram indexes hold other expressions, so none applies.
    plainScanMatch: (like) => sql`(email ILIKE ${like} OR username ILIKE ${like} OR first_name ILIKE ${like} OR last_name ILIKE ${like})`,
    async beginUserLoad(expected) {
      await connected;
      return beginUserLoad(client, expected);
    },
    async close() {
      await connected.catch(() => undefined);
      await client.end();
    },
  };
}

/**
 * Multi-row INSERTs from one array parameter per column (unnest), each batch in a transaction.
 * A load at least as large as the table sets aside the users' plain and search indexes and
 * builds them again at the end, which beats maintaining them row by row (PostgreSQL's
 * "Populating a Database" advice); the unique ones stay, as they decide which rows are free.
 */
async function beginUserLoad(client: Client, expected: number): Promise<UserLoad> {
  // A crash mid-load loses at most the last batches, never consistency.
  await client.query('SET synchronous_commit = off');
  await client.query("SET maintenance_work_mem = '512MB'");
  const { rows: counted } = await client.query<{ n: string }>('SELECT count(*) AS n FROM users');
  const setAside =
    expected >= Number(counted[0].n)
      ? (
          await client.query<{ name: string; definition: string }>(`
            SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
              FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = 'users'::regclass AND NOT i.indisunique AND NOT i.indisprimary
             ORDER BY c.relname`)
        ).rows
      : [];
  for (const { name } of setAside) await client.query(`DROP INDEX ${JSON.stringify(name)}`);

  const inChunks = async <T>(items: T[], insert: (chunk: T[]) => Promise<void>) => {
    for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) await insert(items.slice(i, i + ROWS_PER_STATEMENT));
  };
  const writer: UserBatchWriter = {
    async insertUsers(users) {
      const inserted = new Set<string>();
      await inChunks(users, async (chunk) => {
        const column = <K extends keyof (typeof users)[number]>(key: K) => chunk.map((u) => u[key]);
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO users (
             id, email, email_normalized, username, username_normalized, first_name, last_name, status, role, plan,
             vendor, metadata, city, country, date_of_birth, department, phone_land, phone_mobile, timezone,
             last_sign_in_at, created_at, updated_at, version)
           SELECT id, email, email_normalized, username, username_normalized, first_name, last_name, status, role, plan,
             vendor::jsonb, metadata::jsonb, city, country, date_of_birth, department, phone_land, phone_mobile, timezone,
             last_sign_in_at, created_at, updated_at, 1
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                         $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[],
                         $20::timestamptz[], $21::timestamptz[], $22::timestamptz[])
               AS t(id, email, email_normalized, username, username_normalized, first_name, last_name, status, role, plan,
                    vendor, metadata, city, country, date_of_birth, department, phone_land, phone_mobile, timezone,
                    last_sign_in_at, created_at, updated_at)
           ON CONFLICT DO NOTHING
           RETURNING id`,
          [
            column('id'), column('email'), column('emailNormalized'), column('username'), column('usernameNormalized'),
            column('firstName'), column('lastName'), column('status'), column('role'), column('plan'),
            chunk.map((u) => JSON.stringify(u.vendor)), chunk.map((u) => JSON.stringify(u.metadata)),
            column('city'), column('country'), column('dateOfBirth'), column('department'), column('phoneLand'), column('phoneMobile'), column('timezone'),
            chunk.map((u) => iso(u.lastSignInAt)), chunk.map((u) => iso(u.createdAt)), chunk.map((u) => iso(u.updatedAt)),
          ],
        );
        for (const { id } of rows) inserted.add(id);
      });
      return users.map((u) => inserted.has(u.id));
    },
    async insertScopes(scopes) {
      await inChunks(scopes, async (chunk) => {
        await client.query('INSERT INTO user_scopes (user_id, scope) SELECT * FROM unnest($1::text[], $2::text[])', [
          chunk.map((s) => s.userId),
          chunk.map((s) => s.scope),
        ]);
      });
    },
    async insertMemberships(memberships) {
      await inChunks(memberships, async (chunk) => {
        await client.query('INSERT INTO memberships (tenant_id, user_id, role, created_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])', [
          chunk.map((m) => m.tenantId),
          chunk.map((m) => m.userId),
          chunk.map((m) => m.role),
          chunk.map((m) => iso(m.createdAt)),
        ]);
      });
    },
  };

  return {
    async batch(work) {
      await client.query('BEGIN');
      try {
        await work(writer);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    async finish() {
      // The definitions as the migrations created them, read back from the catalog.
      for (const { definition } of setAside) await client.query(definition);
      await client.query('VACUUM (ANALYZE) users, user_scopes, memberships');
      await client.query('RESET maintenance_work_mem');
      await client.query('RESET synchronous_commit');
    },
  };
}
