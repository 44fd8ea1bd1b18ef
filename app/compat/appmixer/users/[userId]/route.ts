import { requestUserDeletion } from '@/lib/deletion/requests';
import { toAppmixerUser } from '@/lib/compat/appmixer/mapping';
import { APPMIXER_ENDPOINTS } from '@/lib/compat/appmixer/endpoints';
import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { requireEditableFields, requireReadableUser } from '@/lib/access/tenant-scope';
import { getUserScopes, updateUser } from '@/lib/users/users';

export const GET = appmixerRoute(APPMIXER_ENDPOINTS.getUser, async ({ params, principal }) => {
  const user = await requireReadableUser(principal, params.userId);
  return toAppmixerUser(user, await getUserScopes(user.id));
});

/** Update scope, vendor, metadata or email; answers the updated user. */
export const PUT = appmixerRoute(APPMIXER_ENDPOINTS.updateUser, async ({ params, body, principal }) => {
  await requireEditableFields(principal, params.userId, body);
  const user = await updateUser(params.userId, body, { actorId: principal.user.id });
  return toAppmixerUser(user, await getUserScopes(user.id));
});

/** Starts Gatehouse's deletion job: 200 {ticket}, the same ticket while it runs. */
export const DELETE = appmixerRoute(APPMIXER_ENDPOINTS.deleteUser, async ({ params, principal, address, request }) => {
  const { job } = await requestUserDeletion(params.userId, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return { ticket: job.ticket };
});
