import type { FieldError } from './api/errors';
import { ADMIN_SCOPE } from './users';

/**
 * An admin must not lock themselves out from the admin pages by mistake: suspending or locking
 * their own account ends their session, and dropping their own `admin` scope ends their access.
 * Another admin can still do either.
 */
export function selfLockoutErrors(actorId: string, targetId: string, patch: { status?: string; scope?: string[] }): FieldError[] {
  if (actorId !== targetId) return [];
  const errors: FieldError[] = [];
  if (patch.status !== undefined && patch.status !== 'active') errors.push({ path: 'status', message: 'You cannot suspend or lock your own account.' });
  if (patch.scope !== undefined && !patch.scope.includes(ADMIN_SCOPE)) errors.push({ path: 'scope', message: `You cannot remove the ${ADMIN_SCOPE} scope from your own account.` });
  return errors;
}
