'use client';

import Link from 'next/link';
import { DropdownMenu, DropdownMenuItem, DropdownMenuLinkItem } from '@/components/ui/dropdown-menu';
import { offersStatusChange, STATUS_CHANGES, type StatusChange } from '@/lib/users/status';
import type { UserTableRow } from './user-table-row';

/** The "⋯" menu of a row: open the user, change their status, delete them. */
export function UsersTableRowActions({
  user,
  onChangeStatus,
  onDelete,
  disabled,
}: {
  user: UserTableRow;
  onChangeStatus: (status: StatusChange) => void;
  /** Absent when the caller may not delete users. */
  onDelete: (() => void) | undefined;
  disabled: boolean;
}) {
  const changes = (Object.keys(STATUS_CHANGES) as StatusChange[]).filter((status) => offersStatusChange(user.status, status));
  return (
    <DropdownMenu label={`Actions for ${user.name}`}>
      <DropdownMenuLinkItem>
        <Link href={`/users/${user.id}`}>Open</Link>
      </DropdownMenuLinkItem>
      {changes.map((status) => (
        <DropdownMenuItem key={status} disabled={disabled} onSelect={() => onChangeStatus(status)}>
          {STATUS_CHANGES[status].verb}
        </DropdownMenuItem>
      ))}
      {onDelete && user.status !== 'deleting' && (
        <DropdownMenuItem tone="danger" onSelect={onDelete}>
          Delete…
        </DropdownMenuItem>
      )}
    </DropdownMenu>
  );
}
