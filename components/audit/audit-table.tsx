'use client';

import { createColumnHelper, metaHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import { auditActionLabel } from '@/lib/audit/action-labels';
import { formatDateTime } from '@/lib/pages/format';
import { cn } from '@/lib/pages/cn';
import { AuditEventDialog } from './audit-event-dialog';
import { useAuditListNavigation } from './audit-list-navigation';
import { AuditParty } from './audit-party';
import type { AuditTableRow } from './audit-table-row';

const auditTableFeatures = tableFeatures({
  tableMeta: metaHelper<{ open: (event: AuditTableRow) => void }>(),
  columnMeta: metaHelper<{ className?: string }>(),
});
const column = createColumnHelper<typeof auditTableFeatures, AuditTableRow>();

/** Newest first; the server orders, so no column sorts here. */
const auditTableColumns = column.columns([
  column.accessor('at', {
    header: 'Time',
    cell: ({ getValue }) => <time dateTime={getValue()}>{formatDateTime(new Date(getValue()))}</time>,
    meta: { className: 'whitespace-nowrap' },
  }),
  column.accessor('actor', { header: 'Actor', cell: ({ row }) => <AuditParty id={row.original.actor} person={row.original.actorPerson} fallback="System" /> }),
  column.accessor('action', {
    header: 'Action',
    cell: ({ getValue }) => (
      <span className="whitespace-nowrap" title={getValue()}>
        {auditActionLabel(getValue())}
      </span>
    ),
  }),
  column.accessor('target', { header: 'Target', cell: ({ row }) => <AuditParty id={row.original.target} person={row.original.targetPerson} fallback="—" /> }),
  column.accessor('ip', { header: 'Address', cell: ({ getValue }) => <span className="font-mono text-xs whitespace-nowrap">{getValue() ?? '—'}</span> }),
  column.display({
    id: 'details',
    header: () => <span className="sr-only">Details</span>,
    cell: ({ row, table }) => (
      <Button variant="secondary" className="px-2.5 py-1 text-xs whitespace-nowrap" onClick={() => table.options.meta?.open(row.original)}>
        Changes<span className="sr-only"> of event {row.original.id}</span>
      </Button>
    ),
    meta: { className: 'w-24 text-right' },
  }),
]);

const getRowId = (row: AuditTableRow) => String(row.id);

/**
 * One page of events; "Changes" opens an event's diff (field, old, new) with where it came
 * from. Pages follow the keyset cursor: next, or back to the newest.
 */
export function AuditTable({ rows, nextCursor, searchedThrough }: { rows: AuditTableRow[]; nextCursor: string | null; searchedThrough: string | null }) {
  const { params, navigate, pending } = useAuditListNavigation();
  const [opened, setOpened] = useState<AuditTableRow | null>(null);
  const table = useTable({ features: auditTableFeatures, columns: auditTableColumns, data: rows, getRowId, meta: { open: setOpened } });

  return (
    <div className="space-y-3">
      {searchedThrough && (
        <p role="status" className="text-sm text-slate-600">
          Searched events back to {formatDateTime(new Date(searchedThrough))}. Use Next to search older events.
        </p>
      )}
      <Table
        caption="Audit events"
        busy={pending}
        footer={
          <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-3 py-2.5 text-sm text-slate-700">
            <p data-testid="audit-range">
              {rows.length} event{rows.length === 1 ? '' : 's'} {params.cursor ? 'on this page' : 'from the newest'}
            </p>
            <div className="flex items-center gap-2">
              <Button variant="secondary" className="px-3 py-1" disabled={!params.cursor} onClick={() => navigate({ cursor: '' })}>
                Newest
              </Button>
              <Button variant="secondary" className="px-3 py-1" disabled={!nextCursor} onClick={() => nextCursor && navigate({ cursor: nextCursor })}>
                Next
              </Button>
            </div>
          </nav>
        }
      >
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <TableHeaderCell key={header.id} className={header.column.columnDef.meta?.className}>
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </TableHeaderCell>
              ))}
            </tr>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id}>
              {row.getAllCells().map((cell) => (
                <TableCell key={cell.id} className={cn('align-top', cell.column.columnDef.meta?.className)}>
                  <table.FlexRender cell={cell} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {opened && <AuditEventDialog event={opened} onClose={() => setOpened(null)} />}
    </div>
  );
}
