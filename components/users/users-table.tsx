'use client';

import { functionalUpdate, useTable, type Column, type RowSelectionState, type SortingState } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { cn } from '@/lib/cn';
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

function ariaSort(column: Column<typeof usersTableFeatures, UserTableRow, unknown>) {
  if (!column.getCanSort()) return undefined;
  const sorted = column.getIsSorted();
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}

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
  /** Deleting is for system admins only: tenant admins get no delete actions. */
  mayDelete: boolean;
};

/** One page of users: sortable headers, row selection with bulk actions, row menus and pagination. */
export function UsersTable({ rows, sort, hasNextPage, total, mayDelete }: UsersTableProps) {
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
    meta: { changeStatus: statusChange.changeStatus, statusChangePending: statusChange.pending, requestDelete: mayDelete ? setUserToDelete : undefined },
  });
  const selectedIds = table.getSelectedRowIds();

  return (
    <div className="space-y-3">
      {statusChange.notice && <Alert tone={statusChange.notice.tone}>{statusChange.notice.text}</Alert>}
      <UsersTableBulkActions
        selectedCount={selectedIds.length}
        pending={statusChange.pending}
        onChangeStatus={(status) => statusChange.changeStatus(selectedIds, status)}
        onDelete={mayDelete ? () => setIdsToDelete(selectedIds) : undefined}
        onClearSelection={clearSelection}
      />
      <div className={cn('overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm transition-opacity', pending && 'opacity-60')} aria-busy={pending}>
        {/* relative: the sr-only texts in far columns are absolutely placed and would otherwise widen the page. */}
        <div className="relative overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Users</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <th key={header.id} scope="col" aria-sort={ariaSort(header.column)} className={cn('bg-slate-50 px-3 py-2.5 font-semibold whitespace-nowrap', header.column.columnDef.meta?.className)}>
                      {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id} aria-selected={row.getIsSelected()} className="group hover:bg-slate-50 aria-selected:bg-indigo-50">
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={cn('px-3 py-2 whitespace-nowrap text-slate-700', cell.column.columnDef.meta?.className, cell.column.columnDef.meta?.cellClassName)}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <UsersTablePagination rowsOnPage={rows.length} hasNextPage={hasNextPage} total={total} />
      </div>
      {userToDelete && <DeleteUserDialog user={userToDelete} onClose={() => setUserToDelete(null)} />}
      {idsToDelete && <BulkDeleteDialog ids={idsToDelete} onClose={() => setIdsToDelete(null)} onStarted={clearSelection} />}
    </div>
  );
}
