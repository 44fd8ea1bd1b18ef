'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useTransition } from 'react';

export type StateChange<P> = Partial<P> | ((current: P) => Partial<P>);

/**
 * Navigation for a table whose state lives in the URL (filters, sort, page): `navigate` goes
 * to the state with `change` applied, starting over at `restart` (the first page) unless the
 * change says otherwise; `pending` is true while the next page loads.
 */
export function useUrlStateNavigation<P>(params: P, hrefOf: (state: P) => string, restart: Partial<P>) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The state last asked for: two quick changes (a search, then a filter) must not undo each
  // other while the first one's page is still loading.
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);

  const navigate = useCallback(
    (change: StateChange<P>, { replace = false } = {}) => {
      const changes = typeof change === 'function' ? change(latest.current) : change;
      const next = { ...latest.current, ...restart, ...changes };
      latest.current = next;
      startTransition(() => {
        const href = hrefOf(next);
        if (replace) router.replace(href, { scroll: false });
        else router.push(href, { scroll: false });
      });
    },
    [router, hrefOf, restart],
  );
  return { navigate, pending };
}
