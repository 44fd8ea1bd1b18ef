'use client';

import { useState, useTransition } from 'react';
import { deleteResourceAction } from '@/lib/actions/resources';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ModalDialog } from '@/components/ui/modal-dialog';

export type ResourceToDelete = { id: string; name: string; holderCount: number };

/**
 * Asks before deleting a resource, saying that the roles on it go too. From the resource's own
 * page (`backToList`) the deletion ends on the list.
 */
export function DeleteResourceDialog({ resource, backToList, onClose, onDeleted }: { resource: ResourceToDelete; backToList: boolean; onClose: () => void; onDeleted?: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const holders = resource.holderCount;

  const confirm = () =>
    startTransition(async () => {
      const result = await deleteResourceAction(resource.id, backToList);
      if (!result.ok) return setError(result.message);
      onDeleted?.();
      onClose();
    });

  return (
    <ModalDialog title={`Delete ${resource.name}?`} onClose={onClose}>
      <div className="mt-3 space-y-4 text-sm">
        <p className="text-slate-700">
          The permissions on it go too:{' '}
          {holders === 0 ? 'nobody holds a role on it now.' : `${holders} ${holders === 1 ? 'person loses the role they hold' : 'people lose the roles they hold'} on it.`} This cannot be
          undone.
        </p>
        {error && <Alert>{error}</Alert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} disabled={pending}>
            {pending ? 'Deleting…' : 'Delete resource'}
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}
