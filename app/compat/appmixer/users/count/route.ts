import { APPMIXER_ENDPOINTS } from '@/lib/compat/appmixer/endpoints';
import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { countUsers } from '@/lib/search/user-search';

export const GET = appmixerRoute(APPMIXER_ENDPOINTS.countUsers, async ({ query, principal }) => ({ count: await countUsers(query, userListRestriction(principal)) }));
