import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ImportRowOutcome } from '@/lib/imports';

export const OUTCOME_LABELS: Record<ImportRowOutcome, { tone: BadgeTone; text: string; plural: string }> = {
  created: { tone: 'green', text: 'created', plural: 'Created' },
  updated: { tone: 'indigo', text: 'updated', plural: 'Updated' },
  unchanged: { tone: 'neutral', text: 'unchanged', plural: 'Unchanged' },
  error: { tone: 'red', text: 'error', plural: 'Errors' },
};

export function OutcomeBadge({ outcome }: { outcome: ImportRowOutcome }) {
  return <Badge tone={OUTCOME_LABELS[outcome].tone}>{OUTCOME_LABELS[outcome].text}</Badge>;
}
