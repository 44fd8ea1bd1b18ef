import { apiRoute } from '@/lib/api/route';
import { userListQuerySchema } from '@/lib/schemas/users';
import { countUsers } from '@/lib/user-search';

const countQuerySchema = userListQuerySchema.pick({ pattern: true, filter: true });

export const GET = apiRoute({ access: 'admin', query: countQuerySchema }, ({ query }) => ({ count: countUsers(query) }));
