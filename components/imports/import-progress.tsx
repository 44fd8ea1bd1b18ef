'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClassName } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { cancelImportAction, importStatusAction } from '@/lib/actions/imports';
import { formatCount } from '@/lib/pages/format';
import { ImportCounts } from './import-counts';
import { importCounts, ImportProgressBar, importSummary, ImportStatusBadge, isImportRunning, type ImportJob } from './import-job';

const POLL_MS = 1000;

/**
 * An import's live progress: asks for the job's status every second until it has finished,
 * then says how it ended and offers its report. Cancel asks first; the job stops after the
 * batch it is on, and what was imported stays.
 */
export function ImportProgress({ initial }: { initial: ImportJob }) {
  const [job, setJob] = useState(initial);
  const [pollProblem, setPollProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const running = isImportRunning(job);
  const { id } = job;

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    // One request at a time: the next one is planned when the last has answered.
    const poll = async () => {
      try {
        const result = await importStatusAction(id);
        if (stopped) return;
        if (result.ok) {
          setJob(result.job);
          setPollProblem(null);
        } else {
          setPollProblem(result.message);
        }
      } catch (error) {
        if (stopped) return;
        setPollProblem(error instanceof Error ? error.message : String(error));
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, id]);

  const cancel = async (): Promise<string | void> => {
    const result = await cancelImportAction(id);
    if (!result.ok) return result.message;
    setJob(result.job);
    setConfirming(false);
  };

  const left = Math.max(job.stepsTotal - job.stepsDone, 0);

  return (
    <section aria-labelledby="import-progress-title" className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:p-6">
      <div className="flex items-center justify-between gap-3">
        <h2 id="import-progress-title" className="text-base font-semibold text-slate-900">
          Progress
        </h2>
        <ImportStatusBadge status={job.status} />
      </div>
      <ImportProgressBar job={job} label="Importing users" />
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-slate-600">
        <p aria-live="polite">
          {job.status === 'queued' && 'Waiting to start…'}
          {job.status === 'in-progress' && (job.cancelRequested ? 'Cancelling after the current batch…' : 'Importing…')}
          {job.status === 'completed' && 'Done'}
          {(job.status === 'cancelled' || job.status === 'failed') && 'Stopped'}
        </p>
        <p className="tabular-nums" data-testid="import-rows">
          {formatCount(Math.min(job.stepsDone, job.stepsTotal))} of {formatCount(job.stepsTotal)} rows
        </p>
      </div>

      <ImportCounts counts={importCounts(job)} label="Outcomes so far" />

      {job.status === 'completed' && <Alert tone="success">{importSummary(job)}</Alert>}
      {job.status === 'cancelled' && (
        <Alert tone="info">
          Cancelled with {formatCount(left)} {left === 1 ? 'row' : 'rows'} not imported. {importSummary(job)}
        </Alert>
      )}
      {job.status === 'failed' && (
        <Alert>
          The import failed: {job.error ?? 'unknown error'}. {importSummary(job)}
        </Alert>
      )}
      {pollProblem && running && <Alert>Could not read the progress ({pollProblem}). Trying again…</Alert>}

      <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
        {running && (
          <Button variant="secondary" onClick={() => setConfirming(true)} disabled={job.cancelRequested}>
            {job.cancelRequested ? 'Cancelling…' : 'Cancel import'}
          </Button>
        )}
        {!running && (
          <a href={`/api/v1/imports/${encodeURIComponent(id)}/report?format=csv`} download className={buttonClassName('primary')}>
            Download report (CSV)
          </a>
        )}
        <Link href="/users" className={buttonClassName(running ? 'ghost' : 'secondary')}>
          Back to users
        </Link>
        <Link href="/users/import" className={buttonClassName('ghost')}>
          All imports
        </Link>
      </div>

      {confirming && (
        <ConfirmDialog
          title="Cancel this import?"
          description={<p>The import stops after the batch it is on. Users already imported stay; the rows not reached are not imported.</p>}
          confirmLabel="Stop the import"
          pendingLabel="Stopping…"
          onConfirm={cancel}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
