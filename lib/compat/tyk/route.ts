import { isTenantAdmin } from '@/lib/access/matrix';
import { ApiError } from '../../api/errors';
import { routeThrough } from '../../api/route';
import type { Principal } from '../../auth/principal';
import { TYK_DOOR } from './door';

/** The route wrapper of every /compat/tyk handler: the /api/v1 pipeline behind Tyk's door. */
export const tykRoute = routeThrough(TYK_DOOR);

/**
 * Tyk's "Add user" is an administrator's call, so it is lib/auth/sign-up's createUserAsManager
 * (never a sign-up), which only a system admin or a tenant admin can use: anyone else is told
 * so (403) rather than asked for a tenant they cannot have.
 */
export function requireUserManager(principal: Principal): void {
  if (!principal.isAdmin && !isTenantAdmin(principal)) throw new ApiError('forbidden', 'Only an admin or a tenant admin can add users.');
}
