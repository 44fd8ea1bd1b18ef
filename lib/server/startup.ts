import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { getDb, getEngine, lockFor, transaction } from '@/db/client';
import { seedDemoData } from '@/db/seed';
import { userScopes, users } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { ConfigError, getConfig, type AppConfig } from './config';
import { startDeletionWorker } from '@/lib/deletion/worker';
import { startBulkJobWorker } from '@/lib/jobs/worker';
import { importJobHandler } from '@/lib/imports/job';
import { startMailWorker } from '@/lib/mail/outbox';
import { startWebhookWorker } from '@/lib/webhooks/worker';
import { startScheduledTasks } from './scheduled-tasks';
import { SERVER_READY } from './supervisor';
import { installFrontDoor } from '@/lib/http/front-door';
import { getPasswordPolicy } from '@/lib/settings/settings';
import { ADMIN_SCOPE, createUser } from '@/lib/users/users';

/** Runs once when the server starts: migrate, make sure an admin exists, load demo data into a new database. */
export async function prepareServer(): Promise<void> {
  const config = getConfig();
  installFrontDoor(config);
  const engine = getEngine();
  await reachDatabase(() => engine.migrate(), config);
  // Refreshes the planner's statistics where they are stale, so searches keep their indexes.
  await engine.optimize();
  // Instances starting together on a new database take turns here: the first creates the
  // admin (and the demo data), the others then find them and leave them be.
  await transaction(async () => {
    await lockFor('gatehouse:first-start');
    const [{ n: userCount }] = await getDb().select({ n: count() }).from(users);
    await ensureFirstAdmin(config);
    if (userCount === 0 && config.seedDemo) {
      const seeded = await seedDemoData();
      console.log(`[gatehouse] Loaded demo data: ${seeded.users} users, ${seeded.tenants} tenants, ${seeded.resources} resources.`);
    }
  });
  startDeletionWorker();
  startBulkJobWorker({ import: importJobHandler });
  startMailWorker();
  startWebhookWorker();
  startScheduledTasks();
}

/**
 * Runs the first database work; a database that cannot be reached or refuses the credentials
 * stops start-up with one line naming DATABASE_URL and the reason (never the password).
 */
async function reachDatabase(work: () => Promise<void>, config: AppConfig): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (getEngine().isConnectionRefusal(error)) {
      throw new ConfigError([`DATABASE_URL: cannot use ${config.databaseLabel}: ${(error as Error).message}`]);
    }
    throw error;
  }
}

/** For instrumentation.ts: a server that cannot prepare its database must not serve. */
export async function prepareServerOrExit(): Promise<void> {
  try {
    await prepareServer();
    // Under `npm start`'s supervisor (scripts/start.ts): the database is ready, the other server processes may start.
    process.send?.(SERVER_READY);
  } catch (error) {
    console.error(error instanceof ConfigError ? `[gatehouse] ${error.message}` : error);
    process.exit(1);
  }
}

/** Random, long enough for the policy, and with every character class a pinned policy may ask for. */
async function generatedAdminPassword(): Promise<string> {
  const { minLength } = await getPasswordPolicy();
  return `${randomBytes(Math.ceil(Math.max(minLength, 16) * 0.75)).toString('base64url')}-aZ7`;
}

async function ensureFirstAdmin(config: AppConfig): Promise<void> {
  const [{ n: admins }] = await getDb().select({ n: count() }).from(userScopes).where(eq(userScopes.scope, ADMIN_SCOPE));
  if (admins > 0) return;
  const password = config.adminPassword ?? (await generatedAdminPassword());
  try {
    await createUser({ email: config.adminEmail, password, firstName: 'Admin', role: 'SVXAdmin', scope: [ADMIN_SCOPE, 'user'] });
  } catch (error) {
    // Most likely ADMIN_PASSWORD against a policy pinned by PASSWORD_MIN_LENGTH or PASSWORD_REQUIRED_CLASSES.
    if (error instanceof ApiError) throw new ConfigError([`ADMIN_EMAIL / ADMIN_PASSWORD: the first admin cannot be created: ${error.message}`]);
    throw error;
  }
  if (config.adminPassword) {
    console.log(`[gatehouse] Created the first admin ${config.adminEmail} with the password from ADMIN_PASSWORD.`);
  } else {
    // Printed this once only: it is stored hashed and cannot be shown again.
    console.log(
      `\n[gatehouse] Created the first admin. Sign in at ${config.appUrl}/sign-in with\n` +
        `    email:    ${config.adminEmail}\n    password: ${password}\n` +
        `  This password is shown once. Change it after signing in.\n`,
    );
  }
}
