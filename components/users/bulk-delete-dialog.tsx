'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { startUsersDeletionAction, type StartDeletionsResult } from '@/lib/actions/deletions';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClassName } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';

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
  const toast = useToast();
  const [result, setResult] = useState<StartDeletionsResult | null>(null);
  const count = ids.length;

  if (result) {
    return (
      <Dialog title={result.started.length ? `Deleting ${plural(result.started.length)}` : 'No user was deleted'} onClose={onClose}>
        <div className="mt-3 space-y-4">
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
      </Dialog>
    );
  }

  return (
    <ConfirmDialog
      title={`Delete ${plural(count)}?`}
      description={<p>This permanently deletes the {plural(count)} you selected, with their tokens, permissions, memberships and profiles. Their sessions end at once.</p>}
      typedConfirmation={{
        label: (
          <>
            Type <span className="font-mono text-slate-900">{count}</span> or <span className="font-mono text-slate-900">DELETE</span> to confirm
          </>
        ),
        accepts: (typed) => typed === String(count) || typed.toUpperCase() === 'DELETE',
      }}
      confirmLabel={`Delete ${plural(count)}`}
      pendingLabel="Starting…"
      onConfirm={async () => {
        const outcome = await startUsersDeletionAction(ids);
        // Each user's refusal is in `failed`; a refusal of the whole request is said in the dialog.
        if (!outcome.ok) return outcome.message;
        if (outcome.started.length > 0) {
          onStarted();
          toast(`Deleting ${plural(outcome.started.length)}.`);
        }
        if (outcome.failed.length === 0) router.push(deletionsHref(outcome.started.map((job) => job.ticket)));
        else setResult(outcome);
      }}
      onClose={onClose}
    />
  );
}
