import { fieldErrors } from '@/lib/api/problem';
import { ApiError } from '@/lib/api/errors';
import { formFailure, type FormFailure } from '@/lib/form-result';
import type { resetPasswordSchema } from '@/lib/schemas/passwords';
import { requestOrigin } from '@/app/request-origin';

/** How choosing a password with a mailed code (reset link, invitation) went, for the page to show. */
export type ChoosePasswordOutcome = { status: 'done' } | { status: 'dead-link' } | { status: 'refused'; failure: FormFailure };

type Actor = { address: string; userAgent: string | null };

/** The shared half of the reset and invitation actions: parse, choose, and turn the errors into what the form shows. */
export async function choosePasswordWithCode(
  input: unknown,
  schema: typeof resetPasswordSchema,
  choose: (code: string, password: string, actor: Actor) => Promise<void>,
): Promise<ChoosePasswordOutcome> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    // A missing or mangled code is a dead link like any other.
    if (errors.some(({ path }) => path === 'code')) return { status: 'dead-link' };
    return { status: 'refused', failure: { message: 'Check the highlighted fields.', fieldErrors: errors } };
  }
  try {
    await choose(parsed.data.code, parsed.data.password, await requestOrigin());
    return { status: 'done' };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid-code') return { status: 'dead-link' };
    return { status: 'refused', failure: formFailure(error) };
  }
}
