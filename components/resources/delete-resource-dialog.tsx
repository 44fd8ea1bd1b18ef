'use client';

import { deleteResourceAction } from '@/lib/actions/resources';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

export type ResourceToDelete = { id: string; name: string; holderCount: number };

/**
 * Asks before deleting a resource, saying that the roles on it go too. From the resource's own
 * page (`backToList`) the deletion ends on the list, which says what was deleted.
 */
export function DeleteResourceDialog({ resource, backToList, onClose }: { resource: ResourceToDelete; backToList: boolean; onClose: () => void }) {
  const toast = useToast();
  const holders = resource.holderCount;
  return (
    <ConfirmDialog
      title={`Delete ${resource.name}?`}
      description={
        <p>
          The permissions on it go too:{' '}
          {holders === 0 ? 'nobody holds a role on it now.' : `${holders} ${holders === 1 ? 'person loses the role they hold' : 'people lose the roles they hold'} on it.`} This cannot be
          undone.
        </p>
      }
      confirmLabel="Delete resource"
      pendingLabel="Deleting…"
      onConfirm={async () => {
        const result = await deleteResourceAction(resource.id, backToList);
        if (!result.ok) return result.message;
        toast(`Deleted ${resource.name} and the roles granted on it.`);
        onClose();
      }}
      onClose={onClose}
    />
  );
}
