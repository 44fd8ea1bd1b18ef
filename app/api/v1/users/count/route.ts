import { apiRoute } from '@/lib/api/route';
import { userCountQuerySchema } from '@/lib/schemas/users';
import { userListRestriction } from '@/lib/tenant-scope';
import { countUsers } from '@/lib/user-search';

export const GET = apiRoute({ operation: 'users.list', query: userCountQuerySchema }, ({ query, principal }) => ({ count: countUsers(query, userListRestriction(principal)) }));
