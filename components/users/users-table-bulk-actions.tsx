'use client';

import { Button } from '@/components/ui/button';
import { STATUS_CHANGES, type StatusChange } from '@/lib/users/status';

/** Shown while rows are selected: what to do with all of them at once. */
export function UsersTableBulkActions({
  selectedCount,
  pending,
  onChangeStatus,
  onDelete,
  onClearSelection,
}: {
  selectedCount: number;
  pending: boolean;
  onChangeStatus: (status: StatusChange) => void;
  /** Absent when the caller may not delete users. */
  onDelete: (() => void) | undefined;
  onClearSelection: () => void;
}) {
  if (selectedCount === 0) return null;
  return (
    <div role="region" aria-label="Selected users" className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm">
      <span className="mr-auto font-medium text-indigo-900">{selectedCount} selected</span>
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
      <Button variant="ghost" className="px-3 py-1.5" onClick={onClearSelection}>
        Clear selection
      </Button>
    </div>
  );
}
