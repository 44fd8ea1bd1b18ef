'use server';

import { z } from 'zod';
import { rotateAccessKeyOf, showAccessKey } from '@/lib/auth/access-keys';
import { idParam } from '@/lib/api/id-param';
import { serverAction } from './server-action';

/**
 * The user's access key, for an admin or a tenant admin who controls the account (the same
 * rule as GET /api/v1/users/:id/access-key); the read is audited. Another tenant's user is a
 * 404, a shared member or a system admin a 403.
 */
export const revealAccessKeyAction = serverAction({ operation: 'users.access-key', input: z.tuple([idParam]) }, async ({ principal, actor, input: [id] }) => ({
  accessKey: (await showAccessKey(principal, id, actor)).accessKey,
}));

/** Replaces the user's access key; the old one is refused from now on. */
export const rotateAccessKeyAction = serverAction({ operation: 'users.access-key', input: z.tuple([idParam]) }, async ({ principal, actor, input: [id] }) => ({
  accessKey: (await rotateAccessKeyOf(principal, id, actor)).accessKey,
}));
