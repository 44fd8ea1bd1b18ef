'use client';

import Link from 'next/link';
import { useEffect, useState, useTransition } from 'react';
import { cancelDeletionAction } from '@/lib/actions/deletions';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClassName } from '@/components/ui/button';
import { DeletionProgressBar, DeletionStatusBadge } from './deletion-progress-bar';
import { deletionViewFromJson, isDeletionActive, type DeletionView } from '@/lib/deletion/view';

const POLL_MS = 700;

type DeletionProgressProps = {
  initial: DeletionView;
  /** The user's name when the page loaded; null when the user row was already gone. */
  userName: string | null;
  /** Past this many steps done the account is gone and a cancel is refused. */
  cancellableUntilStep: number;
};

/**
 * A deletion's live progress: polls the status API (the session cookie authenticates a GET)
 * until the job is completed, failed or cancelled, then says how it ended.
 */
export function DeletionProgress({ initial, userName, cancellableUntilStep }: DeletionProgressProps) {
  const [deletion, setDeletion] = useState(initial);
  const [pollProblem, setPollProblem] = useState<string | null>(null);
  const [cancelRequested, setCancelRequested] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, startCancelling] = useTransition();
  const active = isDeletionActive(deletion.status);
  const { userId, ticket } = deletion;
  const who = userName ?? 'The user';

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    // One request at a time: the next poll is planned when the last one has answered.
    const poll = async () => {
      try {
        const response = await fetch(`/api/v1/users/${encodeURIComponent(userId)}/delete-status/${encodeURIComponent(ticket)}`, { cache: 'no-store', signal: controller.signal });
        if (!response.ok) throw new Error(`The server answered ${response.status}.`);
        setDeletion(deletionViewFromJson(await response.json()));
        setPollProblem(null);
      } catch (error) {
        if (controller.signal.aborted) return;
        setPollProblem(error instanceof Error ? error.message : String(error));
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [active, userId, ticket]);

  const tooLateToCancel = deletion.stepsDone > cancellableUntilStep;
  const cancel = () => {
    setCancelError(null);
    startCancelling(async () => {
      const result = await cancelDeletionAction(userId, ticket);
      if (result.ok) {
        setCancelRequested(true);
        setDeletion(result.deletion);
      } else {
        setCancelError(result.message);
      }
    });
  };

  const step = deletion.status === 'queued' ? 'Waiting to start…' : (deletion.currentStepLabel ?? 'Finishing');

  return (
    <section aria-labelledby="deletion-progress-title" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:p-6">
      <div className="flex items-center justify-between gap-3">
        <h2 id="deletion-progress-title" className="text-base font-semibold text-slate-900">
          Progress
        </h2>
        <DeletionStatusBadge status={deletion.status} />
      </div>
      <DeletionProgressBar deletion={deletion} label={`Deleting ${userName ?? 'the user'}`} />
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-slate-600">
        {active ? (
          <p aria-live="polite">
            {cancelRequested ? 'Cancelling after the current step…' : step}
          </p>
        ) : (
          <p>{deletion.status === 'completed' ? 'Done' : 'Stopped'}</p>
        )}
        <p className="tabular-nums" data-testid="deletion-steps">
          {deletion.stepsDone} of {deletion.stepsTotal} steps
        </p>
      </div>

      {deletion.status === 'completed' && <Alert tone="success">{who} was deleted.</Alert>}
      {deletion.status === 'cancelled' && <Alert tone="info">Cancelled: the user is suspended; what was already removed stays removed.</Alert>}
      {deletion.status === 'failed' && (
        <Alert>
          Failed: {deletion.error ?? 'unknown error'}. The user is suspended; you can try again.
        </Alert>
      )}
      {pollProblem && active && <Alert>Could not read the progress ({pollProblem}). Trying again…</Alert>}
      {cancelError && <Alert>{cancelError}</Alert>}

      <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
        {active && (
          <Button variant="secondary" onClick={cancel} disabled={cancelling || cancelRequested || tooLateToCancel}>
            {cancelling ? 'Cancelling…' : 'Cancel deletion'}
          </Button>
        )}
        {active && tooLateToCancel && <span className="text-slate-500">The account is already gone; this can no longer be cancelled.</span>}
        {(deletion.status === 'failed' || deletion.status === 'cancelled') && (
          <Link href={`/users/${userId}`} className={buttonClassName('secondary')}>
            Open the user
          </Link>
        )}
        <Link href="/users" className={buttonClassName(active ? 'ghost' : 'primary')}>
          Back to users
        </Link>
        <Link href="/users/deletions" className={buttonClassName('ghost')}>
          All deletions
        </Link>
      </div>
    </section>
  );
}
