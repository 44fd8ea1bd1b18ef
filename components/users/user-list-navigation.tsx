'use client';

import { createContext, use, useMemo } from 'react';
import { useUrlStateNavigation, type StateChange } from '@/components/ui/use-url-state-navigation';
import { userListHref, type UserListParams } from '@/lib/search/list-params';

type ParamsChange = StateChange<UserListParams>;
const FIRST_PAGE: Partial<UserListParams> = { page: 1 };

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
  const { navigate, pending } = useUrlStateNavigation(params, userListHref, FIRST_PAGE);
  const value = useMemo(() => ({ params, navigate, pending }), [params, navigate, pending]);
  return <UserListNavigationContext value={value}>{children}</UserListNavigationContext>;
}

export function useUserListNavigation(): UserListNavigation {
  const navigation = use(UserListNavigationContext);
  if (!navigation) throw new Error('useUserListNavigation needs a UserListNavigationProvider above it.');
  return navigation;
}
