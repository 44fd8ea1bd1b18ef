'use client';

import { Button } from '@/components/ui/button';
import { BULK_ACTIONS, usersCount, type BulkAction } from '@/lib/bulk/actions';
import { STATUS_CHANGES, type StatusChange } from '@/lib/users/status';

/** The scope and tenant actions, offered for a page's selection and for everyone matching alike. */
const ARGUMENT_ACTIONS = ['add-scope', 'remove-scope', 'add-to-tenant', 'remove-from-tenant'] as const satisfies BulkAction[];

/**
 * Shown while rows are selected: what to do with all of them at once. A page's rows are
 * suspended, activated or deleted at once; everyone matching (allMatching), and the scope and
 * tenant changes, go through a background bulk action.
 */
export function UsersTableBulkActions({
  selectedCount,
  allMatching,
  pending,
  onChangeStatus,
  onDelete,
  onBulkAction,
  mayChangeScopes,
  hasTenants,
  onClearSelection,
}: {
  selectedCount: number;
  /** Every user the list matches is selected, not only this page's. */
  allMatching: boolean;
  pending: boolean;
  onChangeStatus: (status: StatusChange) => void;
  /** Absent when the caller may not delete users. */
  onDelete: (() => void) | undefined;
  onBulkAction: (action: BulkAction) => void;
  /** Only system admins change scopes. */
  mayChangeScopes: boolean;
  /** Whether there is a tenant the caller may name. */
  hasTenants: boolean;
  onClearSelection: () => void;
}) {
  if (selectedCount === 0) return null;
  const offered = ARGUMENT_ACTIONS.filter((action) => (BULK_ACTIONS[action].needs === 'scope' ? mayChangeScopes : hasTenants));
  return (
    <div role="region" aria-label="Selected users" className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm">
      <span className="mr-auto font-medium text-indigo-900">{allMatching ? `All ${usersCount(selectedCount)} matching selected` : `${selectedCount} selected`}</span>
      {allMatching ? (
        <>
          <Button variant="secondary" className="px-3 py-1.5" disabled={pending} onClick={() => onBulkAction('suspend')}>
            Suspend all…
          </Button>
          <Button variant="secondary" className="px-3 py-1.5" disabled={pending} onClick={() => onBulkAction('activate')}>
            Activate all…
          </Button>
          {onDelete && (
            <Button variant="secondary" className="px-3 py-1.5" disabled={pending} onClick={() => onBulkAction('delete')}>
              Delete all…
            </Button>
          )}
        </>
      ) : (
        <>
          {(Object.keys(STATUS_CHANGES) as StatusChange[]).map((status) => (
            <Button key={status} variant="secondary" className="px-3 py-1.5" disabled={pending} onClick={() => onChangeStatus(status)}>
              {STATUS_CHANGES[status].verb} selected
            </Button>
          ))}
          {onDelete && (
            <Button variant="secondary" className="px-3 py-1.5" disabled={pending} onClick={onDelete}>
              Delete selected…
            </Button>
          )}
        </>
      )}
      {offered.map((action) => (
        <Button key={action} variant="secondary" className="px-3 py-1.5" disabled={pending} onClick={() => onBulkAction(action)}>
          {BULK_ACTIONS[action].verb}…
        </Button>
      ))}
      <Button variant="ghost" className="px-3 py-1.5" onClick={onClearSelection}>
        Clear selection
      </Button>
    </div>
  );
}
