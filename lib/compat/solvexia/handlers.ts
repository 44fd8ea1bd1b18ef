import { ApiError } from '../../api/errors';
import { grantPermission, listUserPermissions, revokePermission } from '@/lib/permissions/grants';
import type { UserListQuery } from '@/lib/users/schemas';
import { createUserFromApi } from '@/lib/auth/sign-up';
import { requireEditableFields, requireReadableUser, userListRestriction } from '@/lib/access/tenant-scope';
import { listUsers, type TenantRestriction } from '@/lib/search/user-search';
import { updateUser } from '@/lib/users/users';
import { inSolvexiaFieldNames, toSolvexiaPermission, toSolvexiaUser } from './mapping';
import { clientCredentials, exchangeClientCredentials, OAuthError } from './oauth';
import { SOLVEXIA_ENDPOINTS } from './endpoints';
import type { SolvexiaUserListItem } from './schemas';
import { solvexiaRoute } from './route';

/**
 * The handlers of Solvexia's documented calls. Each is served at every path the document
 * prints for it (`/api/v1/users...` and `/v1/users...`, `/permissions` and `/permisions`):
 * the route files under app/compat/solvexia re-export these. Every success is 200.
 */

const NO_STORE = { 'cache-control': 'no-store' };

/** POST /oauth/token: client credentials (JSON or form body, or HTTP Basic) for a bearer token. */
export const issueToken = solvexiaRoute(SOLVEXIA_ENDPOINTS.issueToken, async ({ body, request }) => {
  if (body.grant_type !== 'client_credentials') {
    throw new OAuthError('unsupported_grant_type', 'bad-request', `The grant_type "${body.grant_type}" is not supported: use client_credentials.`, {
      errors: [{ path: 'grant_type', message: 'Use client_credentials.' }],
    });
  }
  const { token, expiresAt } = await exchangeClientCredentials(clientCredentials(request.headers, body), request.headers);
  const expiresIn = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return Response.json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn }, { headers: { ...NO_STORE, pragma: 'no-cache' } });
});

const LIST_BATCH_SIZE = 100;

/**
 * Every user the caller reaches, oldest first, as one JSON array streamed a batch at a time
 * along the list's keyset cursor, so a large directory is never held in memory. The first
 * batch is read before answering, so a failure is still an error answer.
 */
async function userListStream(restriction: TenantRestriction): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const batch = (cursor?: string) => listUsers({ sort: 'created:1', limit: LIST_BATCH_SIZE, offset: 0, cursor, includeTotal: false } satisfies UserListQuery, restriction);
  let page = await batch();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const items: SolvexiaUserListItem[] = page.items.map((user) => ({ id: user.id, loginName: user.username }));
      const json = items.map((item) => JSON.stringify(item)).join(',');
      controller.enqueue(encoder.encode(`${first ? '[' : items.length ? ',' : ''}${json}`));
      first = false;
      if (!page.nextCursor) {
        controller.enqueue(encoder.encode(']'));
        controller.close();
        return;
      }
      page = await batch(page.nextCursor);
    },
  });
}

/** GET /api/v1/users: [{id, loginName}]. */
export const listSolvexiaUsers = solvexiaRoute(SOLVEXIA_ENDPOINTS.listUsers, async ({ principal }) => {
  return new Response(await userListStream(userListRestriction(principal)), { headers: { 'content-type': 'application/json', ...NO_STORE } });
});

/**
 * POST /v1/users. The same call as POST /api/v1/users: as userRole is required and only a
 * system admin sets a role, only a system admin creates users here.
 */
export const createSolvexiaUser = solvexiaRoute(SOLVEXIA_ENDPOINTS.createUser, async ({ body, principal, address, request }) => {
  // The endpoint requires a credential: the pipeline answered 401 to a call without one.
  const outcome = await inSolvexiaFieldNames(() => createUserFromApi(body, principal!, { address, userAgent: request.headers.get('user-agent') }));
  // Only a self sign-up (no caller) ends without a user, and a caller is required above.
  if (outcome.kind !== 'created') throw new ApiError('forbidden', 'Creating users needs an admin.');
  return Response.json(toSolvexiaUser(outcome.user), { headers: NO_STORE });
});

/** GET /v1/users/{userId}. */
export const readSolvexiaUser = solvexiaRoute(SOLVEXIA_ENDPOINTS.getUser, async ({ params, principal }) => {
  return Response.json(toSolvexiaUser(await requireReadableUser(principal, params.userId)), { headers: NO_STORE });
});

/** POST /v1/users/{userId}: a partial update, under the same rules as PATCH /api/v1/users/:id. */
export const updateSolvexiaUser = solvexiaRoute(SOLVEXIA_ENDPOINTS.updateUser, async ({ params, body, principal }) => {
  const user = await inSolvexiaFieldNames(async () => {
    await requireEditableFields(principal, params.userId, body);
    return await updateUser(params.userId, body, { actorId: principal.user.id });
  });
  return Response.json(toSolvexiaUser(user), { headers: NO_STORE });
});

/** GET /v1/users/{userId}/permissions: the roles the user holds now (an expired grant holds none). */
export const listSolvexiaPermissions = solvexiaRoute(SOLVEXIA_ENDPOINTS.listPermissions, async ({ params, principal }) => {
  const held = (await listUserPermissions(principal, params.userId)).filter((permission) => !permission.expired);
  return Response.json(held.map(toSolvexiaPermission), { headers: NO_STORE });
});

/** POST /v1/users/{userId}/permissions/{resourceId}: grant or change the role; 200 either way. */
export const grantSolvexiaPermission = solvexiaRoute(SOLVEXIA_ENDPOINTS.grantPermission, async ({ params, body, principal, address }) => {
  const { permission } = await grantPermission(principal, params.userId, params.resourceId, { role: body.role }, { id: principal.user.id, ip: address });
  return Response.json(toSolvexiaPermission(permission), { headers: NO_STORE });
});

/** DELETE /v1/users/{userId}/permissions/{resourceId}: 200 with an empty body. */
export const revokeSolvexiaPermission = solvexiaRoute(SOLVEXIA_ENDPOINTS.revokePermission, async ({ params, principal, address }) => {
  await revokePermission(principal, params.userId, params.resourceId, { id: principal.user.id, ip: address });
  return new Response(null, { status: 200 });
});
