import { JobStatusBadge } from '@/components/ui/job-status-badge';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { DeletionView } from '@/lib/deletion/view';

/** A deletion's steps done out of all of them, as a bar screen readers read as "3 of 8 steps". */
export function DeletionProgressBar({ deletion, label, size = 'large' }: { deletion: Pick<DeletionView, 'status' | 'stepsDone' | 'stepsTotal'>; label: string; size?: 'large' | 'small' }) {
  const done = Math.min(deletion.stepsDone, deletion.stepsTotal);
  return <ProgressBar value={deletion.stepsDone} max={deletion.stepsTotal} label={label} valueText={`${done} of ${deletion.stepsTotal} steps`} status={deletion.status} size={size} />;
}

export function DeletionStatusBadge({ status }: { status: DeletionView['status'] }) {
  return <JobStatusBadge status={status} words={{ completed: 'deleted' }} />;
}
