import { requestUserDeletion } from '@/lib/deletion/requests';
import { toAppmixerUser } from '@/lib/compat/appmixer/mapping';
import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { appmixerUpdateSchema, userIdParams } from '@/lib/compat/appmixer/schemas';
import { requireEditableFields, requireReadableUser } from '@/lib/access/tenant-scope';
import { getUserScopes, updateUser } from '@/lib/users/users';

export const GET = appmixerRoute({ operation: 'users.read', params: userIdParams }, ({ params, principal }) => {
  const user = requireReadableUser(principal, params.userId);
  return toAppmixerUser(user, getUserScopes(user.id));
});

/** Update scope, vendor, metadata or email; answers the updated user. */
export const PUT = appmixerRoute({ operation: 'users.update', params: userIdParams, body: appmixerUpdateSchema }, ({ params, body, principal }) => {
  requireEditableFields(principal, params.userId, body);
  const user = updateUser(params.userId, body, { actorId: principal.user.id });
  return toAppmixerUser(user, getUserScopes(user.id));
});

/** Starts Gatehouse's deletion job: 200 {ticket}, the same ticket while it runs. */
export const DELETE = appmixerRoute({ operation: 'users.delete', params: userIdParams }, ({ params, principal, address, request }) => {
  const { job } = requestUserDeletion(params.userId, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return { ticket: job.ticket };
});
