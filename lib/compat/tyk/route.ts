import { isTenantAdmin, mayAttempt, OPERATIONS, type Operation } from '../../access';
import { ApiError } from '../../api/errors';
import { routeThrough } from '../../api/route';
import type { Principal } from '../../auth/principal';
import { TYK_DOOR } from './door';

/** The route wrapper of every /compat/tyk handler: the /api/v1 pipeline behind Tyk's door. */
export const tykRoute = routeThrough(TYK_DOOR);

/**
 * Tyk has no anonymous calls: even adding a user needs an access key, though Gatehouse's
 * `users.create` is open (sign-up). For such a route, the caller or a 401.
 */
export function requireCaller(principal: Principal | null): Principal {
  if (!principal) throw new ApiError('unauthorized', TYK_DOOR.credentialHint.missing);
  return principal;
}

/**
 * Tyk's "Add user" is an administrator's call, so it is lib/sign-up's createUserAsManager
 * (never a sign-up), which only a system admin or a tenant admin can use: anyone else is told
 * so (403) rather than asked for a tenant they cannot have.
 */
export function requireUserManager(principal: Principal): void {
  if (!principal.isAdmin && !isTenantAdmin(principal)) throw new ApiError('forbidden', 'Only an admin or a tenant admin can add users.');
}

/**
 * A call that acts on the caller's own account or, as a wider operation, on anyone's (Tyk's
 * password reset and key reset take any user id): the route declares the narrow operation, and
 * acting on another user also needs the wide one from the access matrix.
 */
export function requireOperation(operation: Operation, principal: Principal): void {
  if (mayAttempt(operation, principal)) return;
  throw new ApiError('forbidden', OPERATIONS[operation].reach === 'admin' ? 'This operation needs the admin scope.' : 'This operation needs the admin scope or a tenant admin role.');
}
