import { apiRoute } from '@/lib/api/route';
import { getUserScopes, toPublicUser, updateUser } from '@/lib/users/users';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.readMe, ({ principal }) => toPublicUser(principal.user, principal.scopes));

export const PATCH = apiRoute(V1_ENDPOINTS.updateMe, async ({ principal, body }) => {
  const user = await updateUser(principal.user.id, body);
  return toPublicUser(user, await getUserScopes(user.id));
});
