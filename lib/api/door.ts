import type { z } from 'zod';
import { ApiError } from './errors';
import { problemParts, problemSchema, PROBLEM_CONTENT_TYPE } from './problem';

/** How a door's callers authenticate, as the OpenAPI document says it. */
export type SecurityScheme =
  | { type: 'http'; scheme: 'bearer'; description: string }
  | { type: 'apiKey'; in: 'header'; name: string; description: string }
  | { type: 'oauth2'; description: string; flows: { clientCredentials: { tokenUrl: string; scopes: Record<string, string> } } };

/**
 * A door into Gatehouse: how its callers send their credential and how it answers errors.
 * `/api/v1` is one door (problem+json); each vendor dialect under `/compat` is another
 * (lib/compat). Behind every door the same pipeline runs: authenticate, check the access
 * matrix, parse with zod, call `lib/`.
 */
export type Door = {
  /** The secret the caller sent (a token or an access key), null when none; throws an ApiError when the header is malformed. */
  readSecret(headers: Headers): string | null;
  /** Browser session cookies identify callers on safe methods: the /api/v1 door only, as vendor clients are scripts. */
  acceptsSessionCookie: boolean;
  /** What a 401 tells the caller to send, and its WWW-Authenticate challenge. */
  credentialHint: { missing: string; invalid: string; challenge?: string; invalidChallenge?: string };
  /** The door's error body and headers for an error. */
  errorParts(error: ApiError, pathname: string): ErrorParts;
  /** What the OpenAPI document says of the door: its error body and how callers send their credential. */
  contract: { errorBody: z.ZodType; errorMediaType: string; securitySchemes: Record<string, SecurityScheme> };
};

export type ErrorParts = { status: number; headers: Record<string, string>; body: string };

/** Reads `Authorization: Bearer <secret>`; any other scheme is malformed. */
export function bearerSecret(header: string | null): string | null {
  if (header === null) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError('unauthorized', 'Send the credential as "Authorization: Bearer <token>".', { headers: { 'www-authenticate': 'Bearer error="invalid_request"' } });
  return match[1];
}

/** The /api/v1 door: bearer tokens or the session cookie, errors in problem+json. */
export const API_DOOR: Door = {
  readSecret: (headers) => bearerSecret(headers.get('authorization')),
  acceptsSessionCookie: true,
  credentialHint: {
    missing: 'Send a valid bearer token in the Authorization header.',
    invalid: 'The bearer token is invalid, expired or revoked.',
    challenge: 'Bearer',
    invalidChallenge: 'Bearer error="invalid_token"',
  },
  errorParts: (error, pathname) => problemParts(error, pathname),
  contract: {
    errorBody: problemSchema,
    errorMediaType: PROBLEM_CONTENT_TYPE,
    securitySchemes: {
      apiToken: { type: 'http', scheme: 'bearer', description: 'An API token from `POST /api/v1/auth/token`, sent as `Authorization: Bearer <token>`. It expires; sign in again for a new one.' },
      accessKey: { type: 'http', scheme: 'bearer', description: 'Your access key (`GET /api/v1/me/access-key`), sent the same way: `Authorization: Bearer <key>`. It does not expire; rotate it to end it.' },
    },
  },
};

