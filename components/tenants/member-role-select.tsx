'use client';

import { useId, useState, useTransition } from 'react';
import { assignMemberAction } from '@/lib/actions/tenants';
import { Select } from '@/components/ui/select';
import type { TenantRole } from '@/lib/tenants/tenants';

export const TENANT_ROLE_LABELS: Record<TenantRole, string> = { user: 'User', admin: 'Admin' };

/** A member's role in the tenant; choosing another saves it at once, and a refusal shows beside it. */
export function MemberRoleSelect({ tenantId, member, role }: { tenantId: string; member: { id: string; name: string }; role: TenantRole }) {
  const id = useId();
  const [shown, setShown] = useState(role);
  const [seenRole, setSeenRole] = useState(role);
  const [outcome, setOutcome] = useState<{ saved: true } | { saved: false; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  // A new role from the server (after a reload or another change) replaces what is shown.
  if (role !== seenRole) {
    setSeenRole(role);
    setShown(role);
  }

  const change = (next: TenantRole) => {
    setShown(next);
    setOutcome(null);
    startTransition(async () => {
      const result = await assignMemberAction(tenantId, member.id, next);
      if (result.ok) {
        setOutcome({ saved: true });
      } else {
        setShown(role);
        setOutcome({ saved: false, message: result.message });
      }
    });
  };

  const error = outcome && !outcome.saved ? outcome.message : null;
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 sm:min-w-44">
      {/* The select fills its box: the box sets the width. */}
      <div className="w-24">
        <Select
          aria-label={`Tenant role of ${member.name}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="py-1"
          value={shown}
          disabled={pending}
          onChange={(event) => change(event.target.value as TenantRole)}
        >
          {(Object.keys(TENANT_ROLE_LABELS) as TenantRole[]).map((value) => (
            <option key={value} value={value}>
              {TENANT_ROLE_LABELS[value]}
            </option>
          ))}
        </Select>
      </div>
      <span role="status" className="text-xs text-slate-500">
        {pending ? 'Saving…' : outcome?.saved ? 'Saved' : ''}
      </span>
      {error && (
        <p id={`${id}-error`} className="w-full max-w-64 text-xs whitespace-normal text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
