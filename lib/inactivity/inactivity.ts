import { and, asc, count, eq, gte, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb, getEngine, inSearchLane, transaction } from '@/db/client';
import { memberships, users, userScopes } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { asSystemJob, SYSTEM_ACTORS } from '@/lib/audit/context';
import { recordAuditEvent } from '@/lib/audit/events';
import { kickMailWorker, queueMail } from '@/lib/mail/outbox';
import { inactivityWarningMail } from '@/lib/mail/templates';
import { getInactivityPolicy } from './settings';
import { ADMIN_SCOPE, displayName, updateUser } from '@/lib/users/users';
import type { InactivityPolicy, InactivityPreview } from './policy';

/**
 * The inactivity policy: active accounts nobody has used for `suspendAfterDays` are suspended
 * by a daily job, after a warning mail `warnDaysBefore` days earlier.
 *
 * An account's last activity is the latest of its last sign-in (its creation when it never
 * signed in) and its last change (`updated_at`: an admin's edit or reactivation, a password
 * set). So a user an admin reactivates gets a fresh `suspendAfterDays` from the reactivation,
 * instead of being suspended again by the next run. The range is read through the index
 * `users_last_activity_idx` on coalesce(last_sign_in_at, created_at); `updated_at` only
 * filters what the index found.
 *
 * Accounts already past the limit when the policy is turned on are suspended at the first run
 * without a warning: the settings page previews how many before it is saved.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH_SIZE = 200;

const lastSignInOrCreation = sql`coalesce(${users.lastSignInAt}, ${users.createdAt})`;
const asTimestamp = (at: Date) => sql.param(at, users.createdAt);

/** Active and not exempt: the accounts the policy may act on. */
function inScope(policy: InactivityPolicy): SQL {
  const exemptions: SQL[] = [];
  if (policy.exemptAdmins) {
    exemptions.push(sql`not exists (select 1 from ${userScopes} where ${userScopes.userId} = ${users.id} and ${userScopes.scope} = ${ADMIN_SCOPE})`);
    exemptions.push(sql`not exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.role} = 'admin')`);
  }
  if (policy.exemptScope) exemptions.push(sql`not exists (select 1 from ${userScopes} where ${userScopes.userId} = ${users.id} and ${userScopes.scope} = ${policy.exemptScope})`);
  return and(eq(users.status, 'active'), ...exemptions)!;
}

/** No activity since `cutoff`. */
function idleSince(cutoff: Date): SQL {
  return and(sql`${lastSignInOrCreation} < ${asTimestamp(cutoff)}`, lt(users.updatedAt, cutoff))!;
}

function cutoffs(policy: InactivityPolicy, now: Date) {
  return {
    suspend: new Date(now.getTime() - policy.suspendAfterDays * DAY_MS),
    warn: new Date(now.getTime() - (policy.suspendAfterDays - policy.warnDaysBefore) * DAY_MS),
  };
}

function suspendable(policy: InactivityPolicy, now: Date): SQL {
  return and(inScope(policy), idleSince(cutoffs(policy, now).suspend))!;
}

/**
 * Inside the warning window and not warned since their last activity. Those past the limit
 * are left out: they are suspended now, and a mail naming a day already gone would mislead.
 */
function warnable(policy: InactivityPolicy, now: Date): SQL | undefined {
  if (policy.warnDaysBefore === 0) return undefined;
  const { suspend, warn } = cutoffs(policy, now);
  return and(
    inScope(policy),
    idleSince(warn),
    or(sql`${lastSignInOrCreation} >= ${asTimestamp(suspend)}`, gte(users.updatedAt, suspend)),
    or(isNull(users.inactivityWarnedAt), sql`${users.inactivityWarnedAt} < ${lastSignInOrCreation}`, lt(users.inactivityWarnedAt, users.updatedAt)),
  );
}

/** What `policy` would do if it ran at `now` (the form's values, before they are saved). */
export async function previewInactivity(policy: InactivityPolicy, now = new Date()): Promise<InactivityPreview> {
  const countWhere = (where: SQL) => inSearchLane(async () => Number((await getDb().select({ n: count() }).from(users).where(where))[0].n));
  const warnWhere = warnable(policy, now);
  return { wouldSuspend: await countWhere(suspendable(policy, now)), wouldWarn: warnWhere ? await countWhere(warnWhere) : 0 };
}

