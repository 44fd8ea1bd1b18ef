'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClassName } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { formatCount } from '@/lib/format';
import { DeleteResourceDialog } from './delete-resource-dialog';
import { ResourceFormDialog, type TenantOption } from './resource-form-dialog';

export type ResourceListRow = { id: string; name: string; kind: string; tenantId: string | null; tenantSlug: string | null; holderCount: number };
export type ResourcePaging = { first: number; total: number; previousHref: string | null; nextHref: string | null };

type ResourcesTableProps = { rows: ResourceListRow[]; paging: ResourcePaging; tenants: TenantOption[]; allowGlobal: boolean; busy: boolean };

/** One page of resources: each links to its page (the permission grid); edit and delete in place. */
export function ResourcesTable({ rows, paging, tenants, allowGlobal, busy }: ResourcesTableProps) {
  const [editing, setEditing] = useState<ResourceListRow | null>(null);
  const [deleting, setDeleting] = useState<ResourceListRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="space-y-3">
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className={cn('overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm transition-opacity', busy && 'opacity-60')} aria-busy={busy}>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Resources</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-semibold">
                  Name
                </th>
                <th scope="col" className="px-3 py-2.5 font-semibold">
                  Kind
                </th>
                <th scope="col" className="px-3 py-2.5 font-semibold">
                  Tenant
                </th>
                <th scope="col" className="px-3 py-2.5 text-right font-semibold">
                  Holders
                </th>
                <th scope="col" className="px-3 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50">
                  <th scope="row" className="px-4 py-2.5 font-normal">
                    <Link href={`/resources/${row.id}`} className="font-medium text-indigo-700 hover:underline">
                      {row.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">{row.kind}</td>
                  <td className="px-3 py-2.5 whitespace-nowrap">{row.tenantSlug ? <span className="text-slate-700">{row.tenantSlug}</span> : <Badge>global</Badge>}</td>
                  <td className="px-3 py-2.5 text-right text-slate-700 tabular-nums">{formatCount(row.holderCount)}</td>
                  <td className="px-3 py-1.5 text-right whitespace-nowrap">
                    <Button variant="ghost" className="px-2.5 py-1" aria-label={`Edit ${row.name}`} onClick={() => setEditing(row)}>
                      Edit
                    </Button>
                    <Button variant="ghost" className="px-2.5 py-1 text-red-700 hover:bg-red-50" aria-label={`Delete ${row.name}`} onClick={() => setDeleting(row)}>
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-4 py-2.5 text-sm text-slate-700">
          <p data-testid="resources-range">
            {formatCount(paging.first)}–{formatCount(paging.first + rows.length - 1)} of {formatCount(paging.total)}
          </p>
          <div className="flex gap-2">
            <PageLink href={paging.previousHref}>Previous</PageLink>
            <PageLink href={paging.nextHref}>Next</PageLink>
          </div>
        </nav>
      </div>
      {editing && <ResourceFormDialog resource={editing} tenants={tenants} allowGlobal={allowGlobal} onClose={() => setEditing(null)} />}
      {deleting && (
        <DeleteResourceDialog resource={deleting} backToList={false} onClose={() => setDeleting(null)} onDeleted={() => setNotice(`Deleted ${deleting.name} and the roles granted on it.`)} />
      )}
    </div>
  );
}

function PageLink({ href, children }: { href: string | null; children: string }) {
  if (!href) {
    return (
      <span aria-disabled className={buttonClassName('secondary', 'cursor-not-allowed px-3 py-1 opacity-50')}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} className={buttonClassName('secondary', 'px-3 py-1')}>
      {children}
    </Link>
  );
}
