import { inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, userScopes, users, type User } from '@/db/schema';
import { timeSlicer } from '@/lib/server/time-slicer';
import { ADMIN_SCOPE, normalizeIdentifier } from '@/lib/users/users';
import { initialStatus, type CheckedRow, type ImportFieldError, type ImportProfile, type TenantGrant } from './rows';

/**
 * What a checked row would do to the directory as it is now: create a user, update one,
 * change nothing, or fail on a rule that depends on others (a taken email or username, a
 * user being deleted). The dry run plans against the directory at submission; the job plans
 * each batch again at run time, in its transaction, since the directory may have changed.
 */

export type ImportMode = 'create' | 'upsert';

export type ExistingUser = { user: User; scopes: string[]; memberships: Map<string, TenantGrant['role']> };

/** The directory as far as a set of rows is concerned, read in batched queries. */
export type DirectoryView = { byEmail: Map<string, ExistingUser>; usernameOwner: Map<string, string> };

export type UserChanges = {
  profile: ImportProfile;
  username?: string;
  scopes?: string[];
  tenants: TenantGrant[];
  status?: 'active' | 'suspended';
  /** The row gives a password or a hash other than the stored one: it replaces the user's. */
  password: boolean;
};

export type PlannedRow =
  | { outcome: 'created'; row: CheckedRow }
  | { outcome: 'updated' | 'unchanged'; row: CheckedRow; existing: ExistingUser; changes: UserChanges }
  | { outcome: 'error'; row: CheckedRow; errors: ImportFieldError[] };

// A few hundred values an IN list keeps every query short on both engines.
const LOOKUP_CHUNK = 500;

function chunks<T>(items: T[], size = LOOKUP_CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Reads the users the rows name (by email) and who holds the usernames they would take; scopes and memberships for upserts. */
export async function readDirectory(rows: CheckedRow[], mode: ImportMode): Promise<DirectoryView> {
  const db = getDb();
  const slice = timeSlicer();
  const emails = new Set<string>();
  const usernames = new Set<string>();
  for (const row of rows) {
    await slice();
    emails.add(row.emailNormalized);
    usernames.add(normalizeIdentifier(row.username ?? row.email));
  }
  const byEmail = new Map<string, ExistingUser>();
  for (const part of chunks([...emails])) {
    for (const user of await db.select().from(users).where(inArray(users.emailNormalized, part))) {
      byEmail.set(user.emailNormalized, { user, scopes: [], memberships: new Map() });
    }
  }
  const usernameOwner = new Map<string, string>();
  for (const part of chunks([...usernames])) {
    for (const { id, name } of await db.select({ id: users.id, name: users.usernameNormalized }).from(users).where(inArray(users.usernameNormalized, part))) usernameOwner.set(name, id);
  }
  if (mode === 'upsert' && byEmail.size > 0) {
    const byId = new Map([...byEmail.values()].map((existing) => [existing.user.id, existing]));
    for (const part of chunks([...byId.keys()])) {
      for (const { userId, scope } of await db.select().from(userScopes).where(inArray(userScopes.userId, part))) byId.get(userId)!.scopes.push(scope);
      for (const { userId, tenantId, role } of await db.select().from(memberships).where(inArray(memberships.userId, part))) byId.get(userId)!.memberships.set(tenantId, role);
    }
  }
  return { byEmail, usernameOwner };
}

/** Plans one row against the directory; `actorId` is the importing admin, who may not lock themselves out. */
export function planRow(row: CheckedRow, directory: DirectoryView, mode: ImportMode, actorId: string | null): PlannedRow {
  const existing = directory.byEmail.get(row.emailNormalized);
  const error = (field: string, message: string): PlannedRow => ({ outcome: 'error', row, errors: [{ field, message }] });
  if (existing && mode === 'create') return error('email', 'A user with this email already exists. To update existing users, import with “Create and update by email” (mode=upsert in the API).');
  if (existing?.user.status === 'deleting') return error('email', 'This user is being deleted and can no longer be changed.');

  const username = row.username ?? (existing ? undefined : row.email);
  const owner = username === undefined ? undefined : directory.usernameOwner.get(normalizeIdentifier(username));
  if (owner && owner !== existing?.user.id) {
    return error('username', row.username === undefined ? 'Another user has this email as their username: give this row a username.' : 'Another user already has this username.');
  }
  if (!existing) {
    if (initialStatus(row) === 'active' && !row.secret) return error('status', 'An active user needs a password or a password hash; leave status empty to invite them.');
    return { outcome: 'created', row };
  }

  const { user } = existing;
  if (row.status === 'active' && user.status === 'pending' && !row.secret) return error('status', 'This user has not chosen a password yet: give a password or hash to activate them, or leave status empty.');
  if (user.id === actorId) {
    if (row.status === 'suspended') return error('status', 'You cannot suspend your own account.');
    if (row.scopes && !row.scopes.includes(ADMIN_SCOPE)) return error('scopes', `You cannot remove the ${ADMIN_SCOPE} scope from your own account.`);
  }
  const changes = changesFor(row, existing);
  const changed = Object.keys(changes.profile).length > 0 || changes.username !== undefined || changes.scopes !== undefined || changes.tenants.length > 0 || changes.status !== undefined || changes.password;
  return { outcome: changed ? 'updated' : 'unchanged', row, existing, changes };
}

/** Only what differs from the user as stored; an import never removes a membership or clears a field it was not given. */
function changesFor(row: CheckedRow, { user, scopes, memberships: current }: ExistingUser): UserChanges {
  const profile: ImportProfile = {};
  for (const [field, value] of Object.entries(row.profile)) {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(user[field as keyof User])) Object.assign(profile, { [field]: value });
  }
  const sameScopes = row.scopes === undefined || (row.scopes.length === scopes.length && row.scopes.every((scope) => scopes.includes(scope)));
  // A status the user cannot take (pending needs a password first) is refused in planRow; the same status again is no change.
  const status = row.status !== undefined && row.status !== user.status ? row.status : undefined;
  return {
    profile,
    ...(row.username !== undefined && row.username !== user.username ? { username: row.username } : {}),
    ...(sameScopes ? {} : { scopes: row.scopes }),
    tenants: (row.tenants ?? []).filter((grant) => current.get(grant.tenantId) !== grant.role),
    ...(status ? { status } : {}),
    // The same imported hash again (a file imported twice) is no change; a plain password always is.
    password: row.secret !== undefined && row.secret.value !== user.passwordHash,
  };
}
