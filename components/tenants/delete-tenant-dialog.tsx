'use client';

import { deleteTenantAction } from '@/lib/actions/tenants';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { formatCount } from '@/lib/pages/format';
import type { TenantToChange } from '@/lib/tenants/tenants';

/** Asks before deleting a tenant, saying what happens to its members: the memberships go, the users stay. */
export function DeleteTenantDialog({ tenant, onClose }: { tenant: TenantToChange; onClose: () => void }) {
  const toast = useToast();
  const members = tenant.memberCount;
  return (
    <ConfirmDialog
      title={`Delete ${tenant.name}?`}
      description={
        members > 0 ? (
          <p>
            {tenant.name} has {formatCount(members)} member{members === 1 ? '' : 's'}. Their membership{members === 1 ? '' : 's'} in this tenant will be removed;{' '}
            <strong className="font-semibold">the users themselves stay</strong>, with their accounts and their other tenants. Its resources stay, without a tenant.
          </p>
        ) : (
          <p>{tenant.name} has no members. Its resources stay, without a tenant.</p>
        )
      }
      confirmLabel={members > 0 ? 'Delete tenant and memberships' : 'Delete tenant'}
      pendingLabel="Deleting…"
      onConfirm={async () => {
        // Forced only when the admin was told about the members; one who joined since makes it refuse.
        const result = await deleteTenantAction(tenant.id, members > 0);
        if (!result.ok) return result.message;
        toast(`Deleted ${tenant.name}.`);
        onClose();
      }}
      onClose={onClose}
    />
  );
}
