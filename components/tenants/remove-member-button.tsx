'use client';

import { useState, useTransition } from 'react';
import { removeMemberAction } from '@/lib/actions/tenants';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ModalDialog } from '@/components/ui/modal-dialog';

type RemoveMemberProps = {
  tenant: { id: string; name: string };
  member: { id: string; name: string; email: string };
  /** A tenant admin removing themselves loses this tenant: they are told so first. */
  isSelf: boolean;
};

/** "Remove" on a member's row, confirmed in a dialog: the membership goes, the user stays. */
export function RemoveMemberButton({ tenant, member, isSelf }: RemoveMemberProps) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const close = () => {
    setOpen(false);
    setError(null);
  };
  const confirm = () => {
    setError(null);
    startTransition(async () => {
      const result = await removeMemberAction(tenant.id, member.id);
      if (result.ok) close();
      else setError(result.message);
    });
  };

  return (
    <>
      <Button variant="secondary" className="px-2.5 py-1" onClick={() => setOpen(true)} aria-label={`Remove ${member.name}`}>
        Remove
      </Button>
      {open && (
        <ModalDialog title={`Remove ${member.name} from ${tenant.name}?`} onClose={close} className="text-left whitespace-normal">
          <div className="mt-3 space-y-4 text-sm">
            <p className="text-slate-700">
              {member.name} ({member.email}) leaves {tenant.name} and loses their role there. Their account stays, with its other tenants.
              {isSelf && ' You will no longer administer this tenant.'}
            </p>
            {error && <Alert>{error}</Alert>}
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button variant="danger" disabled={pending} onClick={confirm}>
                {pending ? 'Removing…' : 'Remove from tenant'}
              </Button>
            </div>
          </div>
        </ModalDialog>
      )}
    </>
  );
}
