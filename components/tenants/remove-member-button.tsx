'use client';

import { useState } from 'react';
import { removeMemberAction } from '@/lib/actions/tenants';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

type RemoveMemberProps = {
  tenant: { id: string; name: string };
  member: { id: string; name: string; email: string };
  /** A tenant admin removing themselves loses this tenant: they are told so first. */
  isSelf: boolean;
};

/** "Remove" on a member's row, confirmed in a dialog: the membership goes, the user stays. */
export function RemoveMemberButton({ tenant, member, isSelf }: RemoveMemberProps) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" className="px-2.5 py-1" onClick={() => setOpen(true)} aria-label={`Remove ${member.name}`}>
        Remove
      </Button>
      {open && (
        <ConfirmDialog
          title={`Remove ${member.name} from ${tenant.name}?`}
          description={
            <p>
              {member.name} ({member.email}) leaves {tenant.name} and loses their role there. Their account stays, with its other tenants.
              {isSelf && ' You will no longer administer this tenant.'}
            </p>
          }
          confirmLabel="Remove from tenant"
          pendingLabel="Removing…"
          onConfirm={async () => {
            const result = await removeMemberAction(tenant.id, member.id);
            if (!result.ok) return result.message;
            toast(`Removed ${member.name} from ${tenant.name}.`);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
