'use client';

import { useCallback, useState, useTransition } from 'react';
import { useToast } from '@/components/ui/toast';
import { changeUsersStatusAction } from '@/lib/actions/user-status';
import type { StatusChangeOutcome } from '@/lib/users/status-changes';
import { STATUS_CHANGES, type StatusChange } from '@/lib/users/status';

const plural = (n: number) => `${n} user${n === 1 ? '' : 's'}`;

function describeFailure(outcome: StatusChangeOutcome, status: StatusChange): string {
  const changed = outcome.changed > 0 ? `${STATUS_CHANGES[status].done} ${plural(outcome.changed)}. ` : '';
  return `${changed}${plural(outcome.failed.length)} not changed: ${outcome.failed.map((failure) => `${failure.name}: ${failure.message}`).join(' ')}`;
}

/**
 * Runs a suspend or activate on some users (a row's menu, the bulk bar): success is a toast,
 * a refusal stays on the page as `failure` until the next change.
 */
export function useStatusChange(onDone: () => void) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<string | null>(null);
  // A promise, so a confirmation dialog can wait for it.
  const changeStatus = useCallback(
    (ids: string[], status: StatusChange) =>
      new Promise<void>((resolve) => {
        setFailure(null);
        startTransition(async () => {
          const outcome = await changeUsersStatusAction(ids, status);
          if (!outcome.ok) setFailure(outcome.message);
          else if (outcome.failed.length > 0) setFailure(describeFailure(outcome, status));
          else toast(`${STATUS_CHANGES[status].done} ${plural(outcome.changed)}.`);
          onDone();
          resolve();
        });
      }),
    [onDone, toast],
  );
  return { changeStatus, pending, failure };
}
