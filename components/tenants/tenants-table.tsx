import Link from 'next/link';
import { formatCount, formatDate, formatDateTime } from '@/lib/format';
import type { TenantDetails } from '@/lib/tenants';
import { TenantRowActions } from './tenant-row-actions';

const summary = ({ id, slug, name, memberCount }: TenantDetails) => ({ id, slug, name, memberCount });

/** The tenants the caller manages, with their member and admin counts; a system admin also renames and deletes. */
export function TenantsTable({ tenants, mayManage }: { tenants: TenantDetails[]; mayManage: boolean }) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      {/* relative: the sr-only texts are absolutely placed and would otherwise widen the page. */}
      <div className="relative overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Tenants</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2.5 font-semibold">Name</th>
              <th scope="col" className="hidden px-3 py-2.5 font-semibold sm:table-cell">Slug</th>
              <th scope="col" className="px-3 py-2.5 text-right font-semibold">Members</th>
              <th scope="col" className="px-3 py-2.5 text-right font-semibold">Admins</th>
              <th scope="col" className="hidden px-3 py-2.5 font-semibold md:table-cell">Created</th>
              {mayManage && (
                <th scope="col" className="hidden px-3 py-2.5 sm:table-cell">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tenants.map((tenant) => (
              <tr key={tenant.id} className="text-slate-700 hover:bg-slate-50">
                <td className="px-3 py-2">
                  <Link href={`/tenants/${tenant.slug}`} className="block max-w-64 truncate font-medium text-indigo-700 hover:underline" title={tenant.name}>
                    {tenant.name}
                  </Link>
                  {/* On a narrow screen the slug and the actions sit under the name. */}
                  <code className="text-xs text-slate-600 sm:hidden">{tenant.slug}</code>
                  {mayManage && <TenantRowActions tenant={summary(tenant)} className="-ml-2.5 sm:hidden" />}
                </td>
                <td className="hidden px-3 py-2 whitespace-nowrap sm:table-cell">
                  <code className="text-xs text-slate-600">{tenant.slug}</code>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatCount(tenant.memberCount)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatCount(tenant.adminCount)}</td>
                <td className="hidden px-3 py-2 whitespace-nowrap md:table-cell">
                  <time dateTime={tenant.createdAt.toISOString()} title={formatDateTime(tenant.createdAt)}>
                    {formatDate(tenant.createdAt)}
                  </time>
                </td>
                {mayManage && (
                  <td className="hidden px-3 py-2 whitespace-nowrap sm:table-cell">
                    <TenantRowActions tenant={summary(tenant)} className="justify-end" />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
