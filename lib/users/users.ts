import { and, eq, ne, or, sql } from 'drizzle-orm';
import { getDb, isUniqueViolation, preparedQuery, transaction } from '@/db/client';
import { memberships, userScopes, users, type NewUser, type User, type UserStatus } from '@/db/schema';
import { ApiError, type FieldError } from '@/lib/api/errors';
import { newId } from '@/db/ids';
import { endBrowserSessionsOf } from '@/lib/auth/browser-sessions';
import { assertPasswordPolicy, hashPassword } from '@/lib/passwords/hashing';
import { recordAuditEvent } from '@/lib/audit/events';
import { auditDiff } from '@/lib/audit/diff';
import type { UserCreateInput, UserUpdateInput } from './schemas';

/** The scope that makes a user a system administrator (Appmixer's `admin`). */
export const ADMIN_SCOPE = 'admin';

/** A user as the API and the pages show it: no password hash, ever. */
export type PublicUser = Omit<User, 'pk' | 'passwordHash' | 'emailNormalized' | 'usernameNormalized' | 'sessionVersion' | 'inactivityWarnedAt'> & {
  scope: string[];
};

export function toPublicUser(user: User, scope: string[]): PublicUser {
  // inactivityWarnedAt is the inactivity policy's bookkeeping, not part of the documented user.
  const { pk, passwordHash, emailNormalized, usernameNormalized, sessionVersion, inactivityWarnedAt, ...visible } = user;
  return { ...visible, scope };
}

export function normalizeIdentifier(value: string): string {
  return value.trim().toLowerCase();
}

export async function getUserById(id: string): Promise<User | undefined> {
  const [user] = await getDb().select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** The account with this email, compared case-insensitively. */
export async function findUserByEmail(email: string): Promise<User | undefined> {
  const [user] = await getDb().select().from(users).where(eq(users.emailNormalized, normalizeIdentifier(email))).limit(1);
  return user;
}

/** Finds the account a person signs in as: by email or by username, both case-insensitive. */
export async function findUserBySignInName(identifier: string): Promise<User | undefined> {
  const normalized = normalizeIdentifier(identifier);
  const [user] = await getDb()
    .select()
    .from(users)
    .where(or(eq(users.emailNormalized, normalized), eq(users.usernameNormalized, normalized)))
    .limit(1);
  return user;
}

/** Every signed-in request reads them: prepared once (see preparedQuery). */
const scopesOfUser = preparedQuery<{ scope: string }>('gatehouse_user_scopes', (db) =>
  db.select({ scope: userScopes.scope }).from(userScopes).where(eq(userScopes.userId, sql.placeholder('userId'))),
);

export async function getUserScopes(userId: string): Promise<string[]> {
  const rows = await scopesOfUser({ userId });
  return rows.map((row) => row.scope).sort();
}

export type NewUserInput = Omit<UserCreateInput, 'role' | 'tenant'> & { role?: string; status?: UserStatus; tenantId?: string; /** Already hashed (a sign-up hashes before answering). */ passwordHash?: string };

/** Scopes a new user gets when none are given (Appmixer's default). */
export const DEFAULT_SCOPES = ['user'];

/**
 * Creates a user with their scopes in one transaction, after checking the password policy
 * and that the email and username are free. Without a password the user is pending.
 */
export async function createUser(input: NewUserInput): Promise<User> {
  const email = input.email.trim();
  const username = (input.username ?? email).trim();
  if (input.password !== undefined) await assertPasswordPolicy(input.password, personalInputs({ email, username, firstName: input.firstName ?? null, lastName: input.lastName ?? null }));
  // A username that defaults to the email is taken exactly when the email is: report it once.
  await assertIdentifiersFree({ email, username: input.username === undefined ? undefined : username });
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  const { password: _password, passwordHash: _passwordHash, sendInvite: _sendInvite, tenantId, scope, ...profile } = input;
  return translateUniqueViolation(() =>
    transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          ...profile,
          id: newId('usr'),
          email,
          emailNormalized: normalizeIdentifier(email),
          username,
          usernameNormalized: normalizeIdentifier(username),
          passwordHash,
          status: input.status ?? (passwordHash ? 'active' : 'pending'),
        })
        .returning();
      const scopes = [...new Set(scope ?? DEFAULT_SCOPES)];
      if (scopes.length > 0) await tx.insert(userScopes).values(scopes.map((s) => ({ userId: user.id, scope: s })));
      await recordAuditEvent({ action: 'user.created', target: user.id, tenantId, after: auditedFields(user, scopes) });
      if (tenantId) {
        await tx.insert(memberships).values({ tenantId, userId: user.id, role: 'user', createdAt: new Date() });
        await recordAuditEvent({ action: 'tenant.member.added', target: user.id, tenantId, after: { tenantId, role: 'user' } });
      }
      return user;
    }),
  );
}

