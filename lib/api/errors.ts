/** Every problem the API can answer with, and its HTTP status: the one table. */
export const PROBLEMS = {
  'bad-request': { status: 400, title: 'Bad request' },
  'invalid-json': { status: 400, title: 'Malformed JSON body' },
  'validation-failed': { status: 422, title: 'Validation failed' },
  unauthorized: { status: 401, title: 'Authentication required' },
  'invalid-credentials': { status: 401, title: 'Invalid credentials' },
  'invalid-code': { status: 400, title: 'Invalid or expired link' },
  'account-inactive': { status: 403, title: 'Account not active' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

export type FieldError = { path: string; message: string };

/** Thrown anywhere below a route handler; the API wrapper turns it into application/problem+json. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? PROBLEMS[code].title);
    this.name = 'ApiError';
    this.status = PROBLEMS[code].status;
    this.title = PROBLEMS[code].title;
  }
}
