'use client';

import { useRef, useState, useTransition } from 'react';
import { assignMemberAction, findMemberCandidatesAction, type MemberCandidate } from '@/lib/actions/tenants';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useDebounce } from '@/components/ui/use-debounce';
import { MAX_PATTERN_LENGTH } from '@/lib/users/schemas';
import type { TenantRole } from '@/lib/tenants/tenants';
import { TENANT_ROLE_LABELS } from './member-role-select';

type RowOutcome = { userId: string; message: string; added: boolean };

/**
 * "Add member": finds users by email, username or name (a tenant admin finds only the users
 * they already manage) and adds the chosen one with the role picked above the results.
 */
export function AddMemberPanel({ tenant, scopeNote }: { tenant: { id: string; name: string }; scopeNote: string }) {
  const [pattern, setPattern] = useState('');
  const [role, setRole] = useState<TenantRole>('user');
  const [candidates, setCandidates] = useState<MemberCandidate[] | null>(null);
  const [searching, startSearch] = useTransition();
  const [adding, startAdding] = useTransition();
  const [addingId, setAddingId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<RowOutcome | null>(null);
  // Only the latest search's answer is shown: an earlier, slower one must not replace it.
  const latestSearch = useRef(0);
  const debounce = useDebounce();

  const search = (text: string) => {
    const searchId = ++latestSearch.current;
    startSearch(async () => {
      const found = await findMemberCandidatesAction(tenant.id, text);
      // The search sends what the box holds: a refusal of it is a bug, for the error page.
      if (!found.ok) throw new Error(found.message);
      if (searchId === latestSearch.current) setCandidates(found.candidates);
    });
  };

  const changePattern = (text: string) => {
    setPattern(text);
    setOutcome(null);
    debounce.cancel();
    if (!text.trim()) {
      latestSearch.current++;
      setCandidates(null);
      return;
    }
    debounce.run(() => search(text.trim()));
  };

  const add = (candidate: MemberCandidate) => {
    setOutcome(null);
    setAddingId(candidate.id);
    startAdding(async () => {
      const result = await assignMemberAction(tenant.id, candidate.id, role);
      setAddingId(null);
      if (!result.ok) {
        setOutcome({ userId: candidate.id, message: result.message, added: false });
        return;
      }
      setOutcome({ userId: candidate.id, message: `Added as ${TENANT_ROLE_LABELS[role].toLowerCase()}.`, added: true });
      setCandidates((current) => current?.map((item) => (item.id === candidate.id ? { ...item, isMember: true } : item)) ?? null);
    });
  };

  return (
    <section aria-labelledby="add-member-title" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="add-member-title" className="text-base font-semibold text-slate-900">
        Add member
      </h2>
      <p className="mt-1 text-sm text-slate-600">{scopeNote}</p>
      <div className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,1fr)_8rem] 2xl:grid-cols-1">
        <div>
          <Label htmlFor="add-member-search">Find a user</Label>
          <Input
            id="add-member-search"
            type="search"
            placeholder="Email, username or name"
            autoComplete="off"
            maxLength={MAX_PATTERN_LENGTH}
            value={pattern}
            onChange={(event) => changePattern(event.target.value)}
            aria-describedby="add-member-status"
          />
        </div>
        <div>
          <Label htmlFor="add-member-role">Add as</Label>
          <Select id="add-member-role" value={role} onChange={(event) => setRole(event.target.value as TenantRole)}>
            {(Object.keys(TENANT_ROLE_LABELS) as TenantRole[]).map((value) => (
              <option key={value} value={value}>
                {TENANT_ROLE_LABELS[value]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <p id="add-member-status" role="status" className="mt-2 min-h-5 text-xs text-slate-500">
        {searching ? 'Searching…' : candidates === null ? 'Type part of an email, username or name.' : candidates.length === 0 ? `No user matches “${pattern.trim()}”.` : ''}
      </p>
      {candidates && candidates.length > 0 && (
        <ul aria-label="Matching users" className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200">
          {candidates.map((candidate) => {
            const rowOutcome = outcome?.userId === candidate.id ? outcome : null;
            return (
              <li key={candidate.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-3 py-2 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-slate-900" title={candidate.name}>
                    {candidate.name}
                  </p>
                  <p className="truncate text-xs text-slate-500" title={candidate.email}>
                    {candidate.email}
                  </p>
                </div>
                {candidate.isMember ? (
                  <span className="text-xs text-slate-500">{rowOutcome?.added ? rowOutcome.message : 'Already a member'}</span>
                ) : (
                  <Button variant="secondary" className="px-3 py-1" disabled={adding} onClick={() => add(candidate)} aria-label={`Add ${candidate.name}`}>
                    {addingId === candidate.id ? 'Adding…' : 'Add'}
                  </Button>
                )}
                {rowOutcome && !rowOutcome.added && (
                  <p role="alert" className="w-full text-xs text-red-700">
                    {rowOutcome.message}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
