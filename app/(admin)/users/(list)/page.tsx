import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ExportUsersButton } from '@/components/users/export-users-dialog';
import { UserListNavigationProvider } from '@/components/users/user-list-navigation';
import { toUserTableRow } from '@/components/users/user-table-row';
import { UsersEmptyState } from '@/components/users/users-empty-state';
import { UsersQueryError } from '@/components/users/users-query-error';
import { UsersTable } from '@/components/users/users-table';
import { UsersTableToolbar } from '@/components/users/users-table-toolbar';
import { ApiError, type FieldError } from '@/lib/api/errors';
import { mayAttempt } from '@/lib/access/matrix';
import { requireOperation } from '@/lib/auth/session';
import type { UserListQuery } from '@/lib/users/schemas';
import { mayManageTenant, userListRestriction } from '@/lib/access/tenant-scope';
import { getConfig } from '@/lib/server/config';
import { listTenants } from '@/lib/tenants/tenants';
import { parseUserListParams } from '@/lib/search/list-params';
import { listUsers, parseSort, type TenantRestriction, type UserList } from '@/lib/search/user-search';

export const metadata: Metadata = { title: 'Users' };

type UserListResult = { ok: true; list: UserList; sort: ReturnType<typeof parseSort> } | { ok: false; errors: FieldError[] };

/**
 * One page of the list with its total, or what was wrong with the query (a 400 from listUsers)
 * to show in its place. Rows and total come from one call: counting in a separate Suspense
 * boundary did not put rows on screen sooner, and a count stops at USER_COUNT_BUDGET_MS with an
 * estimate, which the page offers to count exactly.
 */
async function readUserList(query: UserListQuery, restriction: TenantRestriction): Promise<UserListResult> {
  try {
    return { ok: true, list: await listUsers(query, restriction, { countBudgetMs: getConfig().userCountBudgetMs }), sort: parseSort(query.sort) };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    return { ok: false, errors: error.options.errors ?? [{ path: '', message: error.detail ?? error.title }] };
  }
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // A tenant admin sees and manages the members of their tenants only.
  const principal = await requireOperation('users.list');
  const { params, query, errors } = parseUserListParams(await searchParams);
  const result = query ? await readUserList(query, userListRestriction(principal)) : ({ ok: false, errors } as const);
  const mayDelete = mayAttempt('users.delete', principal);
  const tenants = (await listTenants()).filter((tenant) => mayManageTenant(principal, tenant.id));
  const mayImport = mayAttempt('users.import', principal);

  return (
    <UserListNavigationProvider params={params}>
      <PageHeader title="Users" description={principal.isAdmin ? 'Find, create and manage the people who sign in.' : 'Find, create and manage the members of the tenants you administer.'}>
        <div className="flex flex-wrap gap-2">
          {mayDelete && (
            <Link href="/users/deletions" className={buttonClassName('ghost')}>
              Deletions
            </Link>
          )}
          {mayImport && (
            <Link href="/users/import" className={buttonClassName('ghost')}>
              Import users
            </Link>
          )}
          {result.ok && <ExportUsersButton params={params} />}
          <Link href="/users/new" className={buttonClassName('primary')}>
            New user
          </Link>
        </div>
      </PageHeader>
      <UsersTableToolbar tenants={tenants} />
      {!result.ok ? (
        <UsersQueryError errors={result.errors} />
      ) : result.list.items.length === 0 ? (
        <UsersEmptyState params={params} />
      ) : (
        <UsersTable
          rows={result.list.items.map(toUserTableRow)}
          sort={result.sort}
          hasNextPage={result.list.nextCursor !== null}
          total={result.list.total ?? 0}
          totalExact={result.list.totalExact ?? true}
          mayDelete={mayDelete}
          mayChangeScopes={principal.isAdmin}
          tenants={tenants}
        />
      )}
    </UserListNavigationProvider>
  );
}
