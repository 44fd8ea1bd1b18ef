'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClassName } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { ModalDialog } from '@/components/ui/modal-dialog';
import { startUsersDeletionAction, type StartDeletionsResult } from '@/lib/actions/deletions';

export function deletionsHref(tickets: string[]): string {
  return `/users/deletions?tickets=${tickets.join(',')}`;
}

const plural = (count: number) => `${count} user${count === 1 ? '' : 's'}`;

/**
 * One confirmation for deleting the selected users (type their number, or DELETE), then one
 * deletion per user. When all started it shows their progress together on the Deletions page;
 * when some were refused (yourself, the last admin) it says which, and links to the rest.
 */
export function BulkDeleteDialog({ ids, onClose, onStarted }: { ids: string[]; onClose: () => void; onStarted: () => void }) {
  const router = useRouter();
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<StartDeletionsResult | null>(null);
  const [pending, startTransition] = useTransition();
  const count = ids.length;
  const answer = typed.trim();
  const matches = answer === String(count) || answer.toUpperCase() === 'DELETE';

  const confirm = (event: React.FormEvent) => {
    event.preventDefault();
    if (!matches || pending) return;
    startTransition(async () => {
      const outcome = await startUsersDeletionAction(ids);
      // Each user's refusal is in `failed`; refusing the whole request means the selection was malformed: a bug.
      if (!outcome.ok) throw new Error(outcome.message);
      if (outcome.started.length > 0) onStarted();
      if (outcome.failed.length === 0) router.push(deletionsHref(outcome.started.map((job) => job.ticket)));
      else setResult(outcome);
    });
  };

  if (result) {
    return (
      <ModalDialog title={result.started.length ? `Deleting ${plural(result.started.length)}` : 'No user was deleted'} onClose={onClose}>
        <div className="mt-3 space-y-4 text-sm">
          <Alert>
            <p>{plural(result.failed.length)} not deleted:</p>
            <ul className="mt-1 list-disc pl-5">
              {result.failed.map((failure) => (
                <li key={failure.id}>
                  {failure.name}: {failure.message}
                </li>
              ))}
            </ul>
          </Alert>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
            {result.started.length > 0 && (
              <Link href={deletionsHref(result.started.map((job) => job.ticket))} className={buttonClassName('primary')}>
                Show progress
              </Link>
            )}
          </div>
        </div>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog title={`Delete ${plural(count)}?`} onClose={onClose}>
      <form onSubmit={confirm} className="mt-3 space-y-4 text-sm">
        <p className="text-slate-700">
          This permanently deletes the {plural(count)} you selected, with their tokens, permissions, memberships and profiles. Their sessions end at once.
        </p>
        <div>
          <Label htmlFor={inputId}>
            Type <span className="font-mono text-slate-900">{count}</span> or <span className="font-mono text-slate-900">DELETE</span> to confirm
          </Label>
          <Input id={inputId} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} autoFocus />
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!matches || pending}>
            {pending ? 'Starting…' : `Delete ${plural(count)}`}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
