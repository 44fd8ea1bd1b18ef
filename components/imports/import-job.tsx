import { JobStatusBadge } from '@/components/ui/job-status-badge';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { BulkJobStatus } from '@/lib/jobs/jobs';
import { formatCount } from '@/lib/pages/format';

/** An import job as its pages show it: the parts the progress bar, the badge and the summary read. */
export type ImportJob = Pick<BulkJobStatus, 'id' | 'status' | 'stepsDone' | 'stepsTotal' | 'counts' | 'cancelRequested' | 'error'>;

export function isImportRunning(job: Pick<ImportJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'in-progress';
}

/** The rows done out of the file's rows, read as "120 of 1,000 rows". */
export function ImportProgressBar({ job, label, size }: { job: ImportJob; label: string; size?: 'large' | 'small' }) {
  return (
    <ProgressBar
      value={job.stepsDone}
      max={job.stepsTotal}
      label={label}
      valueText={`${formatCount(Math.min(job.stepsDone, job.stepsTotal))} of ${formatCount(job.stepsTotal)} rows`}
      status={job.status}
      size={size}
    />
  );
}

export function ImportStatusBadge({ status }: { status: ImportJob['status'] }) {
  return <JobStatusBadge status={status} words={{ 'in-progress': 'importing' }} />;
}

/** The job's outcome counts so far, zero for an outcome no row had yet. */
export function importCounts(job: Pick<ImportJob, 'counts'>) {
  const count = (outcome: string) => job.counts[outcome] ?? 0;
  return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), error: count('error') };
}

function rows(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'row' : 'rows'}`;
}

function users(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'user' : 'users'}`;
}

/** "Imported 9,998 users; 2 rows had errors." and the like: what the job did, in one sentence. */
export function importSummary(job: ImportJob): string {
  const { created, updated, unchanged, error } = importCounts(job);
  const parts = [`Imported ${users(created)}${job.status === 'completed' ? '' : ' before it stopped'}`];
  if (updated) parts.push(`updated ${users(updated)}`);
  if (unchanged) parts.push(`${rows(unchanged)} unchanged`);
  if (error) parts.push(`${rows(error)} had errors`);
  return `${parts.join('; ')}.`;
}
