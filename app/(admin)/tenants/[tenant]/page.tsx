import type { Metadata } from 'next';
import Link from 'next/link';
import { AddMemberPanel } from '@/components/tenants/add-member-panel';
import { TenantMemberSearch } from '@/components/tenants/tenant-member-search';
import { TenantMembersTable } from '@/components/tenants/tenant-members-table';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { UsersQueryError } from '@/components/users/users-query-error';
import { ApiError, type FieldError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/principal';
import { requireOperation } from '@/lib/auth/session';
import { foundOrNotFound } from '@/lib/pages/not-found';
import { formatCount } from '@/lib/pages/format';
import type { UserListQuery } from '@/lib/users/schemas';
import { listTenantMembers, requireTenant, type TenantMemberList } from '@/lib/tenants/tenants';
import { parseUserListParams } from '@/lib/search/list-params';
import { parseSort } from '@/lib/search/user-search';

export const metadata: Metadata = { title: 'Tenant' };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

type MemberListResult = { ok: true; list: TenantMemberList; sort: ReturnType<typeof parseSort> } | { ok: false; errors: FieldError[] };

/** One page of members, or what was wrong with a hand-edited URL (a 400 from the users list) to show in its place. */
async function readMembers(principal: Principal, tenantId: string, query: UserListQuery): Promise<MemberListResult> {
  try {
    return { ok: true, list: await listTenantMembers(principal, tenantId, query), sort: parseSort(query.sort) };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    return { ok: false, errors: error.options.errors ?? [{ path: '', message: error.detail ?? error.title }] };
  }
}

export default async function TenantPage({ params, searchParams }: Props) {
  const principal = await requireOperation('tenant-members.list');
  const { tenant: tenantParam } = await params;
  const tenant = await foundOrNotFound(() => requireTenant(principal, tenantParam));
  const rawSearchParams = await searchParams;
  const { params: listParams, query, errors } = parseUserListParams(rawSearchParams);
  const result = query ? await readMembers(principal, tenant.id, query) : ({ ok: false, errors } as const);
  const path = `/tenants/${tenant.slug}`;
  const plural = (count: number, word: string) => `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;

  return (
    <>
      <Link href="/tenants" className="text-sm text-indigo-700 hover:underline">
        ← Tenants
      </Link>
      <PageHeader title={tenant.name} description={`Slug ${tenant.slug} · ${plural(tenant.memberCount, 'member')} · ${plural(tenant.adminCount, 'admin')}`} />
      {rawSearchParams.created === '1' && (
        <Alert tone="success" className="mb-5">
          Tenant created. Add its members with “Add member”.
        </Alert>
      )}
      <div className="grid grid-cols-1 gap-5 2xl:grid-cols-[minmax(0,1fr)_20rem]">
        <aside className="2xl:order-last">
          <AddMemberPanel
            tenant={{ id: tenant.id, name: tenant.name }}
            scopeNote={principal.isAdmin ? 'Any user can join; their other tenants stay.' : 'You can add the users of the tenants you administer.'}
          />
        </aside>
        <section aria-labelledby="members-title" className="min-w-0">
          <h2 id="members-title" className="mb-3 text-base font-semibold text-slate-900">
            Members
          </h2>
          <TenantMemberSearch params={listParams} path={path} />
          {!result.ok ? (
            <UsersQueryError errors={result.errors} showAll={{ href: path, label: 'Show all members' }} />
          ) : result.list.items.length === 0 ? (
            <MembersEmptyState pattern={listParams.pattern} page={listParams.page} path={path} />
          ) : (
            <TenantMembersTable
              tenant={tenant}
              members={result.list.items}
              total={result.list.total ?? 0}
              totalExact={result.list.totalExact ?? true}
              hasNextPage={result.list.nextCursor !== null}
              params={listParams}
              sort={result.sort}
              caller={{ id: principal.user.id, isSystemAdmin: principal.isAdmin }}
            />
          )}
        </section>
      </div>
    </>
  );
}

function MembersEmptyState({ pattern, page, path }: { pattern: string; page: number; path: string }) {
  const link = (label: string) => (
    <Link href={path} className="font-medium text-indigo-700 hover:underline">
      {label}
    </Link>
  );
  if (page > 1) return <EmptyState title={`There is no page ${page} of this list`}>{link('Go to the first page')}</EmptyState>;
  if (pattern.trim()) return <EmptyState title={`No members match “${pattern.trim()}”`}>{link('Show all members')}</EmptyState>;
  return (
    <EmptyState title="No members yet">
      <p>Find users with “Add member” to add them to this tenant.</p>
    </EmptyState>
  );
}
