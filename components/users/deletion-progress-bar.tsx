import { Badge, type BadgeTone } from '@/components/ui/badge';
import { cn } from '@/lib/pages/cn';
import type { DeletionView } from '@/lib/deletion/view';

const BAR_COLOURS: Record<DeletionView['status'], string> = {
  queued: 'bg-indigo-500',
  'in-progress': 'bg-indigo-500',
  completed: 'bg-emerald-500',
  failed: 'bg-red-500',
  cancelled: 'bg-amber-500',
};

/** A deletion's steps done out of all of them, as a bar screen readers read as "3 of 8 steps". */
export function DeletionProgressBar({ deletion, label, size = 'large' }: { deletion: Pick<DeletionView, 'status' | 'stepsDone' | 'stepsTotal'>; label: string; size?: 'large' | 'small' }) {
  const total = Math.max(deletion.stepsTotal, 1);
  const done = Math.min(deletion.stepsDone, total);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${done} of ${total} steps`}
      className={cn('w-full overflow-hidden rounded-full bg-slate-200', size === 'large' ? 'h-3' : 'h-1.5')}
    >
      <div className={cn('h-full rounded-full transition-[width] duration-500', BAR_COLOURS[deletion.status])} style={{ width: `${(done / total) * 100}%` }} />
    </div>
  );
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
