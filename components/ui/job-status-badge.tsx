import { Badge, type BadgeTone } from './badge';
import type { JobStatus } from './progress-bar';

const TONES: Record<JobStatus, BadgeTone> = { queued: 'neutral', 'in-progress': 'indigo', completed: 'green', failed: 'red', cancelled: 'amber' };
const WORDS: Record<JobStatus, string> = { queued: 'queued', 'in-progress': 'in progress', completed: 'completed', failed: 'failed', cancelled: 'cancelled' };

/** A background job's status as a badge; `words` renames a status where the job says it better ("deleted", "importing"). */
export function JobStatusBadge({ status, words }: { status: JobStatus; words?: Partial<Record<JobStatus, string>> }) {
  return <Badge tone={TONES[status]}>{words?.[status] ?? WORDS[status]}</Badge>;
}
