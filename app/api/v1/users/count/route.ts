import { apiRoute } from '@/lib/api/route';
import { userCountQuerySchema } from '@/lib/users/schemas';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { countUsers } from '@/lib/search/user-search';

export const GET = apiRoute({ operation: 'users.list', query: userCountQuerySchema }, async ({ query, principal }) => ({ count: await countUsers(query, userListRestriction(principal)) }));