export type InactivityRun = { suspended: number; warned: number };

/**
 * The daily job (lib/server/scheduled-tasks.ts): when the policy is on, suspends the accounts
 * past the limit, then mails the warnings that are due. Each suspension goes through the same
 * path as an admin's (sessions and tokens end, `user.suspended` in the trail) with the policy
 * as the actor. Safe to run again: a suspended account is no longer active, a warned one
 * is not warned again until it is used.
 */
export function applyInactivityPolicy(now = new Date()): Promise<InactivityRun> {
  return asSystemJob(SYSTEM_ACTORS.inactivity, async () => {
    const policy = await getInactivityPolicy();
    if (!policy.enabled) return { suspended: 0, warned: 0 };
    const suspended = await suspendIdleAccounts(policy, now);
    const warned = await warnIdleAccounts(policy, now);
    return { suspended, warned };
  });
}

async function suspendIdleAccounts(policy: InactivityPolicy, now: Date): Promise<number> {
  let suspended = 0;
  // Accounts that could not be suspended (changed meanwhile, being deleted, the last admin): not picked again in this run.
  const skipped: string[] = [];
  for (;;) {
    const batch = await getDb()
      .select({ id: users.id, version: users.version })
      .from(users)
      .where(and(suspendable(policy, now), skipped.length ? notInArray(users.id, skipped) : undefined))
      .orderBy(asc(lastSignInOrCreation))
      .limit(BATCH_SIZE);
    if (batch.length === 0) return suspended;
    for (const user of batch) {
      if (await suspendAccount(user)) suspended++;
      else skipped.push(user.id);
    }
    await getEngine().afterBatch();
  }
}

/** One account, in its own short transaction; false when it changed since it was read or must stay (the last active system admin). */
async function suspendAccount(user: { id: string; version: number }): Promise<boolean> {
  if (await isLastActiveAdmin(user.id)) return false;
  try {
    // The version read with the batch: an account edited or reactivated since is left for the next run to judge.
    await updateUser(user.id, { status: 'suspended' }, { expectedVersion: user.version });
    return true;
  } catch (error) {
    if (error instanceof ApiError) return false;
    throw error;
  }
}

/** With admins not exempt, the policy still never leaves the directory without an active system admin. */
async function isLastActiveAdmin(userId: string): Promise<boolean> {
  const admins = await getDb()
    .select({ id: users.id })
    .from(users)
    .innerJoin(userScopes, and(eq(userScopes.userId, users.id), eq(userScopes.scope, ADMIN_SCOPE)))
    .where(eq(users.status, 'active'))
    .limit(2);
  return admins.length === 1 && admins[0].id === userId;
}

async function warnIdleAccounts(policy: InactivityPolicy, now: Date): Promise<number> {
  const where = warnable(policy, now);
  if (!where) return 0;
  let warned = 0;
  for (;;) {
    // A short transaction per batch: mark, queue the mail and record the event together, so a crash never warns twice or half.
    const marked = await transaction(async (tx) => {
      const batch = await tx
        .select({ id: users.id, email: users.email, username: users.username, firstName: users.firstName, lastName: users.lastName, lastSignInAt: users.lastSignInAt, createdAt: users.createdAt, updatedAt: users.updatedAt })
        .from(users)
        .where(where)
        .orderBy(asc(lastSignInOrCreation))
        .limit(BATCH_SIZE);
      for (const user of batch) {
        const lastActivity = Math.max((user.lastSignInAt ?? user.createdAt).getTime(), user.updatedAt.getTime());
        const suspendOn = new Date(Math.max(lastActivity + policy.suspendAfterDays * DAY_MS, now.getTime()));
        // updated_at stays: a warning is not activity, and must not push the suspension back.
        await tx.update(users).set({ inactivityWarnedAt: now }).where(eq(users.id, user.id));
        await queueMail(inactivityWarningMail({ email: user.email, name: displayName(user) }, suspendOn));
        await recordAuditEvent({ action: 'user.inactivity.warned', target: user.id, after: { suspendOn: suspendOn.toISOString() } });
      }
      return batch.length;
    });
    warned += marked;
    if (marked > 0) kickMailWorker();
    if (marked < BATCH_SIZE) return warned;
    await getEngine().afterBatch();
  }
}
