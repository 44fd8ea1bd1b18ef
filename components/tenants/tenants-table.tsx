import Link from 'next/link';
import { Table, TableActionsHeaderCell, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@/components/ui/table';
import { formatCount, formatDate, formatDateTime } from '@/lib/pages/format';
import type { TenantDetails } from '@/lib/tenants/tenants';
import { TenantRowActions } from './tenant-row-actions';

const summary = ({ id, slug, name, memberCount }: TenantDetails) => ({ id, slug, name, memberCount });

/** The tenants the caller manages, with their member and admin counts; a system admin also renames and deletes. */
export function TenantsTable({ tenants, mayManage }: { tenants: TenantDetails[]; mayManage: boolean }) {
  return (
    <Table caption="Tenants">
      <TableHeader>
        <tr>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell className="hidden sm:table-cell">Slug</TableHeaderCell>
          <TableHeaderCell className="text-right">Members</TableHeaderCell>
          <TableHeaderCell className="text-right">Admins</TableHeaderCell>
          <TableHeaderCell className="hidden md:table-cell">Created</TableHeaderCell>
          {mayManage && <TableActionsHeaderCell className="hidden sm:table-cell" />}
        </tr>
      </TableHeader>
      <TableBody>
        {tenants.map((tenant) => (
          <TableRow key={tenant.id}>
            <TableCell>
              <Link href={`/tenants/${tenant.slug}`} className="block max-w-64 truncate font-medium text-indigo-700 hover:underline" title={tenant.name}>
                {tenant.name}
              </Link>
              {/* On a narrow screen the slug and the actions sit under the name. */}
              <code className="text-xs text-slate-600 sm:hidden">{tenant.slug}</code>
              {mayManage && <TenantRowActions tenant={summary(tenant)} className="-ml-2.5 sm:hidden" />}
            </TableCell>
            <TableCell className="hidden whitespace-nowrap sm:table-cell">
              <code className="text-xs text-slate-600">{tenant.slug}</code>
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(tenant.memberCount)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(tenant.adminCount)}</TableCell>
            <TableCell className="hidden whitespace-nowrap md:table-cell">
              <time dateTime={tenant.createdAt.toISOString()} title={formatDateTime(tenant.createdAt)}>
                {formatDate(tenant.createdAt)}
              </time>
            </TableCell>
            {mayManage && (
              <TableCell className="hidden whitespace-nowrap sm:table-cell">
                <TenantRowActions tenant={summary(tenant)} className="justify-end" />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
