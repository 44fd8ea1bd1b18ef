import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { appmixerCountQuerySchema } from '@/lib/compat/appmixer/schemas';
import { userListRestriction } from '@/lib/tenant-scope';
import { countUsers } from '@/lib/user-search';

export const GET = appmixerRoute({ operation: 'users.list', query: appmixerCountQuerySchema }, ({ query, principal }) => ({ count: countUsers(query, userListRestriction(principal)) }));
