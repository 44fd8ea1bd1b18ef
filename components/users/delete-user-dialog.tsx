'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { startUserDeletionAction } from '@/lib/actions/deletions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { ModalDialog } from '@/components/ui/modal-dialog';

export type UserToDelete = { id: string; name: string; email: string };

/**
 * Asks before deleting a user: the admin types the user's email (any case) to confirm. On
 * success it goes to the deletion's progress page; a refusal (yourself, the last admin) stays here.
 */
export function DeleteUserDialog({ user, onClose }: { user: UserToDelete; onClose: () => void }) {
  const router = useRouter();
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const matches = typed.trim().toLowerCase() === user.email.toLowerCase();

  const confirm = (event: React.FormEvent) => {
    event.preventDefault();
    if (!matches || pending) return;
    setError(null);
    startTransition(async () => {
      const result = await startUserDeletionAction(user.id);
      // The name rides along: the user row may be gone before the progress page renders.
      if (result.ok) router.push(`/users/${user.id}/deletion/${result.ticket}?name=${encodeURIComponent(user.name)}`);
      else setError(result.message);
    });
  };

  return (
    <ModalDialog title={`Delete ${user.name}?`} onClose={onClose}>
      <form onSubmit={confirm} className="mt-3 space-y-4 text-sm">
        <p className="text-slate-700">
          This permanently deletes <strong className="font-semibold">{user.name}</strong> ({user.email}): their tokens, codes, permissions, tenant memberships and
          profile. Their sessions end at once. The audit trail is kept, with the user replaced by a pseudonym.
        </p>
        {error && <Alert>{error}</Alert>}
        <div>
          <Label htmlFor={inputId}>
            Type <span className="font-mono text-slate-900 select-all">{user.email}</span> to confirm
          </Label>
          <Input id={inputId} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} autoCapitalize="none" autoFocus />
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!matches || pending}>
            {pending ? 'Starting…' : 'Delete user'}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
