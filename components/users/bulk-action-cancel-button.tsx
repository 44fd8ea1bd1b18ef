'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { cancelBulkActionAction } from '@/lib/actions/bulk-actions';

/** Asks a running bulk action to stop after its current batch, then reads the page again. */
export function BulkActionCancelButton({ id, cancelRequested }: { id: string; cancelRequested: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      {problem && (
        <p role="alert" className="text-red-700">
          {problem}
        </p>
      )}
      <Button
        variant="secondary"
        className="px-3 py-1.5"
        disabled={pending || cancelRequested}
        onClick={() =>
          startTransition(async () => {
            const outcome = await cancelBulkActionAction(id);
            if (!outcome.ok) setProblem(outcome.message);
            router.refresh();
          })
        }
      >
        {cancelRequested ? 'Stopping…' : pending ? 'Cancelling…' : 'Cancel'}
      </Button>
    </>
  );
}
