import { z } from 'zod';
import { bearerSecret, type Door } from '../../api/door';
import { ApiError } from '../../api/errors';
import { jsonErrorParts, messageWithFields } from '../errors';
import { toTelmFieldErrors } from './mapping';

/**
 * telm.ai's document names the header `Authentication: Bearer <token>`; the usual
 * `Authorization` works too (the first one sent wins). Errors are `{"message": ...}`, the
 * shape of the document's success answers, naming fields as the caller sent them.
 */
export const TELM_DOOR: Door = {
  readSecret: (headers) => bearerSecret(headers.get('authentication') ?? headers.get('authorization')),
  acceptsSessionCookie: false,
  credentialHint: {
    missing: 'Send the access_token from POST /api/auth/auth/token as "Authentication: Bearer <token>".',
    invalid: 'The access token is invalid, expired or revoked.',
  },
  errorParts: (error) => jsonErrorParts(error, { message: messageWithFields(inTelmTerms(error)) }),
  contract: {
    errorBody: z.object({ message: z.string().meta({ description: 'What went wrong, naming fields as the caller sent them.', example: 'User not found' }) }).meta({ id: 'TelmError' }),
    errorMediaType: 'application/json',
    securitySchemes: {
      telmToken: { type: 'apiKey', in: 'header', name: 'Authentication', description: 'The access_token from `POST /compat/telm/api/auth/auth/token`, as `Authentication: Bearer <token>` (`Authorization` works too).' },
    },
  },
};

function inTelmTerms(error: ApiError): ApiError {
  const { errors, headers } = error.options;
  return errors ? new ApiError(error.code, error.detail, { headers, errors: toTelmFieldErrors(errors) }) : error;
}
