import { requestUserDeletion } from '@/lib/deletion/requests';
import { inTykTerms, toUpdatePatch, tykStatus } from '@/lib/compat/tyk/mapping';
import { TYK_ENDPOINTS } from '@/lib/compat/tyk/endpoints';
import { tykRoute } from '@/lib/compat/tyk/route';
import { readTykUser } from '@/lib/compat/tyk/users';
import { requireEditableFields, requireReadableUser } from '@/lib/access/tenant-scope';
import { loadListItems } from '@/lib/search/user-search';
import { updateUser } from '@/lib/users/users';

const noStore = { 'cache-control': 'no-store' };

/** Get user. */
export const GET = tykRoute(TYK_ENDPOINTS.getUser, async ({ params, principal, address, request }) => {
  await requireReadableUser(principal, params.id);
  const actor = { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') };
  return Response.json(await readTykUser(params.id, principal, actor), { headers: noStore });
});

/** Update user: the fields sent change, the others stay; answers the user object. */
export const PUT = tykRoute(TYK_ENDPOINTS.updateUser, async ({ params, body, principal, address, request }) => {
  const user = await requireEditableFields(principal, params.id, {});
  const [current] = await loadListItems([user.pk]);
  const patch = await inTykTerms(() => toUpdatePatch(body, current, principal));
  if (Object.keys(patch).length > 0) await inTykTerms(() => updateUser(params.id, patch, { actorId: principal.user.id }));
  const actor = { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') };
  return Response.json(await readTykUser(params.id, principal, actor), { headers: noStore });
});

/** Delete user: starts Gatehouse's deletion job (the user's sessions, tokens and key end at once; the job removes the rest). */
export const DELETE = tykRoute(TYK_ENDPOINTS.deleteUser, async ({ params, principal, address, request }) => {
  await requestUserDeletion(params.id, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return tykStatus('User deleted');
});
