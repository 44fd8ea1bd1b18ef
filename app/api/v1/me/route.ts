import { apiRoute } from '@/lib/api/route';
import { ownProfileUpdateSchema } from '@/lib/users/schemas';
import { getUserScopes, toPublicUser, updateUser } from '@/lib/users/users';

export const GET = apiRoute({ operation: 'me.read' }, ({ principal }) => toPublicUser(principal.user, principal.scopes));

export const PATCH = apiRoute({ operation: 'me.update', body: ownProfileUpdateSchema }, async ({ principal, body }) => {
  const user = await updateUser(principal.user.id, body);
  return toPublicUser(user, await getUserScopes(user.id));
});
