import { ProgressBar } from '@/components/ui/progress-bar';
import type { BulkJob } from '@/lib/jobs/jobs';
import { formatCount } from '@/lib/pages/format';

/** A bulk action's users done out of all selected, read by screen readers as "4,200 of 12,345 users". */
export function BulkActionProgressBar({ status, stepsDone, stepsTotal, label }: { status: BulkJob['status']; stepsDone: number; stepsTotal: number; label: string }) {
  const done = Math.min(stepsDone, stepsTotal);
  return <ProgressBar value={stepsDone} max={stepsTotal} label={label} valueText={`${formatCount(done)} of ${formatCount(stepsTotal)} users`} status={status} />;
}
