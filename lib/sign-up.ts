import type { User } from '@/db/schema';
import { ApiError } from './api/errors';
import { isTenantAdmin } from './access';
import type { Principal } from './auth/principal';
import { ADMIN_ONLY_CREATE_FIELDS, type UserCreateInput } from './schemas/users';
import { getSetting } from './settings';
import { issueApiToken, type IssuedToken } from './tokens';
import { sendInvitation } from './invitations';
import { mayManageTenant } from './tenant-scope';
import { findTenant } from './tenants';
import { createUser } from './users';

export type CreatedUser = { user: User; signUpToken: IssuedToken | null };

/**
 * POST /api/v1/users. Open to anyone unless the userCreateScope setting names scopes the
 * caller must hold (an admin always may). An admin creates any user; anyone else signs up
 * with a password, cannot choose role, scope, vendor or plan, and gets a token for the new
 * account, as Appmixer's sign-up does.
 */
export async function createUserFromApi(input: UserCreateInput, caller: Principal | null): Promise<CreatedUser> {
  const requiredScopes = getSetting('userCreateScope');
  if (!caller?.isAdmin && requiredScopes.length > 0) {
    if (!caller) throw new ApiError('unauthorized', 'Creating users needs a bearer token.', { headers: { 'www-authenticate': 'Bearer' } });
    if (!requiredScopes.some((scope) => caller.scopes.includes(scope))) {
      throw new ApiError('forbidden', `Creating users needs one of these scopes: ${requiredScopes.join(', ')}.`);
    }
  }
  if (caller?.isAdmin) return { user: await createUserByAdmin(input, { id: caller.user.id }), signUpToken: null };
  if (caller && isTenantAdmin(caller) && input.tenant !== undefined) return { user: await createUserAsManager(caller, input, { id: caller.user.id }), signUpToken: null };

  refuseAdminOnlyFields(input);
  if (input.tenant !== undefined) {
    throw new ApiError('forbidden', 'Only an admin or a tenant admin can add users to a tenant.', { errors: [{ path: 'tenant', message: 'Only an admin or a tenant admin can set this field.' }] });
  }
  if (input.sendInvite !== undefined) {
    throw new ApiError('forbidden', 'Only an admin can invite users.', { errors: [{ path: 'sendInvite', message: 'Only an admin can invite users.' }] });
  }
  if (input.password === undefined) {
    throw new ApiError('validation-failed', 'Choose a password to sign up.', { errors: [{ path: 'password', message: 'Choose a password.' }] });
  }
  const user = await createUser(input);
  return { user, signUpToken: issueApiToken(user) };
}

function refuseAdminOnlyFields(input: UserCreateInput): void {
  const refused = ADMIN_ONLY_CREATE_FIELDS.filter((field) => input[field] !== undefined);
  if (refused.length) {
    throw new ApiError('forbidden', `Only an admin can set ${refused.join(', ')}.`, {
      errors: refused.map((path) => ({ path, message: 'Only an admin can set this field.' })),
    });
  }
}

type Actor = { id: string; ip?: string | null; userAgent?: string | null };

/**
 * A system admin or a tenant admin creates a user (the "New user" form; POST /users from a
 * tenant admin). A tenant admin creates users inside one of their tenants, as an admin would,
 * and leaves role, scope, vendor and plan to their defaults: only a system admin sets those.
 */
export async function createUserAsManager(caller: Principal, input: UserCreateInput, actor: Actor): Promise<User> {
  if (caller.isAdmin) return createUserByAdmin(input, actor);
  refuseAdminOnlyFields(input);
  if (input.tenant === undefined) {
    throw new ApiError('validation-failed', 'Choose the tenant the new user joins.', { errors: [{ path: 'tenant', message: 'Choose one of your tenants.' }] });
  }
  const tenant = findTenant(input.tenant);
  // Another tenant answers like an unknown one (404), named on the field so a form can show it there.
  if (!tenant || !mayManageTenant(caller, tenant.id)) {
    throw new ApiError('not-found', `There is no tenant ${input.tenant}.`, { errors: [{ path: 'tenant', message: 'Choose one of your tenants.' }] });
  }
  return createUserByAdmin(input, actor);
}

/**
 * An admin creates a user (API or the "New user" form). Without a password the user is
 * pending and, unless `sendInvite` is false, mailed an invitation to choose one.
 */
export async function createUserByAdmin(input: UserCreateInput, actor: Actor): Promise<User> {
  const { sendInvite = true, tenant, ...fields } = input;
  const tenantId = tenant === undefined ? undefined : findTenant(tenant)?.id;
  if (tenant !== undefined && !tenantId) throw new ApiError('validation-failed', `There is no tenant ${tenant}.`, { errors: [{ path: 'tenant', message: 'There is no such tenant.' }] });
  const user = await createUser({ ...fields, tenantId });
  if (user.status === 'pending' && sendInvite) sendInvitation(user.id, actor);
  return user;
}
