'use client';

import { useRouter } from 'next/navigation';
import { createContext, use, useCallback, useEffect, useMemo, useRef, useTransition } from 'react';
import { auditListHref, type AuditListParams } from '@/lib/audit/list-params';

type AuditListNavigation = {
  /** The page the table is on: /audit, or a user's activity. */
  path: string;
  params: AuditListParams;
  /** Goes to the table with these changes, back to the newest events unless the change names a cursor. */
  navigate: (change: Partial<AuditListParams>, options?: { replace?: boolean }) => void;
  pending: boolean;
};

const AuditListNavigationContext = createContext<AuditListNavigation | null>(null);

/** Holds the table's URL state for the toolbar and the pagination, which both change it. */
export function AuditListNavigationProvider({ path, params, children }: { path: string; params: AuditListParams; children: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The state last asked for, so two quick changes do not undo each other while the first loads.
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);

  const navigate = useCallback(
    (change: Partial<AuditListParams>, { replace = false } = {}) => {
      const next = { ...latest.current, cursor: '', ...change };
      latest.current = next;
      startTransition(() => {
        const href = auditListHref(path, next);
        if (replace) router.replace(href, { scroll: false });
        else router.push(href, { scroll: false });
      });
    },
    [router, path],
  );

  const value = useMemo(() => ({ path, params, navigate, pending }), [path, params, navigate, pending]);
  return <AuditListNavigationContext value={value}>{children}</AuditListNavigationContext>;
}

export function useAuditListNavigation(): AuditListNavigation {
  const navigation = use(AuditListNavigationContext);
  if (!navigation) throw new Error('useAuditListNavigation needs an AuditListNavigationProvider above it.');
  return navigation;
}
