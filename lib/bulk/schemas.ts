import { z } from 'zod';
import { deletionJobStatuses, membershipRoles } from '@/db/schema';
import { idParam } from '@/lib/api/id-param';
import { instantSchema, scopeNameSchema, userCountQuerySchema } from '@/lib/users/schemas';
import { BULK_ACTIONS, type BulkAction } from './actions';

/** The body of POST /api/v1/users/bulk and of the users list's bulk bar: one schema for both doors. */

/** A selection by ids is for a page or a pasted list; anything larger is a filter. */
export const MAX_BULK_IDS = 10_000;

const actionNames = Object.keys(BULK_ACTIONS) as [BulkAction, ...BulkAction[]];

export const bulkActionSchema = z
  .strictObject({
    action: z.enum(actionNames, { message: `action must be one of ${actionNames.join(', ')}.` }).meta({ description: 'What to do to every selected user.', example: 'suspend' }),
    pattern: userCountQuerySchema.shape.pattern,
    filter: userCountQuerySchema.shape.filter,
    ids: z
      .array(idParam)
      .min(1, 'ids cannot be empty.')
      .max(MAX_BULK_IDS, `At most ${MAX_BULK_IDS} ids; select more with pattern and filter.`)
      .transform((ids) => [...new Set(ids)])
      .optional()
      .meta({ description: `Users by id (at most ${MAX_BULK_IDS}), instead of \`pattern\` and \`filter\`.`, example: ['usr_4fQk2xH1aZ7pLw9e'] }),
    scope: scopeNameSchema.optional().meta({ description: 'The scope to add or remove; required for `add-scope` and `remove-scope`.', example: 'tester' }),
    tenant: idParam.optional().meta({ description: 'The tenant, by id or slug; required for `add-to-tenant` and `remove-from-tenant`.', example: 'acme' }),
    role: z
      .enum(membershipRoles, { message: `role must be one of ${membershipRoles.join(', ')}.` })
      .optional()
      .meta({ description: 'The tenant role for `add-to-tenant` (default `user`).', example: 'user' }),
  })
  .superRefine((body, context) => {
    const needs = BULK_ACTIONS[body.action].needs;
    if (needs === 'scope' && body.scope === undefined) context.addIssue({ code: 'custom', path: ['scope'], message: `${body.action} needs the scope to ${body.action === 'add-scope' ? 'add' : 'remove'}.` });
    if (needs === 'tenant' && body.tenant === undefined) context.addIssue({ code: 'custom', path: ['tenant'], message: `${body.action} needs a tenant (its id or slug).` });
    if (needs !== 'scope' && body.scope !== undefined) context.addIssue({ code: 'custom', path: ['scope'], message: `scope is only for add-scope and remove-scope.` });
    if (needs !== 'tenant' && body.tenant !== undefined) context.addIssue({ code: 'custom', path: ['tenant'], message: `tenant is only for add-to-tenant and remove-from-tenant.` });
    if (body.role !== undefined && body.action !== 'add-to-tenant') context.addIssue({ code: 'custom', path: ['role'], message: 'role is only for add-to-tenant.' });
    const byQuery = body.pattern !== undefined || body.filter !== undefined;
    if (body.ids !== undefined && byQuery) context.addIssue({ code: 'custom', path: ['ids'], message: 'Select users either by ids or by pattern and filter, not both.' });
    if (body.ids === undefined && !byQuery) {
      context.addIssue({ code: 'custom', path: ['filter'], message: 'Select users with ids, or with pattern and filter (to act on everyone, send an empty filter: "filter": []).' });
    }
  });
export type BulkActionInput = z.infer<typeof bulkActionSchema>;

export const bulkJobStateSchema = z
  .object({
    id: z.string().meta({ description: 'Follow the job at GET /api/v1/users/bulk/{id}.' }),
    status: z.enum(deletionJobStatuses),
    stepsDone: z.int().meta({ description: 'Users done so far (changed, unchanged or refused), for a progress bar with `stepsTotal`.' }),
    stepsTotal: z.int().meta({ description: 'Users selected: counted when asked, then exactly once the selection is gathered.' }),
  })
  .meta({ id: 'BulkJobState', example: { id: 'blk_Zp3q8VwR2mXk7TtA', status: 'queued', stepsDone: 0, stepsTotal: 12345 } });

const refusedRowSchema = z.object({
  userId: z.string().nullable().meta({ description: 'The selected id; null never happens for a filter.' }),
  email: z.string().nullable().meta({ description: 'Null for an id that names no user you reach.' }),
  reason: z.string().meta({ description: 'Why this user was left as they were.' }),
});

export const bulkJobReportSchema = bulkJobStateSchema
  .extend({
    action: z.enum(actionNames),
    scope: z.string().nullable().meta({ description: 'The scope added or removed, for the scope actions.' }),
    tenantId: z.string().nullable().meta({ description: 'The tenant joined or left, for the tenant actions.' }),
    counts: z
      .object({ done: z.int(), unchanged: z.int(), refused: z.int() })
      .meta({ description: '`done`: changed; `unchanged`: already so; `refused`: left as they were, with a reason in `refused`.' }),
    cancelRequested: z.boolean(),
    error: z.string().nullable().meta({ description: 'Why the job failed, when it did.' }),
    requestedBy: z.string().nullable(),
    createdAt: instantSchema('When it was asked for.'),
    startedAt: instantSchema('When the worker started it.').nullable(),
    finishedAt: instantSchema('When it completed, failed or was cancelled.').nullable(),
    refused: z.array(refusedRowSchema).meta({ description: 'Refused users in selection order, a page at a time.' }),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page of refused users; null at the end.' }),
  })
  .meta({ id: 'BulkJobReport' });

export const bulkJobParamsSchema = z.object({ id: idParam.meta({ description: 'The job’s id, from POST /api/v1/users/bulk.' }) });

export const bulkReportQuerySchema = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'cursor must be the nextCursor of a previous answer.')
    .optional()
    .meta({ description: 'The previous answer’s `nextCursor`.' }),
  limit: z.coerce
    .number({ message: 'limit must be a number.' })
    .int('limit must be a whole number.')
    .min(1, 'limit must be at least 1.')
    .max(500, 'limit must be at most 500.')
    .default(100)
    .meta({ description: 'Refused users a page (default 100).' }),
});
export type BulkReportQuery = z.infer<typeof bulkReportQuerySchema>;
