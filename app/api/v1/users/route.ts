import { apiRoute } from '@/lib/api/route';
import { userCreateSchema, userListQuerySchema } from '@/lib/schemas/users';
import { createUserFromApi } from '@/lib/sign-up';
import { userListRestriction } from '@/lib/tenant-scope';
import { listUsers } from '@/lib/user-search';
import { getUserScopes, toPublicUser, userEtag } from '@/lib/users';

export const GET = apiRoute({ operation: 'users.list', query: userListQuerySchema }, ({ query, principal }) => listUsers(query, userListRestriction(principal)));

export const POST = apiRoute({ operation: 'users.create', body: userCreateSchema }, async ({ body, principal }) => {
  const { user, signUpToken } = await createUserFromApi(body, principal);
  const publicUser = toPublicUser(user, getUserScopes(user.id));
  const headers = { location: `/api/v1/users/${user.id}`, etag: userEtag(user), 'cache-control': 'no-store' };
  const body201 = signUpToken ? { user: publicUser, token: signUpToken.token, expiresAt: signUpToken.expiresAt } : { user: publicUser };
  return Response.json(body201, { status: 201, headers });
});