/** 409 naming each taken identifier; another user's, never this one's (`exceptUserId`). */
async function assertIdentifiersFree(identifiers: { email?: string; username?: string }, exceptUserId?: string): Promise<void> {
  const errors: FieldError[] = [];
  const taken = async (column: typeof users.emailNormalized | typeof users.usernameNormalized, value: string) => {
    const rows = await getDb()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(column, normalizeIdentifier(value)), exceptUserId ? ne(users.id, exceptUserId) : undefined))
      .limit(1);
    return rows.length > 0;
  };
  if (identifiers.email && (await taken(users.emailNormalized, identifiers.email))) errors.push({ path: 'email', message: 'Another user already has this email.' });
  if (identifiers.username && (await taken(users.usernameNormalized, identifiers.username))) errors.push({ path: 'username', message: 'Another user already has this username.' });
  if (errors.length) throw new ApiError('conflict', errors.map((e) => e.message).join(' '), { errors });
}

/** Two requests racing for one email both pass the check; the unique index stops the second. */
async function translateUniqueViolation<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError('conflict', 'Another user already has this email or username.');
    }
    throw error;
  }
}

export async function requireUserById(id: string): Promise<User> {
  const user = await getUserById(id);
  if (!user) throw new ApiError('not-found', `There is no user ${id}.`);
  return user;
}

/** Statuses that end a user's sessions and tokens the moment they are set. */
const SESSION_ENDING_STATUSES: readonly UserStatus[] = ['suspended', 'locked'];

/**
 * An admin must not lock themselves out by mistake: suspending or locking their own account
 * ends their session, and dropping their own `admin` scope ends their access. Another admin
 * can still do either.
 */
function selfLockoutErrors(patch: { status?: string; scope?: string[] }): FieldError[] {
  const errors: FieldError[] = [];
  if (patch.status !== undefined && patch.status !== 'active') errors.push({ path: 'status', message: 'You cannot suspend or lock your own account.' });
  if (patch.scope !== undefined && !patch.scope.includes(ADMIN_SCOPE)) errors.push({ path: 'scope', message: `You cannot remove the ${ADMIN_SCOPE} scope from your own account.` });
  return errors;
}

export type UpdateOptions = {
  /** From If-Match or the edit form: a user changed by someone else since is not overwritten (412). */
  expectedVersion?: number;
  /** Who is making the change; an admin editing their own account cannot lock themselves out. */
  actorId?: string;
};

/** Applies a partial update, in one transaction with the scopes. */
export async function updateUser(id: string, patch: UserUpdateInput, options: UpdateOptions = {}): Promise<User> {
  if (options.actorId === id) {
    const lockout = selfLockoutErrors(patch);
    if (lockout.length) throw new ApiError('validation-failed', lockout[0].message, { errors: lockout });
  }
  // A caller who sent no If-Match asked for no precondition (RFC 9110): a save that lands between
  // our read and our write is read again and this change applied on top of it. Each miss means
  // another save succeeded, so the retries end.
  for (;;) {
    const updated = await updateAtVersion(id, patch, options.expectedVersion);
    if (updated) return updated;
    if (options.expectedVersion !== undefined) throw new ApiError('precondition-failed', 'Someone else changed this user at the same moment. Reload and try again.');
  }
}

