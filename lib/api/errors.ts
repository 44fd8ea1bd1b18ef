/**
 * Every problem the API can answer with, and its HTTP status: the one table. `explanation` and
 * `remedy` are shown on /docs/api, where each problem's `type` points.
 */
export const PROBLEMS = {
  'bad-request': {
    status: 400,
    title: 'Bad request',
    explanation: 'The request could not be understood as sent: a query parameter, header or path segment has a form the server does not accept.',
    remedy: 'Read the detail, correct the named part of the request and send it again.',
  },
  'invalid-json': {
    status: 400,
    title: 'Malformed JSON body',
    explanation: 'The body is not valid JSON, so the server could not read it at all.',
    remedy: 'Send a well-formed JSON body (check quotes, commas and brackets) with Content-Type: application/json.',
  },
  'validation-failed': {
    status: 422,
    title: 'Validation failed',
    explanation: 'The body is valid JSON but some fields break the rules: a missing field, a wrong type, a value too long, or a field the endpoint does not know.',
    remedy: 'Look at the errors list in the answer: each entry names a field by its path and says what is wrong with it. Fix those fields and send again.',
  },
  unauthorized: {
    status: 401,
    title: 'Authentication required',
    explanation: 'The request carries no credentials, or a token or access key that has expired, was revoked or never existed.',
    remedy: 'Sign in with POST /api/v1/auth/token and send the token as Authorization: Bearer <token>, or send a valid access key.',
  },
  'invalid-credentials': {
    status: 401,
    title: 'Invalid credentials',
    explanation: 'The email or username and password do not match an account. For safety the answer does not say which one was wrong.',
    remedy: 'Check the sign-in name and password. If the password is forgotten, use POST /api/v1/password/forgot.',
  },
  'invalid-code': {
    status: 400,
    title: 'Invalid or expired link',
    explanation: 'The one-time code from a mail (password reset, invitation or sign-up confirmation) is wrong, was already used, or has expired.',
    remedy: 'Ask for a new mail (for example POST /api/v1/password/forgot) and use the code it contains, once.',
  },
  'account-inactive': {
    status: 403,
    title: 'Account not active',
    explanation: 'The account exists but may not sign in now: it is suspended, locked, being deleted, or still waiting for its first password.',
    remedy: 'Ask an administrator to reactivate the account; an invited user should first set a password from the invitation mail.',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    explanation: 'You are signed in, but your scope or role does not allow this operation.',
    remedy: 'Use an account that holds the needed scope or role (see /docs/access for who may do what), or ask an administrator to grant it.',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    explanation: 'Nothing exists at this address, or it exists but is outside what you may see (another tenant’s user answers the same way).',
    remedy: 'Check the id and the path. If you listed it a moment ago, someone may have deleted it since.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    explanation: 'The path exists but does not accept this HTTP method.',
    remedy: 'Use one of the methods listed in the Allow header of the answer.',
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    explanation: 'The change clashes with the current state: for example the email or username is already taken, or the user is being deleted.',
    remedy: 'Read the detail, re-read the resource, and choose another value or wait for the other operation to finish.',
  },
  'precondition-failed': {
    status: 412,
    title: 'Precondition failed',
    explanation: 'You sent If-Match with an ETag, and the resource has changed since you read it: saving would overwrite someone else’s edit.',
    remedy: 'Re-read the resource, apply your change to what it holds now, and send it again with its current ETag in If-Match.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload too large',
    explanation: 'The request body is bigger than the server accepts for this endpoint.',
    remedy: 'Send a smaller body; for many users, split the work into several requests.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    explanation: 'The body was sent with a Content-Type the endpoint does not read.',
    remedy: 'Send the body as JSON with the header Content-Type: application/json.',
  },
  'too-many-requests': {
    status: 429,
    title: 'Too many requests',
    explanation: 'Too many attempts in a short time, from this address or for this account (sign-in and sign-up are throttled to stop password guessing).',
    remedy: 'Wait the number of seconds given in the Retry-After header, then try again.',
  },
  internal: {
    status: 500,
    title: 'Internal server error',
    explanation: 'Something failed on the server side; your request may be perfectly fine.',
    remedy: 'Try again a little later. If it keeps happening, tell the operator the time of the request so they can find it in the server log.',
  },
  'service-unavailable': {
    status: 503,
    title: 'Service unavailable',
    explanation: 'The server cannot answer right now, for example because its database is unreachable or busy.',
    remedy: 'Wait and try again; honour Retry-After when the answer has one. If it lasts, tell the operator.',
  },
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
