import { z } from 'zod';
import { ApiError, type FieldError } from './errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The body of every /api/v1 error (RFC 9457). */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'Where the problem is explained: a section of the API reference, `/docs/api#problem-<code>`.', example: '/docs/api#problem-not-found' }),
    title: z.string().meta({ description: 'The problem in a few words; the same for every answer of this type.', example: 'Not found' }),
    status: z.int().meta({ description: 'The HTTP status, repeated.', example: 404 }),
    detail: z.string().meta({ description: 'What went wrong with this request, for people.', example: 'There is no such user.' }),
    instance: z.string().optional().meta({ description: 'The path that was called.', example: '/api/v1/users/8d0c5b1e' }),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ description: 'The field, `query.<name>` or `params.<name>` for the address; dotted for nested fields.', example: 'email' }),
          message: z.string().meta({ example: 'Enter a valid email address.' }),
        }),
      )
      .optional()
      .meta({ description: 'Each field that was refused, with why.' }),
  })
  .meta({ id: 'Problem', description: 'An error, as RFC 9457 application/problem+json.' });

/** RFC 9457 body and headers. `type` points at the problem's entry in the API reference. */
export function problemParts(error: ApiError, instance?: string): { status: number; headers: Record<string, string>; body: string } {
  const body: Record<string, unknown> = {
    type: `/docs/api#problem-${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail ?? error.title,
  };
  if (instance) body.instance = instance;
  if (error.options.errors) body.errors = error.options.errors;
  return { status: error.status, headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...error.options.headers }, body: JSON.stringify(body) };
}

export function problemResponse(error: ApiError, instance?: string): Response {
  const { status, headers, body } = problemParts(error, instance);
  return new Response(body, { status, headers });
}

export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const segments = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
    // Zod reports unknown keys on the parent object; name each key so the caller sees which one.
    if (issue.code === 'unrecognized_keys') {
      return { path: [...segments, issue.keys.join(',')].join('.'), message: `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` };
    }
    return { path: segments.join('.'), message: issue.message };
  });
}

/** Any thrown value as a problem; unexpected ones are logged and answered with a bare 500. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  console.error('Unhandled API error', error);
  return new ApiError('internal', 'Something went wrong on our side.');
}
