import { cn } from '@/lib/pages/cn';
import type { BulkJob } from '@/lib/jobs/jobs';

/** A background job's status (a deletion, an import, a bulk action): they share one set. */
export type JobStatus = BulkJob['status'];

const BAR_COLOURS: Record<JobStatus, string> = {
  queued: 'bg-indigo-500',
  'in-progress': 'bg-indigo-500',
  completed: 'bg-emerald-500',
  failed: 'bg-red-500',
  cancelled: 'bg-amber-500',
};

type ProgressBarProps = {
  value: number;
  max: number;
  /** What progresses ("Importing users.csv"), as screen readers name the bar. */
  label: string;
  /** How screen readers read the value ("9,998 of 10,000 rows"). */
  valueText: string;
  status: JobStatus;
  size?: 'large' | 'small';
};

/** A job's work done out of all of it (role progressbar); an empty job (max 0) reads as 0 of 0 with an empty bar. */
export function ProgressBar({ value, max, label, valueText, status, size = 'large' }: ProgressBarProps) {
  const done = Math.min(Math.max(value, 0), max);
  const share = max > 0 ? done / max : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={done}
      aria-valuetext={valueText}
      className={cn('w-full overflow-hidden rounded-full bg-slate-200', size === 'large' ? 'h-3' : 'h-1.5')}
    >
      <div className={cn('h-full rounded-full transition-[width] duration-500', BAR_COLOURS[status])} style={{ width: `${share * 100}%` }} />
    </div>
  );
}
