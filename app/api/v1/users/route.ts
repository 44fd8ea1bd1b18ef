import { apiRoute } from '@/lib/api/route';
import { getConfig } from '@/lib/server/config';
import { createUserFromApi, signUpAnswer } from '@/lib/auth/sign-up';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { listUsers } from '@/lib/search/user-search';
import { getUserScopes, toPublicUser, userEtag } from '@/lib/users/users';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.listUsers, ({ query, principal }) =>
  listUsers(query, userListRestriction(principal), { countBudgetMs: getConfig().userCountBudgetMs }),
);

export const POST = apiRoute(V1_ENDPOINTS.createUser, async ({ body, principal, address, request }) => {
  const outcome = await createUserFromApi(body, principal, { address, userAgent: request.headers.get('user-agent') });
  // A sign-up answers the same whether or not the email is taken; the mail says which.
  if (outcome.kind === 'sign-up-requested') return Response.json({ message: signUpAnswer() }, { status: 202 });
  const { user, token } = outcome;
  const headers = { location: `/api/v1/users/${user.id}`, etag: userEtag(user), 'cache-control': 'no-store' };
  const publicUser = toPublicUser(user, await getUserScopes(user.id));
  return Response.json(token ? { user: publicUser, token: token.token, expiresAt: token.expiresAt } : { user: publicUser }, { status: 201, headers });
});
