import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { DeletionView } from '@/lib/deletion/view';

/** A deletion's steps done out of all of them, as a bar screen readers read as "3 of 8 steps". */
export function DeletionProgressBar({ deletion, label, size = 'large' }: { deletion: Pick<DeletionView, 'status' | 'stepsDone' | 'stepsTotal'>; label: string; size?: 'large' | 'small' }) {
  const done = Math.min(deletion.stepsDone, deletion.stepsTotal);
  return <ProgressBar value={deletion.stepsDone} max={deletion.stepsTotal} label={label} valueText={`${done} of ${deletion.stepsTotal} steps`} status={deletion.status} size={size} />;
}

const STATUS_TONES: Record<DeletionView['status'], BadgeTone> = {
  queued: 'neutral',
  'in-progress': 'indigo',
  completed: 'green',
  failed: 'red',
  cancelled: 'amber',
};

const STATUS_TEXT: Record<DeletionView['status'], string> = {
  queued: 'queued',
  'in-progress': 'in progress',
  completed: 'deleted',
  failed: 'failed',
  cancelled: 'cancelled',
};

export function DeletionStatusBadge({ status }: { status: DeletionView['status'] }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_TEXT[status]}</Badge>;
}
