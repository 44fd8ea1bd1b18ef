import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { FormFailure } from '@/lib/form-result';
import { isUserFormField, type UserFormValues } from './user-form-values';

/** Shows a server action's refusal on the form: each field error beside its field, the summary on top. */
export function showFormFailure<TOutput extends FieldValues>(form: UseFormReturn<UserFormValues, unknown, TOutput>, failure: FormFailure) {
  let focused = false;
  for (const { path, message } of failure.fieldErrors) {
    // "scope.2" is the third scope: its message goes beside the scopes.
    const field = path.split('.')[0];
    if (!isUserFormField(field)) continue;
    form.setError(field, { type: 'server', message }, { shouldFocus: !focused });
    focused = true;
  }
  form.setError('root.server', { type: 'server', message: failure.message });
}
