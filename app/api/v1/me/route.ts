import { apiRoute } from '@/lib/api/route';
import { ownProfileUpdateSchema } from '@/lib/schemas/users';
import { getUserScopes, toPublicUser, updateUser } from '@/lib/users';

export const GET = apiRoute({ access: 'user' }, ({ principal }) => toPublicUser(principal.user, principal.scopes));

export const PATCH = apiRoute({ access: 'user', body: ownProfileUpdateSchema }, ({ principal, body }) => {
  const user = updateUser(principal.user.id, body);
  return toPublicUser(user, getUserScopes(user.id));
});
