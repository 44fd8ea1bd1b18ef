import { createColumnHelper } from '@tanstack/react-table';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Checkbox } from '@/components/ui/checkbox';
import { formatDate, formatDateTime } from '@/lib/pages/format';
import { UserStatusBadge } from './user-status-badge';
import type { UserTableRow } from './user-table-row';
import { usersTableFeatures } from './users-table-features';
import { UsersTableRowActions } from './users-table-row-actions';

const column = createColumnHelper<typeof usersTableFeatures, UserTableRow>();

const SCOPES_SHOWN = 2;

/** Long emails and names are cut to keep the row on one line; the full text is in the tooltip. */
function Truncated({ text, className }: { text: string; className: string }) {
  return (
    <span className={`block truncate ${className}`} title={text}>
      {text}
    </span>
  );
}

function DateCell({ date, empty }: { date: Date | null; empty: string }) {
  if (!date) return <span className="text-slate-600">{empty}</span>;
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      {formatDate(date)}
    </time>
  );
}

/**
 * The users table's columns. A sortable column's id is the API's sort field (`sort=lastName:1`),
 * so the table's sorting state and the URL say the same thing; its header is its title, which
 * the table renders as a SortableHeaderCell.
 */
export const usersTableColumns = column.columns([
  column.display({
    id: 'select',
    header: ({ table }) => (
      <Checkbox
        aria-label="Select all users on this page"
        checked={table.getIsAllPageRowsSelected()}
        // Some but not all: a full page shows a tick, not a dash.
        indeterminate={table.getIsSomePageRowsSelected() && !table.getIsAllPageRowsSelected()}
        onChange={table.getToggleAllPageRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => <Checkbox aria-label={`Select ${row.original.name}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />,
    meta: { className: 'w-10' },
  }),
  column.accessor('name', {
    id: 'lastName',
    header: 'Name',
    cell: ({ row }) => (
      <Link href={`/users/${row.original.id}`} className="block max-w-48 truncate font-medium text-indigo-700 hover:underline" title={row.original.name}>
        {row.original.name}
      </Link>
    ),
  }),
  column.accessor('email', {
    id: 'email',
    header: 'Email',
    cell: ({ getValue }) => <Truncated text={getValue()} className="max-w-56" />,
  }),
  column.accessor('username', {
    id: 'username',
    header: 'Username',
    cell: ({ getValue }) => <Truncated text={getValue()} className="max-w-40" />,
  }),
  column.accessor('role', { header: 'Role', enableSorting: false }),
  column.accessor('scope', {
    header: 'Scopes',
    enableSorting: false,
    cell: ({ getValue }) => {
      const scopes = getValue();
      const hidden = scopes.slice(SCOPES_SHOWN);
      return (
        <span className="flex gap-1">
          {scopes.slice(0, SCOPES_SHOWN).map((scope) => (
            <Badge key={scope} tone={scope === 'admin' ? 'indigo' : 'neutral'}>
              {scope}
            </Badge>
          ))}
          {hidden.length > 0 && (
            <Badge title={hidden.join(', ')} aria-label={`and ${hidden.length} more: ${hidden.join(', ')}`}>
              +{hidden.length}
            </Badge>
          )}
        </span>
      );
    },
  }),
  column.accessor('status', { header: 'Status', enableSorting: false, cell: ({ getValue }) => <UserStatusBadge status={getValue()} /> }),
  column.accessor('tenants', {
    header: 'Tenants',
    enableSorting: false,
    cell: ({ getValue }) => {
      const tenants = getValue();
      if (tenants.length === 0) return <span className="text-slate-600">None</span>;
      return <Truncated text={tenants.map((tenant) => tenant.name).join(', ')} className="max-w-40" />;
    },
  }),
  column.accessor('createdAt', {
    id: 'created',
    header: 'Created',
    sortDescFirst: true,
    cell: ({ getValue }) => <DateCell date={getValue()} empty="" />,
  }),
  column.accessor('lastSignInAt', {
    id: 'lastSignIn',
    header: 'Last sign-in',
    sortDescFirst: true,
    cell: ({ getValue }) => <DateCell date={getValue()} empty="Never" />,
  }),
  column.display({
    id: 'actions',
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row, table }) => {
      const requestDelete = table.options.meta?.requestDelete;
      return (
        <UsersTableRowActions
          user={row.original}
          disabled={table.options.meta?.statusChangePending ?? false}
          onChangeStatus={(status) => table.options.meta?.requestStatusChange([row.id], row.original.name, status)}
          onDelete={requestDelete && (() => requestDelete(row.original))}
        />
      );
    },
    // Pinned to the right edge, so the menu is at hand however far the table is scrolled.
    meta: {
      className: 'sticky right-0 w-12 text-right shadow-[-1px_0_0_var(--color-slate-200)]',
      // Opaque, in the row's colours, so the cells scrolling underneath do not show through.
      cellClassName: 'bg-white group-hover:bg-slate-50 group-aria-selected:bg-indigo-50',
    },
  }),
]);
