import { apiRoute } from '@/lib/api/route';
import { userCountQuerySchema } from '@/lib/schemas/users';
import { countUsers } from '@/lib/user-search';

export const GET = apiRoute({ access: 'admin', query: userCountQuerySchema }, ({ query }) => ({ count: countUsers(query) }));
