import type { FieldError } from '@/lib/api/errors';

/**
 * What every server action answers (see lib/actions/server-action.ts): `{ ok: true, ... }`, or
 * a refusal for the form to show: a summary and the fields to mark.
 */
export type FormFailure = { ok: false; message: string; fieldErrors: FieldError[] };
export type FormResult<T extends object = object> = ({ ok: true } & T) | FormFailure;

/** The summary of a refusal that names fields: the reasons sit beside them. */
export const CHECK_THE_FIELDS = 'Check the highlighted fields.';

/** A refusal an action decides on itself, such as "someone else deleted it meanwhile". */
export function refused(message: string, fieldErrors: FieldError[] = []): FormFailure {
  return { ok: false, message, fieldErrors };
}
