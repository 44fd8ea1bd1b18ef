'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { cancelBulkActionAction, readBulkActionAction } from '@/lib/actions/bulk-actions';
import { BULK_ACTIONS, bulkSummary, usersCount } from '@/lib/bulk/actions';
import type { BulkActionReport } from '@/lib/bulk/report';
import { BulkActionProgressBar } from './bulk-action-progress-bar';
import type { StartedBulkAction } from './bulk-action-dialog';

const POLL_MS = 700;
const FINISHED = ['completed', 'failed', 'cancelled'];

export const bulkReportHref = (id: string) => `/users/bulk/${id}`;

/**
 * A bulk action above the users list: a live progress bar with Cancel. When it ends, a toast
 * sums it up with a link to its report, the list is read again, and the bar stays, full, with
 * the summary until dismissed; a failure says why.
 */
export function BulkActionProgress({ job, onFinished, onDismiss }: { job: StartedBulkAction; onFinished: () => void; onDismiss: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const [report, setReport] = useState<BulkActionReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [cancelling, startCancel] = useTransition();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const outcome = await readBulkActionAction(job.id);
      if (stopped) return;
      if (!outcome.ok) return setProblem(outcome.message);
      const latest = outcome.report;
      setReport(latest);
      if (!FINISHED.includes(latest.status)) {
        timer = setTimeout(poll, POLL_MS);
        return;
      }
      router.refresh();
      onFinished();
      if (latest.status === 'failed') return setProblem(latest.error ?? 'The bulk action stopped.');
      toast(bulkSummary(latest.action, latest.status, latest.counts), { href: bulkReportHref(job.id), label: latest.counts.refused > 0 ? 'Show who was refused' : 'Show the report' });
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job.id, onFinished, router, toast]);

  const done = report?.stepsDone ?? 0;
  const total = report?.stepsTotal ?? job.stepsTotal;
  const finished = report !== null && FINISHED.includes(report.status);
  const label = `${BULK_ACTIONS[job.action].running} ${usersCount(total)}`;
  const state = !report || report.status === 'queued' ? 'waiting to start…' : `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} done`;
  return (
    <section aria-label="Bulk action" className="space-y-2 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="mr-auto font-medium text-slate-900">
          {finished ? bulkSummary(report.action, report.status, report.counts) : label}
          {!finished && (
            <span className="ml-2 font-normal text-slate-600">
              {state}
              {report?.cancelRequested ? ', stopping after this batch…' : ''}
            </span>
          )}
        </p>
        <Link href={bulkReportHref(job.id)} className="text-indigo-700 hover:underline">
          {finished ? 'Show the report' : 'Details'}
        </Link>
        {finished || problem ? (
          <Button variant="ghost" className="px-3 py-1.5" onClick={onDismiss}>
            Dismiss
          </Button>
        ) : (
          <Button
            variant="secondary"
            className="px-3 py-1.5"
            disabled={cancelling || report?.cancelRequested}
            onClick={() =>
              startCancel(async () => {
                const outcome = await cancelBulkActionAction(job.id);
                if (!outcome.ok) setProblem(outcome.message);
              })
            }
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </Button>
        )}
      </div>
      <BulkActionProgressBar status={report?.status ?? 'queued'} stepsDone={done} stepsTotal={total} label={label} />
      {problem && <Alert>{problem}</Alert>}
    </section>
  );
}
