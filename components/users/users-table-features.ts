import { metaHelper, rowSelectionFeature, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import type { StatusChange } from '@/lib/users/status';
import type { UserTableRow } from './user-table-row';

/** What the cells can call: the row menu changes a status through the table's one status-change runner. */
export type UsersTableMeta = {
  /** Suspends (after asking) or activates the users; `name` says whom, in the question. */
  requestStatusChange: (ids: string[], name: string, status: StatusChange) => void;
  statusChangePending: boolean;
  /** Opens the delete confirmation for one row's user; absent for those who may not delete. */
  requestDelete?: (user: UserTableRow) => void;
};

/** Sorting is the server's (manual, from the URL); selection is the table's own, for the bulk actions. */
export const usersTableFeatures = tableFeatures({
  rowSortingFeature,
  rowSelectionFeature,
  tableMeta: metaHelper<UsersTableMeta>(),
  /** className goes on the column's header and cells; cellClassName on its cells only. */
  columnMeta: metaHelper<{ className?: string; cellClassName?: string }>(),
});