/** The update, if the user is still at the version read (or at `expectedVersion`); undefined when another save came first. */
async function updateAtVersion(id: string, patch: UserUpdateInput, expectedVersion: number | undefined): Promise<User | undefined> {
  const current = await requireUserById(id);
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new ApiError('precondition-failed', 'Someone else changed this user after you loaded it. Reload to see their changes, then edit again.');
  }
  if (current.status === 'deleting') throw new ApiError('conflict', 'This user is being deleted and can no longer be changed.');
  await assertIdentifiersFree({ email: patch.email, username: patch.username }, id);

  const { scope, email, username, ...fields } = patch;
  const changes: Partial<NewUser> = { ...fields, updatedAt: new Date() };
  if (email !== undefined) Object.assign(changes, { email, emailNormalized: normalizeIdentifier(email) });
  if (username !== undefined) Object.assign(changes, { username, usernameNormalized: normalizeIdentifier(username) });
  const endsSessions = patch.status !== undefined && patch.status !== current.status && SESSION_ENDING_STATUSES.includes(patch.status);

  const currentScopes = await getUserScopes(id);
  return translateUniqueViolation(() =>
    transaction(async (tx) => {
      const [updated] = await tx
        .update(users)
        .set({
          ...changes,
          version: sql`${users.version} + 1`,
          ...(endsSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
        })
        // The version check is repeated in the write itself, so a concurrent save cannot slip in between.
        .where(and(eq(users.id, id), eq(users.version, current.version)))
        .returning();
      if (!updated) return undefined;
      if (endsSessions) await endBrowserSessionsOf(id);
      if (scope !== undefined) {
        await tx.delete(userScopes).where(eq(userScopes.userId, id));
        if (scope.length) await tx.insert(userScopes).values(scope.map((s) => ({ userId: id, scope: s })));
      }
      await recordUserChange(id, auditedFields(current, currentScopes), auditedFields(updated, scope ?? currentScopes));
      return updated;
    }),
  );
}

/** What the trail shows of a user: the profile as it can be edited, never the password hash nor bookkeeping (versions, times). */
export function auditedFields(user: User, scope: string[]): Record<string, unknown> {
  const { pk, id, passwordHash, emailNormalized, usernameNormalized, version, sessionVersion, createdAt, updatedAt, lastSignInAt, ...fields } = user;
  return { ...fields, scope: [...scope].sort() };
}

/**
 * An edit as the trail tells it: a status change is its own event (user.suspended,
 * user.reactivated, which webhooks announce as such), the other fields one user.updated.
 * Fields saved unchanged are no event.
 */
async function recordUserChange(target: string, before: Record<string, unknown>, after: Record<string, unknown>): Promise<void> {
  const { status: statusBefore, ...fieldsBefore } = before;
  const { status: statusAfter, ...fieldsAfter } = after;
  if (auditDiff(fieldsBefore, fieldsAfter).after) await recordAuditEvent({ action: 'user.updated', target, before: fieldsBefore, after: fieldsAfter });
  if (statusBefore !== statusAfter) {
    // Suspended and locked alike keep the user out.
    await recordAuditEvent({ action: statusAfter === 'active' ? 'user.reactivated' : 'user.suspended', target, before: { status: statusBefore }, after: { status: statusAfter } });
  }
}

/** The ETag of a user: its version, which every change bumps. */
export function userEtag(user: Pick<User, 'version'>): string {
  return `"${user.version}"`;
}

/** The version an If-Match header names; undefined when absent or `*`. A malformed header is a 400. */
export function versionFromIfMatch(header: string | null): number | undefined {
  if (header === null || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (!match) throw new ApiError('bad-request', 'If-Match must be an ETag from a previous response, such as "3".');
  return Number(match[1]);
}

export async function recordSignIn(userId: string, at = new Date()): Promise<void> {
  await transaction((tx) => tx.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId)));
}

/** The names a password must not be built from. */
export function personalInputs(user: Pick<User, 'email' | 'username' | 'firstName' | 'lastName'>): string[] {
  return [user.email, user.username, user.firstName ?? '', user.lastName ?? ''];
}

export function displayName(user: Pick<User, 'firstName' | 'lastName' | 'username'>): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username;
}
