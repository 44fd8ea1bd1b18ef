/**
 * db/migrations/pg applied to an empty PostgreSQL database, as the app's own (non-superuser)
 * role, then checked the way a person would: the tables, the extension, the search indexes,
 * and a user row that goes in and comes back with the right JS types and constraints.
 */
import { eq, getTableName, is } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PgTable } from 'drizzle-orm/pg-core';
import { Client, DatabaseError } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '@/db/schema/pg';
import { postgresAvailability, startPostgresCluster, type PostgresCluster } from '../support/postgres';

const postgres = postgresAvailability();
if (!postgres.available) console.warn(`Skipping the PostgreSQL migration tests: ${postgres.reason}`);

const MIGRATIONS = 'db/migrations/pg';
const TRIGRAM_INDEXES = ['users_email_trgm_idx', 'users_first_name_trgm_idx', 'users_last_name_trgm_idx', 'users_username_trgm_idx'];

let nextUser = 0;
function newUser(overrides: Partial<schema.NewUser> = {}): schema.NewUser {
  const n = ++nextUser;
  return { id: `user-${n}`, email: `Ann${n}@Example.com`, emailNormalized: `ann${n}@example.com`, username: `ann${n}`, usernameNormalized: `ann${n}`, ...overrides };
}

/** The PostgreSQL error behind a rejected query (drizzle wraps it in its own error). */
async function databaseErrorOf(query: PromiseLike<unknown>): Promise<DatabaseError> {
  const error = await Promise.resolve(query).then(
    () => new Error('the query succeeded'),
    (reason: unknown) => reason,
  );
  const cause = error instanceof Error && error.cause instanceof DatabaseError ? error.cause : error;
  if (!(cause instanceof DatabaseError)) throw new Error(`Expected a PostgreSQL error, got ${String(error)}`);
  return cause;
}

const title = `PostgreSQL migrations (${MIGRATIONS}) on a fresh database`;

describe.skipIf(!postgres.available)(postgres.available ? title : `${title} (skipped: ${postgres.reason})`, () => {
  let cluster: PostgresCluster | undefined;
  let client: Client | undefined;
  let db: NodePgDatabase<typeof schema>;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    client = new Client({ connectionString: await cluster.createDatabase('gatehouse_migrations') });
    await client.connect();
    db = drizzle({ client, schema });
    await migrate(db, { migrationsFolder: MIGRATIONS });
  }, 30_000);

  afterAll(async () => {
    await client?.end();
    await cluster?.stop();
  });

  it('creates every table of db/schema/pg.ts, and applying the migrations again changes nothing', async () => {
    const expected = Object.values<unknown>(schema)
      .filter((value): value is PgTable => is(value, PgTable))
      .map((table) => getTableName(table))
      .sort();
    const tables = async () =>
      (await client!.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)).rows.map(
        (row) => row.name,
      );
    expect(await tables()).toEqual(expected);
    await migrate(db, { migrationsFolder: MIGRATIONS });
    expect(await tables()).toEqual(expected);
  });

  it('installs pg_trgm (as the database owner, not a superuser) and builds the four trigram indexes with GIN', async () => {
    const { rows: extensions } = await client!.query<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(extensions).toHaveLength(1);
    const { rows: role } = await client!.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    expect(role).toEqual([{ rolsuper: false }]);

    const { rows: indexes } = await client!.query<{ name: string; method: string; definition: string }>(
      `SELECT i.relname AS name, am.amname AS method, pg_get_indexdef(i.oid) AS definition
         FROM pg_class i JOIN pg_am am ON am.oid = i.relam
        WHERE i.relkind = 'i' AND i.relname LIKE '%\\_trgm\\_idx' ORDER BY 1`,
    );
    expect(indexes.map((index) => index.name)).toEqual(TRIGRAM_INDEXES);
    for (const index of indexes) {
      expect(index.method, index.name).toBe('gin');
      expect(index.definition, index.name).toMatch(/ON public\.users USING gin \(.+ gin_trgm_ops\)$/);
    }
  });

  it('stores a user and reads back Dates, jsonb and booleans as JS values, with the defaults filled in', async () => {
    const lastSignInAt = new Date('2024-05-06T07:08:09.123Z');
    const [inserted] = await db
      .insert(schema.users)
      .values(newUser({ lastSignInAt, metadata: { plan: { seats: 3 }, tags: ['a'] } }))
      .returning();
    const found = await db.query.users.findFirst({ where: eq(schema.users.pk, inserted.pk) });

    expect(typeof found!.pk).toBe('number');
    expect(found!.lastSignInAt).toBeInstanceOf(Date);
    expect(found!.lastSignInAt!.getTime()).toBe(lastSignInAt.getTime());
    expect(found!.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(found!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(found!.metadata).toEqual({ plan: { seats: 3 }, tags: ['a'] });
    expect(found!.vendor).toEqual([]);
    expect(found).toMatchObject({ status: 'active', role: 'Subscriber', plan: 'free', version: 1, sessionVersion: 1, firstName: null });

    const [job] = await db.insert(schema.deletionJobs).values({ ticket: `ticket-${found!.id}`, userId: found!.id }).returning();
    expect(job.cancelRequested).toBe(false);
    await db.update(schema.deletionJobs).set({ cancelRequested: true }).where(eq(schema.deletionJobs.ticket, job.ticket));
    const reread = await db.query.deletionJobs.findFirst({ where: eq(schema.deletionJobs.ticket, job.ticket) });
    expect(reread!.cancelRequested).toBe(true);
  });

  it('refuses a second user with the same normalized email', async () => {
    const first = newUser();
    await db.insert(schema.users).values(first);
    const error = await databaseErrorOf(db.insert(schema.users).values(newUser({ email: first.email.toUpperCase(), emailNormalized: first.emailNormalized })));
    expect(error.code).toBe('23505'); // unique_violation
    expect(error.constraint).toBe('users_email_normalized_idx');
  });

  it("deletes a user's scopes with the user", async () => {
    const user = newUser();
    await db.insert(schema.users).values(user);
    await db.insert(schema.userScopes).values([
      { userId: user.id, scope: 'beta' },
      { userId: user.id, scope: 'admin-ui' },
    ]);
    const scopesOf = () => db.select().from(schema.userScopes).where(eq(schema.userScopes.userId, user.id));
    expect(await scopesOf()).toHaveLength(2);
    await db.delete(schema.users).where(eq(schema.users.id, user.id));
    expect(await scopesOf()).toEqual([]);
  });
});
