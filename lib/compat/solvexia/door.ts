import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { bearerSecret, type Door } from '../../api/door';
import type { ApiError } from '../../api/errors';
import { jsonErrorParts, messageWithFields, vendorStatus } from '../errors';
import { isTokenEndpoint, oauthErrorOf } from './oauth';

/**
 * Solvexia's clients send `Authorization: Bearer <token>`, the token coming from the OAuth
 * client-credentials endpoint. Errors are Solvexia's general error object,
 * `{"message": ..., "supportId": ...}`, with a fresh support id on each error as Solvexia
 * gives one. The token endpoint's errors also carry OAuth's `error` and `error_description`
 * (RFC 6749 §5.2) with OAuth's statuses, so that OAuth client libraries read them too.
 */
export const SOLVEXIA_DOOR: Door = {
  // HTTP Basic is how OAuth clients may authenticate to the token endpoint, which reads it itself.
  readSecret: (headers) => {
    const header = headers.get('authorization');
    return header !== null && /^Basic\s/i.test(header) ? null : bearerSecret(header);
  },
  acceptsSessionCookie: false,
  credentialHint: {
    missing: 'Send the access_token from POST /oauth/token as "Authorization: Bearer <token>".',
    invalid: 'The access token is invalid, expired or revoked.',
  },
  errorParts: (error, pathname) => {
    const message = messageWithFields(error);
    const supportId = randomUUID();
    if (!isTokenEndpoint(pathname)) return { ...jsonErrorParts(error, { message, supportId }), status: solvexiaStatus(error) };
    const oauth = oauthErrorOf(error);
    const description = oauth.description ?? message;
    return { ...jsonErrorParts(error, { error: oauth.code, error_description: description, message: description, supportId }), status: oauth.status };
  },
  contract: {
    errorBody: z
      .object({
        message: z.string().meta({ description: 'What went wrong, with each refused field.', example: 'User not found.' }),
        supportId: z.string().meta({ description: 'A fresh id for this error, to quote when asking for help.', example: '3f0e9a52-8d1c-4a53-9d7e-2b1f4c6a7e10' }),
        error: z.string().optional().meta({ description: 'The token endpoint only: the OAuth 2.0 error code (RFC 6749 §5.2).', example: 'invalid_client' }),
        error_description: z.string().optional().meta({ description: 'The token endpoint only: the message again, where OAuth clients read it.' }),
      })
      .meta({ id: 'SolvexiaError' }),
    errorMediaType: 'application/json',
    securitySchemes: {
      solvexiaOAuth: {
        type: 'oauth2',
        description: 'OAuth 2.0 client credentials: your access key id and secret at `POST /compat/solvexia/oauth/token` give an access_token, sent as `Authorization: Bearer <token>`.',
        flows: { clientCredentials: { tokenUrl: '/compat/solvexia/oauth/token', scopes: {} } },
      },
    },
  },
};

/**
 * Solvexia documents 200, 400 (input invalid or malformed), 403, 404 and 500: a taken email and
 * a body in the wrong format are invalid input there. 401 (a missing or expired token, on
 * which OAuth clients fetch a new one), 405 and 429 keep their own statuses.
 */
function solvexiaStatus(error: ApiError): number {
  return error.code === 'conflict' || error.code === 'unsupported-media-type' ? 400 : vendorStatus(error);
}
