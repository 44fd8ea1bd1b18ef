import { randomUUID } from 'node:crypto';
import { bearerSecret, type Door } from '../../api/door';
import { jsonErrorParts, messageWithFields } from '../errors';

/**
 * Solvexia's clients send `Authorization: Bearer <token>`, the token coming from the OAuth
 * client-credentials endpoint. Errors are Solvexia's general error object,
 * `{"message": ..., "supportId": ...}`, with a fresh support id on each error as Solvexia
 * gives one.
 */
export const SOLVEXIA_DOOR: Door = {
  readSecret: (headers) => bearerSecret(headers.get('authorization')),
  acceptsSessionCookie: false,
  credentialHint: {
    missing: 'Send the access_token from POST /oauth/token as "Authorization: Bearer <token>".',
    invalid: 'The access token is invalid, expired or revoked.',
  },
  errorParts: (error) => jsonErrorParts(error, { message: messageWithFields(error), supportId: randomUUID() }),
};
