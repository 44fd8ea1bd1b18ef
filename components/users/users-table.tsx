'use client';

import { functionalUpdate, useTable, type RowSelectionState, type SortingState } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SortableHeaderCell, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import { cn } from '@/lib/pages/cn';
import type { BulkAction } from '@/lib/bulk/actions';
import type { TenantSummary } from '@/lib/tenants/tenants';
import type { StatusChange } from '@/lib/users/status';
import { BulkActionDialog, type BulkSelection, type StartedBulkAction } from './bulk-action-dialog';
import { BulkActionProgress } from './bulk-action-progress';
import { BulkDeleteDialog } from './bulk-delete-dialog';
import { DeleteUserDialog } from './delete-user-dialog';
import { useStatusChange } from './use-status-change';
import { useUserListNavigation } from './user-list-navigation';
import type { UserTableRow } from './user-table-row';
import { usersTableColumns } from './users-table-columns';
import { usersTableFeatures } from './users-table-features';
import { UsersTableBulkActions } from './users-table-bulk-actions';
import { SelectAllMatching } from './select-all-matching';
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
  /** Changing scopes is for system admins only. */
  mayChangeScopes: boolean;
  /** The tenants the caller may add users to or remove them from. */
  tenants: TenantSummary[];
};

/** One page of users: sortable headers, row selection with bulk actions, row menus and pagination. */
export function UsersTable({ rows, sort, hasNextPage, total, totalExact, mayDelete, mayChangeScopes, tenants }: UsersTableProps) {
  const { navigate, pending, params } = useUserListNavigation();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // Every user the search matches, on every page: only while the whole page stays selected.
  const [allMatching, setAllMatching] = useState(false);
  const [rowsOfSelection, setRowsOfSelection] = useState(rows);
  if (rows !== rowsOfSelection) {
    setRowsOfSelection(rows);
    setRowSelection(selectionWithin(rowSelection, rows));
    setAllMatching(false);
  }
  const clearSelection = useCallback(() => {
    setRowSelection({});
    setAllMatching(false);
  }, []);
  const [bulkAction, setBulkAction] = useState<{ action: BulkAction; selection: BulkSelection; count: number; approximate: boolean } | null>(null);
  // The last bulk action started here, shown until dismissed; another may start once it has ended.
  const [bulkJob, setBulkJob] = useState<{ job: StartedBulkAction; running: boolean } | null>(null);
  const bulkJobEnded = useCallback(() => setBulkJob((current) => current && { ...current, running: false }), []);
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
    onRowSelectionChange: (updater) => {
      setAllMatching(false);
      setRowSelection(updater);
    },
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
  const wholePageSelected = rows.length > 0 && table.getIsAllPageRowsSelected();
  const requestBulkAction = (action: BulkAction) =>
    setBulkAction(
      allMatching
        ? { action, selection: { pattern: params.pattern.trim() || undefined, filter: params.filters }, count: total, approximate: !totalExact }
        : { action, selection: { ids: selectedIds }, count: selectedIds.length, approximate: false },
    );

  return (
    <div className="space-y-3">
      {statusChange.failure && <Alert>{statusChange.failure}</Alert>}
      {bulkJob && <BulkActionProgress key={bulkJob.job.id} job={bulkJob.job} onFinished={bulkJobEnded} onDismiss={() => setBulkJob(null)} />}
      <UsersTableBulkActions
        selectedCount={allMatching ? total : selectedIds.length}
        allMatching={allMatching}
        pending={statusChange.pending || bulkJob?.running === true}
        onChangeStatus={(status) => requestStatusChange(selectedIds, `${selectedIds.length} user${selectedIds.length === 1 ? '' : 's'}`, status)}
        onDelete={mayDelete ? () => setIdsToDelete(selectedIds) : undefined}
        onBulkAction={requestBulkAction}
        mayChangeScopes={mayChangeScopes}
        hasTenants={tenants.length > 0}
        onClearSelection={clearSelection}
      />
      {wholePageSelected && total > rows.length && (
        <SelectAllMatching
          rowsOnPage={rows.length}
          total={total}
          totalExact={totalExact}
          allMatching={allMatching}
          onSelectAllMatching={() => setAllMatching(true)}
          onClearSelection={clearSelection}
        />
      )}
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
      {bulkAction && (
        <BulkActionDialog
          {...bulkAction}
          tenants={tenants}
          onStarted={(job) => {
            setBulkAction(null);
            clearSelection();
            setBulkJob({ job, running: true });
          }}
          onClose={() => setBulkAction(null)}
        />
      )}
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
