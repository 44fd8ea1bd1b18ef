'use server';

import { z } from 'zod';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { countUsers } from '@/lib/search/user-search';
import { userCountQuerySchema } from '@/lib/users/schemas';
import { serverAction } from './server-action';

/**
 * The exact number of users a list shows, for a list whose total was estimated: what GET
 * /api/v1/users/count answers, counted in short statements so it holds up no one else.
 */
export const countUsersAction = serverAction({ operation: 'users.list', input: z.tuple([userCountQuerySchema]) }, async ({ principal, input: [query] }) => ({
  count: await countUsers(query, userListRestriction(principal)),
}));
