import { transaction } from '@/db/client';
import { bulkJobRows } from '@/db/schema';
import { mayAttempt } from '@/lib/access/matrix';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import type { Principal } from '@/lib/auth/principal';
import { createBulkJob } from '@/lib/jobs/jobs';
import { countUsers } from '@/lib/search/user-search';
import { requireTenant } from '@/lib/tenants/tenants';
import { ADMIN_SCOPE } from '@/lib/users/users';
import { BULK_ACTIONS } from './actions';
import type { BulkJobParams } from './params';
import type { BulkActionInput } from './schemas';

/** Rows per insert when ids are stored with the job: well under SQLite's bound-parameter limit. */
const ROWS_PER_INSERT = 500;

/** What only a system admin may ask for in bulk, as one by one: deleting (users.delete) and changing scopes (requireEditableFields). */
function refuseBeyondCaller(input: BulkActionInput, principal: Principal): void {
  if (input.action === 'delete' && !mayAttempt('users.delete', principal)) throw new ApiError('forbidden', 'Only a system admin can delete users.');
  if (BULK_ACTIONS[input.action].needs === 'scope' && !principal.isAdmin) {
    const message = input.scope === ADMIN_SCOPE ? `Only a system admin can grant or remove the ${ADMIN_SCOPE} scope.` : 'Only a system admin can change scopes.';
    throw new ApiError('forbidden', message, { errors: [{ path: 'scope', message }] });
  }
}

/**
 * Queues a bulk action on a selection (ids, or the list's pattern and filter within the
 * caller's reach) and records who asked, in one transaction. The job (lib/bulk/handler.ts)
 * then gathers the selection and changes each user as if one by one.
 */
export async function startBulkAction(input: BulkActionInput, principal: Principal) {
  refuseBeyondCaller(input, principal);
  // A tenant admin names only their own tenants; another answers 404 as an unknown one does.
  const tenant = input.tenant === undefined ? undefined : await requireTenant(principal, input.tenant);
  const selection: BulkJobParams['selection'] = input.ids ? { ids: input.ids.length } : { pattern: input.pattern ?? null, filter: input.filter ?? [] };
  // A bad pattern or filter is the list's own 400, from the same parser.
  const stepsTotal = input.ids ? input.ids.length : await countUsers({ pattern: input.pattern, filter: input.filter }, userListRestriction(principal));
  const params: BulkJobParams = {
    action: input.action,
    scope: input.scope ?? null,
    tenantId: tenant?.id ?? null,
    role: input.action === 'add-to-tenant' ? (input.role ?? 'user') : null,
    selection,
    // Ids are the selection already; a filter's users are gathered by the job.
    gathered: input.ids !== undefined,
    gatherCursor: null,
  };
  return transaction(async (tx) => {
    const job = await createBulkJob({ kind: 'bulk-action', params, requestedBy: principal, stepsTotal });
    for (let start = 0; input.ids && start < input.ids.length; start += ROWS_PER_INSERT) {
      await tx.insert(bulkJobRows).values(input.ids.slice(start, start + ROWS_PER_INSERT).map((userId, i) => ({ jobId: job.id, position: start + i + 1, userId })));
    }
    await recordAuditEvent({
      action: 'bulk.started',
      target: job.id,
      tenantId: tenant?.id,
      after: { action: input.action, scope: params.scope, tenantId: params.tenantId, role: params.role, selection, count: stepsTotal },
    });
    return job;
  });
}

/** The job, as the start answers it. */
export function bulkJobState(job: { id: string; status: string; stepsDone: number; stepsTotal: number }) {
  return { id: job.id, status: job.status, stepsDone: job.stepsDone, stepsTotal: job.stepsTotal };
}
