'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { countUsersAction } from '@/lib/actions/count-users';
import type { UserListParams } from '@/lib/search/list-params';
import { formatCount, formatEstimate } from '@/lib/pages/format';

type Counted = { state: 'idle' } | { state: 'done'; count: number } | { state: 'failed'; message: string };

/**
 * The list's total: exact as counted, or "about 8,800" when counting went past the server's
 * budget, with a button that counts exactly (in the background: the page stays usable).
 */
export function UsersTotal({ total, exact, params }: { total: number; exact: boolean; params: Pick<UserListParams, 'pattern' | 'filters'> }) {
  const [counted, setCounted] = useState<Counted>({ state: 'idle' });
  const [counting, startCounting] = useTransition();
  if (exact) return <>{formatCount(total)}</>;
  if (counted.state === 'done') return <>{formatCount(counted.count)}</>;

  const countExactly = () =>
    startCounting(async () => {
      try {
        const result = await countUsersAction({ pattern: params.pattern || undefined, filter: params.filters });
        setCounted(result.ok ? { state: 'done', count: result.count } : { state: 'failed', message: result.fieldErrors[0]?.message ?? result.message });
      } catch {
        setCounted({ state: 'failed', message: 'The server did not answer.' });
      }
    });

  return (
    <>
      <abbr title="An estimate: counting every match took too long" className="no-underline">
        about {formatEstimate(total)}
      </abbr>{' '}
      <Button variant="secondary" className="ml-1 px-2 py-0.5 text-xs" onClick={countExactly} disabled={counting} aria-busy={counting}>
        {counting ? 'Counting…' : counted.state === 'failed' ? 'Try counting again' : 'Count exactly'}
      </Button>
      {counted.state === 'failed' && (
        <span role="alert" className="ml-2 text-red-700">
          Could not count: {counted.message}
        </span>
      )}
    </>
  );
}
