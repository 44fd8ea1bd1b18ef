'use client';

import { createContext, use, useCallback, useMemo } from 'react';
import { useUrlStateNavigation } from '@/components/ui/use-url-state-navigation';
import { auditListHref, type AuditListParams } from '@/lib/audit/list-params';

type AuditListNavigation = {
  /** The page the table is on: /audit, or a user's activity. */
  path: string;
  params: AuditListParams;
  /** Goes to the table with these changes, back to the newest events unless the change names a cursor. */
  navigate: (change: Partial<AuditListParams>, options?: { replace?: boolean }) => void;
  pending: boolean;
};

/** Back to the newest events: no cursor. */
const NEWEST_FIRST: Partial<AuditListParams> = { cursor: '' };

const AuditListNavigationContext = createContext<AuditListNavigation | null>(null);

/** Holds the table's URL state for the toolbar and the pagination, which both change it. */
export function AuditListNavigationProvider({ path, params, children }: { path: string; params: AuditListParams; children: React.ReactNode }) {
  const hrefOf = useCallback((state: AuditListParams) => auditListHref(path, state), [path]);
  const { navigate, pending } = useUrlStateNavigation(params, hrefOf, NEWEST_FIRST);
  const value = useMemo(() => ({ path, params, navigate, pending }), [path, params, navigate, pending]);
  return <AuditListNavigationContext value={value}>{children}</AuditListNavigationContext>;
}

export function useAuditListNavigation(): AuditListNavigation {
  const navigation = use(AuditListNavigationContext);
  if (!navigation) throw new Error('useAuditListNavigation needs an AuditListNavigationProvider above it.');
  return navigation;
}
