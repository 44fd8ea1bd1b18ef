import type { UserStatus } from '@/db/schema';
import { accessKeyIfControlled } from '@/lib/auth/access-keys';
import { ApiError } from '../../api/errors';
import type { Principal } from '../../auth/principal';
import type { UserCreateInput, UserUpdateInput } from '@/lib/users/schemas';
import type { UserListItem } from '@/lib/search/user-search';
import type { TykStatus, TykUser, TykUserCreate, TykUserUpdate } from './schemas';

type Actor = { id: string; ip?: string | null; userAgent?: string | null };

/** Tyk's `active`: whether the account is enabled. A user waiting for their first password (Tyk's "random password") is. */
export function isActive(status: UserStatus): boolean {
  return status === 'active' || status === 'pending';
}

/**
 * `org_id`: the user's first tenant by name among those the caller sees (every tenant for a
 * system admin, their own for a tenant admin, so another tenant's id is never shown), or "".
 */
export function orgIdFor(user: UserListItem, principal: Principal): string {
  const visible = user.tenants.filter((tenant) => principal.isAdmin || principal.adminOfTenants.includes(tenant.id));
  visible.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return visible[0]?.id ?? '';
}

/**
 * A Gatehouse user as a Tyk user object. `password` is always "": no hash leaves Gatehouse.
 * `access_key` is the user's key where the caller controls the account (each key shown is
 * audited, in lists too), "" where they may only read it.
 */
export async function toTykUser(user: UserListItem, principal: Principal, actor: Actor): Promise<TykUser> {
  return {
    api_model: {},
    first_name: user.firstName ?? '',
    last_name: user.lastName ?? '',
    email_address: user.email,
    password: '',
    org_id: orgIdFor(user, principal),
    active: isActive(user.status),
    id: user.id,
    access_key: (await accessKeyIfControlled(principal, user.id, actor))?.accessKey ?? '',
  };
}

/** Tyk sends "" for a name it does not have; Gatehouse stores none. */
const nameOrNull = (name: string | null | undefined) => (name === undefined ? undefined : name || null);

/**
 * The create input for lib/auth/sign-up's createUserAsManager. No password (or "") leaves the user
 * without one until `/actions/reset` sets it, and no invitation is mailed: Tyk's clients set
 * the password themselves. `org_id` names the tenant; a tenant admin who sends none creates
 * the user in their tenant when they administer exactly one.
 */
export function toCreateInput(body: TykUserCreate, principal: Principal): UserCreateInput {
  const orgId = body.org_id || (!principal.isAdmin && principal.adminOfTenants.length === 1 ? principal.adminOfTenants[0] : undefined);
  return {
    email: body.email_address,
    firstName: nameOrNull(body.first_name),
    lastName: nameOrNull(body.last_name),
    ...(body.password ? { password: body.password } : { sendInvite: false }),
    ...(orgId ? { tenant: orgId } : {}),
  };
}

/**
 * `active` changes the status only when it disagrees with it: false suspends an enabled user,
 * true reactivates a suspended or locked one, and a user waiting for a password stays so.
 */
export function statusFor(active: boolean | undefined, current: UserStatus): 'active' | 'suspended' | undefined {
  if (active === undefined || active === isActive(current)) return undefined;
  return active ? 'active' : 'suspended';
}

/**
 * The patch for lib/users/users' updateUser from a PUT body: the fields sent, the others kept. The
 * read-only fields may come back as read, but not changed: the id is the path's, the tenant
 * changes through the tenant calls, the key through `/actions/key/reset` (a key sent back is
 * ignored, as Tyk does).
 */
export function toUpdatePatch(body: TykUserUpdate, current: UserListItem, principal: Principal): Partial<UserUpdateInput> {
  const errors = [];
  if (body.id !== undefined && body.id !== current.id) errors.push({ path: 'id', message: 'The id in the body must be the id in the path.' });
  if (body.org_id !== undefined && body.org_id !== orgIdFor(current, principal)) {
    errors.push({ path: 'org_id', message: 'org_id cannot be changed here: tenant membership changes through /api/v1/tenants/{tenant}/users/{userId}.' });
  }
  if (errors.length) throw new ApiError('validation-failed', 'The request has invalid or unknown fields.', { errors });
  const patch: Partial<UserUpdateInput> = {
    email: body.email_address,
    firstName: nameOrNull(body.first_name),
    lastName: nameOrNull(body.last_name),
    status: statusFor(body.active, current.status),
  };
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

export function tykStatus(message: string, meta = ''): TykStatus {
  return { Status: 'OK', Message: message, Meta: meta };
}

/** Gatehouse's field names as Tyk's, for field errors raised below the adapter. */
const TYK_FIELD_NAMES: Record<string, string> = {
  email: 'email_address',
  username: 'email_address',
  firstName: 'first_name',
  lastName: 'last_name',
  tenant: 'org_id',
  status: 'active',
  oldPassword: 'current_password',
  newPassword: 'new_password',
};

/** Runs `work`, naming the fields of any error it raises as Tyk does (`password` as `passwordField`). */
export async function inTykTerms<T>(work: () => T | Promise<T>, passwordField = 'password'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ApiError) || !error.options.errors) throw error;
    const names: Record<string, string> = { ...TYK_FIELD_NAMES, password: passwordField };
    const errors = error.options.errors.map((field) => ({ ...field, path: names[field.path] ?? field.path }));
    throw new ApiError(error.code, error.detail, { ...error.options, errors });
  }
}
