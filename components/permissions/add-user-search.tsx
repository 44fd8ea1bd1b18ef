'use client';

import { useRef, useState } from 'react';
import { findUsersToAddAction, type UserToAdd } from '@/lib/actions/permissions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { useDebounce } from '@/components/ui/use-debounce';
import { UserStatusBadge } from '@/components/users/user-status-badge';

type Found = { pattern: string; users: UserToAdd[] };

/** Finds users by email or name to add as rows of a resource's grid; lib/ limits a tenant admin to their own users. */
export function AddUserSearch({ resourceId, listed, onAdd }: { resourceId: string; listed: Set<string>; onAdd: (user: UserToAdd) => void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [state, setState] = useState<'idle' | 'searching' | 'failed'>('idle');
  const latest = useRef(0);
  const debounce = useDebounce();

  const search = (value: string) => {
    setText(value);
    debounce.cancel();
    const pattern = value.trim();
    // A newer keystroke makes any answer still on its way stale.
    const request = ++latest.current;
    if (!pattern) {
      setFound(null);
      setState('idle');
      return;
    }
    debounce.run(async () => {
      setState('searching');
      try {
        const result = await findUsersToAddAction(resourceId, pattern);
        if (request !== latest.current) return;
        if (!result.ok) return setState('failed');
        setFound({ pattern, users: result.users });
        setState('idle');
      } catch {
        if (request === latest.current) setState('failed');
      }
    });
  };

  const add = (user: UserToAdd) => {
    onAdd(user);
    search('');
  };

  return (
    <div className="max-w-xl">
      <Label htmlFor="add-user-search">Add user</Label>
      <Input id="add-user-search" type="search" autoComplete="off" placeholder="Search by email or name" value={text} onChange={(event) => search(event.target.value)} />
      <p role="status" className="mt-1 text-xs text-slate-500">
        {state === 'searching' ? 'Searching…' : found && found.users.length === 0 ? `No users match “${found.pattern}”.` : ''}
      </p>
      {state === 'failed' && <Alert className="mt-1">The search failed. Try again.</Alert>}
      {state !== 'failed' && found && found.users.length > 0 && (
        <ul aria-label="Users found" className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200 bg-white shadow-sm">
          {found.users.map((user) => (
            <li key={user.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
              <div className="min-w-0">
                <p className="flex items-center gap-2 font-medium text-slate-900">
                  <span className="truncate">{user.name}</span>
                  {user.status !== 'active' && <UserStatusBadge status={user.status} />}
                </p>
                <p className="truncate text-xs text-slate-500">{user.email}</p>
              </div>
              {listed.has(user.id) ? (
                <span className="shrink-0 text-xs text-slate-500">In the grid</span>
              ) : (
                <Button variant="secondary" className="shrink-0 px-3 py-1" aria-label={`Add ${user.email}`} onClick={() => add(user)}>
                  Add
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
