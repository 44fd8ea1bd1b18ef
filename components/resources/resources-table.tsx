'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TableActionsHeaderCell, TableBody, TableCell, TableHeader, TableHeaderCell, TablePagination, TableRow } from '@/components/ui/table';
import { formatCount } from '@/lib/pages/format';
import { DeleteResourceDialog } from './delete-resource-dialog';
import { ResourceFormDialog, type TenantOption } from './resource-form-dialog';

export type ResourceListRow = { id: string; name: string; kind: string; tenantId: string | null; tenantSlug: string | null; holderCount: number };
export type ResourcePaging = { first: number; total: number; previousHref: string | null; nextHref: string | null };

type ResourcesTableProps = { rows: ResourceListRow[]; paging: ResourcePaging; tenants: TenantOption[]; allowGlobal: boolean; busy: boolean };

/** One page of resources: each links to its page (the permission grid); edit and delete in place. */
export function ResourcesTable({ rows, paging, tenants, allowGlobal, busy }: ResourcesTableProps) {
  const [editing, setEditing] = useState<ResourceListRow | null>(null);
  const [deleting, setDeleting] = useState<ResourceListRow | null>(null);

  return (
    <>
      <Table
        caption="Resources"
        busy={busy}
        footer={<TablePagination first={paging.first} shown={rows.length} total={paging.total} previous={paging.previousHref} next={paging.nextHref} rangeTestId="resources-range" />}
      >
        <TableHeader>
          <tr>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Kind</TableHeaderCell>
            <TableHeaderCell>Tenant</TableHeaderCell>
            <TableHeaderCell className="text-right">Holders</TableHeaderCell>
            <TableActionsHeaderCell />
          </tr>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id}>
              <th scope="row" className="px-3 py-2 font-normal">
                <Link href={`/resources/${row.id}`} className="font-medium text-indigo-700 hover:underline">
                  {row.name}
                </Link>
              </th>
              <TableCell className="whitespace-nowrap">{row.kind}</TableCell>
              <TableCell className="whitespace-nowrap">{row.tenantSlug ?? <Badge>global</Badge>}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(row.holderCount)}</TableCell>
              <TableCell tight className="text-right whitespace-nowrap">
                <Button variant="ghost" className="px-2.5 py-1" aria-label={`Edit ${row.name}`} onClick={() => setEditing(row)}>
                  Edit
                </Button>
                <Button variant="ghost" className="px-2.5 py-1 text-red-700 hover:bg-red-50" aria-label={`Delete ${row.name}`} onClick={() => setDeleting(row)}>
                  Delete
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {editing && <ResourceFormDialog resource={editing} tenants={tenants} allowGlobal={allowGlobal} onClose={() => setEditing(null)} />}
      {deleting && <DeleteResourceDialog resource={deleting} backToList={false} onClose={() => setDeleting(null)} />}
    </>
  );
}
