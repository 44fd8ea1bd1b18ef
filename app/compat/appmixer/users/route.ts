import { toAppmixerUser } from '@/lib/compat/appmixer/mapping';
import { APPMIXER_ENDPOINTS } from '@/lib/compat/appmixer/endpoints';
import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { listUsers } from '@/lib/search/user-search';

/** All users (a tenant admin: their tenants' members), as a JSON array. */
export const GET = appmixerRoute(APPMIXER_ENDPOINTS.listUsers, async ({ query, principal }) =>
  Response.json((await listUsers(query, userListRestriction(principal))).items.map((item) => toAppmixerUser(item, item.scope)), { headers: { 'cache-control': 'no-store' } }),
);
