import { cn } from '@/lib/pages/cn';
import type { BulkJob } from '@/lib/jobs/jobs';

const BAR_COLOURS: Record<BulkJob['status'], string> = {
  queued: 'bg-indigo-500',
  'in-progress': 'bg-indigo-500',
  completed: 'bg-emerald-500',
  failed: 'bg-red-500',
  cancelled: 'bg-amber-500',
};

/** A bulk action's users done out of all selected, read by screen readers as "4,200 of 12,345 users". */
export function BulkActionProgressBar({ status, stepsDone, stepsTotal, label }: { status: BulkJob['status']; stepsDone: number; stepsTotal: number; label: string }) {
  const total = Math.max(stepsTotal, 1);
  const done = Math.min(stepsDone, total);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${done.toLocaleString('en-US')} of ${stepsTotal.toLocaleString('en-US')} users`}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div className={cn('h-full rounded-full transition-[width] duration-500', BAR_COLOURS[status])} style={{ width: `${(done / total) * 100}%` }} />
    </div>
  );
}
