'use client';

import type { CellData, Column } from '@tanstack/react-table';
import type { UserTableRow } from './user-table-row';
import type { usersTableFeatures } from './users-table-features';

const SORT_ICONS = { asc: '↑', desc: '↓' } as const;

/** A sortable header's button; the cell around it carries aria-sort. */
export function UsersTableColumnHeader<TValue extends CellData>({ column, title }: { column: Column<typeof usersTableFeatures, UserTableRow, TValue>; title: string }) {
  const sorted = column.getIsSorted();
  return (
    <button type="button" onClick={column.getToggleSortingHandler()} className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 font-semibold hover:bg-slate-200/60">
      {title}
      <span aria-hidden="true" className={sorted ? 'text-indigo-700' : 'text-slate-400'}>
        {sorted ? SORT_ICONS[sorted] : '↕'}
      </span>
    </button>
  );
}
