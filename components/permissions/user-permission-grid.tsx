'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input, Label } from '@/components/ui/input';
import { useDebounce } from '@/components/ui/use-debounce';
import { loadUserGridPageAction, saveUserPermissionsAction } from '@/lib/actions/permissions';
import { cn } from '@/lib/pages/cn';
import { formatCount } from '@/lib/pages/format';
import type { GridChange } from '@/lib/permissions/grid-rows';
import type { UserGridPage, UserGridQuery } from '@/lib/permissions/user-page-grid';
import { PermissionGrid } from './permission-grid';

type UserPermissionGridProps = {
  user: { id: string; email: string };
  initial: UserGridPage;
  pageSize: number;
  readOnlyReason?: string;
};

/**
 * A user's page: every resource the caller reaches, a page at a time, with the user's role on
 * each. Searching and paging keep what is staged, so changes on several pages save together.
 */
export function UserPermissionGrid({ user, initial, pageSize, readOnlyReason }: UserPermissionGridProps) {
  const [query, setQuery] = useState<UserGridQuery>({ pattern: '', page: 1, heldOnly: false });
  const [data, setData] = useState(initial);
  const [text, setText] = useState('');
  const [loading, setLoading] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const latest = useRef(0);
  const debounce = useDebounce();

  const load = async (next: UserGridQuery) => {
    setQuery(next);
    // Only the answer to the last request is shown, whatever order they come back in.
    const request = ++latest.current;
    setLoading(true);
    try {
      const page = await loadUserGridPageAction(user.id, next);
      if (request !== latest.current) return;
      if (!page.ok) return setLoadFailed(true);
      setData(page);
      setLoadFailed(false);
    } catch {
      if (request === latest.current) setLoadFailed(true);
    } finally {
      if (request === latest.current) setLoading(false);
    }
  };

  const search = (value: string) => {
    setText(value);
    debounce.run(() => load({ ...query, pattern: value.trim(), page: 1 }));
  };

  const save = async (changes: GridChange[]) => {
    const result = await saveUserPermissionsAction(user.id, changes);
    if (result.ok) await load(query);
    return result;
  };

  const first = (query.page - 1) * pageSize + 1;
  const last = first + data.rows.length - 1;

  const toolbar = (
    <div className="flex flex-wrap items-end gap-3">
      <search className="w-full sm:w-72">
        <Label htmlFor="user-grid-search">Search resources</Label>
        <Input id="user-grid-search" type="search" placeholder="Resource name" value={text} onChange={(event) => search(event.target.value)} />
      </search>
      <div role="group" aria-label="Which resources" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm">
        {[false, true].map((heldOnly) => (
          <button
            key={String(heldOnly)}
            type="button"
            aria-pressed={query.heldOnly === heldOnly}
            onClick={() => load({ ...query, heldOnly, page: 1 })}
            className={cn('rounded px-3 py-1.5 font-medium', query.heldOnly === heldOnly ? 'bg-indigo-600 text-white' : 'text-slate-700 hover:bg-slate-100')}
          >
            {heldOnly ? `With a role (${formatCount(data.heldCount)})` : 'All resources'}
          </button>
        ))}
      </div>
      <p role="status" className="pb-2 text-xs text-slate-500">
        {loading ? 'Loading…' : ''}
      </p>
      {loadFailed && (
        <Alert className="flex w-full flex-wrap items-center justify-between gap-2">
          These resources could not be loaded.
          <Button variant="secondary" className="px-3 py-1" onClick={() => load(query)}>
            Try again
          </Button>
        </Alert>
      )}
    </div>
  );

  const footer = data.total > 0 && (
    <nav aria-label="Resource pages" className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-4 py-2.5 text-sm text-slate-700 sm:px-5">
      <p data-testid="user-grid-range">
        {formatCount(first)}–{formatCount(last)} of {formatCount(data.total)}
      </p>
      <div className="flex gap-2">
        <Button variant="secondary" className="px-3 py-1" disabled={query.page <= 1 || loading} onClick={() => load({ ...query, page: query.page - 1 })}>
          Previous
        </Button>
        <Button variant="secondary" className="px-3 py-1" disabled={last >= data.total || loading} onClick={() => load({ ...query, page: query.page + 1 })}>
          Next
        </Button>
      </div>
    </nav>
  );

  const empty = query.pattern ? (
    <EmptyState title={`No resources match “${query.pattern}”`} />
  ) : query.heldOnly ? (
    <EmptyState title="No roles yet">
      <p>This user holds no role on any resource you manage. Show all resources to grant one.</p>
    </EmptyState>
  ) : (
    <EmptyState title="No resources yet">
      <p>
        <Link href="/resources" className="font-medium text-indigo-700 hover:underline">
          Create a resource
        </Link>{' '}
        to grant roles on it.
      </p>
    </EmptyState>
  );

  return (
    <PermissionGrid
      id="user-grid"
      title="Roles on resources"
      description="One role per resource; each role includes the ones to its left. Changes on every page of the list are saved together when you press Save roles."
      rowsAre="resources"
      subject={user.email}
      rows={data.rows}
      busy={loading}
      readOnlyReason={readOnlyReason}
      toolbar={toolbar}
      footer={footer}
      empty={empty}
      onSave={save}
    />
  );
}
