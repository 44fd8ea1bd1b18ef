import type { ImportRowOutcome } from '@/lib/imports';
import { cn } from '@/lib/pages/cn';
import { formatCount } from '@/lib/pages/format';
import { OUTCOME_LABELS } from './outcome-badge';

const OUTCOMES: ImportRowOutcome[] = ['created', 'updated', 'unchanged', 'error'];

/** Rows per outcome, one tile each; `label` names the list for screen readers. */
export function ImportCounts({ counts, label }: { counts: Record<ImportRowOutcome, number>; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {OUTCOMES.map((outcome) => (
        <div key={outcome} className={cn('rounded-lg border bg-white px-4 py-3 shadow-sm', outcome === 'error' && counts.error > 0 ? 'border-red-200' : 'border-slate-200')}>
          <dt className="text-xs font-medium text-slate-600">{OUTCOME_LABELS[outcome].plural}</dt>
          <dd data-testid={`count-${outcome}`} className={cn('mt-1 text-2xl font-semibold tabular-nums', outcome === 'error' && counts.error > 0 ? 'text-red-700' : 'text-slate-900')}>
            {formatCount(counts[outcome])}
          </dd>
        </div>
      ))}
    </dl>
  );
}
