import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { UserStatusBadge } from '@/components/users/user-status-badge';
import { cn } from '@/lib/cn';
import { formatCount } from '@/lib/format';
import type { TenantRole } from '@/lib/tenants';
import { userListHref, type UserListParams } from '@/lib/user-list-params';
import type { parseSort, UserListItem } from '@/lib/user-search';
import { ADMIN_SCOPE, displayName } from '@/lib/users';
import { MemberRoleSelect, TENANT_ROLE_LABELS } from './member-role-select';
import { RemoveMemberButton } from './remove-member-button';

type Sort = ReturnType<typeof parseSort>;

type TenantMembersTableProps = {
  tenant: { id: string; slug: string; name: string };
  members: (UserListItem & { tenantRole: TenantRole })[];
  /** Members on all pages. */
  total: number;
  hasNextPage: boolean;
  params: UserListParams;
  sort: Sort;
  caller: { id: string; isSystemAdmin: boolean };
};

/** One page of a tenant's members: sortable by name and email (links, so the URL holds the state), each with their tenant role and a Remove. */
export function TenantMembersTable({ tenant, members, total, hasNextPage, params, sort, caller }: TenantMembersTableProps) {
  const path = `/tenants/${tenant.slug}`;
  const first = (params.page - 1) * params.limit + 1;
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      {/* relative: the sr-only texts are absolutely placed and would otherwise widen the page. */}
      <div className="relative overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Members of {tenant.name}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
            <tr>
              <SortableHeader title="Name" field="lastName" params={params} sort={sort} path={path} />
              <SortableHeader title="Email" field="email" params={params} sort={sort} path={path} className="hidden md:table-cell" />
              <th scope="col" className="hidden px-3 py-2.5 font-semibold sm:table-cell">
                Status
              </th>
              <th scope="col" className="px-3 py-2.5 font-semibold">Tenant role</th>
              <th scope="col" className="hidden px-3 py-2.5 sm:table-cell">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((member) => {
              const name = displayName(member);
              const isSystemAdmin = member.scope.includes(ADMIN_SCOPE);
              // Only a system admin changes a system admin (lib/tenant-scope.ts); a tenant admin sees their role, not a control.
              const manageable = caller.isSystemAdmin || !isSystemAdmin;
              const removeButton = <RemoveMemberButton tenant={tenant} member={{ id: member.id, name, email: member.email }} isSelf={member.id === caller.id && !caller.isSystemAdmin} />;
              return (
                <tr key={member.id} className="align-top text-slate-700 hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <Link href={`/users/${member.id}`} className="block max-w-40 truncate font-medium text-indigo-700 hover:underline sm:max-w-56" title={name}>
                      {name}
                    </Link>
                    {/* On narrower screens the email and status sit under the name. */}
                    <span className="block max-w-40 truncate text-xs text-slate-500 md:hidden" title={member.email}>
                      {member.email}
                    </span>
                    <span className="mt-0.5 flex flex-wrap items-center gap-1">
                      <span className="sm:hidden">
                        <UserStatusBadge status={member.status} />
                      </span>
                      {member.id === caller.id && <span className="text-xs text-slate-500">You</span>}
                      {isSystemAdmin && <Badge tone="indigo">system admin</Badge>}
                    </span>
                  </td>
                  <td className="hidden px-3 py-2 md:table-cell">
                    <span className="block max-w-64 truncate" title={member.email}>
                      {member.email}
                    </span>
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">
                    <UserStatusBadge status={member.status} />
                  </td>
                  <td className="px-3 py-1.5">
                    {manageable ? (
                      <>
                        <MemberRoleSelect tenantId={tenant.id} member={{ id: member.id, name }} role={member.tenantRole} />
                        {/* On a narrow screen Remove sits under the role. */}
                        <div className="mt-2 sm:hidden">{removeButton}</div>
                      </>
                    ) : (
                      <span className="inline-block py-1">{TENANT_ROLE_LABELS[member.tenantRole]}</span>
                    )}
                  </td>
                  <td className="hidden px-3 py-1.5 text-right whitespace-nowrap sm:table-cell">{manageable && removeButton}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-slate-200 px-3 py-2.5 text-sm text-slate-700">
        <p data-testid="members-range">
          {formatCount(first)}–{formatCount(first + members.length - 1)} of {formatCount(total)}
        </p>
        <div className="flex items-center gap-2">
          <PageLink label="Previous" href={params.page > 1 ? userListHref({ ...params, page: params.page - 1 }, path) : null} />
          <span className="whitespace-nowrap">Page {formatCount(params.page)}</span>
          <PageLink label="Next" href={hasNextPage ? userListHref({ ...params, page: params.page + 1 }, path) : null} />
        </div>
      </nav>
    </div>
  );
}

const SORT_ICONS = { 1: '↑', [-1]: '↓' } as const;

function SortableHeader({ title, field, params, sort, path, className }: { title: string; field: Sort['field']; params: UserListParams; sort: Sort; path: string; className?: string }) {
  const active = sort.field === field;
  const next = active && sort.direction === 1 ? -1 : 1;
  return (
    <th scope="col" aria-sort={active ? (sort.direction === 1 ? 'ascending' : 'descending') : 'none'} className={cn('px-3 py-2.5 font-semibold whitespace-nowrap', className)}>
      <Link href={userListHref({ ...params, sort: `${field}:${next}`, page: 1 }, path)} scroll={false} className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:bg-slate-200/60">
        {title}
        <span aria-hidden="true" className={active ? 'text-indigo-700' : 'text-slate-400'}>
          {active ? SORT_ICONS[sort.direction] : '↕'}
        </span>
      </Link>
    </th>
  );
}

/** Previous or Next: a link, or a disabled-looking label at either end. */
function PageLink({ label, href }: { label: string; href: string | null }) {
  const className = buttonClassName('secondary', 'px-3 py-1');
  if (!href) {
    return (
      <span aria-disabled="true" className={cn(className, 'cursor-not-allowed opacity-50')}>
        {label}
      </span>
    );
  }
  return (
    <Link href={href} scroll={false} className={className}>
      {label}
    </Link>
  );
}
