'use client';

import { useRouter } from 'next/navigation';
import { startUserDeletionAction } from '@/lib/actions/deletions';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

export type UserToDelete = { id: string; name: string; email: string };

/**
 * Asks before deleting a user: the admin types the user's email (any case) to confirm. On
 * success it goes to the deletion's progress page; a refusal (yourself, the last admin) stays here.
 */
export function DeleteUserDialog({ user, onClose }: { user: UserToDelete; onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  return (
    <ConfirmDialog
      title={`Delete ${user.name}?`}
      description={
        <p>
          This permanently deletes <strong className="font-semibold">{user.name}</strong> ({user.email}): their tokens, codes, permissions, tenant memberships and
          profile. Their sessions end at once. The audit trail is kept, with the user replaced by a pseudonym.
        </p>
      }
      typedConfirmation={{
        label: (
          <>
            Type <span className="font-mono text-slate-900 select-all">{user.email}</span> to confirm
          </>
        ),
        accepts: (typed) => typed.toLowerCase() === user.email.toLowerCase(),
      }}
      confirmLabel="Delete user"
      pendingLabel="Starting…"
      onConfirm={async () => {
        const result = await startUserDeletionAction(user.id);
        if (!result.ok) return result.message;
        toast(`Deleting ${user.name}.`);
        // The name rides along: the user row may be gone before the progress page renders.
        router.push(`/users/${user.id}/deletion/${result.ticket}?name=${encodeURIComponent(user.name)}`);
      }}
      onClose={onClose}
    />
  );
}
