'use client';

import { useRouter } from 'next/navigation';
import { createContext, use, useCallback, useEffect, useMemo, useRef, useTransition } from 'react';
import { userListHref, type UserListParams } from '@/lib/search/list-params';

type ParamsChange = Partial<UserListParams> | ((current: UserListParams) => Partial<UserListParams>);

type UserListNavigation = {
  params: UserListParams;
  /** Goes to the list with these changes; back to page 1 unless the change names a page. */
  navigate: (change: ParamsChange, options?: { replace?: boolean }) => void;
  /** True while the next list is loading. */
  pending: boolean;
};

const UserListNavigationContext = createContext<UserListNavigation | null>(null);

/** Holds the table's URL state for the toolbar, the headers and the pagination, which all change it. */
export function UserListNavigationProvider({ params, children }: { params: UserListParams; children: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The state last asked for: two quick changes (a search, then a filter) must not undo each other
  // while the first one's page is still loading.
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);

  const navigate = useCallback(
    (change: ParamsChange, { replace = false } = {}) => {
      const changes = typeof change === 'function' ? change(latest.current) : change;
      const next = { ...latest.current, page: 1, ...changes };
      latest.current = next;
      startTransition(() => {
        const href = userListHref(next);
        if (replace) router.replace(href, { scroll: false });
        else router.push(href, { scroll: false });
      });
    },
    [router],
  );

  const value = useMemo(() => ({ params, navigate, pending }), [params, navigate, pending]);
  return <UserListNavigationContext value={value}>{children}</UserListNavigationContext>;
}

export function useUserListNavigation(): UserListNavigation {
  const navigation = use(UserListNavigationContext);
  if (!navigation) throw new Error('useUserListNavigation needs a UserListNavigationProvider above it.');
  return navigation;
}
