import { forbidden, notFound } from 'next/navigation';
import { ApiError, type FieldError } from './api/errors';

/** What a server action tells a form when it did not save: a summary and the fields to mark. */
export type FormFailure = { message: string; fieldErrors: FieldError[] };

/**
 * The form-facing side of an ApiError a `lib/` function threw: bad input (400, 409, 422, or
 * any error naming a field, such as an unknown tenant in a select) or a rate limit (429,
 * whose message says how long to wait). An object the caller may not reach (404, 403)
 * becomes Next's not-found or forbidden answer, as on the API, so another tenant's ids
 * answer like unknown ones. Anything else is not the user's to fix and is thrown on to the
 * error page.
 */
export function formFailure(error: unknown): FormFailure {
  if (!(error instanceof ApiError)) throw error;
  const fieldErrors = error.options.errors ?? [];
  if (fieldErrors.length) return { message: 'Check the highlighted fields.', fieldErrors };
  if (error.status === 404) notFound();
  if (error.status === 403) forbidden();
  if ([400, 409, 422, 429].includes(error.status)) return { message: error.detail ?? error.title, fieldErrors };
  throw error;
}
