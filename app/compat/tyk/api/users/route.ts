import { inTykTerms, toCreateInput, tykStatus } from '@/lib/compat/tyk/mapping';
import { TYK_ENDPOINTS } from '@/lib/compat/tyk/endpoints';
import { requireUserManager, tykRoute } from '@/lib/compat/tyk/route';
import { listTykUsers } from '@/lib/compat/tyk/users';
import { createUserAsManager } from '@/lib/auth/sign-up';
import { updateUser } from '@/lib/users/users';

/** List users: `{users, pages}`, ten a page, `p` from 1 (the first page without it). */
export const GET = tykRoute(TYK_ENDPOINTS.listUsers, async ({ query, principal, address, request }) => {
  const actor = { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') };
  return Response.json(await listTykUsers(principal, query.p, actor), { headers: { 'cache-control': 'no-store' } });
});

/** Add user: an admin, or a tenant admin into their tenant (`org_id`). The new user's address is in Location. */
export const POST = tykRoute(TYK_ENDPOINTS.createUser, async ({ body, principal, address, request }) => {
  // The endpoint requires a credential: the pipeline answered 401 to a call without one.
  const caller = principal!;
  requireUserManager(caller);
  const actor = { id: caller.user.id, ip: address, userAgent: request.headers.get('user-agent') };
  const user = await inTykTerms(() => createUserAsManager(caller, toCreateInput(body, caller), actor));
  if (body.active === false) await updateUser(user.id, { status: 'suspended' }, { actorId: caller.user.id });
  return Response.json(tykStatus('User created'), { headers: { location: `/compat/tyk/api/users/${user.id}` } });
});
