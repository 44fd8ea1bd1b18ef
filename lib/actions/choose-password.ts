import { ApiError } from '../api/errors';
import { refused, type FormFailure } from '@/lib/pages/form-result';

/**
 * Chooses a password with a mailed code (reset link, invitation, sign-up). A dead code is
 * refused on the `code` field, as a mangled one is by the schema: the form has no such field,
 * and says the link is dead instead.
 */
export async function chooseWithCode(choose: () => Promise<unknown>) {
  try {
    await choose();
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'invalid-code') throw error;
    const message = error.detail ?? error.title;
    return refused(message, [{ path: 'code', message }]);
  }
}

/** Whether a refusal says the mailed link is dead (see chooseWithCode). */
export function isDeadLink(failure: FormFailure): boolean {
  return failure.fieldErrors.some(({ path }) => path === 'code');
}
