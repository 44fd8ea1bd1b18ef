import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { appmixerCountQuerySchema } from '@/lib/compat/appmixer/schemas';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { countUsers } from '@/lib/search/user-search';

export const GET = appmixerRoute({ operation: 'users.list', query: appmixerCountQuerySchema }, async ({ query, principal }) => ({ count: await countUsers(query, userListRestriction(principal)) }));
