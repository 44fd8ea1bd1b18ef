import { requestUserDeletion } from '@/lib/deletion/requests';
import { apiRoute } from '@/lib/api/route';
import { loadListItems } from '@/lib/search/user-search';
import { requireEditableFields, requireReadableUser } from '@/lib/access/tenant-scope';
import { requireUserById, updateUser, userEtag, versionFromIfMatch } from '@/lib/users/users';
import { V1_ENDPOINTS } from '@/lib/endpoints';

async function userResponse(id: string): Promise<Response> {
  const user = await requireUserById(id);
  const [item] = await loadListItems([user.pk]);
  return Response.json(item, { headers: { etag: userEtag(user), 'cache-control': 'no-store' } });
}

export const GET = apiRoute(V1_ENDPOINTS.getUser, async ({ params, principal }) => {
  await requireReadableUser(principal, params.id);
  return userResponse(params.id);
});

export const PATCH = apiRoute(V1_ENDPOINTS.updateUser, async ({ params, body, request, principal }) => {
  await requireEditableFields(principal, params.id, body);
  await updateUser(params.id, body, { expectedVersion: versionFromIfMatch(request.headers.get('if-match')), actorId: principal.user.id });
  return userResponse(params.id);
});

/** Starts an asynchronous deletion: 202 with a ticket to poll, or 200 with the running one's. */
export const DELETE = apiRoute(V1_ENDPOINTS.deleteUser, async ({ params, principal, address, request }) => {
  const { job, created } = await requestUserDeletion(params.id, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return Response.json(
    { ticket: job.ticket, status: job.status, stepsDone: job.stepsDone, stepsTotal: job.stepsTotal },
    { status: created ? 202 : 200, headers: { location: `/api/v1/users/${params.id}/delete-status/${job.ticket}` } },
  );
});
