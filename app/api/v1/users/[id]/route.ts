import { z } from 'zod';
import { selfLockoutErrors } from '@/lib/admin-self-protection';
import { ApiError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { userUpdateSchema } from '@/lib/schemas/users';
import { loadListItems } from '@/lib/user-search';
import { requireUserById, updateUser, userEtag, versionFromIfMatch } from '@/lib/users';

const params = z.object({ id: z.string().min(1).max(64) });

function userResponse(id: string): Response {
  const user = requireUserById(id);
  const [item] = loadListItems([user.pk]);
  return Response.json(item, { headers: { etag: userEtag(user), 'cache-control': 'no-store' } });
}

export const GET = apiRoute({ access: 'admin', params }, ({ params }) => userResponse(params.id));

export const PATCH = apiRoute({ access: 'admin', params, body: userUpdateSchema }, ({ params, body, request, principal }) => {
  const lockout = selfLockoutErrors(principal.user.id, params.id, body);
  if (lockout.length) throw new ApiError('validation-failed', lockout[0].message, { errors: lockout });
  updateUser(params.id, body, versionFromIfMatch(request.headers.get('if-match')));
  return userResponse(params.id);
});
