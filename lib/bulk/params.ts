import type { TenantRole } from '@/lib/tenants/tenants';
import type { BulkAction } from './actions';

/** What a bulk-action job keeps in bulk_jobs.params: the action, its argument, the selection, and how far the selection is gathered. */
export type BulkJobParams = {
  action: BulkAction;
  scope: string | null;
  tenantId: string | null;
  role: TenantRole | null;
  /** Ids (their rows are written with the job; here only how many), or the list's pattern and filters. */
  selection: { ids: number } | { pattern: string | null; filter: string[] };
  /** Whether every selected user has its row in bulk_job_rows. */
  gathered: boolean;
  /** While gathering a filter's users: the list cursor after the last one gathered. */
  gatherCursor: string | null;
};
