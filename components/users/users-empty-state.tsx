import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { DEFAULT_USER_LIST_PARAMS, userListHref, type UserListParams } from '@/lib/search/list-params';

/** No rows: past the last page, or nothing matches the search and filters. */
export function UsersEmptyState({ params }: { params: UserListParams }) {
  if (params.page > 1) {
    return (
      <EmptyState title={`There is no page ${params.page} of this list`}>
        <Link href={userListHref({ ...params, page: 1 })} className="font-medium text-indigo-700 hover:underline">
          Go to the first page
        </Link>
      </EmptyState>
    );
  }
  const what = [params.pattern.trim() && `“${params.pattern.trim()}”`, params.filters.length > 0 && params.filters.join(', ')].filter(Boolean).join(' with ');
  return (
    <EmptyState title={what ? `No users match ${what}` : 'No users yet'}>
      {what && (
        <p>
          Try another search, or{' '}
          <Link href={userListHref({ ...DEFAULT_USER_LIST_PARAMS, sort: params.sort, limit: params.limit })} className="font-medium text-indigo-700 hover:underline">
            clear the search and filters
          </Link>
          .
        </p>
      )}
    </EmptyState>
  );
}
