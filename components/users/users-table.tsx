'use client';

import { functionalUpdate, useTable, type RowSelectionState, type SortingState } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SortableHeaderCell, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import { cn } from '@/lib/pages/cn';
import type { StatusChange } from '@/lib/users/status';
import { BulkDeleteDialog } from './bulk-delete-dialog';
import { DeleteUserDialog } from './delete-user-dialog';
import { useStatusChange } from './use-status-change';
import { useUserListNavigation } from './user-list-navigation';
import type { UserTableRow } from './user-table-row';
import { usersTableColumns } from './users-table-columns';
import { usersTableFeatures } from './users-table-features';
import { UsersTableBulkActions } from './users-table-bulk-actions';
import { UsersTablePagination } from './users-table-pagination';

const getRowId = (row: UserTableRow) => row.id;

/** Keeps only the selected ids still on the page, so a bulk action never acts on rows out of sight. */
function selectionWithin(selection: RowSelectionState, rows: UserTableRow[]): RowSelectionState {
  return Object.fromEntries(rows.filter((row) => selection[row.id]).map((row) => [row.id, true as const]));
}

type UsersTableProps = {
  rows: UserTableRow[];
  sort: { field: string; direction: 1 | -1 };
  hasNextPage: boolean;
  /** How many users match, on all pages. */
  total: number;
  /** false when `total` is an estimate. */
  totalExact: boolean;
  /** Deleting is for system admins only: tenant admins get no delete actions. */
  mayDelete: boolean;
};

/** One page of users: sortable headers, row selection with bulk actions, row menus and pagination. */
export function UsersTable({ rows, sort, hasNextPage, total, totalExact, mayDelete }: UsersTableProps) {
  const { navigate, pending } = useUserListNavigation();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [rowsOfSelection, setRowsOfSelection] = useState(rows);
  if (rows !== rowsOfSelection) {
    setRowsOfSelection(rows);
    setRowSelection(selectionWithin(rowSelection, rows));
  }
  const clearSelection = useCallback(() => setRowSelection({}), []);
  const statusChange = useStatusChange(clearSelection);
  const [userToDelete, setUserToDelete] = useState<UserTableRow | null>(null);
  // The ids are kept from when the dialog opened: the selection may change under it.
  const [idsToDelete, setIdsToDelete] = useState<string[] | null>(null);
  const [toSuspend, setToSuspend] = useState<{ ids: string[]; name: string } | null>(null);
  // Suspending signs the users out at once, so it asks first; activating does not.
  const requestStatusChange = (ids: string[], name: string, status: StatusChange) => {
    if (status === 'suspended') setToSuspend({ ids, name });
    else void statusChange.changeStatus(ids, status);
  };

  const sorting = useMemo<SortingState>(() => [{ id: sort.field, desc: sort.direction === -1 }], [sort.field, sort.direction]);
  const table = useTable({
    features: usersTableFeatures,
    columns: usersTableColumns,
    data: rows,
    getRowId,
    state: { sorting, rowSelection },
    onRowSelectionChange: setRowSelection,
    // The server sorts: a header click only changes the URL.
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater) => {
      const [next] = functionalUpdate(updater, sorting);
      if (next) navigate({ sort: `${next.id}:${next.desc ? -1 : 1}` });
    },
    meta: { requestStatusChange, statusChangePending: statusChange.pending, requestDelete: mayDelete ? setUserToDelete : undefined },
  });
  const selectedIds = table.getSelectedRowIds();

  return (
    <div className="space-y-3">
      {statusChange.failure && <Alert>{statusChange.failure}</Alert>}
      <UsersTableBulkActions
        selectedCount={selectedIds.length}
        pending={statusChange.pending}
        onChangeStatus={(status) => requestStatusChange(selectedIds, `${selectedIds.length} user${selectedIds.length === 1 ? '' : 's'}`, status)}
        onDelete={mayDelete ? () => setIdsToDelete(selectedIds) : undefined}
        onClearSelection={clearSelection}
      />
      <Table caption="Users" busy={pending} footer={<UsersTablePagination rowsOnPage={rows.length} hasNextPage={hasNextPage} total={total} totalExact={totalExact} />}>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const { className } = header.column.columnDef.meta ?? {};
                return header.column.getCanSort() ? (
                  <SortableHeaderCell
                    key={header.id}
                    title={String(header.column.columnDef.header)}
                    direction={header.column.getIsSorted()}
                    onSort={() => header.column.toggleSorting()}
                    className={className}
                  />
                ) : (
                  <TableHeaderCell key={header.id} className={className}>
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </TableHeaderCell>
                );
              })}
            </tr>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id} aria-selected={row.getIsSelected()} className="group aria-selected:bg-indigo-50">
              {row.getAllCells().map((cell) => (
                <TableCell key={cell.id} className={cn('whitespace-nowrap', cell.column.columnDef.meta?.className, cell.column.columnDef.meta?.cellClassName)}>
                  <table.FlexRender cell={cell} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {userToDelete && <DeleteUserDialog user={userToDelete} onClose={() => setUserToDelete(null)} />}
      {idsToDelete && <BulkDeleteDialog ids={idsToDelete} onClose={() => setIdsToDelete(null)} onStarted={clearSelection} />}
      {toSuspend && (
        <ConfirmDialog
          title={`Suspend ${toSuspend.name}?`}
          description={<p>Suspended users are signed out at once and cannot sign in until they are activated again.</p>}
          confirmLabel="Suspend"
          pendingLabel="Suspending…"
          onConfirm={async () => {
            await statusChange.changeStatus(toSuspend.ids, 'suspended');
            setToSuspend(null);
          }}
          onClose={() => setToSuspend(null)}
        />
      )}
    </div>
  );
}
