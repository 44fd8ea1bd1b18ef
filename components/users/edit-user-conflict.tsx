'use client';

import { Button } from '@/components/ui/button';
import { formValueText, USER_FORM_LABELS, type UserFormField, type UserFormValues } from '@/lib/users/form-values';

/**
 * Shown when a save found the user changed by someone else: what differs between their saved
 * version and this form, and an explicit choice. Nothing is overwritten without it.
 */
export function EditUserConflict({
  message,
  fields,
  saved,
  mine,
  onLoadSaved,
  onKeepMine,
}: {
  message: string;
  fields: UserFormField[];
  saved: UserFormValues;
  mine: UserFormValues;
  onLoadSaved: () => void;
  onKeepMine: () => void;
}) {
  const shown = (field: UserFormField, values: UserFormValues) => formValueText(field, values) || '(empty)';
  return (
    <div role="alert" aria-label="Edit conflict" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
      <p className="font-semibold">{message}</p>
      {fields.length > 0 ? (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-left">
            <caption className="sr-only">Fields that differ</caption>
            <thead className="text-xs text-amber-900 uppercase">
              <tr>
                <th scope="col" className="py-1 pr-4 font-semibold">
                  Field
                </th>
                <th scope="col" className="py-1 pr-4 font-semibold">
                  Saved now
                </th>
                <th scope="col" className="py-1 font-semibold">
                  Your edit
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-amber-200">
              {fields.map((field) => (
                <tr key={field}>
                  <th scope="row" className="py-1.5 pr-4 font-medium whitespace-nowrap">
                    {USER_FORM_LABELS[field]}
                  </th>
                  <td className="py-1.5 pr-4 break-all">{shown(field, saved)}</td>
                  <td className="py-1.5 break-all">{shown(field, mine)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-1">Their version has the same values as your edit.</p>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        <Button variant="secondary" onClick={onLoadSaved}>
          Discard my edit, load the saved version
        </Button>
        <Button variant="secondary" onClick={onKeepMine}>
          Keep my edit (save again to replace theirs)
        </Button>
      </div>
    </div>
  );
}
