import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { SortableHeaderCell, Table, TableActionsHeaderCell, TableBody, TableCell, TableHeader, TableHeaderCell, TablePagination, TableRow } from '@/components/ui/table';
import { UserStatusBadge } from '@/components/users/user-status-badge';
import { UsersTotal } from '@/components/users/users-total';
import type { TenantRole } from '@/lib/tenants/tenants';
import { userListHref, type UserListParams } from '@/lib/search/list-params';
import type { parseSort, UserListItem } from '@/lib/search/user-search';
import { ADMIN_SCOPE, displayName } from '@/lib/users/users';
import { MemberRoleSelect, TENANT_ROLE_LABELS } from './member-role-select';
import { RemoveMemberButton } from './remove-member-button';

type Sort = ReturnType<typeof parseSort>;

type TenantMembersTableProps = {
  tenant: { id: string; slug: string; name: string };
  members: (UserListItem & { tenantRole: TenantRole })[];
  /** Members on all pages. */
  total: number;
  /** false when `total` is an estimate. */
  totalExact: boolean;
  hasNextPage: boolean;
  params: UserListParams;
  sort: Sort;
  caller: { id: string; isSystemAdmin: boolean };
};

/** One page of a tenant's members: sortable by name and email (links, so the URL holds the state), each with their tenant role and a Remove. */
export function TenantMembersTable({ tenant, members, total, totalExact, hasNextPage, params, sort, caller }: TenantMembersTableProps) {
  const path = `/tenants/${tenant.slug}`;
  const sortHeader = (title: string, field: Sort['field'], className?: string) => {
    const active = sort.field === field;
    return (
      <SortableHeaderCell
        title={title}
        direction={active ? (sort.direction === 1 ? 'asc' : 'desc') : false}
        href={userListHref({ ...params, sort: `${field}:${active && sort.direction === 1 ? -1 : 1}`, page: 1 }, path)}
        className={className}
      />
    );
  };
  return (
    <Table
      caption={`Members of ${tenant.name}`}
      footer={
        <TablePagination
          first={(params.page - 1) * params.limit + 1}
          shown={members.length}
          total={
            <span aria-live="polite">
              {/* The members are the users list narrowed to the tenant: counted exactly with its filter. */}
              <UsersTotal total={total} exact={totalExact} params={{ pattern: params.pattern, filters: [...params.filters, `tenant:${tenant.id}`] }} />
            </span>
          }
          page={params.page}
          previous={params.page > 1 ? userListHref({ ...params, page: params.page - 1 }, path) : null}
          next={hasNextPage ? userListHref({ ...params, page: params.page + 1 }, path) : null}
          rangeTestId="members-range"
        />
      }
    >
      <TableHeader>
        <tr>
          {sortHeader('Name', 'lastName')}
          {sortHeader('Email', 'email', 'hidden md:table-cell')}
          <TableHeaderCell className="hidden sm:table-cell">Status</TableHeaderCell>
          <TableHeaderCell>Tenant role</TableHeaderCell>
          <TableActionsHeaderCell className="hidden sm:table-cell" />
        </tr>
      </TableHeader>
      <TableBody>
        {members.map((member) => {
          const name = displayName(member);
          const isSystemAdmin = member.scope.includes(ADMIN_SCOPE);
          // Only a system admin changes a system admin (lib/access/tenant-scope.ts); a tenant admin sees their role, not a control.
          const manageable = caller.isSystemAdmin || !isSystemAdmin;
          const removeButton = <RemoveMemberButton tenant={tenant} member={{ id: member.id, name, email: member.email }} isSelf={member.id === caller.id && !caller.isSystemAdmin} />;
          return (
            <TableRow key={member.id} className="align-top">
              <TableCell>
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
              </TableCell>
              <TableCell className="hidden md:table-cell">
                <span className="block max-w-64 truncate" title={member.email}>
                  {member.email}
                </span>
              </TableCell>
              <TableCell className="hidden sm:table-cell">
                <UserStatusBadge status={member.status} />
              </TableCell>
              <TableCell tight>
                {manageable ? (
                  <>
                    <MemberRoleSelect tenantId={tenant.id} member={{ id: member.id, name }} role={member.tenantRole} />
                    {/* On a narrow screen Remove sits under the role. */}
                    <div className="mt-2 sm:hidden">{removeButton}</div>
                  </>
                ) : (
                  <span className="inline-block py-1">{TENANT_ROLE_LABELS[member.tenantRole]}</span>
                )}
              </TableCell>
              <TableCell tight className="hidden text-right whitespace-nowrap sm:table-cell">{manageable && removeButton}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
