import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { FormFailure } from '@/lib/form-result';

/**
 * Shows a server action's refusal on a small form: each field error beside its field (the
 * first one focused); the message on top only when no field carries the reason, such as
 * "try again in 10 minutes".
 */
export function showFormFailure<T extends FieldValues, TOutput extends FieldValues>(form: UseFormReturn<T, unknown, TOutput>, failure: FormFailure, fields: readonly Path<T>[]) {
  const shown = failure.fieldErrors.filter(({ path }) => fields.includes(path as Path<T>));
  shown.forEach(({ path, message }, index) => form.setError(path as Path<T>, { type: 'server', message }, { shouldFocus: index === 0 }));
  if (shown.length === 0) form.setError('root.server', { type: 'server', message: failure.message });
}
