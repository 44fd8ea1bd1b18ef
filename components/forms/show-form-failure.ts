import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { FormFailure } from '@/lib/pages/form-result';

/**
 * Shows a server action's refusal on a form: each field error beside its field, by the path's
 * first part ("scope.2" goes beside the scopes), the first one focused; and the summary on top.
 * Small forms (`summary: 'unless-marked'`) show the summary only when no field carries the
 * reason, such as "try again in 10 minutes".
 */
export function showFormFailure<T extends FieldValues, TOutput extends FieldValues>(
  form: UseFormReturn<T, unknown, TOutput>,
  failure: FormFailure,
  fields: readonly Path<T>[],
  { summary = 'always' }: { summary?: 'always' | 'unless-marked' } = {},
) {
  const marked = failure.fieldErrors.flatMap(({ path, message }) => {
    const field = fields.find((name) => name === path.split('.')[0]);
    return field ? [{ field, message }] : [];
  });
  marked.forEach(({ field, message }, index) => form.setError(field, { type: 'server', message }, { shouldFocus: index === 0 }));
  if (summary === 'always' || marked.length === 0) form.setError('root.server', { type: 'server', message: failure.message });
}
