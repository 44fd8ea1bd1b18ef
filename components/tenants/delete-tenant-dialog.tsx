'use client';

import { useState, useTransition } from 'react';
import { deleteTenantAction } from '@/lib/actions/tenants';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ModalDialog } from '@/components/ui/modal-dialog';
import { formatCount } from '@/lib/format';
import type { TenantToChange } from './tenant-row-actions';

/** Asks before deleting a tenant, saying what happens to its members: the memberships go, the users stay. */
export function DeleteTenantDialog({ tenant, onClose }: { tenant: TenantToChange; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const members = tenant.memberCount;

  const confirm = () => {
    setError(null);
    startTransition(async () => {
      // Forced only when the admin was told about the members; one who joined since makes it refuse.
      const result = await deleteTenantAction(tenant.id, members > 0);
      if (result.ok) onClose();
      else setError(result.message);
    });
  };

  return (
    <ModalDialog title={`Delete ${tenant.name}?`} onClose={onClose} className="text-left whitespace-normal">
      <div className="mt-3 space-y-4 text-sm">
        {members > 0 ? (
          <p className="text-slate-700">
            {tenant.name} has {formatCount(members)} member{members === 1 ? '' : 's'}. Their membership{members === 1 ? '' : 's'} in this tenant will be removed;{' '}
            <strong className="font-semibold">the users themselves stay</strong>, with their accounts and their other tenants. Its resources stay, without a tenant.
          </p>
        ) : (
          <p className="text-slate-700">{tenant.name} has no members. Its resources stay, without a tenant.</p>
        )}
        {error && <Alert>{error}</Alert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" disabled={pending} onClick={confirm}>
            {pending ? 'Deleting…' : members > 0 ? 'Delete tenant and memberships' : 'Delete tenant'}
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}
