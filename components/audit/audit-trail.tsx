import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { UsersQueryError } from '@/components/users/users-query-error';
import { auditListHref, EMPTY_AUDIT_LIST_PARAMS } from '@/lib/audit/list-params';
import type { AuditTableData } from '@/lib/audit/page-data';
import { AuditListNavigationProvider } from './audit-list-navigation';
import { AuditTable } from './audit-table';
import { toAuditTableRows } from './audit-table-row';
import { AuditToolbar } from './audit-toolbar';

/**
 * The audit table with its filters, as /audit and a user's activity page show it: the rows, or
 * why there are none (nothing matches, or the URL asks for something the list cannot do).
 */
export function AuditTrail({ path, data, showTarget = true, children }: { path: string; data: AuditTableData; showTarget?: boolean; children?: React.ReactNode }) {
  const { params, result, actions } = data;
  const filtered = params.pattern || params.actor || params.action || params.target || params.from || params.to || params.others.length > 0;
  return (
    <AuditListNavigationProvider path={path} params={params}>
      {children}
      <AuditToolbar actions={actions} showTarget={showTarget} />
      {!result.ok ? (
        <UsersQueryError errors={result.errors} showAll={{ href: path, label: 'Show all events' }} />
      ) : result.page.items.length === 0 && !result.page.nextCursor ? (
        <EmptyState title={filtered ? 'No events match these filters' : 'No events recorded yet'}>
          {filtered && (
            <Link href={auditListHref(path, EMPTY_AUDIT_LIST_PARAMS)} className="font-medium text-indigo-700 hover:underline">
              Clear the search and filters
            </Link>
          )}
        </EmptyState>
      ) : (
        <AuditTable rows={toAuditTableRows(result.page.items, result.people)} nextCursor={result.page.nextCursor} searchedThrough={result.page.searchedThrough} />
      )}
    </AuditListNavigationProvider>
  );
}
