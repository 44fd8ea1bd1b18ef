import { endpoint } from '@/lib/api/endpoint';
import { MAX_BULK_IDS, bulkActionSchema, bulkJobParamsSchema, bulkJobReportSchema, bulkJobStateSchema, bulkReportQuerySchema } from '@/lib/bulk/schemas';

const REPORT_EXAMPLE = {
  id: 'blk_Zp3q8VwR2mXk7TtA',
  status: 'completed',
  stepsDone: 12345,
  stepsTotal: 12345,
  action: 'suspend',
  scope: null,
  tenantId: null,
  counts: { done: 12001, unchanged: 341, refused: 3 },
  cancelRequested: false,
  error: null,
  requestedBy: 'usr_8Hq2LmZx0PpR4sTu',
  createdAt: '2026-03-14T09:26:53.589Z',
  startedAt: '2026-03-14T09:26:54.012Z',
  finishedAt: '2026-03-14T09:27:31.440Z',
  refused: [
    { userId: 'usr_8Hq2LmZx0PpR4sTu', email: 'admin@example.com', reason: 'You cannot suspend or lock your own account.' },
    { userId: 'usr_1aB2cD3eF4gH5iJ6', email: 'root@example.com', reason: 'Only a system admin can change a system admin.' },
  ],
  nextCursor: null,
};

/** Bulk actions on the users list's selection: POST /api/v1/users/bulk and the job it starts. */
export const BULK_ENDPOINTS = {
  startBulkAction: endpoint({
    method: 'POST',
    path: '/api/v1/users/bulk',
    operation: 'users.bulk',
    tag: 'Users',
    summary: 'Act on many users at once',
    description: [
      'Suspends, activates, deletes, adds or removes a scope, or adds to or removes from a tenant every selected user, as a background job; follow it at GET /api/v1/users/bulk/{id}.',
      `Select with \`ids\` (at most ${MAX_BULK_IDS}) or with \`pattern\` and \`filter\` in the grammar of GET /api/v1/users (an empty \`filter\` selects everyone you manage); a bad pattern or filter answers 400 as the list does.`,
      'Each user is changed as if one by one, with the same checks and audit events: yourself (suspend, delete, removing your admin scope), the last active admin, and users beyond your reach are refused and listed in the report; the others go on.',
      'A tenant admin selects among the members of their tenants, names only those tenants, and neither deletes nor changes scopes (403).',
    ].join(' '),
    body: bulkActionSchema,
    requestExample: { action: 'suspend', filter: ['plan:trial', 'status:active'] },
    responses: { 202: { description: 'The job is queued.', body: bulkJobStateSchema, headers: { location: 'Where to follow it.' } } },
    problems: ['bad-request', 'forbidden', 'not-found'],
  }),
  getBulkAction: endpoint({
    method: 'GET',
    path: '/api/v1/users/bulk/{id}',
    operation: 'users.bulk',
    tag: 'Users',
    summary: 'Follow a bulk action',
    description:
      'Where a bulk action is (`stepsDone` of `stepsTotal`, for a progress bar), how many users were changed, already so, or refused, and the refused users with the reason, a page at a time (`cursor`, `limit`). Poll until `status` is `completed`, `failed` or `cancelled`. Visible to the admin who asked and to system admins; for anyone else it does not exist.',
    params: bulkJobParamsSchema,
    query: bulkReportQuerySchema,
    responses: { 200: { description: 'The bulk action and a page of its refused users.', body: bulkJobReportSchema, example: REPORT_EXAMPLE } },
    problems: ['not-found'],
  }),
  cancelBulkAction: endpoint({
    method: 'POST',
    path: '/api/v1/users/bulk/{id}/cancel',
    operation: 'users.bulk',
    tag: 'Users',
    summary: 'Cancel a bulk action',
    description:
      'Stops a bulk action: at once if it has not started, otherwise after the batch running now. Users already changed stay changed; the rest are left as they are. Cancelling a finished one changes nothing and answers it as it is.',
    params: bulkJobParamsSchema,
    responses: {
      200: {
        description: 'The bulk action, cancelled or stopping (`status` becomes `cancelled` after the current batch).',
        body: bulkJobStateSchema,
        example: { id: 'blk_Zp3q8VwR2mXk7TtA', status: 'in-progress', stepsDone: 4200, stepsTotal: 12345 },
      },
    },
    problems: ['not-found'],
  }),
};
