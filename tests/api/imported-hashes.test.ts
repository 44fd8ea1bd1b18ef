import { parseOptions } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_HASH_OPTIONS } from '@/lib/passwords/hashing';
import { apiAt } from '../support/api';
import { auditTrail } from '../support/audit';
import { importedHashesOf } from '../support/password-hashes';
import { startServer, type RunningServer } from '../support/server';
import type { TestDatabase } from '../support/test-database';

/**
 * Users whose password hashes came from other systems (as an import stores them) sign in
 * through the real API; the first success replaces the hash with Gatehouse's own argon2id.
 * A server of its own behind a trusted proxy: every call comes from an address of its own, so
 * the deliberate wrong passwords never throttle another suite's address.
 */

const PASSWORD = 'imported pass phrase 2026';
const RUN = `ih${Date.now().toString(36)}`;

let server: RunningServer;
let database: TestDatabase;
let schema: typeof import('@/db/schema');
let users: typeof import('@/lib/users/users');
let hashes: Awaited<ReturnType<typeof importedHashesOf>>;
let addressSerial = 0;

const signIn = (email: string, password: string, path = '/api/v1/auth/token') =>
  apiAt(server.url, path, { method: 'POST', json: path.includes('appmixer') ? { username: email, password } : { email, password }, headers: { 'x-forwarded-for': `198.51.100.${(++addressSerial % 250) + 1}` } });

/** A user stored with `passwordHash` as given, as the import writes it. */
async function userWithHash(name: string, passwordHash: string) {
  return await users.createUser({ email: `${name}.${RUN}@imported-hashes.test`, passwordHash });
}

async function storedUser(id: string) {
  const [row] = await database.db.select().from(schema.users).where(eq(schema.users.id, id));
  return row;
}

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  // lib/ and the schema on this file's server's database: set before anything else loads them.
  process.env.DATABASE_URL = server.databaseUrl;
  const [testDatabase, loadedSchema, loadedUsers] = await Promise.all([import('../support/test-database'), import('@/db/schema'), import('@/lib/users/users')]);
  database = testDatabase.appDatabase();
  schema = loadedSchema;
  users = loadedUsers;
  hashes = await importedHashesOf(PASSWORD);
});

afterAll(async () => {
  await server?.stop();
});

describe('signing in with a password hash imported from another system', () => {
  const forms = ['bcrypt', 'bcrypt-2a', 'bcrypt-2y', 'argon2id', 'argon2i', 'scrypt', 'pbkdf2_sha256'] as const;

  it.each(forms)('%s: a wrong password is refused, the right one signs in and the hash becomes Gatehouse argon2id', async (form) => {
    const imported = hashes[form];
    const user = await userWithHash(form, imported);
    const trail = auditTrail({ db: database.db, schema });
    const mark = await trail.mark();

    const wrong = await signIn(user.email, `${PASSWORD}?`);
    expect(wrong.status).toBe(401);
    expect((await storedUser(user.id)).passwordHash).toBe(imported);

    const first = await signIn(user.email, PASSWORD);
    expect(first.status, first.text).toBe(200);
    expect(first.body.user.id).toBe(user.id);
    const after = await storedUser(user.id);
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    const { memoryCost, timeCost, parallelism } = parseOptions(after.passwordHash!);
    expect({ memoryCost, timeCost, parallelism }).toEqual(PASSWORD_HASH_OPTIONS);
    // A rehash is not a password change: sessions and tokens stay, the profile's ETag too.
    expect(after.sessionVersion).toBe(user.sessionVersion);
    expect(after.version).toBe(user.version);
    const me = await apiAt(server.url, '/api/v1/me', { token: first.body.token });
    expect(me.status).toBe(200);

    const again = await signIn(user.email, PASSWORD);
    expect(again.status).toBe(200);
    expect((await storedUser(user.id)).passwordHash).toBe(after.passwordHash);
    expect((await signIn(user.email, `${PASSWORD}?`)).status).toBe(401);

    const events = (await trail.about(user.id, mark)).map((event) => event.action);
    expect(events.filter((action) => action === 'user.password.rehashed')).toHaveLength(1);
    expect(events).not.toContain('user.password.changed');
    const rehashed = await trail.last('user.password.rehashed', user.id);
    expect(JSON.stringify(rehashed)).not.toContain(imported);
    expect(JSON.stringify(rehashed)).not.toContain(after.passwordHash);
  });

  it('replaces the hash once when two sign-ins race, and both succeed', async () => {
    const user = await userWithHash('race', hashes.scrypt);
    const trail = auditTrail({ db: database.db, schema });
    const mark = await trail.mark();
    const answers = await Promise.all([signIn(user.email, PASSWORD), signIn(user.email, PASSWORD), signIn(user.email, PASSWORD)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect((await storedUser(user.id)).passwordHash).toMatch(/^\$argon2id\$/);
    expect((await trail.about(user.id, mark)).filter((event) => event.action === 'user.password.rehashed')).toHaveLength(1);
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
  });

  it('upgrades through a vendor dialect\'s sign-in too (Appmixer)', async () => {
    const user = await userWithHash('appmixer', hashes.pbkdf2_sha256);
    const answer = await signIn(user.email, PASSWORD, '/compat/appmixer/user/auth');
    expect(answer.status, answer.text).toBe(200);
    expect((await storedUser(user.id)).passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('never signs in with a stored hash that recognition refuses, even for the password it was made from', async () => {
    const refused = hashes.pbkdf2_sha256.replace('$1000$', '$999$');
    const user = await userWithHash('refused', refused);
    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
    expect((await storedUser(user.id)).passwordHash).toBe(refused);
  });
});
