import { apiRoute } from '@/lib/api/route';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { countUsers } from '@/lib/search/user-search';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.countUsers, async ({ query, principal }) => ({ count: await countUsers(query, userListRestriction(principal)) }));
